import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsInt32 } from '@chanjiao/core';

export class TalentGapQueryDto {
  @ApiProperty({ minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt32()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ default: 1.5, minimum: 1, maximum: 10, description: 'demand / supply above this → expand' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(10)
  expandAbove?: number;

  @ApiPropertyOptional({ default: 0.5, minimum: 0, maximum: 1, description: 'demand / supply below this → shrink' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  shrinkBelow?: number;
}

export class GapRowDto {
  @ApiProperty({ description: 'Programme class code, occupation code, or "unclassified"' }) key: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'Headcount of the published postings starting that year' }) demand: number;
  @ApiProperty() postings: number;
  @ApiProperty({ description: 'Expected graduates that year of active offerings' }) supply: number;
  @ApiProperty() offerings: number;
  @ApiProperty({ description: 'demand − supply' }) gap: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'demand / supply (null without supply)' }) ratio:
    number | null;
  @ApiProperty({ enum: ['expand', 'shrink', 'new_programme_needed', 'maintain'] }) recommendation: string;
}

export class GapThresholdsDto {
  @ApiProperty() expandAbove: number;
  @ApiProperty() shrinkBelow: number;
}

export class TalentGapDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: GapThresholdsDto }) thresholds: GapThresholdsDto;
  @ApiProperty({ type: [GapRowDto] }) byClass: GapRowDto[];
  @ApiProperty({ type: [GapRowDto] }) byOccupation: GapRowDto[];
}
