import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuditService,
  Clock,
  ConsortiumRole,
  JobName,
  OutboxService,
  queryRow,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { Matcher } from '../domain/matcher';
import { ScoredPair } from '../domain/pair-score';
import { SCORING_VERSION } from '../domain/scoring-model';
import {
  MatchingErrorCode,
  MatchingException,
  offeringNotFound,
  postingNotFound,
  runNotFound,
} from '../exceptions/matching.exception';
import { LoadedPosting, MatchingInputsReader } from './matching-inputs.reader';

export interface MatchWriteSummary {
  postings: number;
  matched: number;
  noMatch: number;
  matches: number;
}

export interface StoredMatch {
  postingId: string;
  offeringId: string;
  schoolId: string;
  schoolName: string;
  enterpriseId: string;
  enterpriseName: string;
  postingTitle: string;
  programmeCode: string;
  programmeName: string | null;
  score: number;
  rank: number | null;
  factors: Record<string, { value: number; weight: number; points: number }>;
  explanation: Record<string, unknown>;
  excluded: string[];
  scoringVersion: string;
  runId: string | null;
  matchedAt: Date;
  pinned: boolean;
  hidden: boolean;
  hiddenReason: string | null;
  notRelevant: boolean;
}

export interface PostingMatchesView {
  postingId: string;
  matchedAt: Date | null;
  scoringVersion: string | null;
  noMatch: { nearest: { offeringId: string; score: number; reasons: string[] }[] } | null;
  items: StoredMatch[];
}

export interface MatchingRunRow {
  id: string;
  kind: string;
  status: string;
  scoringVersion: string;
  jobId: string;
  chunksTotal: number;
  chunksDone: number;
  postingsTotal: number;
  postingsMatched: number;
  postingsNoMatch: number;
  matchesWritten: number;
  startedAt: Date;
  finishedAt: Date | null;
}

const RUN_COLUMNS = `id, kind, status, scoring_version AS "scoringVersion", job_id AS "jobId", chunks_total AS "chunksTotal",
  chunks_done AS "chunksDone", postings_total AS "postingsTotal", postings_matched AS "postingsMatched",
  postings_no_match AS "postingsNoMatch", matches_written AS "matchesWritten", started_at AS "startedAt",
  finished_at AS "finishedAt"`;

/** Rows per INSERT statement when writing matches. */
const WRITE_BATCH = 2000;

const MATCH_COLUMNS = `d.posting_id AS "postingId", d.offering_id AS "offeringId", d.school_id AS "schoolId",
  so.name AS "schoolName", d.enterprise_id AS "enterpriseId", eo.name AS "enterpriseName", p.title AS "postingTitle",
  o.programme_code AS "programmeCode", cp.name AS "programmeName", d.score::float8 AS score, d.rank, d.factors, d.explanation,
  d.excluded, d.scoring_version AS "scoringVersion", d.run_id AS "runId", d.matched_at AS "matchedAt",
  (pin.decision = 'pinned') IS TRUE AS pinned, (pin.decision = 'hidden') IS TRUE AS hidden, pin.reason AS "hiddenReason",
  (ent.decision IS NOT NULL) AS "notRelevant"`;

const MATCH_JOINS = `JOIN talent_demand_postings p ON p.consortium_id = d.consortium_id AND p.id = d.posting_id
  JOIN programme_offerings o ON o.consortium_id = d.consortium_id AND o.id = d.offering_id
  JOIN organization so ON so.consortium_id = d.consortium_id AND so.id = d.school_id
  JOIN organization eo ON eo.consortium_id = d.consortium_id AND eo.id = d.enterprise_id
  LEFT JOIN catalogue_programmes cp ON cp.edition = o.catalogue_edition AND cp.code = o.programme_code
  LEFT JOIN match_decisions pin ON pin.consortium_id = d.consortium_id AND pin.posting_id = d.posting_id
    AND pin.offering_id = d.offering_id AND pin.side = 'secretariat'
  LEFT JOIN match_decisions ent ON ent.consortium_id = d.consortium_id AND ent.posting_id = d.posting_id
    AND ent.offering_id = d.offering_id AND ent.side = 'enterprise'`;

/** Matching demand postings to offerings: computing and storing matches, runs, and reading them (docs/matching.md). */
@Injectable()
export class MatchingService {
  constructor(
    private readonly tx: TransactionService,
    private readonly inputs: MatchingInputsReader,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private thisYear(): number {
    return this.clock.chinaYear();
  }

  async matcher(m: EntityManager, consortiumId: string): Promise<Matcher> {
    const [catalogue, offerings, settings, synonyms] = [
      await this.inputs.catalogue(m),
      await this.inputs.offerings(m, consortiumId),
      await this.inputs.settings(m, consortiumId),
      await this.inputs.synonyms(m, consortiumId),
    ];
    return new Matcher(catalogue, offerings, settings, synonyms);
  }

  /** Matches postings by id (a posting that is no longer published loses its matches). */
  matchPostingIds(ctx: RequestContext, ids: readonly string[], runId: string | null): Promise<MatchWriteSummary> {
    return this.tx.run(ctx, async (m) => {
      const postings = await this.inputs.postings(m, ctx.consortiumId as string, ids, this.thisYear());
      return this.write(
        m,
        ctx.consortiumId as string,
        postings,
        await this.matcher(m, ctx.consortiumId as string),
        runId,
      );
    });
  }

  /** Matches the published postings of a range (a chunk of a full run). */
  matchRange(ctx: RequestContext, afterId: string | null, lastId: string, runId: string): Promise<MatchWriteSummary> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const postings = await this.inputs.publishedRange(m, cid, afterId, lastId, this.thisYear());
      const written = await this.write(m, cid, postings, await this.matcher(m, cid), runId);
      // Postings of the range that are no longer published keep nothing.
      await m.query(
        `DELETE FROM demand_matches d USING talent_demand_postings p
          WHERE d.consortium_id = $1 AND p.consortium_id = d.consortium_id AND p.id = d.posting_id
            AND p.status <> 'published' AND ($2::uuid IS NULL OR d.posting_id > $2) AND d.posting_id <= $3`,
        [cid, afterId, lastId],
      );
      return written;
    });
  }

  /** The published postings an offering can affect: those it is matched to now, and those it would fit. */
  async postingsAffectedBy(ctx: RequestContext, offeringId: string): Promise<string[]> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const current = await queryRows<{ id: string }>(
        m,
        `SELECT DISTINCT posting_id AS id FROM demand_matches WHERE consortium_id = $1 AND offering_id = $2`,
        [cid, offeringId],
      );
      const offering = (await this.inputs.offerings(m, cid)).filter((o) => o.id === offeringId);
      const ids = new Set(current.map((r) => r.id));
      if (offering.length > 0) {
        const single = new Matcher(
          await this.inputs.catalogue(m),
          offering,
          await this.inputs.settings(m, cid),
          await this.inputs.synonyms(m, cid),
        );
        const published = await this.inputs.publishedRange(
          m,
          cid,
          null,
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
          this.thisYear(),
        );
        for (const p of published) if (single.match(p).matches.length > 0) ids.add(p.id);
      }
      return [...ids].sort();
    });
  }

  private async write(
    m: EntityManager,
    cid: string,
    postings: LoadedPosting[],
    matcher: Matcher,
    runId: string | null,
  ): Promise<MatchWriteSummary> {
    const summary: MatchWriteSummary = { postings: postings.length, matched: 0, noMatch: 0, matches: 0 };
    if (postings.length === 0) return summary;
    const ids = postings.map((p) => p.id);
    const pins = await queryRows<{ postingId: string; offeringId: string }>(
      m,
      `SELECT posting_id AS "postingId", offering_id AS "offeringId" FROM match_decisions
        WHERE consortium_id = $1 AND posting_id = ANY($2::uuid[]) AND decision = 'pinned'`,
      [cid, ids],
    );
    const pinned = new Map<string, string[]>();
    for (const p of pins) pinned.set(p.postingId, [...(pinned.get(p.postingId) ?? []), p.offeringId]);

    const rows: { pair: ScoredPair; enterpriseId: string; rank: number | null }[] = [];
    const summaries: { postingId: string; count: number; noMatch: unknown }[] = [];
    for (const posting of postings) {
      if (posting.status !== 'published') continue;
      const result = matcher.match(posting);
      result.matches.forEach((pair, i) => rows.push({ pair, enterpriseId: posting.organizationId, rank: i + 1 }));
      for (const offeringId of pinned.get(posting.id) ?? []) {
        if (result.matches.some((x) => x.offeringId === offeringId)) continue;
        const pair = matcher.scoreOne(posting, offeringId);
        if (pair) rows.push({ pair, enterpriseId: posting.organizationId, rank: null });
      }
      summaries.push({ postingId: posting.id, count: result.matches.length, noMatch: result.noMatch });
      if (result.matches.length > 0) summary.matched++;
      else summary.noMatch++;
    }
    await m.query(`DELETE FROM demand_matches WHERE consortium_id = $1 AND posting_id = ANY($2::uuid[])`, [cid, ids]);
    await m.query(`DELETE FROM demand_match_summaries WHERE consortium_id = $1 AND posting_id = ANY($2::uuid[])`, [
      cid,
      ids,
    ]);
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH).map((r) => ({
        posting_id: r.pair.postingId,
        offering_id: r.pair.offeringId,
        school_id: r.pair.organizationId,
        enterprise_id: r.enterpriseId,
        score: r.pair.score,
        rank: r.rank,
        factors: r.pair.factors,
        explanation: r.pair.explanation,
        excluded: r.pair.exclusions,
      }));
      await m.query(
        `INSERT INTO demand_matches (consortium_id, posting_id, offering_id, school_id, enterprise_id, score, rank, factors,
                                     explanation, excluded, scoring_version, run_id)
         SELECT $1, x.posting_id, x.offering_id, x.school_id, x.enterprise_id, x.score, x.rank, x.factors, x.explanation,
                ARRAY(SELECT jsonb_array_elements_text(x.excluded)), $3, $4
           FROM jsonb_to_recordset($2::jsonb) AS x(posting_id uuid, offering_id uuid, school_id uuid, enterprise_id uuid,
                score numeric, rank smallint, factors jsonb, explanation jsonb, excluded jsonb)`,
        [cid, JSON.stringify(batch), SCORING_VERSION, runId],
      );
    }
    summary.matches = rows.length;
    if (summaries.length > 0)
      await m.query(
        `INSERT INTO demand_match_summaries (consortium_id, posting_id, match_count, no_match, scoring_version, run_id)
         SELECT $1, x.posting_id, x.count, x.no_match, $3, $4
           FROM jsonb_to_recordset($2::jsonb) AS x(posting_id uuid, count int, no_match jsonb)`,
        [
          cid,
          JSON.stringify(summaries.map((s) => ({ posting_id: s.postingId, count: s.count, no_match: s.noMatch }))),
          SCORING_VERSION,
          runId,
        ],
      );
    return summary;
  }

  // ------------------------------------------------------------------ runs

  /** Starts a full re-match: the run row and its job, in one transaction. */
  requestRun(ctx: RequestContext): Promise<{ runId: string; jobId: string; name: JobName }> {
    return this.tx.run(ctx, async (m) => {
      const runId = randomUUID();
      const job = await this.outbox.enqueue(ctx, JobName.MatchingRun, {
        consortiumId: ctx.consortiumId as string,
        runId,
      });
      await m.query(
        `INSERT INTO matching_runs (id, consortium_id, kind, scoring_version, job_id, requested_by) VALUES ($1, $2, 'full', $3, $4, $5)`,
        [runId, ctx.consortiumId, SCORING_VERSION, job.jobId, ctx.actor?.userId ?? null],
      );
      await this.audit.record(ctx, {
        action: 'talent.matching_run.requested',
        entityType: 'matching_run',
        entityId: runId,
        changes: {},
      });
      return { runId, jobId: job.jobId, name: job.name };
    });
  }

  getRun(ctx: RequestContext, runId: string): Promise<MatchingRunRow> {
    return this.tx.run(ctx, async (m) => {
      const row = await queryRow<MatchingRunRow>(
        m,
        `SELECT ${RUN_COLUMNS} FROM matching_runs WHERE consortium_id = $1 AND id = $2`,
        [ctx.consortiumId, runId],
      );
      if (!row) throw runNotFound(runId);
      return row;
    });
  }

  /** The latest runs, newest first (requested and nightly). */
  latestRuns(ctx: RequestContext, limit: number): Promise<MatchingRunRow[]> {
    return this.tx.run(ctx, (m) =>
      queryRows<MatchingRunRow>(
        m,
        `SELECT ${RUN_COLUMNS} FROM matching_runs WHERE consortium_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
        [ctx.consortiumId, limit],
      ),
    );
  }

  // ------------------------------------------------------------------ reading

  private isMember(ctx: RequestContext): boolean {
    return !ctx.actor?.platformAdmin && ctx.actor?.role === ConsortiumRole.Member;
  }

  private isSecretariat(ctx: RequestContext): boolean {
    return !!ctx.actor?.platformAdmin || ctx.actor?.role === ConsortiumRole.Secretariat;
  }

  /** A posting's matches: its enterprise, the secretariat and observers; pinned first, hidden ones for the secretariat only. */
  matchesOfPosting(ctx: RequestContext, postingId: string): Promise<PostingMatchesView> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const posting = await queryRow<{ organizationId: string; status: string }>(
        m,
        `SELECT organization_id AS "organizationId", status FROM talent_demand_postings WHERE consortium_id = $1 AND id = $2`,
        [cid, postingId],
      );
      if (!posting) throw postingNotFound(postingId);
      if (this.isMember(ctx) && posting.organizationId !== ctx.actor?.organizationId) throw postingNotFound(postingId);
      const summary = await queryRow<{
        matchedAt: Date;
        scoringVersion: string;
        noMatch: PostingMatchesView['noMatch'];
      }>(
        m,
        `SELECT matched_at AS "matchedAt", scoring_version AS "scoringVersion", no_match AS "noMatch"
           FROM demand_match_summaries WHERE consortium_id = $1 AND posting_id = $2`,
        [cid, postingId],
      );
      const items = await queryRows<StoredMatch>(
        m,
        `SELECT ${MATCH_COLUMNS} FROM demand_matches d ${MATCH_JOINS}
          WHERE d.consortium_id = $1 AND d.posting_id = $2 AND ($3 OR pin.decision IS DISTINCT FROM 'hidden')
          ORDER BY (pin.decision = 'pinned') IS TRUE DESC, d.score DESC, d.rank NULLS LAST, d.offering_id`,
        [cid, postingId, this.isSecretariat(ctx)],
      );
      return {
        postingId,
        matchedAt: summary?.matchedAt ?? null,
        scoringVersion: summary?.scoringVersion ?? null,
        noMatch: summary?.noMatch ?? null,
        items,
      };
    });
  }

  /** The postings an offering fits: its school, the secretariat and observers. */
  matchesOfOffering(ctx: RequestContext, offeringId: string): Promise<StoredMatch[]> {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const offering = await queryRow<{ organizationId: string }>(
        m,
        `SELECT organization_id AS "organizationId" FROM programme_offerings WHERE consortium_id = $1 AND id = $2`,
        [cid, offeringId],
      );
      if (!offering) throw offeringNotFound(offeringId);
      if (this.isMember(ctx) && offering.organizationId !== ctx.actor?.organizationId)
        throw offeringNotFound(offeringId);
      return queryRows<StoredMatch>(
        m,
        `SELECT ${MATCH_COLUMNS} FROM demand_matches d ${MATCH_JOINS}
          WHERE d.consortium_id = $1 AND d.offering_id = $2 AND ($3 OR pin.decision IS DISTINCT FROM 'hidden')
          ORDER BY d.score DESC, d.posting_id LIMIT 200`,
        [cid, offeringId, this.isSecretariat(ctx)],
      );
    });
  }

  // ------------------------------------------------------------------ decisions

  /**
   * The secretariat pins or hides a match (a hide needs a reason); the posting's enterprise
   * marks it not relevant; `none` withdraws the caller's side's decision. Audited; a pin
   * re-matches the posting so the pinned pair is stored even outside the top 20.
   */
  decide(
    ctx: RequestContext,
    postingId: string,
    offeringId: string,
    decision: 'pinned' | 'hidden' | 'not_relevant' | 'none',
    reason: string | null,
  ) {
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      const posting = await queryRow<{ organizationId: string }>(
        m,
        `SELECT organization_id AS "organizationId" FROM talent_demand_postings WHERE consortium_id = $1 AND id = $2`,
        [cid, postingId],
      );
      if (!posting) throw postingNotFound(postingId);
      const side = this.isSecretariat(ctx) ? 'secretariat' : 'enterprise';
      if (side === 'enterprise' && posting.organizationId !== ctx.actor?.organizationId)
        throw postingNotFound(postingId);
      const match = await queryRow<{ factors: Record<string, { points: number }> }>(
        m,
        `SELECT factors FROM demand_matches WHERE consortium_id = $1 AND posting_id = $2 AND offering_id = $3`,
        [cid, postingId, offeringId],
      );
      if (!match && decision !== 'pinned' && decision !== 'none')
        throw new MatchingException(
          MatchingErrorCode.MatchNotFound,
          `No match of posting ${postingId} with offering ${offeringId}`,
        );
      const allowed = side === 'secretariat' ? ['pinned', 'hidden', 'none'] : ['not_relevant', 'none'];
      if (!allowed.includes(decision))
        throw new MatchingException(
          MatchingErrorCode.InvalidTransition,
          `The ${side} cannot set "${decision}" (allowed: ${allowed.join(', ')})`,
          {
            field: 'decision',
          },
        );
      if (decision === 'hidden' && !reason?.trim())
        throw new MatchingException(MatchingErrorCode.InvalidTransition, 'Hiding a match needs a reason', {
          field: 'reason',
        });
      if (decision === 'pinned') {
        const exists = await queryRow<{ one: number }>(
          m,
          `SELECT 1 AS one FROM programme_offerings WHERE consortium_id = $1 AND id = $2`,
          [cid, offeringId],
        );
        if (!exists) throw offeringNotFound(offeringId);
      }
      const before = await queryRow<{ decision: string }>(
        m,
        `SELECT decision FROM match_decisions WHERE consortium_id = $1 AND posting_id = $2 AND offering_id = $3 AND side = $4 FOR UPDATE`,
        [cid, postingId, offeringId, side],
      );
      if (decision === 'none')
        await m.query(
          `DELETE FROM match_decisions WHERE consortium_id = $1 AND posting_id = $2 AND offering_id = $3 AND side = $4`,
          [cid, postingId, offeringId, side],
        );
      else
        await m.query(
          `INSERT INTO match_decisions (consortium_id, posting_id, offering_id, side, decision, reason, factors, decided_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (consortium_id, posting_id, offering_id, side)
           DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason, factors = EXCLUDED.factors,
                         decided_by = EXCLUDED.decided_by, decided_at = now()`,
          [
            cid,
            postingId,
            offeringId,
            side,
            decision,
            reason?.trim() || null,
            match ? JSON.stringify(match.factors) : null,
            ctx.actor?.userId ?? null,
          ],
        );
      await this.audit.record(ctx, {
        action: 'talent.match.decided',
        entityType: 'demand_match',
        entityId: postingId,
        changes: {
          offeringId,
          side,
          decision: { from: before?.decision ?? null, to: decision === 'none' ? null : decision },
          reason,
        },
      });
      if (decision === 'pinned' || before?.decision === 'pinned')
        await this.outbox.enqueue(ctx, JobName.MatchPosting, { consortiumId: cid, postingId });
      return {
        postingId,
        offeringId,
        side,
        decision: decision === 'none' ? null : decision,
        reason: reason?.trim() || null,
      };
    });
  }

  /**
   * Hidden and not-relevant matches by the factor that contributed most to their score,
   * beside the same share among all stored matches: a factor over-represented among hidden
   * matches is a sign its weight is too high.
   */
  feedbackByFactor(ctx: RequestContext) {
    return this.tx.run(ctx, async (m) => {
      const rows = await queryRows<{ factor: string; hidden: number; all: number }>(
        m,
        `WITH top AS (
           SELECT d.posting_id, d.offering_id,
                  (SELECT key FROM jsonb_each(d.factors) ORDER BY (value->>'points')::float8 DESC, key LIMIT 1) AS factor
             FROM demand_matches d WHERE d.consortium_id = $1),
         hid AS (
           SELECT DISTINCT md.posting_id, md.offering_id,
                  (SELECT key FROM jsonb_each(md.factors) ORDER BY (value->>'points')::float8 DESC, key LIMIT 1) AS factor
             FROM match_decisions md
            WHERE md.consortium_id = $1 AND md.decision IN ('hidden', 'not_relevant') AND md.factors IS NOT NULL)
         SELECT f.factor, (SELECT count(*) FROM hid WHERE hid.factor = f.factor)::int AS hidden,
                (SELECT count(*) FROM top WHERE top.factor = f.factor)::int AS all
           FROM unnest(ARRAY['programme', 'text', 'skills', 'capacity', 'mode', 'locality']) AS f(factor)`,
        [ctx.consortiumId],
      );
      const hiddenTotal = rows.reduce((s, r) => s + r.hidden, 0);
      const allTotal = rows.reduce((s, r) => s + r.all, 0);
      return {
        hiddenTotal,
        matchesTotal: allTotal,
        factors: rows.map((r) => ({
          factor: r.factor,
          hidden: r.hidden,
          hiddenShare: hiddenTotal > 0 ? Math.round((1000 * r.hidden) / hiddenTotal) / 1000 : 0,
          matchesShare: allTotal > 0 ? Math.round((1000 * r.all) / allTotal) / 1000 : 0,
        })),
      };
    });
  }
}
