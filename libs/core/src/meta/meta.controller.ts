import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInt32 } from '../validation/number-validators';
import { Public } from '../auth/access.decorators';
import { Industry, searchIndustries } from '../reference/industry-codes';
import { listEnumLabels } from './enum-labels';
import './core-enum-labels';

const INDUSTRY_LEVELS = ['section', 'division', 'group', 'class'] as const;

export class IndustryQueryDto {
  @ApiPropertyOptional({ description: 'Code prefix (C34) or part of the name (机器人)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  q?: string;

  @ApiPropertyOptional({ enum: INDUSTRY_LEVELS, description: '门类 section, 大类 division, 中类 group, 小类 class' })
  @IsOptional()
  @IsIn(INDUSTRY_LEVELS, { message: `level must be one of: ${INDUSTRY_LEVELS.join(', ')}` })
  level?: Industry['level'];

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt32({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}

export class IndustryDto {
  @ApiProperty({ example: 'C3491' }) code: string;
  @ApiProperty({ example: '工业机器人制造' }) name: string;
  @ApiProperty({ enum: INDUSTRY_LEVELS }) level: Industry['level'];
}

export class EnumLabelsDto {
  @ApiProperty({ name: 'zh-CN', example: '筹建中' }) 'zh-CN': string;
  @ApiProperty({ example: 'Planning' }) en: string;
}

export class EnumValueDto {
  @ApiProperty({ example: 'planning' }) value: string;
  @ApiProperty({ type: () => EnumLabelsDto }) labels: { 'zh-CN': string; en: string };
}

export class EnumDescriptionDto {
  @ApiProperty({ example: 'ConsortiumStatus' }) name: string;
  @ApiProperty({ type: [EnumValueDto] }) values: EnumValueDto[];
}

export class EnumListDto {
  @ApiProperty({ type: [EnumDescriptionDto] }) enums: EnumDescriptionDto[];
}

export class IndustryListDto {
  @ApiProperty({ type: [IndustryDto], description: 'In code order, at most `limit`' }) items: IndustryDto[];
}

@ApiTags('meta')
@Public()
@Controller('meta')
export class MetaController {
  @Get('enums')
  @ApiOperation({ summary: 'Display labels (zh-CN, en) of every enum the API uses' })
  @ApiOkResponse({ type: EnumListDto })
  enums(): EnumListDto {
    return { enums: listEnumLabels() };
  }

  @Get('industries')
  @ApiOperation({ summary: 'GB/T 4754-2017 industry codes (国民经济行业分类), for pickers: by code prefix or name' })
  @ApiOkResponse({ type: IndustryListDto })
  industries(@Query() query: IndustryQueryDto): IndustryListDto {
    return { items: searchIndustries({ q: query.q, level: query.level, limit: query.limit ?? 50 }) };
  }
}
