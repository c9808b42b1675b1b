import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../../libs/core/src/config/app-config';
import { findFreePort, startEmbeddedPostgres } from '../../libs/core/src/database/embedded-postgres';
import { migrateDatabase } from '../../libs/core/src/database/migrator';
import { MIGRATIONS } from '../../migrations';
import {
  databaseUrl,
  TEST_APP_PASSWORD,
  TEST_SERVER_URL_VAR,
  TEST_TEMPLATE_VAR,
  uniqueName,
  withServerClient,
} from './test-server';

/**
 * Finds PostgreSQL (DATABASE_URL, else a throw-away embedded cluster), builds one
 * migrated template database, and hands its name to the test files, which clone it.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'chanjiao-test-pg-'));
    // As root, PostgreSQL runs as the `postgres` account: opened to it, the throw-away cluster
    // stays here (closed, it would be placed under /var/lib/chanjiao-embedded-postgres instead).
    chmodSync(dataDir, 0o755);
    const handle = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'pg'),
      port: await findFreePort(),
      password: 'chanjiao-test-owner',
      database: 'postgres',
    });
    serverUrl = handle.url;
    (globalThis as Record<string, unknown>).__chanjiaoEmbeddedPg = { handle, dataDir };
    // Jest stopped by a signal (a CI timeout) runs no teardown: stop the cluster rather than orphan it.
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => void handle.stop().finally(() => process.exit(code)));
    }
  }
  const template = uniqueName('chanjiao_tpl');
  await withServerClient(serverUrl, (client) => client.query(`CREATE DATABASE "${template}"`));
  const config = loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(serverUrl, template),
    DATABASE_APP_PASSWORD: TEST_APP_PASSWORD,
    JWT_SECRETS: `test:${'s'.repeat(40)}`,
  });
  await migrateDatabase(config, MIGRATIONS);
  process.env[TEST_SERVER_URL_VAR] = serverUrl;
  process.env[TEST_TEMPLATE_VAR] = template;
}
