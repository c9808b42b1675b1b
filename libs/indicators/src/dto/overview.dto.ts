import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const WEIGHTED_POINTS =
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}(:\d{1,6}(\.\d{1,4})?)?(,[A-Za-z0-9][A-Za-z0-9._-]{0,39}(:\d{1,6}(\.\d{1,4})?)?){0,49}$/;

export class OverviewQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only periods on this framework version' })
  @IsOptional()
  @IsUUID('all', { message: 'frameworkId must be the id of a framework version' })
  frameworkId?: string;

  @ApiPropertyOptional({
    example: '2026年度建设自评',
    description: 'Only periods of this name (else each consortium’s latest)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  periodName?: string;

  @ApiPropertyOptional({
    example: 'D4.1:2,D5.1:1,D5.3',
    description:
      'The composite index over chosen points, with weights (default 1): Σ weight × min(completion, 100 %) / Σ weight. ' +
      'Without it the composite is the overall score.',
  })
  @IsOptional()
  @MaxLength(2000)
  @Matches(WEIGHTED_POINTS, { message: 'points must be a comma-separated list of CODE or CODE:weight (at most 50)' })
  points?: string;
}

export class OverviewDimensionDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) score: number | null;
}

export class OverviewItemDto {
  @ApiPropertyOptional({
    nullable: true,
    description: 'Rank by composite index (ties share a rank); null without a roll-up',
  })
  rank: number | null;
  @ApiProperty({ format: 'uuid' }) consortiumId: string;
  @ApiProperty() consortiumName: string;
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty() periodName: string;
  @ApiProperty() periodStatus: string;
  @ApiProperty() frameworkCode: string;
  @ApiProperty() frameworkVersion: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) rollupId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) computedAt: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) score: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) composite: number | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) passed: boolean | null;
  @ApiProperty({ type: [String] }) vetoFailed: string[];
  @ApiPropertyOptional({ type: Number, nullable: true }) completeness: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) timeliness: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Points per status' })
  statusCounts: Record<string, number>;
  @ApiProperty({ type: [OverviewDimensionDto] }) dimensions: OverviewDimensionDto[];
}

export class OverviewDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { code: { type: 'string' }, weight: { type: 'number' } } },
  })
  weights: Array<{ code: string; weight: number }>;
  @ApiProperty({ type: [OverviewItemDto] }) items: OverviewItemDto[];
}
