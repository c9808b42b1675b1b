import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compiledEntry,
  createTestDatabase,
  eventually,
  jsonLogLines,
  spawnNode,
  startTestStack,
  TestDatabase,
  testEnvironment,
} from '@chanjiao/testing';
import { findFreePort } from '@chanjiao/core';

const listening = (server: Server, port: number, host: string) =>
  new Promise<void>((resolve) => server.listen(port, host, resolve));
const closed = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const portOf = (server: { address(): unknown }) => (server.address() as { port: number }).port;

/** The API's answer on `host`, or the connection error's code. */
async function answerOn(host: string, port: number): Promise<number | string> {
  try {
    return (await fetch(`http://${host}:${port}/health/live`)).status;
  } catch (error) {
    return ((error as { cause?: { code?: string } }).cause?.code ?? 'failed') as string;
  }
}

describe('the API port and host', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chanjiao-ports-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** npm start on a machine with neither DATABASE_URL nor REDIS_URL, its API port taken. */
  async function startOnTakenPort(port: number) {
    const start = spawnNode(compiledEntry('cli'), ['start'], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await findFreePort()),
    });
    const exit = await start.exited;
    return { code: exit.code, output: start.output() };
  }

  const takenLine = (port: number) =>
    `Port ${port} on 127.0.0.1 is already in use (another Chanjiao or another program): stop it, or set PORT to a free port\n`;

  it('npm start with another Chanjiao on PORT stops at once, in one line naming the port and PORT', async () => {
    const other = await startTestStack({ worker: false });
    try {
      const port = portOf(other.api.getHttpServer());
      // Before the check, it signed in to the other one and failed with "platform admin login answered 401".
      expect(await startOnTakenPort(port)).toEqual({ code: 1, output: takenLine(port) });
    } finally {
      await other.close();
    }
  });

  it('npm start with another program on PORT stops at once, in the same line', async () => {
    const other = createServer((_request, response) => response.end('not Chanjiao'));
    await listening(other, 0, '127.0.0.1');
    try {
      const port = portOf(other);
      expect(await startOnTakenPort(port)).toEqual({ code: 1, output: takenLine(port) });
    } finally {
      await closed(other);
    }
  });

  describe('the API on its own (npm run start:api)', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it('says in one line that its port is taken, instead of an EADDRINUSE stack', async () => {
      const other = createServer((_request, response) => response.end('not Chanjiao'));
      await listening(other, 0, '127.0.0.1');
      try {
        const port = portOf(other);
        const api = spawnNode(compiledEntry('api'), [], testEnvironment(db, 'postgres', { PORT: String(port) }));
        const exit = await api.exited;
        expect({ code: exit.code, output: api.output() }).toEqual({
          code: 1,
          output: `Port ${port} on 127.0.0.1 is already in use: stop the program using it, or set PORT to a free port\n`,
        });
      } finally {
        await closed(other);
      }
    });

    it.each([
      // The whole 127/8 reaches this machine's loopback, but a socket bound to 127.0.0.1 answers only there.
      [
        'by default outside production, 127.0.0.1 only',
        {},
        '127.0.0.1',
        'ECONNREFUSED',
        'API listening on 127.0.0.1 port',
      ],
      ['HOST=0.0.0.0, every interface', { HOST: '0.0.0.0' }, '0.0.0.0', 200, 'API listening on 0.0.0.0 port'],
    ])('listens %s, logs it as bound, and keeps info lines in LOG_FILE', async (_label, env, host, onOther, said) => {
      const port = await findFreePort();
      const logFile = join(dataDir, `api-${port}.log`);
      const api = spawnNode(
        compiledEntry('api'),
        [],
        testEnvironment(db, 'postgres', { PORT: String(port), LOG_LEVEL: 'info', LOG_FILE: logFile, ...env }),
      );
      try {
        await eventually(async () => (await answerOn('127.0.0.1', port)) === 200 || undefined, 60_000, 200);
        expect(await answerOn('127.0.0.2', port)).toBe(onOther);
        // Complete lines only: the logger may be in the middle of writing the last one.
        const logged = await eventually(async () => {
          const text = readFileSync(logFile, 'utf8');
          const lines = text
            .slice(0, text.lastIndexOf('\n') + 1)
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as { msg: string; host?: string; level: number });
          return lines.some((line) => line.msg.includes(`${said} ${port}`)) ? lines : undefined;
        }, 10_000);
        expect(logged).toContainEqual(
          expect.objectContaining({ msg: expect.stringContaining(`${said} ${port}`), host }),
        );
        // The standard output kept nothing below warn (the file has the boot's info lines).
        expect(logged.filter((line) => line.level === 30).length).toBeGreaterThan(5);
        expect(jsonLogLines(api.output()).filter((line) => line.level < 40)).toEqual([]);
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
      }
    });
  });
});
