import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';

/** The BullMQ queues QueueModule registered (producer connections), by name. */
@Injectable()
export class RegisteredQueues {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** The queue, or undefined for a name this build does not know (e.g. an old outbox row). */
  get(name: string): Queue | undefined {
    try {
      return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    } catch {
      return undefined;
    }
  }
}
