import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Compiled entry points; `npm test` builds them before jest runs. */
export function compiledEntry(app: 'api' | 'worker' | 'cli'): string {
  const file = join(ROOT, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return file;
}

export interface SpawnedProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const spawned = new Set<ChildProcess>();

/** Kills whatever a test left running (a failed test may not reach its own cleanup). */
export async function killSpawned(): Promise<void> {
  await Promise.all(
    [...spawned].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  spawned.clear();
}

export function spawnNode(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: { cwd?: string } = {},
): SpawnedProcess {
  const child = spawn(process.execPath, [entry, ...args], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd,
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** The JSON log lines (pino) in a process's output, skipping its plain text lines. */
export function jsonLogLines(output: string): Array<{ level: number; msg?: string }> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg?: string });
}

/** What a copy needs to run the compiled CLI and the suite: sources copied, the rest linked. */
const COPIED = ['apps', 'libs', 'migrations', 'test', 'scripts', 'package.json', 'jest.config.js', 'tsconfig.json'];
// Never written by a run, so hard links (instant on one file system) are as good as copies.
const LINKED = ['node_modules', 'dist'];

export interface ClosedCopy {
  /** The copy of the repository, inside `parent`. */
  dir: string;
  /** Mode 0700, owned by us: like /root, or a clone in a private home. */
  parent: string;
  remove(): void;
}

/**
 * A copy of this repository (built) in a directory only its owner may enter, as a clone
 * under /root is. Real files, not symbolic links: Node resolves symlinked modules to
 * their real place, which would make the copy reachable after all.
 */
export function closedCopyOfRepository(): ClosedCopy {
  const parent = mkdtempSync(join(tmpdir(), 'chanjiao-closed-'));
  chmodSync(parent, 0o700);
  const dir = join(parent, 'chanjiao');
  mkdirSync(dir);
  const cp = (flags: string, name: string) =>
    spawnSync('cp', [flags, join(ROOT, name), join(dir, name)], { stdio: ['ignore', 'ignore', 'pipe'] });
  for (const name of COPIED) if (cp('-a', name).status !== 0) throw new Error(`could not copy ${name}`);
  for (const name of LINKED) {
    if (cp('-al', name).status === 0) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    if (cp('-a', name).status !== 0) throw new Error(`could not copy ${name}`);
  }
  return { dir, parent, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
