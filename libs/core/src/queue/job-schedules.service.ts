import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JOB_QUEUE, JOB_SCHEDULES } from './job-names';
import { RegisteredQueues } from './registered-queues';
import { RepeatingPass } from './repeating-pass';

/**
 * Upserts every job scheduler of JOB_SCHEDULES when the worker boots (several workers
 * upserting the same id is harmless: BullMQ keeps one scheduler per id). While the
 * queue backend is unreachable it tries again every 30 s.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private readonly pass = new RepeatingPass(() => this.upsertAll());

  constructor(private readonly queues: RegisteredQueues) {}

  onApplicationBootstrap(): void {
    this.pass.start(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pass.stop();
  }

  /** Answers when to try again: never once every scheduler is in place. */
  private async upsertAll(): Promise<number> {
    try {
      for (const schedule of JOB_SCHEDULES) {
        const queue = this.queues.get(JOB_QUEUE[schedule.name]);
        if (!queue) throw new Error(`queue ${JOB_QUEUE[schedule.name]} is not registered`);
        await queue.upsertJobScheduler(
          schedule.id,
          { pattern: schedule.pattern, tz: schedule.tz },
          { name: schedule.name, data: schedule.payload },
        );
      }
      this.logger.log(`Job schedulers in place: ${JOB_SCHEDULES.map((s) => s.id).join(', ')}`);
      void this.pass.stop();
      return 0;
    } catch (error) {
      this.logger.warn(`Job schedulers not upserted yet (${(error as Error).message}); trying again in 30 s`);
      return 30_000;
    }
  }
}
