import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIndustryCode, IsInt32 } from '@chanjiao/core';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class LeadingIndustryDto {
  @ApiProperty({ example: 'C34', description: 'GB/T 4754-2017 code (any level)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFKC').trim().toUpperCase() : value))
  @IsIndustryCode()
  code: string;

  @ApiPropertyOptional({ example: '通用设备制造业', description: 'Defaults to the standard’s name for the code' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  name?: string;
}

/** Profile fields the secretariat may edit (status changes go through status transitions). */
export class UpdateConsortiumDto {
  @ApiPropertyOptional({ example: '苏州工业园区智能制造市域产教联合体', minLength: 2, maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(2, 120)
  name?: string;

  @ApiPropertyOptional({ example: 'Suzhou Industrial Park Intelligent Manufacturing Consortium', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional({ example: '江苏省', maxLength: 20 })
  @IsOptional()
  @IsString()
  @Length(2, 20)
  province?: string;

  @ApiPropertyOptional({ example: '苏州市', maxLength: 30 })
  @IsOptional()
  @IsString()
  @Length(2, 30)
  city?: string;

  @ApiPropertyOptional({ example: '苏州工业园区' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  parkName?: string;

  @ApiPropertyOptional({ example: '15000.00', description: 'Total output value of the park in 亿元 (decimal string)' })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: 'parkOutputValue must be a decimal amount in 亿元, e.g. "15000.50"' })
  parkOutputValue?: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 2_147_483_647, type: 'integer' })
  @IsOptional()
  @IsInt32()
  @Min(1)
  parkProvinceRank?: number;

  @ApiPropertyOptional({ type: [LeadingIndustryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LeadingIndustryDto)
  leadingIndustries?: LeadingIndustryDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Member organization of type government (园区管委会)' })
  @IsOptional()
  @IsUUID('all', { message: 'leadGovernmentOrgId must be a UUID' })
  leadGovernmentOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Member organization that is a school' })
  @IsOptional()
  @IsUUID('all', { message: 'leadSchoolOrgId must be a UUID' })
  leadSchoolOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Member organization of type enterprise' })
  @IsOptional()
  @IsUUID('all', { message: 'leadEnterpriseOrgId must be a UUID' })
  leadEnterpriseOrgId?: string;
}
