import 'reflect-metadata';
import { loadAppConfigOrExit } from '@chanjiao/core';
import { buildApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadAppConfigOrExit();
  if (!config.database.appUrl) {
    process.stderr.write('DATABASE_URL or DATABASE_APP_URL is required (or run `npm start` for the embedded mode)\n');
    process.exit(78);
  }
  const app = await buildApiApp(config);
  await app.listen({ port: config.http.port, host: '0.0.0.0' });
}

main().catch((error) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
