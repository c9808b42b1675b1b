import { Logger, Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { ConnectionOptions, Job } from 'bullmq';
import { JobRunner } from './job-runner.service';
import { QueueName } from './job-names';

export interface WorkerTuning {
  /** The worker's own connection (blocking reads); the queue's is the producers' fail-fast one. */
  connection: ConnectionOptions;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
}

/**
 * One BullMQ worker per queue, all delegating to the JobRunner; contexts only
 * write `@HandlesJob` handlers. Built per queue because worker options are static
 * decorator metadata in @nestjs/bullmq.
 */
export function createQueueProcessor(queue: QueueName, tuning: WorkerTuning): Type<WorkerHost> {
  @Processor(queue, {
    connection: tuning.connection,
    concurrency: tuning.concurrency,
    lockDuration: tuning.lockDurationMs,
    stalledInterval: tuning.stalledIntervalMs,
    maxStalledCount: 2,
    autorun: true,
  })
  class QueueProcessor extends WorkerHost {
    private readonly logger = new Logger(`QueueProcessor:${queue}`);

    constructor(private readonly runner: JobRunner) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.runner.run(job);
    }

    /** Connection trouble (e.g. Redis restarting): BullMQ reconnects by itself; log, don't crash. */
    @OnWorkerEvent('error')
    onError(error: Error): void {
      this.logger.warn(`queue ${queue} worker: ${error.message}`);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job | undefined, error: Error): void {
      this.logger.error(
        `Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
        error.stack,
      );
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0].toUpperCase()}${queue.slice(1)}QueueProcessor` });
  return QueueProcessor;
}
