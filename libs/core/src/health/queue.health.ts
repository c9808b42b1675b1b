import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { ALL_QUEUE_NAMES } from '../queue/job-names';

/** The queue backend answers when a cheap read on a queue succeeds in time (Redis or PostgreSQL alike). */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs = 2000) {
    const session = this.indicator.check(key);
    const queue = this.moduleRef.get<Queue>(getQueueToken(ALL_QUEUE_NAMES[0]), { strict: false });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        queue.getJobCounts('waiting'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
