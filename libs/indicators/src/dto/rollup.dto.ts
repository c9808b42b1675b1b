import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CursorPageQueryDto } from '@chanjiao/core';
import { IndicatorRollup } from '../entities/indicator-rollup.entity';

export class RequestRollupDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'periodId must be the id of a reporting period' })
  periodId: string;
}

export class RollupListQueryDto extends CursorPageQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'periodId must be the id of a reporting period' })
  periodId: string;
}

export class ScoresQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'periodId must be the id of a reporting period' })
  periodId: string;
}

export class PointDrillQueryDto extends ScoresQueryDto {}

export class CompareQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The earlier snapshot' })
  @IsUUID('all', { message: 'with must be the id of a roll-up' })
  with: string;
}

export class RollupSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty({ enum: ['full', 'incremental'] }) kind: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Incremental runs: the points that triggered it' })
  triggerPoint: string | null;
  @ApiProperty({ description: 'SHA-256 of everything the result was computed from' }) inputsDigest: string;
  @ApiProperty({ format: 'date-time' }) computedAt: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) score: number | null;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [String] }) vetoFailed: string[];
  @ApiPropertyOptional({ type: Number, nullable: true }) completeness: number | null;

  static from(rollup: IndicatorRollup): RollupSummaryDto {
    const { overall } = rollup.result;
    return {
      id: rollup.id,
      periodId: rollup.periodId,
      kind: rollup.kind,
      triggerPoint: rollup.triggerPoint,
      inputsDigest: rollup.inputsDigest,
      computedAt: rollup.computedAt.toISOString(),
      score: overall.score,
      passed: overall.passed,
      vetoFailed: overall.vetoFailed,
      completeness: overall.completeness,
    };
  }
}

export class RollupPageDto {
  @ApiProperty({ type: [RollupSummaryDto] }) items: RollupSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

const OBJECT = { type: 'object', additionalProperties: true } as const;

export class RollupDetailDto extends RollupSummaryDto {
  @ApiProperty({ ...OBJECT, description: 'Every node’s value, target, completion, status, score and counts, by code' })
  nodes: object;
  @ApiProperty({ ...OBJECT, description: 'The inputs: each point’s aggregate' }) aggregates: object;
}

export class RollupComparisonDto {
  @ApiProperty({ format: 'uuid' }) from: string;
  @ApiProperty({ format: 'uuid' }) to: string;
  @ApiProperty({ type: 'array', items: OBJECT, description: 'Nodes whose value, status or score differ' })
  changed: object[];
  @ApiPropertyOptional({ type: Number, nullable: true }) scoreFrom: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) scoreTo: number | null;
}

export class ScoreTreeDto {
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty({ format: 'uuid' }) rollupId: string;
  @ApiProperty({ format: 'date-time' }) computedAt: string;
  @ApiProperty() inputsDigest: string;
  @ApiProperty({ description: 'Share of the period elapsed at the roll-up (0–1)' }) elapsed: number;
  @ApiProperty(OBJECT) overall: object;
  @ApiProperty({ type: 'array', items: OBJECT }) nodes: object[];
}

export class PointDrillDownDto {
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty({ format: 'uuid' }) rollupId: string;
  @ApiProperty(OBJECT) point: object;
  @ApiProperty(OBJECT) result: object;
  @ApiProperty({ type: 'array', items: OBJECT }) reports: object[];
  @ApiProperty({ type: 'array', items: OBJECT }) sourceRows: object[];
  @ApiProperty({ type: 'array', items: OBJECT }) parts: object[];
}
