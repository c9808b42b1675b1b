import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsInstant, IsInt32 } from '@chanjiao/core';
import {
  ATTENDANCE_STATUSES,
  MEETING_KINDS,
  MEETING_STATUSES,
  RESOLUTION_KINDS,
  SEAT_ROLES,
  TASK_STATUSES,
  VOTE_CHOICES,
} from '../entities/council-enums';

export class RatioDto {
  @ApiProperty({ example: 2, type: 'integer', minimum: 1 }) @IsInt32() @Min(1) numerator: number;
  @ApiProperty({ example: 3, type: 'integer', minimum: 1 }) @IsInt32() @Min(1) denominator: number;
}

export class UpdateCouncilDto {
  @ApiPropertyOptional({ example: '苏州工业园区市域产教联合体理事会' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  name?: string;

  @ApiPropertyOptional({ type: RatioDto, description: 'Share of seats present or represented (default 2/3)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RatioDto)
  quorum?: RatioDto;

  @ApiPropertyOptional({
    type: RatioDto,
    description: 'Ordinary resolutions: more than this share of votes cast (default 1/2)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RatioDto)
  ordinaryPass?: RatioDto;

  @ApiPropertyOptional({
    type: RatioDto,
    description: 'Special matters: at least this share of all seats (default 2/3)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RatioDto)
  specialPass?: RatioDto;
}

export class CreateSeatDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;

  @ApiProperty({ example: '陈建国' })
  @IsString()
  @Length(1, 40)
  personName: string;

  @ApiPropertyOptional({ example: '管委会副主任' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  personTitle?: string;

  @ApiProperty({ enum: SEAT_ROLES })
  @IsEnum(SEAT_ROLES, { message: `role must be one of: ${SEAT_ROLES.join(', ')}` })
  role: (typeof SEAT_ROLES)[number];

  @ApiProperty({ example: '2025-10-15' })
  @IsDateOnly()
  termStart: string;

  @ApiProperty({ example: '2028-10-14' })
  @IsDateOnly()
  termEnd: string;
}

/** Any of a seat's holder, title, role and term; the organization (and so the category) stays. */
export class UpdateSeatDto extends PartialType(OmitType(CreateSeatDto, ['organizationId'] as const)) {}

export class CreateMeetingDto {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsEnum(MEETING_KINDS, { message: `kind must be one of: ${MEETING_KINDS.join(', ')}` })
  kind: (typeof MEETING_KINDS)[number];

  @ApiProperty({ example: '第一届理事会第二次全体会议' })
  @IsString()
  @Length(2, 120)
  title: string;

  @ApiProperty({ example: '2026-12-10T09:00:00+08:00' })
  @IsInstant()
  scheduledAt: string;

  @ApiPropertyOptional({ example: '园区管委会第一会议室' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  place?: string;

  @ApiPropertyOptional({ type: [String], example: ['审议年度工作计划', '审议新成员入会申请'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  agenda?: string[];
}

export class MeetingTransitionDto {
  @ApiProperty({ enum: MEETING_STATUSES })
  @IsEnum(MEETING_STATUSES, { message: `to must be one of: ${MEETING_STATUSES.join(', ')}` })
  to: (typeof MEETING_STATUSES)[number];
}

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'seatId must be a UUID' }) seatId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsEnum(ATTENDANCE_STATUSES, { message: `status must be one of: ${ATTENDANCE_STATUSES.join(', ')}` })
  status: (typeof ATTENDANCE_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'The present seat holding the proxy (status proxy)' })
  @IsOptional()
  @IsUUID('all', { message: 'proxySeatId must be a UUID' })
  proxySeatId?: string;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries: AttendanceEntryDto[];
}

export class CreateResolutionDto {
  @ApiProperty({ example: '关于审议2027年度工作计划的决议' }) @IsString() @Length(2, 200) title: string;
  @ApiPropertyOptional({ example: '会议审议并通过……' }) @IsOptional() @IsString() @MaxLength(10_000) text?: string;

  @ApiProperty({ enum: RESOLUTION_KINDS, description: 'special: charter change, expelling a member' })
  @IsEnum(RESOLUTION_KINDS, { message: `kind must be one of: ${RESOLUTION_KINDS.join(', ')}` })
  kind: (typeof RESOLUTION_KINDS)[number];
}

export class VoteDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'seatId must be a UUID' }) seatId: string;

  @ApiProperty({ enum: VOTE_CHOICES })
  @IsEnum(VOTE_CHOICES, { message: `choice must be one of: ${VOTE_CHOICES.join(', ')}` })
  choice: (typeof VOTE_CHOICES)[number];
}

export class CreateTaskDto {
  @ApiProperty({ example: '牵头制定实训基地共建方案' }) @IsString() @Length(2, 200) title: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'assigneeOrganizationId must be a UUID' })
  assigneeOrganizationId: string;

  @ApiProperty({ example: '2027-03-31' })
  @IsDateOnly()
  dueOn: string;
}

export class UpdateTaskDto {
  @ApiProperty({ enum: TASK_STATUSES })
  @IsEnum(TASK_STATUSES, { message: `status must be one of: ${TASK_STATUSES.join(', ')}` })
  status: (typeof TASK_STATUSES)[number];
}

export const MINUTES_FORMATS = {
  xlsx: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pdf: { extension: 'pdf', contentType: 'application/pdf' },
} as const;

export class MinutesQueryDto {
  @ApiPropertyOptional({ enum: Object.keys(MINUTES_FORMATS), default: 'xlsx' })
  @IsOptional()
  @IsIn(Object.keys(MINUTES_FORMATS), { message: `format must be one of: ${Object.keys(MINUTES_FORMATS).join(', ')}` })
  format?: keyof typeof MINUTES_FORMATS;
}
