import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { ALL_QUEUE_NAMES } from './job-names';

/**
 * The registered queues' connection errors (a database or Redis restart) go to
 * the log as one warning line. Without a listener BullMQ prints the whole error
 * object, pg client and all, with console.error; the queues reconnect by themselves.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queue');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error: Error) => this.logger.warn(`queue ${name} connection: ${error.message}`));
    }
  }
}
