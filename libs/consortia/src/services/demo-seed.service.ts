import { Injectable } from '@nestjs/common';
import { forConsortium, JobName, OutboxService, RequestContext, TransactionService, EnqueuedJob } from '@chanjiao/core';
import { DEMO_CONSORTIUM, DEMO_CONSORTIUM_ID } from '../demo/demo-consortium';
import { Consortium } from '../entities/consortium.entity';

@Injectable()
export class DemoSeedService {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
  ) {}

  /** Asks the worker to seed (or complete) the demo consortium. */
  requestSeed(ctx: RequestContext): Promise<EnqueuedJob> {
    return this.outbox.enqueue(ctx, JobName.SeedDemoConsortium, { consortiumId: DEMO_CONSORTIUM_ID });
  }

  /** Idempotent: inserts the demo consortium once; later runs change nothing. */
  async seed(ctx: RequestContext): Promise<{ consortiumId: string; created: boolean }> {
    return this.tx.run(forConsortium(ctx, DEMO_CONSORTIUM_ID), async (m) => {
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(Consortium)
        .values({ ...DEMO_CONSORTIUM })
        .orIgnore()
        .returning('id')
        .execute();
      return { consortiumId: DEMO_CONSORTIUM_ID, created: inserted.raw.length > 0 };
    });
  }
}
