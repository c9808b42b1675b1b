import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const JOB_STATES = [
  'pending_dispatch',
  'waiting',
  'delayed',
  'active',
  'completed',
  'failed',
  'unknown',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export class JobStatusDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'consortia.seed-demo' })
  name: string;

  @ApiProperty({ enum: JOB_STATES })
  state: JobState;

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  result: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  failedReason: string | null;

  @ApiProperty()
  attemptsMade: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
}

/** Answer of every endpoint that starts background work (HTTP 202). */
export class JobAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Poll GET /api/v1/jobs/{jobId}' })
  jobId: string;

  @ApiProperty({ example: 'consortia.seed-demo' })
  name: string;

  @ApiProperty({ example: '/api/v1/jobs/6f1c0a9e-3c1e-4a47-9a0c-0f3f5a0e2b1d' })
  statusUrl: string;
}
