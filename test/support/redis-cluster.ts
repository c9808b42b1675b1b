import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { findFreePort } from '@chanjiao/core';
import { eventually } from './http-client';

const run = promisify(execFile);

/** Whether this machine can start a Redis Cluster (redis-server and redis-cli on PATH). */
export function redisClusterToolsAvailable(): boolean {
  return ['redis-server', 'redis-cli'].every((tool) => spawnSync(tool, ['--version']).status === 0);
}

export interface RedisClusterHandle {
  /** `127.0.0.1:port` of every master, as REDIS_CLUSTER_NODES takes them. */
  nodes: string[];
  /** A client per node (for FLUSHALL, SCAN: each node holds only its own slots). */
  clients: Redis[];
  close(): Promise<void>;
}

/** Distinct free loopback ports. */
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}

/**
 * A throw-away Redis Cluster of `size` masters on loopback ports, in a temporary
 * directory, nothing persisted; `close` stops the servers and removes the directory.
 */
export async function startRedisCluster(size = 3): Promise<RedisClusterHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'chanjiao-redis-cluster-'));
  const ports = await freePorts(size * 2);
  const servers: ChildProcess[] = [];
  const clients: Redis[] = [];
  const close = async () => {
    clients.forEach((client) => client.disconnect());
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null || server.signalCode !== null) return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const nodes: string[] = [];
    for (let index = 0; index < size; index += 1) {
      const [port, busPort] = [ports[index * 2], ports[index * 2 + 1]];
      const server = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(busPort),
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          '2000',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
          '--daemonize',
          'no',
        ],
        { stdio: 'ignore' },
      );
      servers.push(server);
      nodes.push(`127.0.0.1:${port}`);
      const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      clients.push(client);
    }
    await Promise.all(
      clients.map((client) =>
        eventually(async () => ((await client.ping()) === 'PONG' ? true : undefined), 10_000, 50),
      ),
    );
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(
      clients.map((client) =>
        eventually(async () => (/cluster_state:ok/.test(await client.cluster('INFO')) ? true : undefined), 15_000, 100),
      ),
    );
    return { nodes, clients, close };
  } catch (error) {
    await close();
    throw error;
  }
}
