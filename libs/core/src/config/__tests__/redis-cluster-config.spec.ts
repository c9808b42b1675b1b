import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig, parseRedisClusterNodes } from '../app-config';
import { ConfigValidationError } from '../environment';

describe('REDIS_CLUSTER_NODES', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'chanjiao-cluster-config-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const problemsOf = (raw: Record<string, string>): string[] => {
    try {
      loadAppConfig({ DATA_DIR: dataDir, ...raw });
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      return (error as ConfigValidationError).problems;
    }
  };

  it.each<[string, string, ReturnType<typeof parseRedisClusterNodes>]>([
    [
      'host:port entries',
      '10.0.0.1:7000, 10.0.0.2:7001,redis-3.internal:7002',
      {
        nodes: [
          { host: '10.0.0.1', port: 7000 },
          { host: '10.0.0.2', port: 7001 },
          { host: 'redis-3.internal', port: 7002 },
        ],
        username: undefined,
        password: undefined,
        tls: false,
      },
    ],
    [
      'URLs with credentials and TLS (the first entry’s apply)',
      'rediss://app:p%40ss@r1.example:6380,rediss://app:p%40ss@r2.example:6380',
      {
        nodes: [
          { host: 'r1.example', port: 6380 },
          { host: 'r2.example', port: 6380 },
        ],
        username: 'app',
        password: 'p@ss',
        tls: true,
      },
    ],
    [
      'a password only, and an IPv6 node',
      'redis://:secret@[::1]:7000',
      { nodes: [{ host: '::1', port: 7000 }], username: undefined, password: 'secret', tls: false },
    ],
  ])('parses %s', (_label, value, expected) => {
    expect(parseRedisClusterNodes(value)).toEqual(expected);
    const config = loadAppConfig({ DATA_DIR: dataDir, REDIS_CLUSTER_NODES: value });
    expect(config.queue).toMatchObject({ backend: 'redis', redisUrl: undefined, redisCluster: expected });
  });

  it.each([
    ['no port', '10.0.0.1', /REDIS_CLUSTER_NODES must be a comma-separated list .*"10\.0\.0\.1" is not/],
    ['an empty entry', '10.0.0.1:7000,,10.0.0.2:7000', /"" is not/],
    ['another scheme', 'http://10.0.0.1:7000', /"http:\/\/10\.0\.0\.1:7000" is not/],
    ['a port out of range', '10.0.0.1:70000', /REDIS_CLUSTER_NODES names port 70000, outside 1-65535/],
  ])('refuses %s with one line naming the variable', (_label, value, message) => {
    const problems = problemsOf({ REDIS_CLUSTER_NODES: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('refuses REDIS_URL and REDIS_CLUSTER_NODES together', () => {
    expect(problemsOf({ REDIS_URL: 'redis://cache:6379', REDIS_CLUSTER_NODES: '10.0.0.1:7000' })).toEqual([
      'REDIS_CLUSTER_NODES and REDIS_URL cannot both be set: choose one Redis',
    ]);
  });

  it('leaves the queue on PostgreSQL when neither is set', () => {
    expect(loadAppConfig({ DATA_DIR: dataDir }).queue).toMatchObject({ backend: 'postgres', redisCluster: undefined });
  });
});
