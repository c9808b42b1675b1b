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
  uuidV5,
} from '@chanjiao/core';
import { SCORING_VERSION } from '../domain/scoring-model';
import { MatchingService, returnedRows } from '../services/matching.service';

/** Postings per chunk of a full re-match (one job each, on any worker). */
export const RUN_CHUNK_SIZE = 500;

/**
 * Chunks one worker process matches at once (the others wait before opening their
 * transaction). A chunk is CPU in the worker, then a bulk write in PostgreSQL: two at once
 * overlap the two; more only contend for the same cores and the same offering rows (the
 * foreign-key locks of the inserted matches). Measured in docs/benchmarks.md, "Matching".
 */
export const CHUNKS_AT_ONCE_PER_PROCESS = 2;

/** A counting semaphore for one process. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

const chunkSlots = new Slots(CHUNKS_AT_ONCE_PER_PROCESS);

/** Namespace of the nightly runs' ids (derived from the tick's job id and the consortium). */
const NIGHTLY_RUN_NAMESPACE = 'b6f1c0de-5a2e-4c7b-9d3f-8e4a1f2b6c90';

/** One posting, after it was published or changed (enqueued by the posting trigger). */
@Injectable()
@HandlesJob(JobName.MatchPosting)
export class MatchPostingHandler implements JobHandler<JobName.MatchPosting> {
  constructor(private readonly matching: MatchingService) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.MatchPosting>,
  ): Promise<JobResult<JobName.MatchPosting>> {
    const written = await this.matching.matchPostingIds(ctx, [payload.postingId], null);
    return { postingId: payload.postingId, matches: written.matches, noMatch: written.noMatch > 0 };
  }
}

/** The postings an offering's change can affect (enqueued by the offering trigger and by cooperations). */
@Injectable()
@HandlesJob(JobName.MatchOffering)
export class MatchOfferingHandler implements JobHandler<JobName.MatchOffering> {
  constructor(private readonly matching: MatchingService) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.MatchOffering>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.MatchOffering>> {
    const ids = await this.matching.postingsAffectedBy(ctx, payload.offeringId);
    for (let i = 0; i < ids.length; i += RUN_CHUNK_SIZE) {
      await this.matching.matchPostingIds(ctx, ids.slice(i, i + RUN_CHUNK_SIZE), null);
      void execution.reportProgress(Math.round((100 * (i + RUN_CHUNK_SIZE)) / Math.max(1, ids.length)));
    }
    return { offeringId: payload.offeringId, postings: ids.length };
  }
}

/**
 * Plans a full re-match: removes the matches of postings no longer published, cuts the
 * published postings into id ranges and enqueues one chunk job per range (follow-up ids, so
 * a retry enqueues none twice). Two workers share the chunks.
 */
@Injectable()
@HandlesJob(JobName.MatchingRun)
export class MatchingRunHandler implements JobHandler<JobName.MatchingRun> {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
  ) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.MatchingRun>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.MatchingRun>> {
    return this.tx.run(ctx, async (m) => {
      const cid = payload.consortiumId;
      if (payload.kind === 'nightly')
        // The tick runs without a tenant, so the nightly run's row is written here, under the tenant.
        await m.query(
          `INSERT INTO matching_runs (id, consortium_id, kind, scoring_version, job_id)
           VALUES ($1, $2, 'nightly', $3, $4) ON CONFLICT (id) DO NOTHING`,
          [payload.runId, cid, SCORING_VERSION, execution.jobId],
        );
      await m.query(
        `DELETE FROM demand_matches d USING talent_demand_postings p
          WHERE d.consortium_id = $1 AND p.consortium_id = d.consortium_id AND p.id = d.posting_id AND p.status <> 'published'`,
        [cid],
      );
      await m.query(
        `DELETE FROM demand_match_summaries s USING talent_demand_postings p
          WHERE s.consortium_id = $1 AND p.consortium_id = s.consortium_id AND p.id = s.posting_id AND p.status <> 'published'`,
        [cid],
      );
      const bounds = await queryRows<{ lastId: string; n: number }>(
        m,
        `SELECT max(id::text)::uuid AS "lastId", count(*)::int AS n FROM (
           SELECT id, (row_number() OVER (ORDER BY id) - 1) / $2 AS chunk
             FROM talent_demand_postings WHERE consortium_id = $1 AND status = 'published') x
          GROUP BY chunk ORDER BY chunk`,
        [cid, RUN_CHUNK_SIZE],
      );
      const postings = bounds.reduce((s, b) => s + b.n, 0);
      await m.query(
        `UPDATE matching_runs SET chunks_total = $3, postings_total = $4,
                status = CASE WHEN $3 = 0 THEN 'completed' ELSE status END,
                finished_at = CASE WHEN $3 = 0 THEN clock_timestamp() ELSE finished_at END
          WHERE consortium_id = $1 AND id = $2`,
        [cid, payload.runId, bounds.length, postings],
      );
      let afterId: string | null = null;
      for (const [i, b] of bounds.entries()) {
        await this.outbox.enqueueFollowUp(
          ctx,
          execution.jobId,
          JobName.MatchingRunChunk,
          { consortiumId: cid, runId: payload.runId, afterId, lastId: b.lastId },
          String(i),
        );
        afterId = b.lastId;
      }
      return { runId: payload.runId, postings, chunks: bounds.length };
    });
  }
}

/** One range of a full re-match; the last chunk to finish completes the run. */
@Injectable()
@HandlesJob(JobName.MatchingRunChunk)
export class MatchingRunChunkHandler implements JobHandler<JobName.MatchingRunChunk> {
  constructor(
    private readonly tx: TransactionService,
    private readonly matching: MatchingService,
  ) {}

  async handle(
    ctx: RequestContext,
    payload: JobPayload<JobName.MatchingRunChunk>,
  ): Promise<JobResult<JobName.MatchingRunChunk>> {
    return chunkSlots.run(() => this.chunk(ctx, payload));
  }

  private chunk(
    ctx: RequestContext,
    payload: JobPayload<JobName.MatchingRunChunk>,
  ): Promise<JobResult<JobName.MatchingRunChunk>> {
    return this.tx.run(ctx, async (m) => {
      const written = await this.matching.matchRange(ctx, payload.afterId, payload.lastId, payload.runId);
      // The chunk's own transaction ends after this statement: its finish time is the clock's, not the
      // transaction's start (now()). UPDATE … RETURNING answers [rows, count] through TypeORM.
      const [run] = returnedRows<{ status: string }>(
        await m.query(
          `UPDATE matching_runs
            SET chunks_done = chunks_done + 1, postings_matched = postings_matched + $3, postings_no_match = postings_no_match + $4,
                matches_written = matches_written + $5,
                status = CASE WHEN chunks_done + 1 >= chunks_total THEN 'completed' ELSE status END,
                finished_at = CASE WHEN chunks_done + 1 >= chunks_total THEN clock_timestamp() ELSE finished_at END
          WHERE consortium_id = $1 AND id = $2
          RETURNING status`,
          [payload.consortiumId, payload.runId, written.matched, written.noMatch, written.matches],
        ),
      );
      return {
        runId: payload.runId,
        postings: written.postings,
        matches: written.matches,
        runCompleted: run?.status === 'completed',
      };
    });
  }
}

/**
 * The nightly tick (a BullMQ job scheduler, 02:30 China time): starts one full re-match
 * (`kind` nightly) for every consortium with published postings or stored matches, as
 * follow-up jobs of the tick (ids derived from it, so a re-delivered tick starts none
 * twice). Runs without a tenant; the database function it calls answers consortium ids only.
 */
@Injectable()
@HandlesJob(JobName.MatchingNightlyTick)
export class MatchingNightlyTickHandler implements JobHandler<JobName.MatchingNightlyTick> {
  private readonly logger = new Logger(MatchingNightlyTickHandler.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async handle(
    ctx: RequestContext,
    _payload: JobPayload<JobName.MatchingNightlyTick>,
    execution: JobExecution,
  ): Promise<JobResult<JobName.MatchingNightlyTick>> {
    const today = this.clock.chinaToday();
    const consortia = await this.tx.run(ctx, (m) =>
      queryRows<{ id: string }>(m, `SELECT matching_consortia_to_rematch() AS id ORDER BY 1`),
    );
    const runIds: string[] = [];
    const jobIds: string[] = [];
    for (const { id } of consortia) {
      const runId = uuidV5(NIGHTLY_RUN_NAMESPACE, `${execution.jobId}:${id}`);
      const job = await this.outbox.enqueueFollowUp(
        ctx,
        execution.jobId,
        JobName.MatchingRun,
        { consortiumId: id, runId, kind: 'nightly' },
        id,
      );
      runIds.push(runId);
      jobIds.push(job.jobId);
    }
    this.logger.log(`Nightly re-match for ${today}: ${consortia.length} consortia`);
    return { today, consortia: consortia.length, runIds, jobIds };
  }
}

export const MATCHING_HANDLERS = [
  MatchingNightlyTickHandler,
  MatchPostingHandler,
  MatchOfferingHandler,
  MatchingRunHandler,
  MatchingRunChunkHandler,
];
