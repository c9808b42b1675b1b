/**
 * Queue and job names are persisted (in the outbox and in BullMQ): never rename
 * one casually. Every job name belongs to exactly one queue, and its payload
 * type lives in `JobPayloads` below.
 */
export enum QueueName {
  Consortia = 'consortia',
  Identity = 'identity',
  Indicators = 'indicators',
  TrainingBases = 'training-bases',
  TrainingPlans = 'training-plans',
  Programmes = 'programmes',
  Talent = 'talent',
  Matching = 'matching',
}

export enum JobName {
  /** Creates (or completes) the demo consortium; idempotent. */
  SeedDemoConsortium = 'consortia.seed-demo',
  /** Creates the demo consortium's users; chained after the consortium seed. */
  SeedDemoUsers = 'identity.seed-demo-users',
  /** Imports member organizations from an uploaded xlsx or csv file (upsert by credit code, else name). */
  ImportOrganizations = 'consortia.import-organizations',
  /** Rolls a reporting period's approved reports and auto points up into values, statuses and scores. */
  IndicatorRollup = 'indicators.rollup',
  /** Re-rolls only the points an approval (or reopening) changed, and the path above them. */
  IndicatorRollupIncremental = 'indicators.rollup-incremental',
  /** Marks an approved booking no_show when its grace period passed without a check-in (enqueued delayed at approval). */
  MarkBookingNoShow = 'training-bases.mark-no-show',
  /** Creates the demo consortium's training bases and a month of bookings around today; idempotent. */
  SeedTrainingBasesDemo = 'training-bases.seed-demo',
  /** Gives the demo consortium a training plan for the current year with a few months of sessions; chained after the consortium seed. */
  SeedDemoTrainingPlans = 'training-plans.seed-demo',
  /** Imports one national reference list (programmes, occupations or the mapping) into an edition; platform level. */
  ImportCatalogue = 'programmes.import-catalogue',
  /** Imports a school's programme offerings from an uploaded xlsx or csv file (upsert by programme code). */
  ImportOfferings = 'programmes.import-offerings',
  /** Produced daily by a BullMQ job scheduler (JOB_SCHEDULES): enqueues one expiry job per consortium with lapsed postings. */
  TalentExpiryTick = 'talent.expiry-tick',
  /** Expires a consortium's published postings whose last day has passed (China time). */
  TalentExpirePostings = 'talent.expire-postings',
  /** Gives the demo consortium its talent postings; chained after the consortium seed. */
  SeedDemoTalent = 'talent.seed-demo',
  /** Matches one demand posting to the offerings (top 20 kept); enqueued by a trigger on every change. */
  MatchPosting = 'talent.match-posting',
  /** Re-matches the published postings an offering's change can affect; enqueued by a trigger. */
  MatchOffering = 'talent.match-offering',
  /** A full re-match of a consortium: plans the run and enqueues its chunks. */
  MatchingRun = 'talent.matching-run',
  /** One chunk of a full re-match (a range of posting ids); chunks run on any worker. */
  MatchingRunChunk = 'talent.matching-run-chunk',
  /** Produced nightly by a BullMQ job scheduler (JOB_SCHEDULES): starts a full re-match of every consortium with postings. */
  MatchingNightlyTick = 'talent.matching-nightly-tick',
  /** Gives the demo consortium a few cooperations from its matches; chained after the talent demo. */
  SeedDemoCooperations = 'talent.seed-demo-cooperations',
  /** Enters (and optionally submits) one organization's reports of a period from an uploaded xlsx. */
  ImportIndicatorReports = 'indicators.import-reports',
  /** Seeds the demo consortium's open reporting period with reports in every state; chained in the demo seed. */
  SeedDemoIndicators = 'indicators.seed-demo',
}

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.SeedDemoConsortium]: QueueName.Consortia,
  [JobName.SeedDemoUsers]: QueueName.Identity,
  [JobName.ImportOrganizations]: QueueName.Consortia,
  [JobName.IndicatorRollup]: QueueName.Indicators,
  [JobName.IndicatorRollupIncremental]: QueueName.Indicators,
  [JobName.MarkBookingNoShow]: QueueName.TrainingBases,
  [JobName.SeedTrainingBasesDemo]: QueueName.TrainingBases,
  [JobName.SeedDemoTrainingPlans]: QueueName.TrainingPlans,
  [JobName.ImportCatalogue]: QueueName.Programmes,
  [JobName.ImportOfferings]: QueueName.Programmes,
  [JobName.TalentExpiryTick]: QueueName.Talent,
  [JobName.TalentExpirePostings]: QueueName.Talent,
  [JobName.SeedDemoTalent]: QueueName.Talent,
  [JobName.MatchPosting]: QueueName.Matching,
  [JobName.MatchOffering]: QueueName.Matching,
  [JobName.MatchingRun]: QueueName.Matching,
  [JobName.MatchingRunChunk]: QueueName.Matching,
  [JobName.MatchingNightlyTick]: QueueName.Matching,
  [JobName.SeedDemoCooperations]: QueueName.Matching,
  [JobName.ImportIndicatorReports]: QueueName.Indicators,
  [JobName.SeedDemoIndicators]: QueueName.Indicators,
};

/** Payload of each job, keyed by job name. Tenant work always names its consortium. */
export interface JobPayloads {
  [JobName.SeedDemoConsortium]: { consortiumId: string };
  [JobName.SeedDemoUsers]: { consortiumId: string };
  /** `fileKey`: the stored upload, relative to the storage directory. */
  [JobName.ImportOrganizations]: {
    consortiumId: string;
    fileKey: string;
    mode: 'all_or_nothing' | 'valid_rows_only';
    format: 'xlsx' | 'csv';
    requestedBy: string | null;
  };
  [JobName.IndicatorRollup]: { consortiumId: string; periodId: string };
  [JobName.IndicatorRollupIncremental]: { consortiumId: string; periodId: string; pointCodes: string[] };
  [JobName.MarkBookingNoShow]: { consortiumId: string; bookingId: string };
  [JobName.SeedTrainingBasesDemo]: { consortiumId: string };
  [JobName.SeedDemoTrainingPlans]: { consortiumId: string };
  /**
   * Platform-level (no consortium). `edition`: the list's edition written to (the
   * programme catalogue's for the mapping, whose occupations come from `occupationEdition`).
   */
  [JobName.ImportCatalogue]: {
    list: 'programmes' | 'occupations' | 'programme_occupations';
    fileKey: string;
    format: 'xlsx' | 'csv';
    edition: string;
    editionName: string | null;
    makeCurrent: boolean | null;
    occupationEdition: string | null;
    requestedBy: string | null;
  };
  /** One school's offerings (`organizationId`), matched by programme code in `edition`. */
  [JobName.ImportOfferings]: {
    consortiumId: string;
    organizationId: string;
    fileKey: string;
    format: 'xlsx' | 'csv';
    edition: string;
    mode: 'all_or_nothing' | 'valid_rows_only';
    requestedBy: string | null;
  };
  /** Platform-level (no consortium): the scheduler's template data. */
  [JobName.TalentExpiryTick]: { schedule: string };
  /** `today`: the China date the tick ran on; postings whose validUntil is before it expire. */
  [JobName.TalentExpirePostings]: { consortiumId: string; today: string };
  [JobName.SeedDemoTalent]: { consortiumId: string };
  [JobName.MatchPosting]: { consortiumId: string; postingId: string };
  [JobName.MatchOffering]: { consortiumId: string; offeringId: string };
  /**
   * `kind` nightly: the run row does not exist yet (the nightly tick runs without a tenant),
   * the run job creates it; absent or `full`: the request wrote it with the job.
   */
  [JobName.MatchingRun]: { consortiumId: string; runId: string; kind?: 'full' | 'nightly' };
  /** Postings with `afterId < id <= lastId` (`afterId` null: from the first). */
  [JobName.MatchingRunChunk]: { consortiumId: string; runId: string; afterId: string | null; lastId: string };
  /** Platform-level (no consortium): the scheduler's template data. */
  [JobName.MatchingNightlyTick]: { schedule: string };
  [JobName.SeedDemoCooperations]: { consortiumId: string };
  /**
   * `organizationId` null: the secretariat's own points. `actor`: who uploaded (the job enters
   * the reports as that user, with the role and organization the request had).
   */
  [JobName.ImportIndicatorReports]: {
    consortiumId: string;
    periodId: string;
    organizationId: string | null;
    fileKey: string;
    submit: boolean;
    actor: {
      userId: string;
      platformAdmin: boolean;
      role?: 'secretariat' | 'member' | 'observer';
      organizationId?: string;
    };
  };
  [JobName.SeedDemoIndicators]: { consortiumId: string };
}

/** What each job returns (stored as the job's result summary). */
export interface JobResults {
  /** `nextJobId`: the follow-up job seeding the rest of the demo (clients may follow the chain). */
  [JobName.SeedDemoConsortium]: { consortiumId: string; created: boolean; nextJobId: string };
  [JobName.SeedDemoUsers]: { consortiumId: string; created: number; skipped?: string };
  /**
   * Counts of data rows (`failed`: rows with at least one error). `errors` name the
   * spreadsheet row as the user sees it (header = row 1) and the zh-CN column header
   * (null for a problem of the whole row or file), with the reason in English and in
   * Chinese (`reasonZh`, for the secretariat's report); at most 1,000 are listed.
   */
  [JobName.ImportOrganizations]: {
    total: number;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
    errors: Array<{ row: number; column: string | null; reason: string; reasonZh: string }>;
  };
  /** The snapshot written (`rollupId`) and its headline figures. */
  [JobName.IndicatorRollup]: { rollupId: string; score: number | null; passed: boolean; points: number };
  [JobName.IndicatorRollupIncremental]: { rollupId: string; score: number | null; passed: boolean; points: number };
  /** `marked`: the booking became no_show; `recheckJobId`: a later check when the grace had not passed yet. */
  [JobName.MarkBookingNoShow]: { bookingId: string; marked: boolean; status: string; recheckJobId?: string };
  [JobName.SeedTrainingBasesDemo]: { consortiumId: string; bases: number; bookings: number };
  /** `planId` of the current year's demo plan; `created` false when it already existed. */
  [JobName.SeedDemoTrainingPlans]: { consortiumId: string; planId: string; created: boolean; sessions: number };
  /**
   * Counts of data rows as for the organization import (valid rows are written, the
   * others reported). `unresolved`: codes the file names that the lists do not hold
   * (the mapping's occupations and programmes), each reported once with its rows.
   */
  [JobName.ImportCatalogue]: {
    list: 'programmes' | 'occupations' | 'programme_occupations';
    edition: string;
    total: number;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
    errors: Array<{ row: number; column: string | null; reason: string; reasonZh: string }>;
    unresolved: { programmeCodes: string[]; occupationCodes: string[] };
  };
  [JobName.ImportOfferings]: {
    total: number;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
    errors: Array<{ row: number; column: string | null; reason: string; reasonZh: string }>;
  };
  [JobName.TalentExpiryTick]: { today: string; consortia: number; jobIds: string[] };
  [JobName.TalentExpirePostings]: { today: string; demandExpired: number; supplyExpired: number };
  /** `nextJobId`: the demo cooperations, chained once the postings exist. */
  [JobName.SeedDemoTalent]: { consortiumId: string; created: number; nextJobId?: string };
  [JobName.MatchPosting]: { postingId: string; matches: number; noMatch: boolean };
  [JobName.MatchOffering]: { offeringId: string; postings: number };
  [JobName.MatchingRun]: { runId: string; postings: number; chunks: number };
  [JobName.MatchingRunChunk]: { runId: string; postings: number; matches: number; runCompleted: boolean };
  /** One full re-match per consortium with published postings or stored matches: its run and job ids. */
  [JobName.MatchingNightlyTick]: { today: string; consortia: number; runIds: string[]; jobIds: string[] };
  [JobName.SeedDemoCooperations]: { consortiumId: string; created: number };
  /** Counts of data rows and the errors by row (header = 1), zh-CN column header and reason in English and Chinese. */
  [JobName.ImportIndicatorReports]: {
    total: number;
    created: number;
    updated: number;
    unchanged: number;
    skipped: number;
    submitted: number;
    failed: number;
    errors: Array<{ row: number; column: string | null; pointCode: string | null; reason: string; reasonZh: string }>;
  };
  [JobName.SeedDemoIndicators]: {
    consortiumId: string;
    periodId: string | null;
    reports: number;
    rollupId: string | null;
  };
}

/**
 * Repeating jobs. The worker upserts each as a BullMQ job scheduler at boot (cron
 * `pattern` in `tz`); a job a scheduler produces is not run directly: the runner turns
 * it into an outbox row (id derived from the occurrence, so a re-delivered occurrence
 * adds nothing), which then runs like any job, with the ledger's exactly-once effect.
 * The scheduler `id` is persisted in the queue backend: never rename one casually.
 */
export interface JobSchedule<N extends JobName = JobName> {
  id: string;
  name: N;
  pattern: string;
  tz: string;
  payload: JobPayloads[N];
}

export const JOB_SCHEDULES: readonly JobSchedule[] = [
  {
    id: 'talent.expiry-daily',
    name: JobName.TalentExpiryTick,
    // 00:05 China time: the day after a posting's last day.
    pattern: '5 0 * * *',
    tz: 'Asia/Shanghai',
    payload: { schedule: 'talent.expiry-daily' },
  } satisfies JobSchedule<JobName.TalentExpiryTick>,
  {
    id: 'talent.matching-nightly',
    name: JobName.MatchingNightlyTick,
    // 02:30 China time: after the 00:05 expiry, when nobody is working.
    pattern: '30 2 * * *',
    tz: 'Asia/Shanghai',
    payload: { schedule: 'talent.matching-nightly' },
  } satisfies JobSchedule<JobName.MatchingNightlyTick>,
];

export type JobPayload<N extends JobName> = JobPayloads[N];
export type JobResult<N extends JobName> = JobResults[N];

/** The message the relay hands to BullMQ: the payload plus its outbox id. */
export type JobEnvelope<N extends JobName = JobName> = { name: N; payload: JobPayload<N> };

export const ALL_JOB_NAMES = Object.values(JobName) as JobName[];
export const ALL_QUEUE_NAMES = Object.values(QueueName) as QueueName[];
