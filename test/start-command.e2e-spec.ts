import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, isPortFree } from '@chanjiao/core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { compiledEntry, eventually, httpClient, signIn, spawnNode } from '@chanjiao/testing';

/**
 * The README's first command on a machine with neither DATABASE_URL nor
 * REDIS_URL: embedded PostgreSQL, migrations, API + worker, demo seed, login
 * printed; Ctrl-C stops everything, PostgreSQL included.
 */
describe('npm start with neither DATABASE_URL nor REDIS_URL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chanjiao-start-'));
  // Open to the `postgres` account PostgreSQL runs as under root, so the data stays here (the
  // closed-directory case, where it is placed elsewhere, is start-command-root.e2e-spec.ts).
  chmodSync(dataDir, 0o755);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A machine with neither DATABASE_URL nor REDIS_URL; the terminal shows warnings, so connection losses would be seen. */
  const startEnv = (pgPort: number, apiPort: number) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    PORT: String(apiPort),
  });

  it('starts, answers ready, seeds the demo, and stops cleanly on SIGINT', async () => {
    const [pgPort, apiPort] = [await findFreePort(), await findFreePort()];
    const start = spawnNode(compiledEntry('cli'), ['start'], startEnv(pgPort, apiPort));
    try {
      const login = await eventually(
        async () => {
          if (start.child.exitCode !== null) throw new Error(`start exited early:\n${start.output()}`);
          return /Platform admin login: (\S+) \/ (\S+)/.exec(start.output()) ?? undefined;
        },
        90_000,
        250,
      );
      expect(login[1]).toBe('admin@demo.chanjiao.cn');
      expect(login[2].length).toBeGreaterThanOrEqual(10);
      expect(start.output()).toContain(`http://localhost:${apiPort}/api/docs`);

      const http = httpClient(`http://127.0.0.1:${apiPort}`);
      const ready = await http.get('/health/ready');
      // The printed logins work: the platform admin, and the demo secretariat sees its consortium.
      const admin = await signIn(http, login[1], login[2]);
      expect(admin.accessToken).toEqual(expect.any(String));
      const secretariat = /Demo secretariat login \(.*\): (\S+) \/ (\S+)/.exec(start.output());
      expect(secretariat).not.toBeNull();
      const tokens = await signIn(http, secretariat![1], secretariat![2]);
      const me = await http.as(tokens.accessToken).get('/api/v1/auth/me');
      expect(me.body.memberships).toEqual([
        expect.objectContaining({ consortiumId: DEMO_CONSORTIUM_ID, role: 'secretariat' }),
      ]);
      expect(ready.status).toBe(200);
      expect(ready.body.info).toMatchObject({ database: { status: 'up' }, queue_postgres: { status: 'up' } });
      const demo = await http.as(tokens.accessToken).get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}`);
      expect(demo.status).toBe(200);
      expect(demo.body.name).toContain('市域产教联合体');
      expect(demo.body).toMatchObject({ parkName: '苏州工业园区', status: 'under_construction' });
      // The demo's members and its seated, multi-party council with one held meeting.
      const secretariatHttp = http.as(tokens.accessToken);
      const stats = await secretariatHttp.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/organizations/stats`);
      expect(stats.body.total).toBeGreaterThanOrEqual(30);
      expect(Object.keys(stats.body.byType).length).toBe(10);
      const council = await secretariatHttp.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/council`);
      expect(council.body).toMatchObject({ multiPartyComplete: true, seats: 9 });
      const meetings = await secretariatHttp.get(`/api/v1/consortia/${DEMO_CONSORTIUM_ID}/council/meetings`);
      expect(meetings.body.items).toEqual([expect.objectContaining({ status: 'held' })]);
      const meeting = await secretariatHttp.get(
        `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/council/meetings/${meetings.body.items[0].id}`,
      );
      expect(meeting.body.resolutions.map((r: { outcome: string }) => r.outcome)).toEqual(['passed', 'passed']);
    } finally {
      start.child.kill('SIGINT');
      const exit = await start.exited;
      expect(exit.code).toBe(0);
    }
    // No orphans: PostgreSQL and the API gave their ports back.
    expect(await isPortFree(pgPort)).toBe(true);
    expect(await isPortFree(apiPort, '0.0.0.0')).toBe(true);
    // In order: the worker drained while the database was still up (the terminal shows warnings: connection losses).
    const shutdown = start.output().slice(start.output().indexOf('Press Ctrl-C'));
    expect(shutdown).toContain('Stopping embedded PostgreSQL');
    expect(shutdown).not.toMatch(/terminating connection|shutting down|Connection terminated/);
  }, 150_000);

  it('leaves nothing running when the launcher itself is killed (SIGKILL)', async () => {
    const [pgPort, apiPort] = [await findFreePort(), await findFreePort()];
    // Without the demo (seeded in the test above): what matters is what the launcher leaves behind.
    const start = spawnNode(compiledEntry('cli'), ['start'], { ...startEnv(pgPort, apiPort), DEMO_MODE: 'false' });
    await eventually(
      async () => {
        if (start.child.exitCode !== null) throw new Error(`start exited early:\n${start.output()}`);
        return start.output().includes('Press Ctrl-C') || undefined;
      },
      90_000,
      250,
    );
    start.child.kill('SIGKILL');
    await start.exited;
    // The PostgreSQL keeper notices, stops the API and worker, then PostgreSQL.
    await eventually(
      async () => ((await isPortFree(apiPort, '0.0.0.0')) && (await isPortFree(pgPort))) || undefined,
      40_000,
      250,
    );
  }, 150_000);
});
