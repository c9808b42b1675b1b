import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, JobName, queryRow, RequestContext, TransactionService } from '@chanjiao/core';
import {
  checkSettings,
  DEFAULT_SETTINGS,
  FACTORS,
  MatchingSettings,
  MatchingWeights,
  SETTING_BOUNDS,
  SettingsProblem,
  WEIGHT_BOUNDS,
} from '../domain/scoring-model';
import { MatchingErrorCode, MatchingException } from '../exceptions/matching.exception';
import { MatchingService } from './matching.service';

export interface StoredSettings extends MatchingSettings {
  /** false: no row, the documented defaults apply. */
  custom: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface SettingsUpdate {
  settings: StoredSettings;
  /** The full re-match the change started; null when nothing changed (nothing written). */
  run: { runId: string; jobId: string; name: JobName } | null;
}

/** Decimal places the columns keep (numeric(4, 3) and numeric(5, 2)): more would be rounded away silently. */
const DECIMALS = { textMin: 3, minScore: 2 } as const;
// (The API takes whole weights and a whole minScore; the model and the columns admit decimals.)

/** Problems of a body against the documented bounds (`checkSettings`) and the stored precision. */
export function settingsProblems(settings: MatchingSettings): SettingsProblem[] {
  const problems = checkSettings(settings);
  for (const [field, places] of Object.entries(DECIMALS) as Array<[keyof typeof DECIMALS, number]>) {
    const v = settings[field];
    if (problems.some((p) => p.field === field) || !Number.isFinite(v)) continue;
    if (Math.abs(Math.round(v * 10 ** places) - v * 10 ** places) > 1e-6)
      problems.push({ field, problem: `must have at most ${places} decimal places` });
  }
  return problems;
}

/** What changes from `current` to `next`, field by field (`weights.programme`, `textMin`, …). */
export function settingsDiff(
  current: MatchingSettings,
  next: MatchingSettings,
): Record<string, { from: number; to: number }> {
  const diff: Record<string, { from: number; to: number }> = {};
  for (const f of FACTORS)
    if (current.weights[f] !== next.weights[f])
      diff[`weights.${f}`] = { from: current.weights[f], to: next.weights[f] };
  if (current.textMin !== next.textMin) diff.textMin = { from: current.textMin, to: next.textMin };
  if (current.minScore !== next.minScore) diff.minScore = { from: current.minScore, to: next.minScore };
  return diff;
}

/**
 * A consortium's matching weights and thresholds (docs/matching.md, "Weights and
 * thresholds"): read with the defaults and bounds, replaced by the secretariat within the
 * bounds (422 naming the field), audited, and every change starts a full re-match in the
 * same transaction, so the stored matches never keep the old weights for long.
 */
@Injectable()
export class MatchingSettingsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly matching: MatchingService,
  ) {}

  get(ctx: RequestContext): Promise<StoredSettings> {
    return this.tx.run(ctx, (m) => this.read(m, ctx.consortiumId as string));
  }

  put(ctx: RequestContext, next: MatchingSettings): Promise<SettingsUpdate> {
    const settings: MatchingSettings = {
      weights: Object.fromEntries(FACTORS.map((f) => [f, next.weights?.[f]])) as MatchingWeights,
      textMin: next.textMin,
      minScore: next.minScore,
    };
    const problems = settingsProblems(settings);
    if (problems.length > 0)
      throw new MatchingException(
        MatchingErrorCode.InvalidSettings,
        problems.map((p) => `${p.field} ${p.problem}`).join('; '),
        { field: problems[0].field, problems },
      );
    return this.tx.run(ctx, async (m) => {
      const cid = ctx.consortiumId as string;
      // One change at a time per consortium, so each audit entry's "from" is what it replaced.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 11))`, [`matching_settings:${cid}`]);
      const current = await this.read(m, cid);
      const diff = settingsDiff(current, settings);
      if (Object.keys(diff).length === 0) return { settings: current, run: null };
      await m.query(
        `INSERT INTO matching_settings (consortium_id, weights, text_min, min_score, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (consortium_id) DO UPDATE SET weights = EXCLUDED.weights, text_min = EXCLUDED.text_min,
           min_score = EXCLUDED.min_score, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [cid, JSON.stringify(settings.weights), settings.textMin, settings.minScore, ctx.actor?.userId ?? null],
      );
      await this.audit.record(ctx, {
        action: 'talent.matching_settings.updated',
        entityType: 'matching_settings',
        entityId: cid,
        changes: diff,
      });
      const run = await this.matching.requestRun(ctx);
      return { settings: await this.read(m, cid), run };
    });
  }

  private async read(m: EntityManager, cid: string): Promise<StoredSettings> {
    const row = await queryRow<{
      weights: Partial<MatchingWeights>;
      textMin: string;
      minScore: string;
      updatedAt: Date;
      updatedBy: string | null;
    }>(
      m,
      `SELECT weights, text_min AS "textMin", min_score AS "minScore", updated_at AS "updatedAt", updated_by AS "updatedBy"
         FROM matching_settings WHERE consortium_id = $1`,
      [cid],
    );
    if (!row) return { ...DEFAULT_SETTINGS, custom: false, updatedAt: null, updatedBy: null };
    return {
      weights: { ...DEFAULT_SETTINGS.weights, ...row.weights },
      textMin: Number(row.textMin),
      minScore: Number(row.minScore),
      custom: true,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    };
  }
}

/** The documented bounds, for clients drawing the form. */
export const SETTINGS_BOUNDS = { weights: WEIGHT_BOUNDS, ...SETTING_BOUNDS };
