import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, DatabaseModule, QueueModule } from '@chanjiao/core';
import { ConsortiaJobsModule } from '@chanjiao/consortia';

/** The BullMQ worker: plumbing plus each bounded context's jobs module. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, QueueModule.forWorker(config), ConsortiaJobsModule],
    };
  }
}
