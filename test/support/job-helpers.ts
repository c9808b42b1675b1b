import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@chanjiao/core';
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
