import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type JobStatus = components['schemas']['JobStatusDto'];
/** What a 202 answers: the job to follow. */
export interface AcceptedJob {
  jobId: string;
  statusUrl: string;
}

const FINISHED: ReadonlyArray<JobStatus['state']> = ['completed', 'failed'];

export function jobFinished(job: JobStatus | undefined): boolean {
  return job !== undefined && FINISHED.includes(job.state);
}

/** Follows a background job (GET /api/v1/jobs/:id) every half second until it completed or failed. */
export function useJob(jobId: string | undefined) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId as string } } })),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (jobFinished(query.state.data) ? false : 500),
    staleTime: 0,
  });
}
