#!/usr/bin/env node
// Talent benchmark: listing and searching 10,000 demand postings through the real API
// (row-level security, validation, keyset pagination, the trigram search) beside a plain
// `pg` client running the same SQL in the same run. Writes its section of
// docs/benchmarks.md (between the talent-bench markers), leaving the rest of the file.
//
//   npm run bench                   (runs scripts/bench.mjs, then this; builds first)
//   node scripts/bench-talent.mjs   (expects dist/)
//
// Settings (environment): DATABASE_URL (owner connection; a fresh database
// chanjiao_bench_talent_<timestamp> is created and dropped; without it an embedded
// PostgreSQL is started), DATABASE_APP_PASSWORD (when the application role already exists
// on that server), BENCH_TALENT_POSTINGS (default 10000), BENCH_TALENT_REQUESTS (measured
// requests per scenario and side, default 400), BENCH_OUTPUT (default docs/benchmarks.md).
//
// Requests are sent one after another (no concurrency), so a figure is the latency of one
// request on an otherwise idle server: the API's answer time against the database time of
// the same query sent by a bare client.

import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const DIST_API = path.join(ROOT, 'dist/apps/api');
const DIST_CLI = path.join(ROOT, 'dist/apps/cli');

const POSTINGS = Number(process.env.BENCH_TALENT_POSTINGS || 10_000);
const REQUESTS = Number(process.env.BENCH_TALENT_REQUESTS || 400);
const WARMUP = 40;
const OUTPUT = path.resolve(ROOT, process.env.BENCH_OUTPUT || 'docs/benchmarks.md');
const START = '<!-- talent-bench:start -->';
const END = '<!-- talent-bench:end -->';
const CONSORTIUM_ID = '00000000-0000-4000-8000-0000000be7c1';
const ADMIN_EMAIL = 'bench-talent-admin@bench.chanjiao.cn';
const USER_EMAIL = 'bench-talent-secretariat@bench.chanjiao.cn';

const log = (message) => process.stderr.write(`[bench-talent] ${message}\n`);
const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

async function withClient(url, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const TITLES = [
  '工业机器人运维工程师',
  '自动化控制工程师',
  '机电设备维修技术员',
  'MES 实施工程师',
  '品质检验员',
  '软件测试工程师',
  '数控加工技师',
  '仓储物流专员',
  '电气工程师',
  '视觉算法工程师',
  '焊接技师',
  '设备操作实习生',
];
const DESCRIPTIONS = [
  '负责焊接机器人工作站的点检与故障排除',
  '参与产线自动化改造项目的电气设计与调试',
  '完成来料、过程与成品检验并分析质量数据',
  '负责制造执行系统的实施与数据对接',
  '维护数控设备并优化加工程序',
  '负责仓库收发存管理和 WMS 系统操作',
];
const SKILLS = [
  'plc编程',
  '工业机器人操作',
  '电气制图',
  '数控加工',
  '质量检验',
  'python',
  'sql',
  '视觉检测',
  '焊接',
  '5s管理',
  '机械装配',
  '叉车操作',
];
const TYPES = ['full_time', 'full_time', 'full_time', 'internship', 'apprenticeship', 'order_class'];
const STATUSES = ['published', 'published', 'published', 'published', 'draft', 'filled', 'expired', 'closed'];

/** 10,000 postings of 50 enterprises, written as the owner under the tenant setting. */
async function seed(ownerUrl) {
  await withClient(ownerUrl, async (c) => {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.consortium_id', $1, true)`, [CONSORTIUM_ID]);
    await c.query(
      `INSERT INTO consortium (id, code, name, province, city, status)
                   VALUES ($1, 'BENCH-TALENT', '基准测试联合体', '江苏省', '苏州市', 'under_construction')`,
      [CONSORTIUM_ID],
    );
    const orgs = [];
    for (let i = 0; i < 50; i += 1) {
      const id = randomUUID();
      orgs.push(id);
      const credit = `913205${String(100000000000 + i)}`;
      await c.query(
        `INSERT INTO organization (id, consortium_id, type, name, credit_code, membership_status)
                     VALUES ($1, $2, 'enterprise', $3, $4, 'active')`,
        [id, CONSORTIUM_ID, `基准企业${i}`, credit],
      );
    }
    const rows = [];
    for (let i = 0; i < POSTINGS; i += 1) {
      const title = TITLES[i % TITLES.length];
      const description = DESCRIPTIONS[(i * 7) % DESCRIPTIONS.length];
      const skills = [SKILLS[i % SKILLS.length], SKILLS[(i * 5 + 3) % SKILLS.length]];
      const status = STATUSES[i % STATUSES.length];
      rows.push([
        randomUUID(),
        orgs[i % orgs.length],
        `${title}（${i}）`,
        description,
        1 + (i % 20),
        JSON.stringify(skills.map((skill, k) => ({ skill, weight: 5 - k }))),
        TYPES[i % TYPES.length],
        status,
        status === 'draft' ? null : new Date(Date.now() - (i % 300) * 86_400_000).toISOString(),
        `${title}（${i}） ${description} ${skills.join(' ')}`.toLowerCase(),
        String(4000 + (i % 9) * 1000),
      ]);
    }
    for (let start = 0; start < rows.length; start += 1000) {
      const chunk = rows.slice(start, start + 1000);
      const values = chunk.map((_, r) => `(${Array.from({ length: 11 }, (_, k) => `$${r * 11 + k + 1}`).join(', ')})`);
      await c.query(
        `INSERT INTO talent_demand_postings (id, organization_id, title, description, headcount, required_skills,
           employment_type, status, published_at, search_text, salary_max, consortium_id)
         SELECT v.id::uuid, v.org::uuid, v.title, v.description, v.headcount::int, v.skills::jsonb, v.etype, v.status,
                v.published::timestamptz, v.search, v.salary::numeric, '${CONSORTIUM_ID}'::uuid
           FROM (VALUES ${values.join(', ')}) AS v (id, org, title, description, headcount, skills, etype, status, published, search, salary)`,
        chunk.flat(),
      );
    }
    await c.query('COMMIT');
    await c.query('ANALYZE talent_demand_postings');
  });
}

/** The scenarios: the API path and the SQL a bare client sends for the same page. */
const SCENARIOS = [
  {
    label: 'List: first page of published postings, newest first (20)',
    path: `/api/v1/consortia/${CONSORTIUM_ID}/demand-postings?status=published&limit=20`,
    sql: `SELECT * FROM talent_demand_postings WHERE consortium_id = $1 AND status = ANY($2)
           ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT 21`,
    params: [CONSORTIUM_ID, ['published']],
  },
  {
    label: 'Search: q=机器人 (Chinese, trigram index), 20',
    path: `/api/v1/consortia/${CONSORTIUM_ID}/demand-postings?q=${encodeURIComponent('机器人')}&limit=20`,
    sql: `SELECT * FROM talent_demand_postings WHERE consortium_id = $1 AND search_text ILIKE $2
           ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT 21`,
    params: [CONSORTIUM_ID, '%机器人%'],
  },
  {
    label: 'Search: q=PLC编程 + full_time + salary ≥ 8000, 20',
    path: `/api/v1/consortia/${CONSORTIUM_ID}/demand-postings?q=${encodeURIComponent('PLC编程')}&employmentType=full_time&salaryAtLeast=8000&limit=20`,
    sql: `SELECT * FROM talent_demand_postings WHERE consortium_id = $1 AND search_text ILIKE $2
            AND employment_type = 'full_time' AND COALESCE(salary_max, salary_min) >= 8000
           ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT 21`,
    params: [CONSORTIUM_ID, '%plc编程%'],
  },
  {
    label: 'Search: q=视觉算法 (one title in twelve), sorted by headcount',
    path: `/api/v1/consortia/${CONSORTIUM_ID}/demand-postings?q=${encodeURIComponent('视觉算法')}&sort=-headcount&limit=20`,
    sql: `SELECT * FROM talent_demand_postings WHERE consortium_id = $1 AND search_text ILIKE $2
           ORDER BY headcount DESC, id DESC LIMIT 21`,
    params: [CONSORTIUM_ID, '%视觉算法%'],
  },
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(fn) {
  for (let i = 0; i < WARMUP; i += 1) await fn();
  const samples = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function request(baseUrl, urlPath, { method = 'GET', token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${urlPath}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, text };
}

async function main() {
  require('reflect-metadata');
  const core = require(path.join(DIST_CLI, 'libs/core/src/index.js'));
  const { MIGRATIONS } = require(path.join(DIST_CLI, 'migrations/index.js'));
  const { buildApiApp } = require(path.join(DIST_API, 'apps/api/src/bootstrap.js'));
  const cleanups = [];
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'chanjiao-bench-talent-'));
  await chmod(tmpDir, 0o755);
  cleanups.push(() => rm(tmpDir, { recursive: true, force: true }));
  try {
    let ownerUrl;
    let where;
    if (process.env.DATABASE_URL) {
      const name = `chanjiao_bench_talent_${Date.now()}`;
      await withClient(process.env.DATABASE_URL, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      cleanups.push(() =>
        withClient(process.env.DATABASE_URL, (c) =>
          c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
        ),
      );
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      ownerUrl = url.toString();
      where = `a fresh database on the server of DATABASE_URL (${url.host})`;
    } else {
      const pg = await core.startEmbeddedPostgres({
        dataDir: path.join(tmpDir, 'pg'),
        port: await core.findFreePort(),
        password: randomBytes(12).toString('hex'),
        database: 'chanjiao_bench',
      });
      cleanups.push(() => pg.stop());
      ownerUrl = pg.url;
      where = 'embedded PostgreSQL in a temp directory';
    }
    const adminPassword = `Bench-${randomBytes(12).toString('base64url')}`;
    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: ownerUrl,
      DATA_DIR: tmpDir,
      DEMO_MODE: 'false',
      JWT_SECRETS: `bench:${randomBytes(32).toString('base64url')}`,
      JWT_ACCESS_TTL_SECONDS: '86400',
      PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL,
      PLATFORM_ADMIN_PASSWORD: adminPassword,
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
    };
    for (const name of ['DATABASE_APP_ROLE', 'DATABASE_APP_PASSWORD'])
      if (process.env[name]) env[name] = process.env[name];
    const config = core.loadAppConfig(env);
    log('migrating');
    await core.migrateDatabase(config, MIGRATIONS);
    log(`seeding ${POSTINGS} postings`);
    await seed(ownerUrl);
    const app = await buildApiApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => app.close());
    const baseUrl = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    const admin = (
      await request(baseUrl, '/api/v1/auth/login', {
        method: 'POST',
        body: { email: ADMIN_EMAIL, password: adminPassword },
      })
    ).json.accessToken;
    const added = await request(baseUrl, `/api/v1/consortia/${CONSORTIUM_ID}/users`, {
      method: 'POST',
      token: admin,
      body: { email: USER_EMAIL, displayName: '基准测试秘书处', role: 'secretariat' },
    });
    const initial = added.json.initialPassword;
    let token = (
      await request(baseUrl, '/api/v1/auth/login', { method: 'POST', body: { email: USER_EMAIL, password: initial } })
    ).json.accessToken;
    await request(baseUrl, '/api/v1/auth/change-password', {
      method: 'POST',
      token,
      body: { currentPassword: initial, newPassword: `Bench-${initial}` },
    });
    token = (
      await request(baseUrl, '/api/v1/auth/login', {
        method: 'POST',
        body: { email: USER_EMAIL, password: `Bench-${initial}` },
      })
    ).json.accessToken;

    const appUrl = new URL(ownerUrl);
    appUrl.username = config.database.appRole ?? 'chanjiao_app';
    appUrl.password = config.database.appPassword ?? '';
    const { Client } = require('pg');
    const raw = new Client({ connectionString: config.database.appUrl ?? appUrl.toString() });
    await raw.connect();
    cleanups.push(() => raw.end());

    const results = [];
    for (const scenario of SCENARIOS) {
      const check = await request(baseUrl, scenario.path, { token });
      if (check.status !== 200)
        throw new Error(`${scenario.path} answered ${check.status}: ${check.text.slice(0, 300)}`);
      const matches = check.json.items.length;
      log(scenario.label);
      const api = await time(async () => {
        const answer = await request(baseUrl, scenario.path, { token });
        if (answer.status !== 200) throw new Error(`${scenario.path} answered ${answer.status}`);
      });
      const pg = await time(async () => {
        // The same tenant transaction the API opens, then the query.
        await raw.query('BEGIN');
        await raw.query(`SELECT set_config('app.consortium_id', $1, true)`, [CONSORTIUM_ID]);
        await raw.query(scenario.sql, scenario.params);
        await raw.query('COMMIT');
      });
      results.push({ scenario, api, pg, matches });
    }
    const pgVersion = await withClient(
      ownerUrl,
      async (c) => (await c.query('SHOW server_version')).rows[0].server_version,
    );
    await writeReport({ results, where, pgVersion });
  } finally {
    for (const step of cleanups.reverse()) await step().catch((error) => log(`cleanup: ${error.message}`));
  }
}

async function writeReport({ results, where, pgVersion }) {
  const f = (ms) => ms.toFixed(2);
  const rows = results
    .map(
      ({ scenario, api, pg, matches }) =>
        `| ${scenario.label} | ${matches} | ${f(api.p50)} | ${f(api.p99)} | ${f(pg.p50)} | ${f(pg.p99)} | ${(api.p50 / pg.p50).toFixed(1)}× |`,
    )
    .join('\n');
  const section = `${START}
## Talent postings: listing and searching ${POSTINGS.toLocaleString('en')} demand postings

Generated by \`scripts/bench-talent.mjs\` (run by \`npm run bench\` after the main bench) on
${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node.js ${process.version}, PostgreSQL ${pgVersion}
(${where}), ${new Date().toISOString()}. ${POSTINGS.toLocaleString('en')} postings of 50 enterprises in one
consortium (half published), titles, descriptions and skills in Chinese. Each scenario: ${WARMUP} warm-up
requests, then ${REQUESTS} measured requests one after another, through the real API (token, access
guard, validation, RLS tenant transaction, TypeORM, keyset page, JSON) and, in the same run, the same SQL
from a plain \`pg\` client as the application role inside a tenant transaction (BEGIN, set_config, the
query, COMMIT). Latency in milliseconds. Load average when done: ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')}
(a shared machine: read the API / pg ratio rather than the absolute figures).

| Scenario | Rows on the page | API p50 | API p99 | pg p50 | pg p99 | API / pg (p50) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}

\`q\` is \`search_text ILIKE '%…%'\` served by a \`gin_trgm_ops\` index (pg_trgm splits Chinese text into
character trigrams too); see docs/talent.md for why this rather than full-text search.
${END}`;
  let current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '# Benchmarks\n';
  if (current.includes(START)) {
    current = current.slice(0, current.indexOf(START)) + section + current.slice(current.indexOf(END) + END.length);
  } else {
    current = `${current.trimEnd()}\n\n${section}\n`;
  }
  await writeFile(OUTPUT, current);
  log(`wrote ${path.relative(ROOT, OUTPUT)}`);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exitCode = 1;
});
