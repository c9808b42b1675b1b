import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, IsInt32 } from '@chanjiao/core';
import { ProgrammeOffering } from '../entities/programme-offering.entity';
import { OfferingStatus, ProgrammeLevel, TrainingMode } from '../entities/programme-enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFKC').trim().toUpperCase() : value;

export class ExpectedGraduatesDto {
  @ApiProperty({ type: 'integer', example: 2027 })
  @IsInt32()
  @Min(1949)
  @Max(2200)
  year: number;

  @ApiProperty({ type: 'integer', example: 45 })
  @IsInt32()
  @Min(0)
  @Max(100_000)
  count: number;
}

export class CreateOfferingDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "The school (a school-type member organization); a member user's own organization when omitted",
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @ApiProperty({ example: '460305', description: 'A programme of the current catalogue edition' })
  @Transform(upper)
  @Matches(/^[0-9]{6}K?$/, { message: 'programmeCode must be six digits (optionally K)' })
  programmeCode: string;

  @ApiProperty({ type: 'integer', example: 2019 })
  @IsInt32()
  @Min(1949)
  @Max(2200)
  startYear: number;

  @ApiPropertyOptional({ enum: OfferingStatus, default: OfferingStatus.Active })
  @IsOptional()
  @IsEnum(OfferingStatus, { message: `status must be one of: ${Object.values(OfferingStatus).join(', ')}` })
  status?: OfferingStatus;

  @ApiPropertyOptional({ type: 'integer', example: 120, description: 'Annual enrolment plan (年度招生计划)' })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(100_000)
  enrolmentPlan?: number | null;

  @ApiPropertyOptional({ type: 'integer', example: 350 })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(1_000_000)
  studentsEnrolled?: number | null;

  @ApiPropertyOptional({ type: [ExpectedGraduatesDto], description: 'One entry per year' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ExpectedGraduatesDto)
  expectedGraduates?: ExpectedGraduatesDto[];

  @ApiPropertyOptional({ type: [String], example: ['PLC', '工业机器人编程'], description: 'Normalised (trim, half-width, lower case)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 60, { each: true, message: 'each skill must be 1–60 characters' })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], example: ['工业机器人操作与运维职业技能等级证书（1+X）'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 100, { each: true, message: 'each certificate must be 1–100 characters' })
  certificates?: string[];

  @ApiPropertyOptional({ enum: TrainingMode, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(TrainingMode, { each: true, message: `trainingModes must be among: ${Object.values(TrainingMode).join(', ')}` })
  trainingModes?: TrainingMode[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Partner schools of pathway programmes (member organizations)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'partnerSchoolIds must be UUIDs' })
  partnerSchoolIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Partner enterprises (member organizations)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'partnerEnterpriseIds must be UUIDs' })
  partnerEnterpriseIds?: string[];

  @ApiPropertyOptional({ example: '王老师' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 40)
  contactName?: string | null;

  @ApiPropertyOptional({ example: '0512-66668888' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ example: 'zhaosheng@example.edu.cn' })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

/** Everything but the school and the programme may change (a new programme is a new offering). */
export class UpdateOfferingDto extends PartialType(OmitType(CreateOfferingDto, ['organizationId', 'programmeCode'] as const)) {}

export const OFFERING_SORTS = ['programmeCode', '-programmeCode', 'startYear', '-startYear', 'createdAt', '-createdAt'] as const;

export class OfferingListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @ApiPropertyOptional({ example: '460305' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[0-9]{6}K?$/, { message: 'programmeCode must be six digits (optionally K)' })
  programmeCode?: string;

  @ApiPropertyOptional({ example: '4603', description: '专业类 (4 digits) or 专业大类 (2 digits)' })
  @IsOptional()
  @Matches(/^([0-9]{2}|[0-9]{4})$/, { message: 'classCode must be two or four digits' })
  classCode?: string;

  @ApiPropertyOptional({ enum: ProgrammeLevel })
  @IsOptional()
  @IsEnum(ProgrammeLevel, { message: `level must be one of: ${Object.values(ProgrammeLevel).join(', ')}` })
  level?: ProgrammeLevel;

  @ApiPropertyOptional({ enum: OfferingStatus })
  @IsOptional()
  @IsEnum(OfferingStatus, { message: `status must be one of: ${Object.values(OfferingStatus).join(', ')}` })
  status?: OfferingStatus;

  @ApiPropertyOptional({ enum: TrainingMode })
  @IsOptional()
  @IsEnum(TrainingMode, { message: `trainingMode must be one of: ${Object.values(TrainingMode).join(', ')}` })
  trainingMode?: TrainingMode;

  @ApiPropertyOptional({ example: 'plc', description: 'Offerings teaching this skill (normalised before matching)' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  skill?: string;

  @ApiPropertyOptional({ type: 'integer', example: 2027, description: 'Offerings expecting graduates in this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt32()
  @Min(1949)
  @Max(2200)
  graduatesIn?: number;

  @ApiPropertyOptional({ enum: OFFERING_SORTS, default: 'programmeCode' })
  @IsOptional()
  @IsEnum(OFFERING_SORTS, { message: `sort must be one of: ${OFFERING_SORTS.join(', ')}` })
  sort?: (typeof OFFERING_SORTS)[number];
}

export class OfferingExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The school; a member user's own organization when omitted" })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

export type OfferingImportQueryDto = OfferingExportQueryDto;
export const OfferingImportQueryDto = OfferingExportQueryDto;

export class OfferingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organizationId: string;

  @ApiProperty({ example: '2021' })
  catalogueEdition: string;

  @ApiProperty({ example: '460305' })
  programmeCode: string;

  @ApiProperty({ example: '工业机器人技术' })
  programmeName: string;

  @ApiProperty({ example: '4603' })
  classCode: string;

  @ApiProperty({ example: '自动化类' })
  className: string;

  @ApiProperty({ enum: ProgrammeLevel })
  level: ProgrammeLevel;

  @ApiProperty({ type: 'integer' })
  startYear: number;

  @ApiProperty({ enum: OfferingStatus })
  status: OfferingStatus;

  @ApiProperty({ type: 'integer', nullable: true })
  enrolmentPlan: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  studentsEnrolled: number | null;

  @ApiProperty({ type: [ExpectedGraduatesDto] })
  expectedGraduates: ExpectedGraduatesDto[];

  @ApiProperty({ type: [String] })
  skills: string[];

  @ApiProperty({ type: [String] })
  certificates: string[];

  @ApiProperty({ enum: TrainingMode, isArray: true })
  trainingModes: TrainingMode[];

  @ApiProperty({ type: [String], format: 'uuid' })
  partnerSchoolIds: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  partnerEnterpriseIds: string[];

  @ApiProperty({ type: String, nullable: true })
  contactName: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPhone: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactEmail: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;

  static from(o: ProgrammeOffering, programme: { name: string; classCode: string; className: string }): OfferingDto {
    return {
      id: o.id,
      organizationId: o.organizationId,
      catalogueEdition: o.catalogueEdition,
      programmeCode: o.programmeCode,
      programmeName: programme.name,
      classCode: programme.classCode,
      className: programme.className,
      level: o.level,
      startYear: o.startYear,
      status: o.status,
      enrolmentPlan: o.enrolmentPlan,
      studentsEnrolled: o.studentsEnrolled,
      expectedGraduates: o.expectedGraduates,
      skills: o.skills,
      certificates: o.certificates,
      trainingModes: o.trainingModes,
      partnerSchoolIds: o.partnerSchoolIds,
      partnerEnterpriseIds: o.partnerEnterpriseIds,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      contactEmail: o.contactEmail,
      note: o.note,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    };
  }
}

export class OfferingPageDto {
  @ApiProperty({ type: [OfferingDto] })
  items: OfferingDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
