import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadAppConfig, QueueBackendKind } from '@chanjiao/core';
import { buildApiApp } from '../../apps/api/src/bootstrap';
import { buildWorker } from '../../apps/worker/src/bootstrap';
import { signIn } from './auth-helpers';
import { testClockStart } from './clock';
import { httpClient, HttpClient } from './http-client';
import { createTestDatabase, TEST_APP_PASSWORD, TestDatabase, uniqueName } from './test-server';

export const TEST_ADMIN_EMAIL = 'platform-admin@test.chanjiao.cn';
export const TEST_ADMIN_PASSWORD = 'Test-Admin-Password-1';
export const TEST_DEMO_PASSWORD = 'Test-Demo-Password-1';

/** The queue backends this run can exercise: PostgreSQL always, Redis when REDIS_URL is set. */
export function queueBackends(): QueueBackendKind[] {
  return process.env.REDIS_URL ? ['postgres', 'redis'] : ['postgres'];
}

/** Environment of a test process for one database and queue backend. */
export function testEnvironment(
  db: TestDatabase,
  backend: QueueBackendKind,
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_PASSWORD: TEST_APP_PASSWORD,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: backend === 'redis' ? process.env.REDIS_URL : undefined,
    QUEUE_PREFIX: uniqueName('t').replace(/_/g, '-'),
    JWT_SECRETS: `test:${'s'.repeat(40)}`,
    PERSON_ID_HASH_KEY: `test-person-id-${'k'.repeat(32)}`,
    DEMO_MODE: 'true',
    PLATFORM_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    PLATFORM_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    DEMO_USER_PASSWORD: TEST_DEMO_PASSWORD,
    // Tests send many requests from one address; the limits themselves are tested with low values.
    RATE_LIMIT_PER_MINUTE: '100000',
    // Cheap hashing: the suite signs in hundreds of times on 2 cores.
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'chanjiao-test-data-')),
    OUTBOX_POLL_INTERVAL_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '5000',
    CLOCK_START: testClockStart(),
    ...overrides,
  };
}

export interface TestStack {
  config: AppConfig;
  env: Record<string, string | undefined>;
  db: TestDatabase;
  api: NestFastifyApplication;
  worker?: INestApplicationContext;
  /** Anonymous client. */
  http: HttpClient;
  /** Client signed in as the platform administrator. */
  admin: HttpClient;
  close(): Promise<void>;
}

/**
 * A real API (listening on a random port) and, unless `worker: false`, a real
 * worker, on a fresh database and the chosen queue backend.
 */
export async function startTestStack(
  options: {
    backend?: QueueBackendKind;
    worker?: boolean;
    env?: Record<string, string | undefined>;
    /** A prepared database to clone instead of the migrated template. */
    template?: string;
    /** Keep the database when the stack closes (to serve as a template). */
    keepDatabase?: boolean;
  } = {},
): Promise<TestStack> {
  const db = await createTestDatabase(options.template);
  const env = testEnvironment(db, options.backend ?? 'postgres', options.env);
  const config = loadAppConfig(env);
  const api = await buildApiApp(config);
  await api.listen({ port: 0, host: '127.0.0.1' });
  const address = api.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let worker: INestApplicationContext | undefined;
  if (options.worker !== false) {
    worker = await buildWorker(config);
    await worker.init();
  }
  const http = httpClient(`http://127.0.0.1:${port}`);
  const admin = http.as((await signIn(http, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD)).accessToken);
  return {
    config,
    env,
    db,
    api,
    worker,
    http,
    admin,
    async close() {
      await worker?.close();
      await api.close();
      if (!options.keepDatabase) await db.drop();
    },
  };
}
