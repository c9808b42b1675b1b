import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * A problem with the embedded PostgreSQL that the user can fix: the message is one
 * line saying what to do, printed as is (no stack).
 */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** The unprivileged account PostgreSQL runs as when we are root (it refuses to run as root). */
export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
}

/** Where the server's binaries and data are, and whom it runs as (undefined: as us). */
export interface ServerPlacement {
  /** The `native` tree of the binaries package: bin/, lib/, share/. */
  nativeDir: string;
  dataDir: string;
  runAs?: ServerAccount;
}

/**
 * Root-owned state of embedded clusters run by root: binary mirrors and data directories
 * the `postgres` account can reach when the project's own directory is closed to it.
 */
export const ROOT_STATE_DIR = '/var/lib/chanjiao-embedded-postgres';
const SERVER_ACCOUNT = 'postgres';
const MIRROR_DONE = '.mirror-complete';

const WHAT_ELSE = 'or set DATABASE_URL to use an existing PostgreSQL';

/**
 * Decides where PostgreSQL runs from. As a normal user: the package's binaries and the
 * requested data directory, as they are. As root, PostgreSQL runs as `postgres`, which
 * often cannot enter the project (a clone in /root, mode 0700): then the binary tree is
 * mirrored (hard links, else copies) and the data directory placed under ROOT_STATE_DIR,
 * both reachable by that account, so `npm start` works from anywhere.
 */
export async function placeServer(nativeDir: string, requestedDataDir: string): Promise<ServerPlacement> {
  const dataDir = resolve(requestedDataDir);
  if (!isRoot()) return { nativeDir, dataDir };
  const runAs = ensureServerAccount();
  // Its parent is made anyway; made now, the probe below answers for the real directory.
  await mkdir(dirname(dataDir), { recursive: true });
  // Once moved, a project's database stays where it was moved to.
  const moved = existsSync(join(dataDir, 'PG_VERSION')) ? undefined : previouslyMovedDataDir(dataDir);
  const binaryReachable = canReach(runAs, join(nativeDir, 'bin', 'postgres'));
  const dataReachable = !moved && canReach(runAs, dirname(dataDir));
  if (binaryReachable && dataReachable) return { nativeDir, dataDir, runAs };

  await ensureRootOwnedDir(ROOT_STATE_DIR);
  const placed: ServerPlacement = { nativeDir, dataDir, runAs };
  if (!binaryReachable) {
    placed.nativeDir = await mirrorTree(nativeDir, join(ROOT_STATE_DIR, 'bin', mirrorName(nativeDir)));
    if (!canReach(runAs, join(placed.nativeDir, 'bin', 'postgres'))) {
      throw new EmbeddedPostgresError(
        `Running as root, PostgreSQL must run as user ${runAs.name}, which cannot execute ${placed.nativeDir}/bin/postgres either: run npm start as a normal user, ${WHAT_ELSE}`,
      );
    }
  }
  if (moved) {
    placed.dataDir = moved;
  } else if (!dataReachable) {
    if (existsSync(join(dataDir, 'PG_VERSION'))) {
      throw new EmbeddedPostgresError(
        `User ${runAs.name} (PostgreSQL never runs as root) cannot reach the existing database in ${dataDir}: open its parent directories to it (chmod o+x), or move ${dataDir} away to start with a new database, ${WHAT_ELSE}`,
      );
    }
    placed.dataDir = await moveDataDir(dataDir);
  }
  return placed;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function accountIds(name: string): ServerAccount | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** The `postgres` account, created (system account, own group, no login) when missing. */
function ensureServerAccount(): ServerAccount {
  const existing = accountIds(SERVER_ACCOUNT);
  if (existing) return existing;
  const attempts: string[][] = [
    ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_ACCOUNT],
    // The group exists already (e.g. left by a removed PostgreSQL package).
    ['--system', '--gid', SERVER_ACCOUNT, '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_ACCOUNT],
  ];
  for (const args of attempts) {
    try {
      execFileSync('useradd', args, { stdio: 'ignore' });
      break;
    } catch {
      // try the next form
    }
  }
  const created = accountIds(SERVER_ACCOUNT);
  if (created) return created;
  throw new EmbeddedPostgresError(
    `Running as root, PostgreSQL needs an unprivileged user named ${SERVER_ACCOUNT} and none could be created: create one (useradd --system --user-group ${SERVER_ACCOUNT}), run npm start as a normal user, ${WHAT_ELSE}`,
  );
}

/**
 * Whether `account` can reach `path` (search permission on every parent, and on the path
 * itself): asked of the kernel by a shell running as that account, so ACLs and groups count.
 */
export function canReach(account: ServerAccount, path: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'probe', path], {
    uid: account.uid,
    gid: account.gid,
    cwd: '/',
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** A directory of root's that others may enter but not write to (refuses one planted by someone else). */
async function ensureRootOwnedDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o755 });
  const stat = lstatSync(path);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedPostgresError(
      `${path} must be a directory owned by root and writable only by root (it holds PostgreSQL's binaries and data for root's runs): fix or remove it, ${WHAT_ELSE}`,
    );
  }
  await chmod(path, 0o755);
}

/** `<package>-<version>` of the binaries package the native tree belongs to. */
function mirrorName(nativeDir: string): string {
  const packageDir = dirname(nativeDir);
  try {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    return `${manifest.name.replace(/^@/, '').replace(/\//g, '-')}-${manifest.version}`;
  } catch {
    return createHash('sha256').update(packageDir).digest('hex').slice(0, 16);
  }
}

/**
 * Copies a tree where `target` is, once: hard links where the file system allows
 * (instant, no space), copies otherwise; symbolic links as they are. Built under a
 * temporary name and renamed, so concurrent runs (parallel test suites) never see half a tree.
 */
async function mirrorTree(source: string, target: string): Promise<string> {
  if (existsSync(join(target, MIRROR_DONE))) return target;
  await ensureRootOwnedDir(dirname(target));
  const staging = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await copyTree(source, staging);
    await writeFile(join(staging, MIRROR_DONE), '');
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another run finished the same mirror first.
    if (existsSync(join(target, MIRROR_DONE))) return target;
    throw error;
  }
  return target;
}

async function copyTree(source: string, target: string): Promise<void> {
  await mkdir(target, { mode: 0o755 });
  await chmod(target, 0o755);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory()) {
      await copyTree(from, to);
    } else if (entry.isSymbolicLink()) {
      await symlink(await readlink(from), to);
    } else {
      try {
        await link(from, to);
      } catch {
        await copyFile(from, to);
        await chmod(to, (await lstat(from)).mode & 0o7777);
      }
    }
  }
}

/** `<data dir>.moved-to`, in the project: where its database went (a clone deleted takes it along). */
const pointerOf = (requested: string) => `${requested}.moved-to`;

function previouslyMovedDataDir(requested: string): string | undefined {
  let target: string;
  try {
    target = readFileSync(pointerOf(requested), 'utf8').trim();
  } catch {
    return undefined;
  }
  // Only a home this code made (a failed initdb leaves it empty: initdb runs there again).
  const home = dirname(target);
  const made = dirname(home) === join(ROOT_STATE_DIR, 'data') && existsSync(join(home, 'origin'));
  return made ? target : undefined;
}

/**
 * A new data directory the server account can reach, for a project whose own is closed to
 * it; `origin` beside it names the project, and the project's pointer file names it. Each
 * move gets a new home, so a new clone in the place of a deleted one never meets the old
 * database (whose password went with the clone's secrets).
 */
async function moveDataDir(requested: string): Promise<string> {
  const dataRoot = join(ROOT_STATE_DIR, 'data');
  await ensureRootOwnedDir(dataRoot);
  const digest = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const home = join(dataRoot, `${digest}-${randomBytes(4).toString('hex')}`);
  await ensureRootOwnedDir(home);
  await writeFile(join(home, 'origin'), `${requested}\n`);
  const dataDir = join(home, 'pg');
  await writeFile(pointerOf(requested), `${dataDir}\n`);
  return dataDir;
}

/** Creates the data directory for initdb: owned by the server account, mode 0700 (PostgreSQL insists). */
export async function prepareDataDir(placement: ServerPlacement): Promise<void> {
  await mkdir(dirname(placement.dataDir), { recursive: true });
  await mkdir(placement.dataDir, { recursive: true, mode: 0o700 });
  await chmod(placement.dataDir, 0o700);
  if (placement.runAs) await chown(placement.dataDir, placement.runAs.uid, placement.runAs.gid);
}
