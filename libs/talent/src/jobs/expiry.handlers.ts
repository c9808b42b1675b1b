import { Injectable, Logger } from '@nestjs/common';
import {
  Clock,
  HandlesJob,
  JobExecution,
  JobHandler,
  JobName,
  JobPayload,
  JobResult,
  OutboxService,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { DemandPostingsService } from '../services/demand-postings.service';
import { SupplyPostingsService } from '../services/supply-postings.service';

/**
 * The daily tick (a BullMQ job scheduler, 00:05 China time): finds the consortia with
 * published postings past their last day and enqueues one expiry job for each. Runs
 * without a tenant; the database function it calls answers consortium ids only.
 */
@Injectable()
@HandlesJob(JobName.TalentExpiryTick)
export class TalentExpiryTickHandler implements JobHandler<JobName.TalentExpiryTick> {
  private readonly logger = new Logger(TalentExpiryTickHandler.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async handle(
    ctx: RequestContext,
    _payload: JobPayload<JobName.TalentExpiryTick>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.TalentExpiryTick>> {
    const today = this.clock.chinaToday();
    const consortia = await this.tx.run(ctx, (m) =>
      queryRows<{ id: string }>(m, `SELECT talent_consortia_with_lapsed_postings($1::date) AS id ORDER BY 1`, [today]),
    );
    const jobIds: string[] = [];
    for (const { id } of consortia) {
      const job = await this.outbox.enqueueFollowUp(
        ctx,
        execution.jobId,
        JobName.TalentExpirePostings,
        { consortiumId: id, today },
        id,
      );
      jobIds.push(job.jobId);
    }
    this.logger.log(`Expiry tick for ${today}: ${consortia.length} consortia with lapsed postings`);
    return { today, consortia: consortia.length, jobIds };
  }
}

/** Expires one consortium's published postings whose last day is before the tick's day. */
@Injectable()
@HandlesJob(JobName.TalentExpirePostings)
export class TalentExpirePostingsHandler implements JobHandler<JobName.TalentExpirePostings> {
  constructor(
    private readonly demand: DemandPostingsService,
    private readonly supply: SupplyPostingsService,
  ) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.TalentExpirePostings>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.TalentExpirePostings>> {
    const demand = await this.demand.expire(ctx, payload.today);
    await execution.reportProgress(50);
    const supply = await this.supply.expire(ctx, payload.today);
    return { today: payload.today, demandExpired: demand.length, supplyExpired: supply.length };
  }
}
