import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsDateOnly } from '@chanjiao/core';
import { CreateOrganizationDto } from './organization.dto';
import { UpdateConsortiumDto } from './update-consortium.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A lead unit: a new member organization, active from the day it really joined. */
export class LeadUnitDto extends CreateOrganizationDto {
  @ApiPropertyOptional({
    example: '2026-09-01',
    description: 'The day it joined the consortium (China time; default today, not in the future)',
  })
  @IsOptional()
  @IsDateOnly()
  joinedOn?: string;
}

/**
 * Lead units named when the consortium is created: each becomes an active
 * member organization and fills its slot. The school may be of any school type.
 */
export class LeadUnitsDto {
  @ApiPropertyOptional({ type: LeadUnitDto, description: '园区管委会 / park government (type government)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadUnitDto)
  government?: LeadUnitDto;

  @ApiPropertyOptional({ type: LeadUnitDto, description: '牵头院校 / lead school (a school type)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadUnitDto)
  school?: LeadUnitDto;

  @ApiPropertyOptional({ type: LeadUnitDto, description: '牵头企业 / lead enterprise (type enterprise)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadUnitDto)
  enterprise?: LeadUnitDto;
}

/** A new consortium's profile; it starts in `planning`. Lead units are created with it. */
export class CreateConsortiumDto extends OmitType(UpdateConsortiumDto, [
  'name',
  'province',
  'city',
  'leadGovernmentOrgId',
  'leadSchoolOrgId',
  'leadEnterpriseOrgId',
] as const) {
  @ApiProperty({ example: 'SZ-IEC-01', description: 'Short code, unique on the platform (letters, digits, dashes)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z0-9][A-Z0-9-]{2,31}$/, {
    message: 'code must be 3–32 letters, digits or dashes, starting with a letter or digit',
  })
  code: string;

  @ApiProperty({ example: '苏州工业园区智能制造市域产教联合体', minLength: 2, maxLength: 120 })
  @Transform(trim)
  @IsString()
  @Length(2, 120)
  name: string;

  @ApiProperty({ example: '江苏省', minLength: 2, maxLength: 20 })
  @Transform(trim)
  @IsString()
  @Length(2, 20)
  province: string;

  @ApiProperty({ example: '苏州市', minLength: 2, maxLength: 30 })
  @Transform(trim)
  @IsString()
  @Length(2, 30)
  city: string;

  @ApiPropertyOptional({ type: LeadUnitsDto })
  @IsOptional()
  @IsObject({ message: 'leadUnits must be an object with government, school and/or enterprise' })
  @ValidateNested()
  @Type(() => LeadUnitsDto)
  leadUnits?: LeadUnitsDto;
}
