import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { ALL_QUEUE_NAMES } from './job-names';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobRunLock } from './job-run-lock.service';
import { JobRunner } from './job-runner.service';
import { JobStatusService } from './job-status.service';
import { JobsController } from './jobs.controller';
import { OutboxMessage } from './outbox-message.entity';
import { DEFAULT_JOB_OPTIONS, OutboxRelay } from './outbox-relay.service';
import { QueueErrorLogger } from './queue-error-logger.service';
import { OutboxService } from './outbox.service';
import { producerConnection, workerConnection } from './queue-connection';
import { createQueueProcessor } from './queue-processor.factory';
import { WorkerDrain } from './worker-drain.service';

/**
 * BullMQ wiring. The API side can enqueue (outbox) and read job status; the
 * worker side also relays the outbox and runs one processor per queue.
 */
@Module({})
export class QueueModule {
  static forApi(config: AppConfig): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        TypeOrmModule.forFeature([OutboxMessage]),
        BullModule.forRoot({
          connection: producerConnection(config),
          prefix: config.queue.prefix,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        BullModule.registerQueue(...ALL_QUEUE_NAMES.map((name) => ({ name }))),
      ],
      controllers: [JobsController],
      providers: [OutboxService, JobStatusService, QueueErrorLogger],
      exports: [OutboxService, JobStatusService, BullModule],
    };
  }

  static forWorker(config: AppConfig): DynamicModule {
    const tuning = {
      concurrency: config.queue.concurrency,
      lockDurationMs: config.queue.lockDurationMs,
      stalledIntervalMs: config.queue.stalledIntervalMs,
    };
    return {
      module: QueueModule,
      global: true,
      imports: [
        DiscoveryModule,
        TypeOrmModule.forFeature([OutboxMessage]),
        BullModule.forRoot({
          connection: workerConnection(config),
          prefix: config.queue.prefix,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        BullModule.registerQueue(...ALL_QUEUE_NAMES.map((name) => ({ name }))),
      ],
      providers: [
        OutboxService,
        QueueErrorLogger,
        JobHandlerRegistry,
        JobRunner,
        JobRunLock,
        OutboxRelay,
        WorkerDrain,
        ...ALL_QUEUE_NAMES.map((name) => createQueueProcessor(name, tuning)),
      ],
      exports: [OutboxService, OutboxRelay, BullModule],
    };
  }
}
