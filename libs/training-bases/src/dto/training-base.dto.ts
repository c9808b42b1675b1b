import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, IsDateOnly, IsInt32 } from '@chanjiao/core';
import { OrganizationType } from '@chanjiao/consortia';
import { CLOCK_TIME } from '../domain/opening-hours';
import { TrainingBaseFunction, TrainingBaseKind, TrainingBaseStatus } from '../entities/training-base-enums';
import { TrainingBase } from '../entities/training-base.entity';
import { TrainingBaseArea, TrainingBaseClosure, TrainingBaseEquipment } from '../entities/training-base-parts.entity';

const YUAN = /^\d{1,10}(\.\d{1,2})?$/;
const list = (values: object) => Object.values(values).join(', ');

export class OpeningWindowDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  @IsInt32()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '08:30', description: 'China time, HH:MM' })
  @Matches(CLOCK_TIME, { message: 'opens must be a time HH:MM' })
  opens: string;

  @ApiProperty({ example: '17:30', description: 'China time, HH:MM (24:00 for midnight)' })
  @Matches(CLOCK_TIME, { message: 'closes must be a time HH:MM (or 24:00)' })
  closes: string;
}

export class ClosureDto {
  @ApiProperty({ example: '2026-10-01' }) @IsDateOnly() startsOn: string;
  @ApiProperty({ example: '2026-10-07' }) @IsDateOnly() endsOn: string;
  @ApiPropertyOptional({ example: '国庆节' }) @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class AreaInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing area (kept and updated); omitted: a new area' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be the id of an area of this base' })
  id?: string;

  @ApiProperty({ example: '工业机器人实训区' }) @IsString() @Length(1, 120) name: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt32()
  @Min(1)
  @Max(100000)
  workstations: number;
}

export class EquipmentInputDto {
  @ApiProperty({ example: '六轴工业机器人' }) @IsString() @Length(1, 120) name: string;
  @ApiPropertyOptional({ example: 'ABB IRB 1200' }) @IsOptional() @IsString() @MaxLength(120) model?: string;

  @ApiProperty({ minimum: 1, maximum: 1000000 })
  @IsInt32()
  @Min(1)
  @Max(1000000)
  quantity: number;

  @ApiPropertyOptional({ example: '185000.00', description: 'Value in yuan' })
  @IsOptional()
  @Matches(YUAN, { message: 'valueYuan must be an amount in yuan, e.g. "185000.00"' })
  valueYuan?: string;
}

export class CreateTrainingBaseDto {
  @ApiProperty({ example: '滨江智能制造公共实训中心' }) @IsString() @Length(1, 120) name: string;

  @ApiProperty({ format: 'uuid', description: 'The member organization that hosts and manages the base' })
  @IsUUID('all', { message: 'hostOrganizationId must be the id of a member organization' })
  hostOrganizationId: string;

  @ApiProperty({ enum: TrainingBaseKind })
  @IsEnum(TrainingBaseKind, { message: `kind must be one of: ${list(TrainingBaseKind)}` })
  kind: TrainingBaseKind;

  @ApiPropertyOptional({ enum: TrainingBaseFunction, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(TrainingBaseFunction, { each: true, message: `functions must be among: ${list(TrainingBaseFunction)}` })
  functions?: TrainingBaseFunction[];

  @ApiPropertyOptional({ example: '滨江区智造大道 88 号' }) @IsOptional() @IsString() @MaxLength(300) address?: string;

  @ApiProperty({ minimum: 1, maximum: 100000, description: 'Workstations (工位) of the whole base' })
  @IsInt32()
  @Min(1)
  @Max(100000)
  workstations: number;

  @ApiPropertyOptional({ type: [AreaInputDto], description: 'Areas or rooms with their own workstations' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => AreaInputDto)
  areas?: AreaInputDto[];

  @ApiPropertyOptional({ type: [EquipmentInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => EquipmentInputDto)
  equipment?: EquipmentInputDto[];

  @ApiProperty({ type: [OpeningWindowDto], description: 'Weekly schedule, China time' })
  @IsArray()
  @ArrayMaxSize(70)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => OpeningWindowDto)
  openingHours: OpeningWindowDto[];

  @ApiPropertyOptional({ type: [ClosureDto], description: 'Closed days: holidays, maintenance' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ClosureDto)
  closures?: ClosureDto[];

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 10080 })
  @IsOptional()
  @IsInt32()
  @Min(1)
  @Max(10080)
  minDurationMinutes?: number;

  @ApiPropertyOptional({ default: 480, minimum: 1, maximum: 10080 })
  @IsOptional()
  @IsInt32()
  @Min(1)
  @Max(10080)
  maxDurationMinutes?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1440, description: 'Minutes kept free after each booking' })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(1440)
  bufferMinutes?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 8760, description: 'Hours between booking and start' })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(8760)
  leadTimeHours?: number;

  @ApiPropertyOptional({ default: 180, minimum: 1, maximum: 730, description: 'How many days ahead one may book' })
  @IsOptional()
  @IsInt32()
  @Min(1)
  @Max(730)
  horizonDays?: number;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() approvalRequired?: boolean;

  @ApiPropertyOptional({ enum: OrganizationType, isArray: true, description: 'Who may book; empty: everyone' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(OrganizationType, {
    each: true,
    message: `allowedOrganizationTypes must be among: ${list(OrganizationType)}`,
  })
  allowedOrganizationTypes?: OrganizationType[];

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    description: 'Workstation-hours per organization per month; null: none',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsInt32()
  @Min(1)
  @Max(100000000)
  monthlyQuotaHours?: number | null;

  @ApiPropertyOptional({
    default: 30,
    minimum: 0,
    maximum: 1440,
    description: 'Minutes after the start before no_show',
  })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(1440)
  noShowGraceMinutes?: number;

  @ApiPropertyOptional({ example: '20.00', description: 'Yuan per workstation-hour for member organizations' })
  @IsOptional()
  @Matches(YUAN, { message: 'feeMemberPerHour must be an amount in yuan, e.g. "20.00"' })
  feeMemberPerHour?: string;

  @ApiPropertyOptional({ example: '40.00', description: 'Yuan per workstation-hour for non-members' })
  @IsOptional()
  @Matches(YUAN, { message: 'feeNonMemberPerHour must be an amount in yuan, e.g. "40.00"' })
  feeNonMemberPerHour?: string;

  @ApiPropertyOptional({ enum: TrainingBaseStatus, default: TrainingBaseStatus.Active })
  @IsOptional()
  @IsEnum(TrainingBaseStatus, { message: `status must be one of: ${list(TrainingBaseStatus)}` })
  status?: TrainingBaseStatus;
}

export class UpdateTrainingBaseDto extends PartialType(
  OmitType(CreateTrainingBaseDto, ['hostOrganizationId'] as const),
) {}

export class TrainingBaseListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: TrainingBaseStatus })
  @IsOptional()
  @IsEnum(TrainingBaseStatus, { message: `status must be one of: ${list(TrainingBaseStatus)}` })
  status?: TrainingBaseStatus;

  @ApiPropertyOptional({ enum: TrainingBaseFunction })
  @IsOptional()
  @IsEnum(TrainingBaseFunction, { message: `function must be one of: ${list(TrainingBaseFunction)}` })
  function?: TrainingBaseFunction;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'hostOrganizationId must be an organization id' })
  hostOrganizationId?: string;

  @ApiPropertyOptional({ description: 'Part of the name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;

  @ApiPropertyOptional({ enum: ['name', '-name', 'createdAt', '-createdAt'], default: 'name' })
  @IsOptional()
  @IsEnum(['name', '-name', 'createdAt', '-createdAt'], {
    message: 'sort must be name, -name, createdAt or -createdAt',
  })
  sort?: string;
}

export class AreaDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() workstations: number;
  static from(a: TrainingBaseArea): AreaDto {
    return { id: a.id, name: a.name, workstations: a.workstations };
  }
}

export class EquipmentDto {
  @ApiProperty() name: string;
  @ApiProperty() model: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ example: '185000.00' }) valueYuan: string;
  static from(e: TrainingBaseEquipment): EquipmentDto {
    return { name: e.name, model: e.model, quantity: e.quantity, valueYuan: e.valueYuan };
  }
}

export class ClosureOutDto {
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty() reason: string;
  static from(c: TrainingBaseClosure): ClosureOutDto {
    return { startsOn: c.startsOn, endsOn: c.endsOn, reason: c.reason };
  }
}

export class TrainingBaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) hostOrganizationId: string;
  @ApiProperty({ enum: TrainingBaseKind }) kind: TrainingBaseKind;
  @ApiProperty({ enum: TrainingBaseFunction, isArray: true }) functions: TrainingBaseFunction[];
  @ApiProperty() address: string;
  @ApiProperty() workstations: number;
  @ApiProperty({ type: [OpeningWindowDto] }) openingHours: OpeningWindowDto[];
  @ApiProperty() minDurationMinutes: number;
  @ApiProperty() maxDurationMinutes: number;
  @ApiProperty() bufferMinutes: number;
  @ApiProperty() leadTimeHours: number;
  @ApiProperty() horizonDays: number;
  @ApiProperty() approvalRequired: boolean;
  @ApiProperty({ type: [String] }) allowedOrganizationTypes: string[];
  @ApiProperty({ type: 'integer', nullable: true }) monthlyQuotaHours: number | null;
  @ApiProperty() noShowGraceMinutes: number;
  @ApiProperty({ example: '20.00' }) feeMemberPerHour: string;
  @ApiProperty({ example: '40.00' }) feeNonMemberPerHour: string;
  @ApiProperty({ enum: TrainingBaseStatus }) status: TrainingBaseStatus;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(b: TrainingBase): TrainingBaseDto {
    return {
      id: b.id,
      name: b.name,
      hostOrganizationId: b.hostOrganizationId,
      kind: b.kind,
      functions: b.functions,
      address: b.address,
      workstations: b.workstations,
      openingHours: b.openingHours,
      minDurationMinutes: b.minDurationMinutes,
      maxDurationMinutes: b.maxDurationMinutes,
      bufferMinutes: b.bufferMinutes,
      leadTimeHours: b.leadTimeHours,
      horizonDays: b.horizonDays,
      approvalRequired: b.approvalRequired,
      allowedOrganizationTypes: b.allowedOrganizationTypes,
      monthlyQuotaHours: b.monthlyQuotaHours,
      noShowGraceMinutes: b.noShowGraceMinutes,
      feeMemberPerHour: b.feeMemberPerHour,
      feeNonMemberPerHour: b.feeNonMemberPerHour,
      status: b.status,
      createdAt: b.createdAt.toISOString(),
      updatedAt: b.updatedAt.toISOString(),
    };
  }
}

export class TrainingBaseDetailDto extends TrainingBaseDto {
  @ApiProperty({ type: [AreaDto] }) areas: AreaDto[];
  @ApiProperty({ type: [EquipmentDto] }) equipment: EquipmentDto[];
  @ApiProperty({ type: [ClosureOutDto] }) closures: ClosureOutDto[];
  @ApiProperty({ example: '370000.00', description: 'Total equipment value in yuan' }) equipmentValueYuan: string;
}

export class TrainingBasePageDto {
  @ApiProperty({ type: [TrainingBaseDto] }) items: TrainingBaseDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
