import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, IsDateOnly, IsInt32 } from '@chanjiao/core';
import { PeriodStatus } from '../entities/indicator-enums';
import { IndicatorPeriod } from '../entities/indicator-period.entity';

const POINT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export class CreatePeriodDto {
  @ApiProperty({ example: '2026年度' })
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'A published framework version' })
  @IsUUID('all', { message: 'frameworkId must be the id of a published framework version' })
  frameworkId: string;

  @ApiProperty({ example: '2026-01-01' }) @IsDateOnly() startsOn: string;
  @ApiProperty({ example: '2026-12-31' }) @IsDateOnly() endsOn: string;
  @ApiProperty({ example: '2026-12-31', description: 'Reports are due this day (China time)' })
  @IsDateOnly()
  dueOn: string;

  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    maximum: 365,
    description: 'Days entry stays open after the due date',
  })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(365)
  graceDays?: number;
}

export class UpdatePeriodDto extends PartialType(PickType(CreatePeriodDto, ['name', 'dueOn', 'graceDays'] as const)) {}

export class PeriodTransitionDto {
  @ApiProperty({ enum: PeriodStatus, description: 'open → closed → archived; closed → open reopens entry' })
  @IsEnum(PeriodStatus, { message: `to must be one of: ${Object.values(PeriodStatus).join(', ')}` })
  to: PeriodStatus;
}

export class PointTargetDto {
  @ApiProperty({ example: 'D2.5' })
  @Matches(POINT_CODE, { message: 'pointCode must be an observation point code' })
  pointCode: string;

  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'boolean' }],
    nullable: true,
    description: 'null: back to the default',
  })
  @ValidateBy({
    name: 'isTarget',
    validator: {
      validate: (value: unknown) =>
        value === null ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 1e12),
      defaultMessage: () => 'target must be a number, true/false, or null (back to the default)',
    },
  })
  target: number | boolean | null;
}

export class SetTargetsDto {
  @ApiProperty({ type: [PointTargetDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => PointTargetDto)
  targets: PointTargetDto[];
}

export class SetExpectedReportersDto {
  @ApiProperty({ example: 'D2.5' })
  @Matches(POINT_CODE, { message: 'pointCode must be an observation point code' })
  pointCode: string;

  @ApiProperty({ type: [String], description: 'Member organizations expected to report the point' })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true, message: 'organizationIds must be organization ids' })
  organizationIds: string[];
}

export class ExtensionDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The organization; omitted: the secretariat' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;

  @ApiProperty({ example: '2027-01-15', description: 'Entry stays open to this China-time day' })
  @IsDateOnly()
  openUntil: string;
}

export class PeriodListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: PeriodStatus })
  @IsOptional()
  @IsEnum(PeriodStatus, { message: `status must be one of: ${Object.values(PeriodStatus).join(', ')}` })
  status?: PeriodStatus;
}

export class PeriodDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) frameworkId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() graceDays: number;
  @ApiProperty({ enum: PeriodStatus }) status: PeriodStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(period: IndicatorPeriod): PeriodDto {
    const { id, frameworkId, name, startsOn, endsOn, dueOn, graceDays, status } = period;
    return {
      id,
      frameworkId,
      name,
      startsOn,
      endsOn,
      dueOn,
      graceDays,
      status,
      createdAt: period.createdAt.toISOString(),
    };
  }
}

export class PeriodPageDto {
  @ApiProperty({ type: [PeriodDto] }) items: PeriodDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ExpectedReporterDto {
  @ApiProperty() pointCode: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: the secretariat' })
  organizationId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) organizationName: string | null;
}
