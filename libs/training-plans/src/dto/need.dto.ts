import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, Max } from 'class-validator';
import { CursorPageQueryDto, IsDateOnly, IsInt32 } from '@chanjiao/core';
import { TrainingNeedStatus, TrainingType } from '../entities/training-enums';
import { TrainingNeed } from '../entities/training-need.entity';
import { IsMoney, IsTrainingType, iso } from './common';

export class CreateNeedDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The organization with the need: a member user’s own (may be omitted); the secretariat names one',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a uuid' })
  organizationId?: string;

  @ApiProperty({ example: '工业机器人系统运维岗前培训' })
  @IsString()
  @Length(1, 200)
  topic: string;

  @IsTrainingType()
  type: TrainingType;

  @ApiPropertyOptional({ example: '6-31-07-03', description: 'Target occupation (职业分类大典 code)' })
  @IsOptional()
  @Matches(/^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}[SL]?$/, { message: 'occupationCode must look like 6-31-07-03' })
  occupationCode?: string;

  @ApiPropertyOptional({ example: '工业机器人编程、PLC 调试' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  skills?: string;

  @ApiProperty({ minimum: 1, maximum: 100000, example: 40 })
  @IsInt32()
  @Min(1)
  @Max(100000)
  trainees: number;

  @ApiPropertyOptional({ example: '2026-03-01' }) @IsOptional() @IsDateOnly() preferredFrom?: string;
  @ApiPropertyOptional({ example: '2026-06-30' }) @IsOptional() @IsDateOnly() preferredTo?: string;

  @IsMoney('budget', true)
  budget?: string;
}

export class UpdateNeedDto extends PartialType(OmitType(CreateNeedDto, ['organizationId'] as const)) {}

export class NeedDecisionDto {
  @ApiProperty({ enum: ['accepted', 'declined'] })
  @IsIn(['accepted', 'declined'], { message: 'decision must be accepted or declined' })
  decision: 'accepted' | 'declined';

  @ApiPropertyOptional({ description: 'Required when declining' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The plan item that takes the need up (required when accepting)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'itemId must be the id of a plan item' })
  itemId?: string;
}

export class NeedListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: TrainingNeedStatus })
  @IsOptional()
  @IsEnum(TrainingNeedStatus, { message: `status must be one of: ${Object.values(TrainingNeedStatus).join(', ')}` })
  status?: TrainingNeedStatus;

  @ApiPropertyOptional({ enum: TrainingType })
  @IsOptional()
  @IsEnum(TrainingType, { message: `type must be one of: ${Object.values(TrainingType).join(', ')}` })
  type?: TrainingType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a uuid' })
  organizationId?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional()
  @IsIn(['createdAt', '-createdAt'], { message: 'sort must be createdAt or -createdAt' })
  sort?: string;
}

export class NeedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() topic: string;
  @ApiProperty({ enum: TrainingType }) type: TrainingType;
  @ApiProperty({ type: String, nullable: true }) occupationCode: string | null;
  @ApiProperty({ type: String, nullable: true }) skills: string | null;
  @ApiProperty() trainees: number;
  @ApiProperty({ type: String, nullable: true }) preferredFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) preferredTo: string | null;
  @ApiProperty({ type: String, nullable: true }) budget: string | null;
  @ApiProperty({ enum: TrainingNeedStatus }) status: TrainingNeedStatus;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) planId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemKey: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(need: TrainingNeed): NeedDto {
    return {
      id: need.id,
      organizationId: need.organizationId,
      topic: need.topic,
      type: need.type,
      occupationCode: need.occupationCode,
      skills: need.skills,
      trainees: need.trainees,
      preferredFrom: need.preferredFrom,
      preferredTo: need.preferredTo,
      budget: need.budget,
      status: need.status,
      decisionReason: need.decisionReason,
      planId: need.planId,
      itemKey: need.itemKey,
      decidedAt: iso(need.decidedAt),
      createdAt: need.createdAt.toISOString(),
      updatedAt: need.updatedAt.toISOString(),
    };
  }
}

export class NeedPageDto {
  @ApiProperty({ type: [NeedDto] }) items: NeedDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
