import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInt32 } from '@chanjiao/core';
import {
  DEFAULT_SETTINGS,
  DEFAULT_WEIGHTS,
  FactorName,
  SCORING_VERSION,
  SETTING_BOUNDS,
  WEIGHT_BOUNDS,
} from '../domain/scoring-model';
import { SETTINGS_BOUNDS, StoredSettings } from '../services/matching-settings.service';
import { MatchingRunTrigger } from '../services/matching-run-triggers.reader';
import { MatchingRunRow, PostingMatchesView, StoredMatch } from '../services/matching.service';

export class FactorDto {
  @ApiProperty({ minimum: 0, maximum: 1 }) value: number;
  @ApiProperty({ description: 'Weight used (the programme weight moves to text when the posting names no codes)' })
  weight: number;
  @ApiProperty({ description: 'Points contributed to the 0–100 score' }) points: number;
}

@ApiExtraModels(FactorDto)
export class MatchDto {
  @ApiProperty({ format: 'uuid' }) postingId: string;
  @ApiProperty() postingTitle: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ format: 'uuid' }) offeringId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() schoolName: string;
  @ApiProperty() programmeCode: string;
  @ApiPropertyOptional({ type: String, nullable: true }) programmeName: string | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Rank among the kept top 20; null for a pinned match outside it',
  })
  rank: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/FactorDto' } }) factors: Record<
    string,
    FactorDto
  >;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'programme (basis, via), text (source, words), skills (matched, missing), capacity arithmetic, mode, locality',
  })
  explanation: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'Hard filters a pinned match fails' }) excluded: string[];
  @ApiProperty() scoringVersion: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) runId: string | null;
  @ApiProperty({ format: 'date-time' }) matchedAt: string;
  @ApiProperty() pinned: boolean;
  @ApiProperty({ description: 'Hidden by the secretariat (only the secretariat sees hidden matches)' }) hidden: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) hiddenReason: string | null;
  @ApiProperty({ description: 'Marked not relevant by the enterprise' }) notRelevant: boolean;

  static from(m: StoredMatch): MatchDto {
    return { ...m, matchedAt: new Date(m.matchedAt).toISOString() };
  }
}

export class NearestDto {
  @ApiProperty({ format: 'uuid' }) offeringId: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class NoMatchDto {
  @ApiProperty({ type: [NearestDto] }) nearest: NearestDto[];
}

export class PostingMatchesDto {
  @ApiProperty({ format: 'uuid' }) postingId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'null: not matched yet' })
  matchedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) scoringVersion: string | null;
  @ApiPropertyOptional({ nullable: true, type: NoMatchDto, description: 'Set when no offering fits' })
  noMatch: NoMatchDto | null;
  @ApiProperty({ type: [MatchDto] }) items: MatchDto[];

  static from(v: PostingMatchesView): PostingMatchesDto {
    return {
      ...v,
      matchedAt: v.matchedAt ? new Date(v.matchedAt).toISOString() : null,
      items: v.items.map(MatchDto.from),
    };
  }
}

export class OfferingMatchesDto {
  @ApiProperty({ type: [MatchDto] }) items: MatchDto[];
}

export class MatchDecisionDto {
  @ApiProperty({
    enum: ['pinned', 'hidden', 'not_relevant', 'none'],
    description: 'Secretariat: pinned, hidden, none; enterprise: not_relevant, none',
  })
  @IsIn(['pinned', 'hidden', 'not_relevant', 'none'])
  decision: 'pinned' | 'hidden' | 'not_relevant' | 'none';

  @ApiPropertyOptional({ maxLength: 500, description: 'Required to hide' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class MatchDecisionResultDto {
  @ApiProperty({ format: 'uuid' }) postingId: string;
  @ApiProperty({ format: 'uuid' }) offeringId: string;
  @ApiProperty({ enum: ['secretariat', 'enterprise'] }) side: string;
  @ApiPropertyOptional({ nullable: true, enum: ['pinned', 'hidden', 'not_relevant'] }) decision: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
}

export class MatchingRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['full', 'nightly'] }) kind: string;
  @ApiProperty({
    enum: ['nightly', 'weights', 'manual'],
    description: 'What started it: the nightly re-match, a change of the weights, or POST …/matching-runs',
  })
  trigger: MatchingRunTrigger;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: string;
  @ApiProperty() scoringVersion: string;
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty() chunksTotal: number;
  @ApiProperty() chunksDone: number;
  @ApiProperty() postingsTotal: number;
  @ApiProperty() postingsMatched: number;
  @ApiProperty() postingsNoMatch: number;
  @ApiProperty() matchesWritten: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;

  static from(r: MatchingRunRow, trigger: MatchingRunTrigger): MatchingRunDto {
    const progress =
      r.status === 'completed' ? 100 : r.chunksTotal > 0 ? Math.floor((100 * r.chunksDone) / r.chunksTotal) : 0;
    return {
      ...r,
      trigger,
      progress,
      startedAt: new Date(r.startedAt).toISOString(),
      finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
    };
  }
}

export class MatchingRunAcceptedDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty() name: string;
  @ApiProperty() statusUrl: string;
  @ApiProperty() runUrl: string;
}

export class FactorFeedbackDto {
  @ApiProperty({ enum: ['programme', 'text', 'skills', 'capacity', 'mode', 'locality'] }) factor: string;
  @ApiProperty() hidden: number;
  @ApiProperty({ description: 'Share of hidden / not-relevant matches whose largest contribution was this factor' })
  hiddenShare: number;
  @ApiProperty({ description: 'The same share among all stored matches' }) matchesShare: number;
}

export class MatchingFeedbackDto {
  @ApiProperty() hiddenTotal: number;
  @ApiProperty() matchesTotal: number;
  @ApiProperty({ type: [FactorFeedbackDto] }) factors: FactorFeedbackDto[];
}

export class MatchingRunListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt32()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class MatchingRunListDto {
  @ApiProperty({ type: [MatchingRunDto], description: 'Newest first' }) items: MatchingRunDto[];
}

// ------------------------------------------------------------------ weights and thresholds

const weightProperty = (f: FactorName) =>
  ApiProperty({
    type: 'integer',
    minimum: WEIGHT_BOUNDS[f].min,
    maximum: WEIGHT_BOUNDS[f].max,
    description: `Relative weight, a whole number (default ${DEFAULT_WEIGHTS[f]}); outside the bounds: 422 naming weights.${f}`,
  });
const isWeight = () => IsInt32();

export class MatchingWeightsValuesDto {
  @weightProperty('programme') @isWeight() programme: number;
  @weightProperty('text') @isWeight() text: number;
  @weightProperty('skills') @isWeight() skills: number;
  @weightProperty('capacity') @isWeight() capacity: number;
  @weightProperty('mode') @isWeight() mode: number;
  @weightProperty('locality') @isWeight() locality: number;
}

/** PUT body: the whole set (weights and both thresholds). */
export class PutMatchingWeightsDto {
  @ApiProperty({ type: MatchingWeightsValuesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MatchingWeightsValuesDto)
  weights: MatchingWeightsValuesDto;

  @ApiProperty({
    minimum: SETTING_BOUNDS.textMin.min,
    maximum: SETTING_BOUNDS.textMin.max,
    description: 'Text fit that passes the "some fit" filter on its own (default 0.3; at most 3 decimals)',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  textMin: number;

  @ApiProperty({
    type: 'integer',
    minimum: SETTING_BOUNDS.minScore.min,
    maximum: SETTING_BOUNDS.minScore.max,
    description: 'Matches scoring below this are not shown: a whole number (default 25)',
  })
  @IsInt32()
  minScore: number;
}

export class BoundDto {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

export class WeightBoundsDto {
  @ApiProperty({ type: BoundDto }) programme: BoundDto;
  @ApiProperty({ type: BoundDto }) text: BoundDto;
  @ApiProperty({ type: BoundDto }) skills: BoundDto;
  @ApiProperty({ type: BoundDto }) capacity: BoundDto;
  @ApiProperty({ type: BoundDto }) mode: BoundDto;
  @ApiProperty({ type: BoundDto }) locality: BoundDto;
}

export class SettingsBoundsDto {
  @ApiProperty({ type: WeightBoundsDto }) weights: WeightBoundsDto;
  @ApiProperty({ type: BoundDto }) textMin: BoundDto;
  @ApiProperty({ type: BoundDto }) minScore: BoundDto;
}

export class SettingsValuesDto {
  @ApiProperty({ type: MatchingWeightsValuesDto }) weights: MatchingWeightsValuesDto;
  @ApiProperty() textMin: number;
  @ApiProperty() minScore: number;
}

export class MatchingWeightsDto {
  @ApiProperty({ type: MatchingWeightsValuesDto }) weights: MatchingWeightsValuesDto;
  @ApiProperty() textMin: number;
  @ApiProperty() minScore: number;
  @ApiProperty({ description: 'false: the consortium never changed them, the documented defaults apply' })
  custom: boolean;
  @ApiProperty({ type: SettingsValuesDto }) defaults: SettingsValuesDto;
  @ApiProperty({ type: SettingsBoundsDto }) bounds: SettingsBoundsDto;
  @ApiProperty({ description: 'The scoring model the weights apply to' }) scoringVersion: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) updatedBy: string | null;

  static from(s: StoredSettings): MatchingWeightsDto {
    return {
      weights: { ...s.weights },
      textMin: s.textMin,
      minScore: s.minScore,
      custom: s.custom,
      defaults: {
        weights: { ...DEFAULT_SETTINGS.weights },
        textMin: DEFAULT_SETTINGS.textMin,
        minScore: DEFAULT_SETTINGS.minScore,
      },
      bounds: SETTINGS_BOUNDS,
      scoringVersion: SCORING_VERSION,
      updatedAt: s.updatedAt ? new Date(s.updatedAt).toISOString() : null,
      updatedBy: s.updatedBy,
    };
  }
}

export class MatchingWeightsUpdatedDto extends MatchingWeightsDto {
  @ApiPropertyOptional({
    nullable: true,
    type: MatchingRunAcceptedDto,
    description: 'The full re-match the change started (202); null when nothing changed (200, nothing written)',
  })
  run: MatchingRunAcceptedDto | null;
}
