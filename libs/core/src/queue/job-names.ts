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

export type JobPayload<N extends JobName> = JobPayloads[N];
export type JobResult<N extends JobName> = JobResults[N];

/** The message the relay hands to BullMQ: the payload plus its outbox id. */
export type JobEnvelope<N extends JobName = JobName> = { name: N; payload: JobPayload<N> };

export const ALL_JOB_NAMES = Object.values(JobName) as JobName[];
export const ALL_QUEUE_NAMES = Object.values(QueueName) as QueueName[];
