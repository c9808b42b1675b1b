import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { ALL_QUEUE_NAMES } from './job-names';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobRunLock } from './job-run-lock.service';
import { JobRunner } from './job-runner.service';
import { JobSchedules } from './job-schedules.service';
import { JobStatusService } from './job-status.service';
import { JobsController } from './jobs.controller';
import { OutboxMaintenance } from './outbox-maintenance.service';
import { OutboxMessage } from './outbox-message.entity';
import { DEFAULT_JOB_OPTIONS, OutboxRelay } from './outbox-relay.service';
import { QueueErrorLogger } from './queue-error-logger.service';
import { OutboxService } from './outbox.service';
import { QueueConnections, queuePrefix } from './queue-connection';
import { createQueueProcessor } from './queue-processor.factory';
import { RegisteredQueues } from './registered-queues';
import { WorkerDrain } from './worker-drain.service';

/**
 * The queues, on the producers' (fail-fast) connection, each with its hash-tagged
 * prefix; the connections are closed with the app.
 */
function queueImports(config: AppConfig, connections: QueueConnections) {
  return [
    TypeOrmModule.forFeature([OutboxMessage]),
    BullModule.forRoot({ connection: connections.producer(), defaultJobOptions: DEFAULT_JOB_OPTIONS }),
    BullModule.registerQueue(
      ...ALL_QUEUE_NAMES.map((name) => ({ name, prefix: queuePrefix(config.queue.prefix, name) })),
    ),
  ];
}

/**
 * BullMQ wiring. The API side can enqueue (outbox) and read job status; the
 * worker side also relays the outbox, keeps it (prune, reconcile) and runs one
 * processor per queue.
 */
@Module({})
export class QueueModule {
  static forApi(config: AppConfig): DynamicModule {
    const connections = new QueueConnections(config);
    return {
      module: QueueModule,
      global: true,
      imports: queueImports(config, connections),
      controllers: [JobsController],
      providers: [
        { provide: QueueConnections, useValue: connections },
        RegisteredQueues,
        OutboxService,
        JobStatusService,
        QueueErrorLogger,
      ],
      exports: [OutboxService, JobStatusService, BullModule],
    };
  }

  static forWorker(config: AppConfig): DynamicModule {
    const connections = new QueueConnections(config);
    const tuning = {
      connection: connections.worker(),
      concurrency: config.queue.concurrency,
      lockDurationMs: config.queue.lockDurationMs,
      stalledIntervalMs: config.queue.stalledIntervalMs,
    };
    return {
      module: QueueModule,
      global: true,
      imports: [DiscoveryModule, ...queueImports(config, connections)],
      providers: [
        { provide: QueueConnections, useValue: connections },
        RegisteredQueues,
        OutboxService,
        QueueErrorLogger,
        JobHandlerRegistry,
        JobRunner,
        JobRunLock,
        OutboxRelay,
        OutboxMaintenance,
        WorkerDrain,
        JobSchedules,
        ...ALL_QUEUE_NAMES.map((name) => createQueueProcessor(name, tuning)),
      ],
      exports: [OutboxService, OutboxRelay, OutboxMaintenance, BullModule],
    };
  }
}
