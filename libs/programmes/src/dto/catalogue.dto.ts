import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CursorPageQueryDto, IsInt32 } from '@chanjiao/core';
import { CatalogueEdition } from '../entities/catalogue-edition.entity';
import { CatalogueOccupation } from '../entities/catalogue-occupation.entity';
import { CatalogueProgramme } from '../entities/catalogue-programme.entity';
import { CatalogueList, ProgrammeLevel } from '../entities/programme-enums';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFKC').trim() : value);
const EDITION = /^[0-9A-Za-z._-]{1,20}$/;
const EDITION_MESSAGE = 'edition must be 1–20 letters, digits, dots, dashes or underscores (e.g. 2021)';

export class EditionQueryDto {
  @ApiPropertyOptional({ example: '2021', description: "The list's edition; its current one when omitted" })
  @IsOptional()
  @Matches(EDITION, { message: EDITION_MESSAGE })
  edition?: string;
}

export class CatalogueImportQueryDto {
  @ApiPropertyOptional({
    example: '2021',
    description: "Edition written to (created if new); the list's current edition when omitted",
  })
  @IsOptional()
  @Matches(EDITION, { message: EDITION_MESSAGE })
  edition?: string;

  @ApiPropertyOptional({ example: '职业教育专业目录（2021年）', description: 'Name of a new edition' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'editionName must not be blank' })
  @MaxLength(200)
  editionName?: string;

  @ApiPropertyOptional({ description: 'Make the edition current (default: yes for a new edition, unchanged otherwise)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  current?: boolean;
}

export class MappingImportQueryDto {
  @ApiPropertyOptional({ example: '2021', description: "The programme catalogue's edition; the current one when omitted" })
  @IsOptional()
  @Matches(EDITION, { message: EDITION_MESSAGE })
  edition?: string;

  @ApiPropertyOptional({ example: '2022', description: "The occupations' edition; the current one when omitted" })
  @IsOptional()
  @Matches(EDITION, { message: 'occupationEdition must be 1–20 letters, digits, dots, dashes or underscores' })
  occupationEdition?: string;
}

export class ProgrammeListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ example: '2021' })
  @IsOptional()
  @Matches(EDITION, { message: EDITION_MESSAGE })
  edition?: string;

  @ApiPropertyOptional({ enum: ProgrammeLevel })
  @IsOptional()
  @IsEnum(ProgrammeLevel, { message: `level must be one of: ${Object.values(ProgrammeLevel).join(', ')}` })
  level?: ProgrammeLevel;

  @ApiPropertyOptional({ example: '46', description: '专业大类 (2 digits)' })
  @IsOptional()
  @Matches(/^[0-9]{2}$/, { message: 'categoryCode must be two digits' })
  categoryCode?: string;

  @ApiPropertyOptional({ example: '4603', description: '专业类 (4 digits)' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/, { message: 'classCode must be four digits' })
  classCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  nationalControl?: boolean;

  @ApiPropertyOptional({ example: '机器人', description: 'A code prefix (4603, 460301) or any part of the name (Chinese included)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OccupationListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ example: '2022' })
  @IsOptional()
  @Matches(EDITION, { message: EDITION_MESSAGE })
  edition?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4, description: '1 大类, 2 中类, 3 小类, 4 细类' })
  @IsOptional()
  @Type(() => Number)
  @IsInt32()
  @Min(1)
  @Max(4)
  level?: number;

  @ApiPropertyOptional({ example: '6-31-07-00', description: 'Children of this code (browse the tree); "root" for the 大类' })
  @IsOptional()
  @Matches(/^(root|[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2})$/, { message: 'parentCode must be an occupation code or root' })
  parentCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  digital?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  green?: boolean;

  @ApiPropertyOptional({ example: '机器人', description: 'A code prefix (6-31, 6-31-07) or any part of the name (Chinese included)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ProgrammeTreeQueryDto {
  @ApiPropertyOptional({ example: '2021' })
  @IsOptional()
  @Matches(EDITION, { message: EDITION_MESSAGE })
  edition?: string;

  @ApiPropertyOptional({ enum: ProgrammeLevel })
  @IsOptional()
  @IsEnum(ProgrammeLevel, { message: `level must be one of: ${Object.values(ProgrammeLevel).join(', ')}` })
  level?: ProgrammeLevel;
}

export class EditionDto {
  @ApiProperty({ enum: CatalogueList })
  list: CatalogueList;

  @ApiProperty({ example: '2021' })
  edition: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  isCurrent: boolean;

  @ApiProperty()
  createdAt: string;

  static from(e: CatalogueEdition): EditionDto {
    return { list: e.list, edition: e.edition, name: e.name, isCurrent: e.isCurrent, createdAt: e.createdAt.toISOString() };
  }
}

export class ProgrammeDto {
  @ApiProperty({ example: '2021' })
  edition: string;

  @ApiProperty({ example: '460305' })
  code: string;

  @ApiProperty({ example: '工业机器人技术' })
  name: string;

  @ApiProperty({ enum: ProgrammeLevel })
  level: ProgrammeLevel;

  @ApiProperty({ example: '46' })
  categoryCode: string;

  @ApiProperty({ example: '装备制造大类' })
  categoryName: string;

  @ApiProperty({ example: '4603' })
  classCode: string;

  @ApiProperty({ example: '自动化类' })
  className: string;

  @ApiProperty()
  nationalControl: boolean;

  static from(p: CatalogueProgramme): ProgrammeDto {
    return {
      edition: p.edition,
      code: p.code,
      name: p.name,
      level: p.level,
      categoryCode: p.categoryCode,
      categoryName: p.categoryName,
      classCode: p.classCode,
      className: p.className,
      nationalControl: p.nationalControl,
    };
  }
}

export class ProgrammePageDto {
  @ApiProperty({ type: [ProgrammeDto] })
  items: ProgrammeDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class OccupationDto {
  @ApiProperty({ example: '2022' })
  edition: string;

  @ApiProperty({ example: '6-31-07-03' })
  code: string;

  @ApiProperty({ example: 4, description: '1 大类, 2 中类, 3 小类, 4 细类' })
  level: number;

  @ApiProperty({ type: String, nullable: true, example: '6-31-07-00' })
  parentCode: string | null;

  @ApiProperty({ example: '工业机器人系统操作员' })
  name: string;

  @ApiProperty({ description: '数字职业 (S)' })
  isDigital: boolean;

  @ApiProperty({ description: '绿色职业 (L)' })
  isGreen: boolean;

  @ApiProperty({ type: String, nullable: true })
  definition: string | null;

  @ApiProperty({ type: String, nullable: true, description: '主要工作任务' })
  mainTasks: string | null;

  static from(o: CatalogueOccupation): OccupationDto {
    return {
      edition: o.edition,
      code: o.code,
      level: Number(o.level),
      parentCode: o.parentCode,
      name: o.name,
      isDigital: o.isDigital,
      isGreen: o.isGreen,
      definition: o.definition,
      mainTasks: o.mainTasks,
    };
  }
}

export class OccupationPageDto {
  @ApiProperty({ type: [OccupationDto] })
  items: OccupationDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class ProgrammeDetailDto extends ProgrammeDto {
  @ApiProperty({ type: [OccupationDto], description: '职业面向: the occupations the programme leads to' })
  occupations: OccupationDto[];
}

export class OccupationDetailDto extends OccupationDto {
  @ApiProperty({ type: [OccupationDto], description: 'The ancestors, 大类 first' })
  path: OccupationDto[];

  @ApiProperty({ type: 'integer' })
  childCount: number;

  @ApiProperty({ type: [ProgrammeDto], description: "Programmes of the current catalogue edition leading to it (or to a 细类 under it)" })
  programmes: ProgrammeDto[];
}

export class ProgrammeClassNodeDto {
  @ApiProperty({ example: '4603' })
  code: string;

  @ApiProperty({ example: '自动化类' })
  name: string;

  @ApiProperty({ type: 'integer' })
  programmeCount: number;
}

export class ProgrammeCategoryNodeDto {
  @ApiProperty({ example: '46' })
  code: string;

  @ApiProperty({ example: '装备制造大类' })
  name: string;

  @ApiProperty({ type: 'integer' })
  programmeCount: number;

  @ApiProperty({ type: [ProgrammeClassNodeDto] })
  classes: ProgrammeClassNodeDto[];
}

export class ProgrammeTreeDto {
  @ApiProperty({ example: '2021' })
  edition: string;

  @ApiProperty({ type: [ProgrammeCategoryNodeDto] })
  categories: ProgrammeCategoryNodeDto[];
}

export const PROGRAMME_CODE_PARAM = /^[0-9]{6}[Kk]?$/;
export const OCCUPATION_CODE_PARAM = /^[0-9]-[0-9]{2}-[0-9]{2}(-[0-9]{2})?$/;
export const LIST_PARAMS = ['programmes', 'occupations', 'programme-occupations'] as const;
