import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { systemContext } from '@chanjiao/core';
import { RollupService } from '@chanjiao/indicators';
import {
  chinaToday,
  insertConsortium,
  insertOrganization,
  referenceRollup,
  RefNode,
  RefPoint,
  RefReport,
  RefResult,
  startTestStack,
  TestStack,
} from '@chanjiao/testing';

const NUMERIC_AGGREGATIONS = ['sum', 'mean', 'min', 'max', 'latest', 'weighted_mean'] as const;
const BOOLEAN_AGGREGATIONS = ['count_true', 'all_true', 'any_true', 'latest'] as const;
const ORGANIZATIONS = 6;

/** A random framework: groups of numeric, yes/no, weighted and ratio points over one weight point. */
const frameworkArbitrary = fc
  .array(
    fc.record({
      weight: fc.integer({ min: 0, max: 3 }),
      points: fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('numeric' as const),
            aggregation: fc.constantFrom(...NUMERIC_AGGREGATIONS),
            direction: fc.constantFrom('higher_better' as const, 'lower_better' as const),
            target: fc.option(fc.integer({ min: 1, max: 2500 }), { nil: undefined }),
            weight: fc.integer({ min: 0, max: 3 }),
          }),
          fc.record({
            kind: fc.constant('boolean' as const),
            aggregation: fc.constantFrom(...BOOLEAN_AGGREGATIONS),
            target: fc.option(fc.boolean(), { nil: undefined }),
            countTarget: fc.integer({ min: 1, max: 6 }),
            veto: fc.boolean(),
            weight: fc.integer({ min: 0, max: 3 }),
          }),
          fc.record({
            kind: fc.constant('ratio' as const),
            target: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
            weight: fc.integer({ min: 0, max: 3 }),
          }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((groups) => {
    const tree: RefNode[] = [
      {
        code: 'W',
        weight: 0,
        children: [
          { code: 'W.n', weight: 0, point: numeric('W.n', 'sum', 'higher_better', undefined) },
          { code: 'W.d', weight: 0, point: numeric('W.d', 'sum', 'higher_better', undefined) },
        ],
      },
    ];
    groups.forEach((group, g) => {
      tree.push({
        code: `G${g}`,
        weight: group.weight,
        children: group.points.map((spec, p) => {
          const code = `G${g}.${p}`;
          if (spec.kind === 'numeric') {
            const point = numeric(code, spec.aggregation, spec.direction, spec.target);
            if (spec.aggregation === 'weighted_mean') point.weightBy = 'W.d';
            return { code, weight: spec.weight, point };
          }
          if (spec.kind === 'ratio') {
            return {
              code,
              weight: spec.weight,
              point: {
                code,
                valueType: 'percent',
                direction: 'higher_better',
                aggregation: 'ratio',
                numerator: 'W.n',
                denominator: 'W.d',
                reporter: 'derived',
                target: spec.target,
              } satisfies RefPoint,
            };
          }
          const counting = spec.aggregation === 'count_true';
          return {
            code,
            weight: spec.weight,
            point: {
              code,
              valueType: 'boolean',
              direction: 'higher_better',
              aggregation: spec.aggregation,
              reporter: 'school',
              target: counting ? spec.countTarget : spec.target,
              veto: !counting && spec.veto,
            } satisfies RefPoint,
          };
        }),
      });
    });
    return tree;
  });

function numeric(
  code: string,
  aggregation: string,
  direction: 'higher_better' | 'lower_better',
  target?: number,
): RefPoint {
  return { code, valueType: 'number', direction, aggregation, reporter: 'school', target };
}

/** For each reported point and each organization: no report, or a value of the point's type. */
const reportsArbitrary = (tree: RefNode[]) => {
  const points = tree
    .flatMap((group) => group.children ?? [])
    .map((n) => n.point as RefPoint)
    .filter((point) => point.reporter !== 'derived');
  return fc
    .tuple(
      ...points.map((point) =>
        fc.array(
          fc.option(
            (point.valueType === 'boolean' ? fc.boolean() : fc.integer({ min: -20, max: 500 })) as fc.Arbitrary<
              number | boolean
            >,
            { freq: 3 },
          ),
          { minLength: ORGANIZATIONS, maxLength: ORGANIZATIONS },
        ),
      ),
    )
    .map((columns) => ({ points, columns }));
};

function documentOf(code: string, tree: RefNode[]) {
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
            ...(n.point.numerator ? { numerator: n.point.numerator, denominator: n.point.denominator } : {}),
            ...(n.point.target !== undefined ? { target: n.point.target } : {}),
            veto: n.point.veto === true,
          },
        }
      : { children: (n.children ?? []).map(node) }),
  });
  return { code, name: { 'zh-CN': '随机指标体系', en: 'Random framework' }, nodes: tree.map(node) };
}

type RollupResult = Awaited<ReturnType<RollupService['runFull']>>['result'];

/** Values, statuses, scores, the overall score and the veto of a roll-up equal the reference's. */
function expectReference(result: RollupResult, expected: RefResult): void {
  const nodes = result.nodes;
  for (const [pointCode, value] of Object.entries(expected.values)) {
    const actual = nodes[pointCode].value;
    if (typeof value === 'number') expect(actual as number).toBeCloseTo(value, 6);
    else expect({ pointCode, actual }).toEqual({ pointCode, actual: value });
    expect({ pointCode, status: nodes[pointCode].status }).toEqual({ pointCode, status: expected.status[pointCode] });
  }
  for (const [nodeCode, score] of Object.entries(expected.score)) {
    if (score === null) expect({ nodeCode, score: nodes[nodeCode].score }).toEqual({ nodeCode, score: null });
    else expect(nodes[nodeCode].score as number).toBeCloseTo(score, 6);
  }
  if (expected.overall === null) expect(result.overall.score).toBeNull();
  else expect(result.overall.score as number).toBeCloseTo(expected.overall, 6);
  expect(result.overall.vetoFailed).toEqual(expected.vetoFailed);
}

/**
 * The production roll-up (one set-based SQL statement plus the tree computation) equals the
 * reference written straight from docs/indicators.md, on random frameworks and reports; so
 * does the incremental roll-up after one more approval, which also equals a full roll-up.
 */
jest.setTimeout(180_000);

describe('roll-up: production equals the reference computation (property)', () => {
  let stack: TestStack;
  let owner: Client;
  let consortiumId: string;
  const organizations: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    consortiumId = (await insertConsortium(stack.db.ownerUrl)).id;
    for (let i = 0; i < ORGANIZATIONS; i += 1) {
      organizations.push((await insertOrganization(stack.db.ownerUrl, consortiumId, { type: 'higher_vocational' })).id);
    }
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.close();
  });

  it('agrees on values, statuses, scores and the veto, full and incremental', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        frameworkArbitrary.chain((tree) =>
          fc.tuple(
            fc.constant(tree),
            reportsArbitrary(tree),
            fc.integer({ min: 1, max: 400 }),
            fc.integer({ min: 1, max: 400 }),
            // One approval after the full roll-up: a slot (point × organization) and a value.
            fc.record({ slot: fc.nat(), value: fc.integer({ min: -20, max: 500 }) }),
          ),
        ),
        async ([tree, drawn, daysIn, daysLeft, approval]) => {
          run += 1;
          const code = `PROP-${run}-${randomUUID().slice(0, 6)}`;
          const imported = await stack.admin.post('/api/v1/indicator-frameworks?publish=true', {
            body: documentOf(code, tree),
          });
          expect(imported.status).toBe(201);
          const frameworkId = imported.body.framework.id;
          const period = await stack.admin.post(`/api/v1/consortia/${consortiumId}/indicator-periods`, {
            body: {
              name: code,
              frameworkId,
              startsOn: chinaToday(-daysIn),
              endsOn: chinaToday(daysLeft),
              dueOn: chinaToday(0),
            },
          });
          expect(period.status).toBe(201);
          const reports: RefReport[] = [];
          drawn.points.forEach((point, p) =>
            drawn.columns[p].forEach((value, o) => {
              if (value === null) return;
              reports.push({
                pointCode: point.code,
                organizationId: organizations[o],
                value,
                // Distinct approval times in a shuffled order, so "latest" is not the last inserted.
                approvedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, (reports.length * 7919) % 3600)).toISOString(),
                id: randomUUID(),
              });
            }),
          );
          const insert = (r: RefReport) =>
            owner.query(
              `INSERT INTO indicator_report (id, consortium_id, period_id, framework_id, point_code, organization_id,
                                             value_number, value_boolean, status, approved_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'approved', $9)`,
              [
                r.id,
                consortiumId,
                period.body.id,
                frameworkId,
                r.pointCode,
                r.organizationId,
                typeof r.value === 'number' ? r.value : null,
                typeof r.value === 'boolean' ? r.value : null,
                r.approvedAt,
              ],
            );
          for (const r of reports) await insert(r);
          const rollups = stack.api.get(RollupService);
          const ctx = systemContext({ consortiumId });
          const elapsed = Math.min(1, (daysIn + 1) / (daysIn + daysLeft + 1));
          const rollup = await rollups.runFull(ctx, period.body.id);
          expectReference(rollup.result, referenceRollup(tree, reports, elapsed));

          // One more approval (a changed value, or a new report), approved after all the others:
          // the incremental roll-up equals the reference and a full roll-up of the changed data.
          const point = drawn.points[approval.slot % drawn.points.length];
          const organizationId = organizations[Math.floor(approval.slot / drawn.points.length) % ORGANIZATIONS];
          const approvedAt = new Date(Date.UTC(2026, 0, 1, 2)).toISOString();
          const existing = reports.find((r) => r.pointCode === point.code && r.organizationId === organizationId);
          if (existing) {
            existing.value = typeof existing.value === 'boolean' ? !existing.value : approval.value;
            existing.approvedAt = approvedAt;
            await owner.query(
              `UPDATE indicator_report SET value_number = $2, value_boolean = $3, approved_at = $4 WHERE id = $1`,
              [
                existing.id,
                typeof existing.value === 'number' ? existing.value : null,
                typeof existing.value === 'boolean' ? existing.value : null,
                approvedAt,
              ],
            );
          } else {
            const added: RefReport = {
              pointCode: point.code,
              organizationId,
              value: point.valueType === 'boolean' ? approval.value % 2 === 0 : approval.value,
              approvedAt,
              id: randomUUID(),
            };
            reports.push(added);
            await insert(added);
          }
          const incremental = await rollups.runIncremental(ctx, period.body.id, [point.code]);
          expect(incremental.kind).toBe('incremental');
          expectReference(incremental.result, referenceRollup(tree, reports, elapsed));
          const full = await rollups.runFull(ctx, period.body.id);
          expect(incremental.result.nodes).toEqual(full.result.nodes);
          expect(incremental.result.overall).toEqual(full.result.overall);
        },
      ),
      { numRuns: 60, seed: 20261201 },
    );
  });
});
