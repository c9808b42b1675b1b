import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, configureQueueBackend, createHttpApp, createRootLogger } from '@chanjiao/core';
import { ApiModule } from './api.module';

/** Builds the API application (not yet listening). Shared by main, e2e tests and benchmarks. */
export async function buildApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  configureQueueBackend(config);
  const logger = createRootLogger(config.log, 'chanjiao-api');
  return createHttpApp(ApiModule.forRoot(config), config, logger);
}
