import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where the suite's PostgreSQL is. The global setup fills these in (DATABASE_URL
 * of the machine, or an embedded cluster it started) and every test file reads them.
 */
export const TEST_SERVER_URL_VAR = 'CHANJIAO_TEST_SERVER_URL';
export const TEST_TEMPLATE_VAR = 'CHANJIAO_TEST_TEMPLATE_DB';
export const TEST_APP_PASSWORD = 'chanjiao-test-app-password';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function withServerClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  /** Owner (superuser in tests) connection. */
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
/** The test server's URL and its migrated template database, set by the e2e global setup. */
export function testServer(): { serverUrl: string; template: string } {
  const serverUrl = process.env[TEST_SERVER_URL_VAR];
  const template = process.env[TEST_TEMPLATE_VAR];
  if (!serverUrl || !template) {
    throw new Error('The e2e global setup did not run (CHANJIAO_TEST_* variables are missing)');
  }
  return { serverUrl, template };
}

/** A fresh database cloned from the migrated template (or from `template`, another prepared one). */
export async function createTestDatabase(from?: string): Promise<TestDatabase> {
  const { serverUrl, template: migrated } = testServer();
  const template = from ?? migrated;
  const name = uniqueName('chanjiao_t');
  await withServerClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    ownerUrl: databaseUrl(serverUrl, name),
    drop: () =>
      withServerClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
