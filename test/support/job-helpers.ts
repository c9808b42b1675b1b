import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { ALL_QUEUE_NAMES, OutboxMaintenance, QueueName } from '@chanjiao/core';
import { eventually, HttpClient } from './http-client';

export interface JobStatusBody {
  id: string;
  name: string;
  state: string;
  progress: number;
  result: Record<string, unknown> | null;
  failedReason: string | null;
  attemptsMade: number;
  createdAt: string;
  finishedAt: string | null;
}

/** Polls GET /api/v1/jobs/:id until the job reaches `state`. */
export function waitForJobState(
  http: HttpClient,
  jobId: string,
  state: string,
  timeoutMs = 30_000,
): Promise<JobStatusBody> {
  return eventually(async () => {
    const response = await http.get<JobStatusBody>(`/api/v1/jobs/${jobId}`);
    if (response.body.state === 'failed' && state !== 'failed') {
      throw new Error(`job ${jobId} failed: ${response.body.failedReason}`);
    }
    return response.body.state === state ? response.body : undefined;
  }, timeoutMs);
}

export function queueOf(app: INestApplicationContext, name: QueueName): Queue {
  return app.get<Queue>(getQueueToken(name), { strict: false });
}

/**
 * Pauses every queue (in the backend, so no worker anywhere takes a job: jobs
 * dispatched meanwhile wait in BullMQ) until `resume` is called.
 */
export async function pauseQueues(app: INestApplicationContext): Promise<{ resume(): Promise<void> }> {
  const queues = ALL_QUEUE_NAMES.map((name) => queueOf(app, name));
  await Promise.all(queues.map((queue) => queue.pause()));
  return {
    resume: async () => {
      await Promise.all(queues.map((queue) => queue.resume()));
    },
  };
}

/** POST /api/v1/demo/seed and wait for the job to complete. */
export async function seedDemo(admin: HttpClient): Promise<JobStatusBody> {
  const accepted = await admin.post<{ jobId: string }>('/api/v1/demo/seed');
  if (accepted.status !== 202) throw new Error(`demo seed answered ${accepted.status}`);
  return waitForJobState(admin, accepted.body.jobId, 'completed');
}

/**
 * Makes BullMQ lose a dispatched job (as a Redis flush would), lets the grace period
 * pass (by moving the dispatch back in time), and runs one reconcile pass; returns
 * the ids the reconciler sent back to the relay.
 */
export async function loseAndReconcile(
  worker: INestApplicationContext,
  owner: Client,
  lost: { queue: QueueName; jobId: string },
): Promise<string[]> {
  await queueOf(worker, lost.queue).remove(lost.jobId);
  await owner.query(`UPDATE outbox_message SET dispatched_at = dispatched_at - interval '1 hour' WHERE id = $1`, [
    lost.jobId,
  ]);
  return (await worker.get(OutboxMaintenance).reconcileOnce()).redispatched;
}
