import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPage, IsDateOnly, IsInt32 } from '@chanjiao/core';
import { SupplyPosting } from '../entities/supply-posting.entity';
import { EducationLevel, PostingStatus, SupplyMode } from '../entities/talent-enums';
import { PostingListQueryBase } from './demand-posting.dto';
import { trim, WeightedSkillDto } from './posting-common.dto';

export class CreateSupplyPostingDto {
  @ApiProperty({ format: 'uuid', description: 'The school’s programme offering the graduates come from' })
  @IsUUID('4', { message: 'offeringId must be a uuid' })
  offeringId: string;

  @ApiPropertyOptional({ example: '2027届工业机器人技术专业毕业生', description: 'Defaults to the cohort and programme' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  title?: string;

  @ApiProperty({ type: 'integer', example: 2027, description: 'Graduation year of the cohort' })
  @IsInt32()
  @Min(2000)
  @Max(2100)
  cohortYear: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 40 })
  @IsInt32()
  @Min(1)
  @Max(100000)
  headcount: number;

  @ApiPropertyOptional({ example: '2027-07-01' })
  @IsOptional()
  @IsDateOnly()
  availableFrom?: string;

  @ApiPropertyOptional({ example: '2027-09-30', description: 'Last day the posting is open (China time)' })
  @IsOptional()
  @IsDateOnly()
  validUntil?: string;

  @ApiPropertyOptional({ type: [String], enum: SupplyMode, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(SupplyMode, { each: true, message: `modes must be among: ${Object.values(SupplyMode).join(', ')}` })
  modes?: SupplyMode[];

  @ApiPropertyOptional({ type: [WeightedSkillDto], description: 'Defaults to the skills the offering teaches (weight 3)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => WeightedSkillDto)
  skills?: WeightedSkillDto[];

  @ApiPropertyOptional({ example: '可安排顶岗实习，需企业提供住宿。' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateSupplyPostingDto extends PartialType(CreateSupplyPostingDto) {}

export const SUPPLY_SORTS = [
  'publishedAt',
  '-publishedAt',
  'updatedAt',
  '-updatedAt',
  'cohortYear',
  '-cohortYear',
  'headcount',
  '-headcount',
] as const;

export class SupplyPostingListQueryDto extends PostingListQueryBase {
  @ApiPropertyOptional({ enum: EducationLevel })
  @IsOptional()
  @IsEnum(EducationLevel, { message: `level must be one of: ${Object.values(EducationLevel).join(', ')}` })
  level?: EducationLevel;

  @ApiPropertyOptional({ type: 'integer', example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt32()
  @Min(2000)
  @Max(2100)
  cohortYear?: number;

  @ApiPropertyOptional({ enum: SupplyMode })
  @IsOptional()
  @IsEnum(SupplyMode, { message: `mode must be one of: ${Object.values(SupplyMode).join(', ')}` })
  mode?: SupplyMode;

  @ApiPropertyOptional({ enum: SUPPLY_SORTS, default: '-publishedAt' })
  @IsOptional()
  @IsEnum(SUPPLY_SORTS, { message: `sort must be one of: ${SUPPLY_SORTS.join(', ')}` })
  sort?: (typeof SUPPLY_SORTS)[number];
}

export class SupplyPostingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) offeringId: string;
  @ApiProperty() programmeCode: string;
  @ApiProperty() programmeClassCode: string;
  @ApiProperty({ enum: EducationLevel }) level: EducationLevel;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) cohortYear: number;
  @ApiProperty({ type: 'integer' }) headcount: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) availableFrom: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) validUntil: string | null;
  @ApiProperty({ enum: SupplyMode, isArray: true }) modes: SupplyMode[];
  @ApiProperty({ type: [WeightedSkillDto] }) skills: WeightedSkillDto[];
  @ApiProperty() note: string;
  @ApiProperty({ enum: PostingStatus }) status: PostingStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(p: SupplyPosting): SupplyPostingDto {
    return {
      id: p.id,
      organizationId: p.organizationId,
      offeringId: p.offeringId,
      programmeCode: p.programmeCode,
      programmeClassCode: p.programmeClassCode,
      level: p.level,
      title: p.title,
      cohortYear: p.cohortYear,
      headcount: p.headcount,
      availableFrom: p.availableFrom,
      validUntil: p.validUntil,
      modes: p.modes,
      skills: p.skills,
      note: p.note,
      status: p.status,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      closedAt: p.closedAt?.toISOString() ?? null,
      closeReason: p.closeReason,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class SupplyPostingPageDto extends CursorPage<SupplyPostingDto> {
  @ApiProperty({ type: [SupplyPostingDto] })
  declare items: SupplyPostingDto[];
}
