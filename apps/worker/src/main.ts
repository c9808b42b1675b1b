import 'reflect-metadata';
import { loadAppConfigOrExit } from '@chanjiao/core';
import { buildWorker, drainOnSignals } from './bootstrap';

async function main(): Promise<void> {
  const config = loadAppConfigOrExit();
  if (!config.database.appUrl) {
    process.stderr.write('DATABASE_URL or DATABASE_APP_URL is required (or run `npm start` for the embedded mode)\n');
    process.exit(78);
  }
  const app = await buildWorker(config);
  await app.init();
  drainOnSignals(app, config.shutdownTimeoutMs);
}

main().catch((error) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
