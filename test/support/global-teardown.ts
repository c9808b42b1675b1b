import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresHandle } from '../../libs/core/src/database/embedded-postgres';
import { TEST_SERVER_URL_VAR, TEST_TEMPLATE_VAR, withServerClient } from './test-server';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[TEST_SERVER_URL_VAR];
  const template = process.env[TEST_TEMPLATE_VAR];
  if (serverUrl && template) {
    await withServerClient(serverUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      // The demo the console suites clone (test/console/support/console-stack.ts), and its files.
      await client.query(`DROP DATABASE IF EXISTS "${template}_demo" WITH (FORCE)`);
    });
    rmSync(join(tmpdir(), `chanjiao-demo-data-${template}_demo`), { recursive: true, force: true });
  }
  const embedded = (globalThis as Record<string, unknown>).__chanjiaoEmbeddedPg as
    { handle: EmbeddedPostgresHandle; dataDir: string } | undefined;
  if (embedded) {
    await embedded.handle.stop();
    rmSync(embedded.dataDir, { recursive: true, force: true });
    // As root with a temporary directory closed to `postgres`, the cluster was placed elsewhere.
    if (!embedded.handle.dataDir.startsWith(embedded.dataDir)) {
      rmSync(dirname(embedded.handle.dataDir), { recursive: true, force: true });
    }
  }
}
