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
  const { host, port } = config.http;
  try {
    await app.listen({ port, host });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `Port ${port} on ${host} is already in use: stop the program using it, or set PORT to a free port\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  const address = app.getHttpServer().address();
  const bound = typeof address === 'object' && address ? address : { address: host, port };
  // Said once, as bound (Fastify lists each interface's address, which hides a wildcard bind).
  const scope = bound.address === '0.0.0.0' || bound.address === '::' ? ' (all interfaces)' : '';
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(
      { host: bound.address, port: bound.port },
      `API listening on ${bound.address} port ${bound.port}${scope}`,
    );
}

main().catch((error) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
