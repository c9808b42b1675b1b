import { createHash, randomUUID } from 'node:crypto';
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
import { CatalogueIndex, Matcher } from '../domain/matcher';
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

/** Prepared matchers kept per worker process (one per consortium, the most recently used). */
const MATCHER_CACHE_SIZE = 8;

/** The rows of a raw UPDATE/DELETE … RETURNING: TypeORM answers those as `[rows, count]`. */
export function returnedRows<Row>(raw: unknown): Row[] {
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number')
    return raw[0] as Row[];
  return raw as Row[];
}

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

  private readonly matchers = new Map<string, { key: string; matcher: Promise<Matcher> }>();
  /** A number per catalogue index instance (a new edition, a new index), for the matcher's cache key. */
  private readonly catalogueIds = new WeakMap<CatalogueIndex, number>();
  private catalogueSeq = 0;

  /**
   * The consortium's prepared matcher: built from the catalogue index (cached per edition)
   * and the consortium's offerings, settings and synonyms, and kept in the process while their
   * fingerprint (one cheap query) is unchanged, so the chunks of a run reuse it (chunks running
   * at once wait for one build).
   */
  async matcher(m: EntityManager, consortiumId: string): Promise<Matcher> {
    const catalogue = await this.inputs.catalogue(m);
    let catalogueId = this.catalogueIds.get(catalogue);
    if (catalogueId === undefined) this.catalogueIds.set(catalogue, (catalogueId = ++this.catalogueSeq));
    const key = `${catalogueId}|${await this.inputs.matcherFingerprint(m, consortiumId)}`;
    const cached = this.matchers.get(consortiumId);
    if (cached?.key === key) {
      this.matchers.delete(consortiumId);
      this.matchers.set(consortiumId, cached);
      return cached.matcher;
    }
    const matcher = (async () => {
      const [offerings, settings, synonyms] = [
        await this.inputs.offerings(m, consortiumId),
        await this.inputs.settings(m, consortiumId),
        await this.inputs.synonyms(m, consortiumId),
      ];
      return new Matcher(catalogue, offerings, settings, synonyms);
    })();
    this.matchers.delete(consortiumId);
    this.matchers.set(consortiumId, { key, matcher });
    // A failed build is not kept.
    matcher.catch(() => {
      if (this.matchers.get(consortiumId)?.matcher === matcher) this.matchers.delete(consortiumId);
    });
    if (this.matchers.size > MATCHER_CACHE_SIZE) this.matchers.delete(this.matchers.keys().next().value as string);
    return matcher;
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
    await this.store(m, cid, ids, rows, summaries, runId);
    summary.matches = rows.length;
    return summary;
  }

  /**
   * Stores a batch's matches in a few set-based statements (docs/matching.md, "How it is
   * fast"): one DELETE of the postings' rows that are no longer matches, one UPDATE that only
   * stamps the run on rows whose content (hash) is unchanged, one upsert of the new and
   * changed rows (arrays through unnest), then the summaries likewise.
   */
  private async store(
    m: EntityManager,
    cid: string,
    ids: readonly string[],
    rows: readonly { pair: ScoredPair; enterpriseId: string; rank: number | null }[],
    summaries: readonly { postingId: string; count: number; noMatch: unknown }[],
    runId: string | null,
  ): Promise<void> {
    const sorted = [...rows].sort((a, b) =>
      a.pair.postingId < b.pair.postingId
        ? -1
        : a.pair.postingId > b.pair.postingId
          ? 1
          : a.pair.offeringId < b.pair.offeringId
            ? -1
            : a.pair.offeringId > b.pair.offeringId
              ? 1
              : 0,
    );
    const facts = sorted.map((r) => {
      const factors = JSON.stringify(r.pair.factors);
      const explanation = JSON.stringify(r.pair.explanation);
      const excluded = r.pair.exclusions.join(',');
      const hash = createHash('sha1')
        .update(
          JSON.stringify([SCORING_VERSION, r.pair.organizationId, r.enterpriseId, r.pair.score, r.rank, excluded]),
        )
        .update(factors)
        .update(explanation)
        .digest('base64');
      return { r, factors, explanation, excluded, hash };
    });
    const postingIds = facts.map((f) => f.r.pair.postingId);
    const offeringIds = facts.map((f) => f.r.pair.offeringId);
    await m.query(
      // The postings' rows that are not among the pairs kept.
      `DELETE FROM demand_matches d
        WHERE d.consortium_id = $1 AND d.posting_id = ANY($2::uuid[])
          AND (d.posting_id, d.offering_id) NOT IN (SELECT * FROM unnest($3::uuid[], $4::uuid[]))`,
      [cid, ids, postingIds, offeringIds],
    );
    const unchanged = new Set<string>();
    if (facts.length > 0) {
      const stamped = returnedRows<{ postingId: string; offeringId: string }>(
        await m.query(
          `UPDATE demand_matches d SET run_id = $5, matched_at = now()
             FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS x(posting_id, offering_id, content_hash)
            WHERE d.consortium_id = $1 AND d.posting_id = ANY($6::uuid[])
              AND d.posting_id = x.posting_id AND d.offering_id = x.offering_id AND d.content_hash = x.content_hash
           RETURNING d.posting_id AS "postingId", d.offering_id AS "offeringId"`,
          // The batch's posting ids let the planner read only their rows (by the primary key), not the table.
          [cid, postingIds, offeringIds, facts.map((f) => f.hash), runId, ids],
        ),
      );
      for (const row of stamped) unchanged.add(`${row.postingId}/${row.offeringId}`);
    }
    const changed = facts.filter((f) => !unchanged.has(`${f.r.pair.postingId}/${f.r.pair.offeringId}`));
    if (changed.length > 0)
      await m.query(
        `INSERT INTO demand_matches (consortium_id, posting_id, offering_id, school_id, enterprise_id, score, rank, factors,
                                     explanation, excluded, scoring_version, run_id, content_hash)
         SELECT $1, x.posting_id, x.offering_id, x.school_id, x.enterprise_id, x.score, x.rank, x.factors::jsonb,
                x.explanation::jsonb, string_to_array(x.excluded, ','), $11, $12, x.content_hash
           FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::numeric[], $7::smallint[], $8::text[],
                       $9::text[], $10::text[], $13::text[])
                AS x(posting_id, offering_id, school_id, enterprise_id, score, rank, factors, explanation, excluded,
                     content_hash)
         ON CONFLICT (consortium_id, posting_id, offering_id) DO UPDATE
            SET school_id = EXCLUDED.school_id, enterprise_id = EXCLUDED.enterprise_id, score = EXCLUDED.score,
                rank = EXCLUDED.rank, factors = EXCLUDED.factors, explanation = EXCLUDED.explanation,
                excluded = EXCLUDED.excluded, scoring_version = EXCLUDED.scoring_version, run_id = EXCLUDED.run_id,
                content_hash = EXCLUDED.content_hash, matched_at = now()`,
        [
          cid,
          changed.map((f) => f.r.pair.postingId),
          changed.map((f) => f.r.pair.offeringId),
          changed.map((f) => f.r.pair.organizationId),
          changed.map((f) => f.r.enterpriseId),
          changed.map((f) => f.r.pair.score),
          changed.map((f) => f.r.rank),
          changed.map((f) => f.factors),
          changed.map((f) => f.explanation),
          changed.map((f) => f.excluded),
          SCORING_VERSION,
          runId,
          changed.map((f) => f.hash),
        ],
      );
    const summarised = summaries.map((x) => x.postingId);
    await m.query(
      `DELETE FROM demand_match_summaries
        WHERE consortium_id = $1 AND posting_id = ANY($2::uuid[]) AND NOT (posting_id = ANY($3::uuid[]))`,
      [cid, ids, summarised],
    );
    if (summaries.length > 0)
      await m.query(
        `INSERT INTO demand_match_summaries (consortium_id, posting_id, match_count, no_match, scoring_version, run_id)
         SELECT $1, x.posting_id, x.match_count, x.no_match::jsonb, $5, $6
           FROM unnest($2::uuid[], $3::int[], $4::text[]) AS x(posting_id, match_count, no_match)
         ON CONFLICT (consortium_id, posting_id) DO UPDATE
            SET match_count = EXCLUDED.match_count, no_match = EXCLUDED.no_match,
                scoring_version = EXCLUDED.scoring_version, run_id = EXCLUDED.run_id, matched_at = now()`,
        [
          cid,
          summarised,
          summaries.map((x) => x.count),
          summaries.map((x) => (x.noMatch === null ? null : JSON.stringify(x.noMatch))),
          SCORING_VERSION,
          runId,
        ],
      );
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
