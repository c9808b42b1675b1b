import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, configureQueueBackend, createRootLogger, PinoLoggerService } from '@chanjiao/core';
import { WorkerModule } from './worker.module';

export async function buildWorker(config: AppConfig): Promise<INestApplicationContext> {
  configureQueueBackend(config);
  const logger = createRootLogger(config.log, 'chanjiao-worker');
  return NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new PinoLoggerService(logger) });
}

/**
 * Stops on SIGTERM/SIGINT: closing the app closes the BullMQ workers, which wait
 * for active jobs; past the timeout we exit anyway and the jobs' locks expire,
 * so another worker retries them.
 */
export function drainOnSignals(app: INestApplicationContext, timeoutMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`worker: ${signal} received, draining active jobs (up to ${timeoutMs} ms)\n`);
    const timer = setTimeout(() => process.exit(1), timeoutMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
