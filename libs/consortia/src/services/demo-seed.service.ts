import { Injectable } from '@nestjs/common';
import {
  AuditService,
  EnqueuedJob,
  forConsortium,
  JobName,
  OutboxService,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { DEMO_CONSORTIUM, DEMO_CONSORTIUM_ID } from '../demo/demo-consortium';
import { Consortium } from '../entities/consortium.entity';

@Injectable()
export class DemoSeedService {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Asks the worker to seed (or complete) the demo consortium. */
  requestSeed(ctx: RequestContext): Promise<EnqueuedJob> {
    return this.outbox.enqueue(ctx, JobName.SeedDemoConsortium, { consortiumId: DEMO_CONSORTIUM_ID });
  }

  /**
   * Idempotent: inserts the demo consortium once, then chains the next demo job
   * (the identity context's demo users) in the same transaction.
   */
  async seed(ctx: RequestContext): Promise<{ consortiumId: string; created: boolean; nextJobId: string }> {
    const tenantCtx = forConsortium(ctx, DEMO_CONSORTIUM_ID);
    return this.tx.run(tenantCtx, async (m) => {
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(Consortium)
        .values({ ...DEMO_CONSORTIUM })
        .orIgnore()
        .returning('id')
        .execute();
      const created = inserted.raw.length > 0;
      if (created) {
        await this.audit.record(tenantCtx, {
          action: 'consortia.consortium.created',
          entityType: 'consortium',
          entityId: DEMO_CONSORTIUM_ID,
          changes: { code: DEMO_CONSORTIUM.code, name: DEMO_CONSORTIUM.name, demo: true },
        });
      }
      const next = await this.outbox.enqueue(tenantCtx, JobName.SeedDemoUsers, { consortiumId: DEMO_CONSORTIUM_ID });
      return { consortiumId: DEMO_CONSORTIUM_ID, created, nextJobId: next.jobId };
    });
  }
}
