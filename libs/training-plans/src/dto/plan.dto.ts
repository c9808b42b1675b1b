import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IsInt32 } from '@chanjiao/core';
import { FundingSource, PlanVersionStatus, TrainingType } from '../entities/training-enums';
import { TrainingPlan } from '../entities/training-plan.entity';
import { TrainingPlanItem } from '../entities/training-plan-item.entity';
import { TrainingPlanVersion } from '../entities/training-plan-version.entity';
import { IsMoney, IsTrainingType, iso } from './common';

export class CreatePlanDto {
  @ApiProperty({ minimum: 2000, maximum: 2100, example: 2026 })
  @IsInt32()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '2026年度联合体职工培训规划' })
  @IsString()
  @Length(1, 200)
  title: string;
}

export class PlanListQueryDto {
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt32()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class VersionTransitionDto {
  @ApiProperty({
    enum: [PlanVersionStatus.Submitted, PlanVersionStatus.Approved, PlanVersionStatus.Draft, PlanVersionStatus.Closed],
    description: 'draft → submitted → approved → closed; submitted → draft returns it',
  })
  @IsIn([PlanVersionStatus.Submitted, PlanVersionStatus.Approved, PlanVersionStatus.Draft, PlanVersionStatus.Closed], {
    message: 'to must be one of: submitted, approved, draft, closed',
  })
  to: PlanVersionStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateItemDto {
  @ApiProperty({ example: '工业机器人运维岗前培训班' })
  @IsString()
  @Length(1, 200)
  title: string;

  @IsTrainingType()
  type: TrainingType;

  @ApiProperty({ format: 'uuid', description: 'A member organization: school, institute, enterprise or base operator' })
  @IsUUID('all', { message: 'providerOrganizationId must be the id of a member organization' })
  providerOrganizationId: string;

  @ApiPropertyOptional({ default: false, description: 'Open to the public (社会培训) rather than named organizations' })
  @IsOptional()
  @IsBoolean()
  openToPublic?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Member organizations whose staff it trains' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'targetOrganizationIds must be ids of member organizations' })
  targetOrganizationIds?: string[];

  @ApiProperty({ minimum: 1, maximum: 10000 })
  @IsInt32()
  @Min(1)
  @Max(10000)
  plannedSessions: number;

  @ApiProperty({ minimum: 1, maximum: 10000000, description: '人次' })
  @IsInt32()
  @Min(1)
  @Max(10000000)
  plannedParticipantTimes: number;

  @ApiProperty({ example: 48, description: '学时 (> 0, one decimal)' })
  @IsNumber(
    { maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false },
    { message: 'plannedHours must be a number with at most one decimal' },
  )
  @IsPositive({ message: 'plannedHours must be greater than 0' })
  @Max(1000000)
  plannedHours: number;

  @IsMoney('budget')
  budget: string;

  @ApiProperty({ enum: FundingSource })
  @IsEnum(FundingSource, { message: `fundingSource must be one of: ${Object.values(FundingSource).join(', ')}` })
  fundingSource: FundingSource;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A training base (not yet checked)' })
  @IsOptional()
  @IsUUID('all', { message: 'trainingBaseId must be the id of a training base' })
  trainingBaseId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(10000)
  position?: number;
}

export class UpdateItemDto extends PartialType(CreateItemDto) {}

export class ItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The same item in every version of the plan' }) itemKey: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() position: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TrainingType }) type: TrainingType;
  @ApiProperty({ format: 'uuid' }) providerOrganizationId: string;
  @ApiProperty() openToPublic: boolean;
  @ApiProperty({ type: [String] }) targetOrganizationIds: string[];
  @ApiProperty() plannedSessions: number;
  @ApiProperty() plannedParticipantTimes: number;
  @ApiProperty({ description: 'Decimal string' }) plannedHours: string;
  @ApiProperty({ description: 'Yuan, decimal string' }) budget: string;
  @ApiProperty({ enum: FundingSource }) fundingSource: FundingSource;
  @ApiProperty({ type: String, nullable: true }) trainingBaseId: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String], description: 'Needs accepted into this item' }) linkedNeedIds: string[];

  static from(item: TrainingPlanItem, linkedNeedIds: string[] = []): ItemDto {
    return {
      id: item.id,
      itemKey: item.itemKey,
      versionId: item.versionId,
      position: item.position,
      title: item.title,
      type: item.type,
      providerOrganizationId: item.providerOrganizationId,
      openToPublic: item.openToPublic,
      targetOrganizationIds: item.targetOrganizationIds,
      plannedSessions: item.plannedSessions,
      plannedParticipantTimes: item.plannedParticipantTimes,
      plannedHours: item.plannedHours,
      budget: item.budget,
      fundingSource: item.fundingSource,
      trainingBaseId: item.trainingBaseId,
      description: item.description,
      linkedNeedIds,
    };
  }
}

export class VersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: PlanVersionStatus }) status: PlanVersionStatus;
  @ApiProperty({ type: String, nullable: true }) basedOnId: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty() createdAt: string;

  static from(version: TrainingPlanVersion): VersionSummaryDto {
    return {
      id: version.id,
      version: version.version,
      status: version.status,
      basedOnId: version.basedOnId,
      note: version.note,
      submittedAt: iso(version.submittedAt),
      approvedAt: iso(version.approvedAt),
      closedAt: iso(version.closedAt),
      createdAt: version.createdAt.toISOString(),
    };
  }
}

export class VersionDto extends VersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ type: [ItemDto] }) items: ItemDto[];
}

export class PlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: 'The approved version (progress is measured against it)' })
  approvedVersionId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The version in draft or submitted, if any' })
  openVersionId: string | null;
  @ApiProperty({ type: [VersionSummaryDto] }) versions: VersionSummaryDto[];
  @ApiProperty() createdAt: string;

  static from(plan: TrainingPlan, versions: TrainingPlanVersion[]): PlanDto {
    return {
      id: plan.id,
      year: plan.year,
      title: plan.title,
      approvedVersionId: versions.find((v) => v.status === PlanVersionStatus.Approved)?.id ?? null,
      openVersionId:
        versions.find((v) => v.status === PlanVersionStatus.Draft || v.status === PlanVersionStatus.Submitted)?.id ??
        null,
      versions: versions.map(VersionSummaryDto.from),
      createdAt: plan.createdAt.toISOString(),
    };
  }
}

export class FieldChangeDto {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true }) from: unknown;
  @ApiProperty({ nullable: true }) to: unknown;
}

export class DiffEntryDto {
  @ApiProperty({ format: 'uuid' }) itemKey: string;
  @ApiProperty() title: string;
}

export class ChangedEntryDto extends DiffEntryDto {
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
}

export class VersionDiffDto {
  @ApiProperty({ type: String, nullable: true, description: 'The version compared against (null: the first version)' })
  basedOnId: string | null;
  @ApiProperty({ type: Number, nullable: true }) basedOnVersion: number | null;
  @ApiProperty({ type: [DiffEntryDto] }) added: DiffEntryDto[];
  @ApiProperty({ type: [DiffEntryDto] }) removed: DiffEntryDto[];
  @ApiProperty({ type: [ChangedEntryDto] }) changed: ChangedEntryDto[];
  @ApiProperty() unchanged: number;
}
