import { Injectable } from '@nestjs/common';
import { HandlesJob, JobExecution, JobHandler, JobName, JobPayload, JobResult, RequestContext } from '@chanjiao/core';
import { IndicatorRollup } from '../entities/indicator-rollup.entity';
import { RollupService } from '../services/rollup.service';

export function rollupResult(rollup: IndicatorRollup): JobResult<JobName.IndicatorRollup> {
  return {
    rollupId: rollup.id,
    score: rollup.result.overall.score,
    passed: rollup.result.overall.passed,
    points: Object.values(rollup.result.nodes).filter((node) => node.isPoint).length,
  };
}

/** A full roll-up of a period: every point from its approved reports and sources. */
@Injectable()
@HandlesJob(JobName.IndicatorRollup)
export class RollupHandler implements JobHandler<JobName.IndicatorRollup> {
  constructor(private readonly rollups: RollupService) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.IndicatorRollup>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.IndicatorRollup>> {
    return rollupResult(await this.rollups.runFull(ctx, payload.periodId, execution));
  }
}

/** After an approval: only the points it changed, and the path above them. */
@Injectable()
@HandlesJob(JobName.IndicatorRollupIncremental)
export class IncrementalRollupHandler implements JobHandler<JobName.IndicatorRollupIncremental> {
  constructor(private readonly rollups: RollupService) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.IndicatorRollupIncremental>,
  ): Promise<JobResult<JobName.IndicatorRollupIncremental>> {
    return rollupResult(await this.rollups.runIncremental(ctx, payload.periodId, payload.pointCodes));
  }
}
