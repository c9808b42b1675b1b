import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { ALL_QUEUE_NAMES } from '../job-names';
import { QueueErrorLogger } from '../queue-error-logger.service';

describe('QueueErrorLogger', () => {
  it('gives every registered queue an error listener that logs one warning line', () => {
    const queues = new Map(ALL_QUEUE_NAMES.map((name) => [getQueueToken(name), new EventEmitter()]));
    const moduleRef = { get: (token: string) => queues.get(token) } as unknown as ModuleRef;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new QueueErrorLogger(moduleRef).onModuleInit();
    for (const [token, queue] of queues) {
      // Without a listener, emitting 'error' throws (BullMQ then console.errors the whole object).
      expect(() => queue.emit('error', new Error(`terminating connection (${token})`))).not.toThrow();
    }
    expect(warn.mock.calls.map(([message]) => message)).toEqual(
      ALL_QUEUE_NAMES.map((name) => `queue ${name} connection: terminating connection (${getQueueToken(name)})`),
    );
    warn.mockRestore();
  });
});
