import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { systemContext } from '@chanjiao/core';
import { RollupService } from '@chanjiao/indicators';
import {
  chinaToday,
  insertConsortium,
  referenceRollup,
  RefNode,
  RefReport,
  RefResult,
  startTestStack,
  TestStack,
} from '@chanjiao/testing';

/**
 * Benchmark of the roll-up (issue 14): 500 member organizations × 120 points = 60,000
 * approved reports. Measures the production full roll-up (one set-based SQL statement plus
 * the tree computation, snapshot stored), the incremental roll-up after one approval, and
 * the per-report reference loop (each approved report read on its own, as an ORM loop would,
 * then the reference computation of test/support/indicator-reference.ts) on the same data,
 * and checks that all three give the same results. The data is made by a few
 * INSERT … SELECT generate_series statements. Writes its section of docs/benchmarks.md.
 * Run by `npm run bench` or `npm run bench:rollup` (CHANJIAO_BENCH=1).
 */
const ORGANIZATIONS = Number(process.env.BENCH_ROLLUP_ORGANIZATIONS ?? 500);
const GROUPS = 6;
const POINTS_PER_GROUP = 20;
const RUNS = Number(process.env.BENCH_ROLLUP_RUNS ?? 5);
const AGGREGATIONS = ['sum', 'mean', 'max', 'min', 'latest', 'weighted_mean'] as const;
const MARK_START = '<!-- indicators-rollup:start -->';
const MARK_END = '<!-- indicators-rollup:end -->';

jest.setTimeout(1_800_000);

function tree(): RefNode[] {
  const nodes: RefNode[] = [
    {
      code: 'W',
      weight: 0,
      children: [
        {
          code: 'W.g',
          weight: 0,
          point: {
            code: 'W.g',
            valueType: 'number',
            direction: 'higher_better',
            aggregation: 'sum',
            reporter: 'school',
          },
        },
      ],
    },
  ];
  for (let g = 0; g < GROUPS; g += 1) {
    const children: RefNode[] = [];
    for (let p = 0; p < POINTS_PER_GROUP - (g === 0 ? 1 : 0); p += 1) {
      const code = `G${g}.${p}`;
      const boolean = p % 10 === 9;
      const aggregation = boolean ? 'count_true' : AGGREGATIONS[p % AGGREGATIONS.length];
      children.push({
        code,
        weight: 1 + (p % 3),
        point: {
          code,
          valueType: boolean ? 'boolean' : 'number',
          direction: p % 7 === 6 ? 'lower_better' : 'higher_better',
          aggregation,
          ...(aggregation === 'weighted_mean' ? { weightBy: 'W.g' } : {}),
          reporter: 'school',
          target: boolean ? 300 : 50 + p * 10,
        },
      });
    }
    nodes.push({ code: `G${g}`, weight: g + 1, children });
  }
  return nodes;
}

function documentOf(nodes: RefNode[]) {
  const node = (n: RefNode): object => ({
    code: n.code,
    name: { 'zh-CN': `节点${n.code}`, en: `Node ${n.code}` },
    weight: n.weight,
    ...(n.point
      ? {
          point: {
            unit: '',
            valueType: n.point.valueType,
            direction: n.point.direction,
            aggregation: n.point.aggregation,
            reporter: n.point.reporter,
            ...(n.point.weightBy ? { weightBy: n.point.weightBy } : {}),
            ...(n.point.target !== undefined ? { target: n.point.target } : {}),
          },
        }
      : { children: (n.children ?? []).map(node) }),
  });
  return {
    code: `BENCH-${randomUUID().slice(0, 8)}`,
    name: { 'zh-CN': '基准指标体系', en: 'Bench framework' },
    nodes: nodes.map(node),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
type RollupResult = Awaited<ReturnType<RollupService['runFull']>>['result'];

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/** Where a production roll-up differs from the reference (values, statuses, scores, overall, veto). */
function differences(result: RollupResult, expected: RefResult): string[] {
  const out: string[] = [];
  const close = (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b;
  for (const [code, value] of Object.entries(expected.values)) {
    const node = result.nodes[code];
    if (!close(node?.value, value)) out.push(`${code} value ${node?.value} ≠ ${value}`);
    if (node?.status !== expected.status[code]) out.push(`${code} status ${node?.status} ≠ ${expected.status[code]}`);
  }
  for (const [code, score] of Object.entries(expected.score)) {
    if (!close(result.nodes[code]?.score ?? null, score))
      out.push(`${code} score ${result.nodes[code]?.score} ≠ ${score}`);
  }
  if (!close(result.overall.score, expected.overall)) out.push(`overall ${result.overall.score} ≠ ${expected.overall}`);
  if (result.overall.vetoFailed.join() !== expected.vetoFailed.join()) out.push('veto failures differ');
  return out;
}

describe('benchmark: indicator roll-up, 500 organizations × 120 points', () => {
  let stack: TestStack;
  let owner: Client;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.close();
  });

  it('measures full, incremental and reference roll-ups and writes docs/benchmarks.md', async () => {
    const loadBefore = load();
    const generationStarted = performance.now();
    const consortiumId = (await insertConsortium(stack.db.ownerUrl)).id;
    const nodes = tree();
    const imported = await stack.admin.post('/api/v1/indicator-frameworks?publish=true', { body: documentOf(nodes) });
    expect(imported.status).toBe(201);
    const base = `/api/v1/consortia/${consortiumId}`;
    // The period opens through the API before the schools exist; its expected reporters are
    // inserted below with the rest, as the API would derive them (every school × every point).
    const period = await stack.admin.post(`${base}/indicator-periods`, {
      body: {
        name: '基准填报期',
        frameworkId: imported.body.framework.id,
        startsOn: chinaToday(-100),
        endsOn: chinaToday(265),
        dueOn: chinaToday(100),
      },
    });
    expect(period.status).toBe(201);
    const periodId = period.body.id as string;
    // The share of the period elapsed as the roll-up computes it: day 101 of 366.
    const elapsed = 101 / 366;
    const frameworkId = imported.body.framework.id as string;
    const points = nodes.flatMap((n) => n.children ?? []).map((n) => n.point!);
    // Schools, expected reporters and 120 points × 500 schools of approved reports (values from
    // the row numbers: deterministic), each by one INSERT … SELECT. The foreign-key triggers are
    // off while loading (one check per row would take most of the time); the keys are checked
    // after it in one set-based pass.
    await owner.query('BEGIN');
    await owner.query('SET LOCAL session_replication_role = replica');
    await owner.query(
      `INSERT INTO organization (id, consortium_id, type, name, membership_status)
       SELECT gen_random_uuid(), $1, 'higher_vocational', '基准学校' || lpad(i::text, 4, '0'), 'active'
         FROM generate_series(1, $2) AS i`,
      [consortiumId, ORGANIZATIONS],
    );
    await owner.query(
      `INSERT INTO indicator_expected_reporter (consortium_id, period_id, framework_id, point_code, organization_id)
       SELECT $1, $2, $3, p.code, o.id
         FROM organization o CROSS JOIN unnest($4::text[]) AS p (code)
        WHERE o.consortium_id = $1`,
      [consortiumId, periodId, frameworkId, points.map((p) => p.code)],
    );
    await owner.query(
      `INSERT INTO indicator_report (id, consortium_id, period_id, framework_id, point_code, organization_id,
                                     value_number, value_boolean, status, approved_at, first_submitted_at, submitted_at)
       SELECT gen_random_uuid(), $1, $2, $3, p.code, o.id,
              CASE WHEN p.boolean THEN NULL ELSE ((o.n * 37 + p.i * 11) % 500) + 1 END,
              CASE WHEN p.boolean THEN (o.n + p.i) % 3 <> 0 ELSE NULL END,
              'approved', now() - (o.n || ' minutes')::interval, now(), now()
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organization WHERE consortium_id = $1) o
        CROSS JOIN (SELECT code, i, boolean FROM unnest($4::text[], $5::int[], $6::boolean[]) AS t(code, i, boolean)) p`,
      [
        consortiumId,
        periodId,
        frameworkId,
        points.map((p) => p.code),
        points.map((_, i) => i),
        points.map((p) => p.valueType === 'boolean'),
      ],
    );
    await owner.query('COMMIT');
    const { rows: dangling } = await owner.query(
      `SELECT count(*)::int AS n FROM (
         SELECT consortium_id, period_id, framework_id, point_code, organization_id FROM indicator_report
          WHERE consortium_id = $1
         UNION ALL
         SELECT consortium_id, period_id, framework_id, point_code, organization_id FROM indicator_expected_reporter
          WHERE consortium_id = $1) r
        WHERE NOT EXISTS (SELECT 1 FROM organization o WHERE o.consortium_id = r.consortium_id AND o.id = r.organization_id)
           OR NOT EXISTS (SELECT 1 FROM indicator_node n WHERE n.framework_id = r.framework_id AND n.code = r.point_code)
           OR NOT EXISTS (SELECT 1 FROM indicator_period p WHERE p.consortium_id = r.consortium_id AND p.id = r.period_id
                                                            AND p.framework_id = r.framework_id)`,
      [consortiumId],
    );
    expect(dangling[0].n).toBe(0);
    await owner.query('ANALYZE organization');
    await owner.query('ANALYZE indicator_expected_reporter');
    await owner.query('ANALYZE indicator_report');
    const { rows: counted } = await owner.query(
      `SELECT (SELECT count(*)::int FROM indicator_report WHERE consortium_id = $1) AS reports,
              (SELECT count(*)::int FROM indicator_expected_reporter WHERE consortium_id = $1) AS expected`,
      [consortiumId],
    );
    const reportCount = counted[0].reports as number;
    expect(counted[0].expected).toBe(reportCount);
    const generationMs = performance.now() - generationStarted;
    expect(reportCount).toBe(ORGANIZATIONS * points.length);

    const rollups = stack.api.get(RollupService);
    const ctx = systemContext({ consortiumId });
    const full: number[] = [];
    let rollupId = '';
    for (let run = 0; run < RUNS + 1; run += 1) {
      const started = performance.now();
      rollupId = (await rollups.runFull(ctx, periodId)).id;
      if (run > 0) full.push(performance.now() - started); // the first run warms up
    }

    const incremental: number[] = [];
    let lastIncremental: RollupResult | undefined;
    for (let run = 0; run < RUNS + 1; run += 1) {
      const code = points[(run * 7) % points.length].code;
      await owner.query(
        `UPDATE indicator_report SET value_number = value_number + 1, approved_at = now()
          WHERE id = (SELECT id FROM indicator_report WHERE consortium_id = $1 AND point_code = $2 AND value_number IS NOT NULL LIMIT 1)`,
        [consortiumId, code],
      );
      const started = performance.now();
      lastIncremental = (await rollups.runIncremental(ctx, periodId, [code])).result;
      if (run > 0) incremental.push(performance.now() - started);
    }
    // The incremental roll-ups end where a full roll-up of the changed data starts.
    const fullAfter = (await rollups.runFull(ctx, periodId)).result;
    expect(lastIncremental?.nodes).toEqual(fullAfter.nodes);
    expect(lastIncremental?.overall).toEqual(fullAfter.overall);

    // The reference: each approved report read on its own, then computed one report at a time.
    const ids = (
      await owner.query(`SELECT id FROM indicator_report WHERE consortium_id = $1 AND status = 'approved'`, [
        consortiumId,
      ])
    ).rows.map((r: { id: string }) => r.id);
    const referenceStarted = performance.now();
    const reports: RefReport[] = [];
    for (const id of ids) {
      const { rows } = await owner.query(
        `SELECT id, point_code AS "pointCode", organization_id AS "organizationId", value_number AS number,
                value_boolean AS boolean, approved_at AS "approvedAt"
           FROM indicator_report WHERE id = $1`,
        [id],
      );
      const row = rows[0];
      reports.push({
        id: row.id,
        pointCode: row.pointCode,
        organizationId: row.organizationId,
        value: row.number !== null ? Number(row.number) : row.boolean,
        approvedAt: new Date(row.approvedAt).toISOString(),
      });
    }
    const reference = referenceRollup(nodes, reports, elapsed);
    const referenceMs = performance.now() - referenceStarted;
    expect(reference.values['G1.0']).not.toBeNull();
    // Same data, same results: the production roll-up equals the reference.
    expect(differences(fullAfter, reference)).toEqual([]);

    const serverVersion = (await owner.query('SHOW server_version')).rows[0].server_version as string;
    const fullMs = median(full);
    const incrementalMs = median(incremental);
    const speedup = referenceMs / fullMs;
    const code = (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })();
    const section = [
      MARK_START,
      '## Indicator roll-up (issue 14)',
      '',
      `Generated by \`test/bench/indicator-rollup.bench.ts\` (\`npm run bench\` runs it after the HTTP bench; alone:`,
      '`npm run bench:rollup`); re-running replaces this section. Same shared 2-core machine caveats as above.',
      '',
      `- Data: ${ORGANIZATIONS} member schools × ${points.length} observation points = ${reportCount.toLocaleString('en')} approved reports`,
      '  (aggregations sum, mean, max, min, latest, weighted_mean and count_true; 6 dimensions) and as many expected',
      `  reporters, on the application role with row-level security, in the test stack’s PostgreSQL; made in ${(generationMs / 1000).toFixed(1)} s`,
      '  (the framework and the period through the API; schools, expected reporters and reports each by one `INSERT … SELECT`',
      '  over `generate_series`/`unnest`, foreign-key triggers off while loading and the keys checked after it in one pass).',
      `- Full roll-up: \`RollupService.runFull\` — one set-based SQL statement for all points, the tree, the snapshot stored; median of ${RUNS} runs after one warm-up.`,
      `- Incremental: \`RollupService.runIncremental\` after one report of one point changed (that point re-aggregated, its ancestors recomputed); median of ${RUNS} runs after one warm-up.`,
      '- Reference: the per-report loop — each approved report read by its id (one query each, as an ORM loop',
      '  would) and the roll-up computed one report at a time by the reference of `test/support/indicator-reference.ts`.',
      '- Same results: after the incremental runs a full roll-up equals the last incremental one node for node, and equals',
      '  the reference on every value, status, score, the overall score and the veto (checked by the bench).',
      '',
      '| measure | result | target |',
      '| --- | --- | --- |',
      `| full roll-up | ${ms(fullMs)} (runs: ${full.map((v) => v.toFixed(0)).join(', ')} ms) | ≤ 5,000 ms |`,
      `| incremental after one approval | ${ms(incrementalMs)} (runs: ${incremental.map((v) => v.toFixed(0)).join(', ')} ms) | ≤ 200 ms |`,
      `| per-report reference loop | ${ms(referenceMs)} | — |`,
      `| speed-up over the reference | ${speedup.toFixed(1)}× | ≥ 10× |`,
      '',
      `Command: \`${process.env.npm_lifecycle_event === 'bench:rollup' ? 'npm run bench:rollup' : 'CHANJIAO_BENCH=1 npx jest --selectProjects bench'}\`` +
        `${process.env.BENCH_ROLLUP_ORGANIZATIONS ? ` with BENCH_ROLLUP_ORGANIZATIONS=${ORGANIZATIONS}` : ''}` +
        `${process.env.BENCH_ROLLUP_RUNS ? ` BENCH_ROLLUP_RUNS=${RUNS}` : ''}.` +
        ` Machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB,` +
        ` Node.js ${process.version}, PostgreSQL ${serverVersion}; shared with other agents' test runs: load average` +
        ` (1/5/15 min) ${loadBefore} at the start, ${load()} at the end; ${new Date().toISOString()}; code ${code}.`,
      MARK_END,
    ].join('\n');
    const file = resolve(__dirname, '..', '..', process.env.BENCH_OUTPUT ?? 'docs/benchmarks.md');
    const current = (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '# Benchmarks\n';
      }
    })();
    const start = current.indexOf(MARK_START);
    const end = current.indexOf(MARK_END);
    const next =
      start >= 0 && end > start
        ? `${current.slice(0, start)}${section}${current.slice(end + MARK_END.length)}`
        : `${current.trimEnd()}\n\n${section}\n`;
    writeFileSync(file, next);
    process.stdout.write(`${section}\n`);
    expect(rollupId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
