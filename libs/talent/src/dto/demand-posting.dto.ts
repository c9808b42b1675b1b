import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import { CursorPage, CursorPageQueryDto, IsDateOnly, IsInt32 } from '@chanjiao/core';
import { DemandPosting } from '../entities/demand-posting.entity';
import { EducationLevel, EmploymentType, PostingStatus } from '../entities/talent-enums';
import { code, codes, MONEY, MONEY_MESSAGE, toBoolean, toList, trim, WeightedSkillDto } from './posting-common.dto';

const OCCUPATION = /^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$/;
const PROGRAMME = /^[0-9]{6}K?$/;
const PROGRAMME_CLASS = /^[0-9]{4}$/;

export class CreateDemandPostingDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The posting enterprise; a member posts for its own organization (the default), the secretariat names one',
  })
  @IsOptional()
  @IsUUID('4', { message: 'organizationId must be a uuid' })
  organizationId?: string;

  @ApiProperty({ example: '工业机器人运维工程师', maxLength: 120 })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  title: string;

  @ApiPropertyOptional({ example: '负责焊接机器人工作站的日常点检、故障排除与程序优化。', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: '6-31-07-03', description: '职业分类大典 code at any level' })
  @IsOptional()
  @Transform(code)
  @Matches(OCCUPATION, { message: 'occupationCode must be an occupation code such as 6-31-07-03' })
  occupationCode?: string;

  @ApiPropertyOptional({ type: [String], example: ['460305'], description: 'Wanted catalogue programmes (6 digits)' })
  @IsOptional()
  @Transform(codes)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(PROGRAMME, { each: true, message: 'programmeCodes must hold 6-digit programme codes such as 460305' })
  programmeCodes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['4603'], description: 'Wanted 专业类 (4 digits)' })
  @IsOptional()
  @Transform(codes)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(PROGRAMME_CLASS, { each: true, message: 'programmeClassCodes must hold 4-digit class codes such as 4603' })
  programmeClassCodes?: string[];

  @ApiPropertyOptional({ enum: EducationLevel })
  @IsOptional()
  @IsEnum(EducationLevel, { message: `minLevel must be one of: ${Object.values(EducationLevel).join(', ')}` })
  minLevel?: EducationLevel;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 5 })
  @IsInt32()
  @Min(1)
  @Max(100000)
  headcount: number;

  @ApiPropertyOptional({ type: [WeightedSkillDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => WeightedSkillDto)
  requiredSkills?: WeightedSkillDto[];

  @ApiPropertyOptional({ type: [WeightedSkillDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => WeightedSkillDto)
  preferredSkills?: WeightedSkillDto[];

  @ApiPropertyOptional({ type: [String], example: ['工业机器人操作与运维职业技能等级证书（中级）'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  certificates?: string[];

  @ApiProperty({ enum: EmploymentType })
  @IsEnum(EmploymentType, { message: `employmentType must be one of: ${Object.values(EmploymentType).join(', ')}` })
  employmentType: EmploymentType;

  @ApiPropertyOptional({ example: '吴中区' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  district?: string;

  @ApiPropertyOptional({ description: 'Work place inside the industrial park' })
  @IsOptional()
  @IsBoolean()
  inPark?: boolean;

  @ApiPropertyOptional({ example: '7000', description: 'Monthly salary from, yuan' })
  @IsOptional()
  @Matches(MONEY, { message: MONEY_MESSAGE('salaryMin') })
  salaryMin?: string;

  @ApiPropertyOptional({ example: '10000', description: 'Monthly salary to, yuan' })
  @IsOptional()
  @Matches(MONEY, { message: MONEY_MESSAGE('salaryMax') })
  salaryMax?: string;

  @ApiPropertyOptional({ example: '2026-07-01' })
  @IsOptional()
  @IsDateOnly()
  startDate?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day the posting is open (China time); expires after it' })
  @IsOptional()
  @IsDateOnly()
  validUntil?: string;
}

/** Every field optional; `null` clears an optional one (title, headcount, employmentType cannot be null). */
export class UpdateDemandPostingDto extends PartialType(CreateDemandPostingDto) {}

export const DEMAND_SORTS = [
  'publishedAt',
  '-publishedAt',
  'updatedAt',
  '-updatedAt',
  'validUntil',
  '-validUntil',
  'headcount',
  '-headcount',
  'salaryMax',
  '-salaryMax',
  'title',
  '-title',
] as const;

export class PostingListQueryBase extends CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Statuses, comma-separated (draft,published,closed,filled,expired)', example: 'published' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(PostingStatus, { each: true, message: `status must be among: ${Object.values(PostingStatus).join(', ')}` })
  status?: PostingStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', { message: 'organizationId must be a uuid' })
  organizationId?: string;

  @ApiPropertyOptional({ description: 'Only the caller organization’s own postings' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'Any part of the title, description or skills (Chinese too); full-width letters match half-width' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ example: '4603', description: 'Programme class (专业类)' })
  @IsOptional()
  @Transform(code)
  @Matches(PROGRAMME_CLASS, { message: 'programmeClassCode must be a 4-digit class code' })
  programmeClassCode?: string;

  @ApiPropertyOptional({ example: '460305' })
  @IsOptional()
  @Transform(code)
  @Matches(PROGRAMME, { message: 'programmeCode must be a 6-digit programme code' })
  programmeCode?: string;

  @ApiPropertyOptional({ description: 'Published on or after (China date)', example: '2026-01-01' })
  @IsOptional()
  @IsDateOnly()
  publishedFrom?: string;

  @ApiPropertyOptional({ description: 'Published on or before (China date)', example: '2026-12-31' })
  @IsOptional()
  @IsDateOnly()
  publishedTo?: string;

  @ApiPropertyOptional({ description: 'Still open on or after this day', example: '2026-12-31' })
  @IsOptional()
  @IsDateOnly()
  validOn?: string;
}

export class DemandPostingListQueryDto extends PostingListQueryBase {
  @ApiPropertyOptional({ example: '6-31-07', description: 'Occupation code or its leading segments (6, 6-31, 6-31-07)' })
  @IsOptional()
  @Transform(code)
  @Matches(/^[1-8](-[0-9]{2}){0,3}$/, { message: 'occupationCode must be an occupation code or its leading segments' })
  occupationCode?: string;

  @ApiPropertyOptional({ enum: EmploymentType })
  @IsOptional()
  @IsEnum(EmploymentType, { message: `employmentType must be one of: ${Object.values(EmploymentType).join(', ')}` })
  employmentType?: EmploymentType;

  @ApiPropertyOptional({ enum: EducationLevel, description: 'Open to graduates of this level (minimum at most this)' })
  @IsOptional()
  @IsEnum(EducationLevel, { message: `level must be one of: ${Object.values(EducationLevel).join(', ')}` })
  level?: EducationLevel;

  @ApiPropertyOptional({ example: '吴中区' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  district?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  inPark?: boolean;

  @ApiPropertyOptional({ example: '6000', description: 'Pays at least this much a month (upper bound of the range)' })
  @IsOptional()
  @Matches(MONEY, { message: MONEY_MESSAGE('salaryAtLeast') })
  salaryAtLeast?: string;

  @ApiPropertyOptional({ description: 'Skill (normalised, synonyms applied)', example: 'PLC' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  skill?: string;

  @ApiPropertyOptional({ enum: DEMAND_SORTS, default: '-publishedAt' })
  @IsOptional()
  @IsEnum(DEMAND_SORTS, { message: `sort must be one of: ${DEMAND_SORTS.join(', ')}` })
  sort?: (typeof DEMAND_SORTS)[number];
}

export class DemandPostingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) occupationCode: string | null;
  @ApiProperty({ type: [String] }) programmeCodes: string[];
  @ApiProperty({ type: [String] }) programmeClassCodes: string[];
  @ApiProperty({ enum: EducationLevel, nullable: true }) minLevel: EducationLevel | null;
  @ApiProperty({ type: 'integer' }) headcount: number;
  @ApiProperty({ type: [WeightedSkillDto] }) requiredSkills: WeightedSkillDto[];
  @ApiProperty({ type: [WeightedSkillDto] }) preferredSkills: WeightedSkillDto[];
  @ApiProperty({ type: [String] }) certificates: string[];
  @ApiProperty({ enum: EmploymentType }) employmentType: EmploymentType;
  @ApiProperty({ type: String, nullable: true }) district: string | null;
  @ApiProperty() inPark: boolean;
  @ApiProperty({ type: String, nullable: true, example: '7000.00' }) salaryMin: string | null;
  @ApiProperty({ type: String, nullable: true, example: '10000.00' }) salaryMax: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) startDate: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) validUntil: string | null;
  @ApiProperty({ enum: PostingStatus }) status: PostingStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(p: DemandPosting): DemandPostingDto {
    return {
      id: p.id,
      organizationId: p.organizationId,
      title: p.title,
      description: p.description,
      occupationCode: p.occupationCode,
      programmeCodes: p.programmeCodes,
      programmeClassCodes: p.programmeClassCodes,
      minLevel: p.minLevel,
      headcount: p.headcount,
      requiredSkills: p.requiredSkills,
      preferredSkills: p.preferredSkills,
      certificates: p.certificates,
      employmentType: p.employmentType,
      district: p.district,
      inPark: p.inPark,
      salaryMin: p.salaryMin,
      salaryMax: p.salaryMax,
      startDate: p.startDate,
      validUntil: p.validUntil,
      status: p.status,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      closedAt: p.closedAt?.toISOString() ?? null,
      closeReason: p.closeReason,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class DemandPostingPageDto extends CursorPage<DemandPostingDto> {
  @ApiProperty({ type: [DemandPostingDto] })
  declare items: DemandPostingDto[];
}
