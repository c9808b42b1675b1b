import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, IsDateOnly, IsIndustryCode } from '@chanjiao/core';
import { IsUnifiedSocialCreditCode } from '../domain/credit-code';
import { MembershipStatus } from '../entities/membership-status';
import { Organization } from '../entities/organization.entity';
import { OrganizationSize, OrganizationType } from '../entities/organization-type';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// NFKC: full-width characters typed with a Chinese IME become ASCII.
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFKC').trim().toUpperCase() : value;
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ContactDto {
  @ApiProperty({ example: '张伟' })
  @Transform(trim)
  @IsString()
  @Length(1, 40)
  name: string;

  @ApiPropertyOptional({ example: '人力资源部经理' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  title?: string;

  @ApiPropertyOptional({ example: '0512-66668888' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'hr@example.cn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ enum: OrganizationType })
  @IsEnum(OrganizationType, { message: `type must be one of: ${Object.values(OrganizationType).join(', ')}` })
  type: OrganizationType;

  @ApiProperty({ example: '苏州汇川技术有限公司' })
  @Transform(trim)
  @IsString()
  @Length(2, 100)
  name: string;

  @ApiPropertyOptional({ example: 'Suzhou Inovance Technology Co., Ltd.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional({ example: '91320594MA1MXXXXXX', description: '统一社会信用代码; required for enterprises' })
  @Transform(upper)
  @ValidateIf((dto: CreateOrganizationDto) => dto.type === OrganizationType.Enterprise || dto.creditCode !== undefined)
  @IsUnifiedSocialCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ example: '吴中区' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  district?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ example: 'C3484', description: 'GB/T 4754-2017 industry code' })
  @IsOptional()
  @Transform(upper)
  @IsIndustryCode()
  industryCode?: string;

  @ApiPropertyOptional({ example: '机械化农业及园艺机具制造' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  industryName?: string;

  @ApiPropertyOptional({ enum: OrganizationSize })
  @IsOptional()
  @IsEnum(OrganizationSize, { message: `size must be one of: ${Object.values(OrganizationSize).join(', ')}` })
  size?: OrganizationSize;

  @ApiPropertyOptional({ description: '龙头企业' })
  @IsOptional()
  @IsBoolean()
  leadingEnterprise?: boolean;

  @ApiPropertyOptional({ description: '产教融合型企业' })
  @IsOptional()
  @IsBoolean()
  certifiedIntegrationEnterprise?: boolean;

  @ApiPropertyOptional({ description: '双高 school' })
  @IsOptional()
  @IsBoolean()
  doubleHighSchool?: boolean;

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

export const ORGANIZATION_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

export class OrganizationListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: OrganizationType })
  @IsOptional()
  @IsEnum(OrganizationType, { message: `type must be one of: ${Object.values(OrganizationType).join(', ')}` })
  type?: OrganizationType;

  @ApiPropertyOptional({ enum: MembershipStatus })
  @IsOptional()
  @IsEnum(MembershipStatus, { message: `status must be one of: ${Object.values(MembershipStatus).join(', ')}` })
  status?: MembershipStatus;

  @ApiPropertyOptional({ example: 'C34', description: 'Industry code or its prefix' })
  @IsOptional()
  @Transform(upper)
  @IsIndustryCode()
  industryCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  district?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  leadingEnterprise?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  certifiedIntegrationEnterprise?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  doubleHighSchool?: boolean;

  @ApiPropertyOptional({ description: 'Any part of the Chinese or English name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_SORTS, default: 'name' })
  @IsOptional()
  @IsEnum(ORGANIZATION_SORTS, { message: `sort must be one of: ${ORGANIZATION_SORTS.join(', ')}` })
  sort?: (typeof ORGANIZATION_SORTS)[number];
}

export class MembershipTransitionDto {
  @ApiProperty({ enum: MembershipStatus })
  @IsEnum(MembershipStatus, { message: `to must be one of: ${Object.values(MembershipStatus).join(', ')}` })
  to: MembershipStatus;

  @ApiProperty({ example: '2026-11-27', description: 'Date the change takes effect' })
  @IsDateOnly()
  effectiveOn: string;

  @ApiPropertyOptional({ example: '经理事会审议通过' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OrganizationType }) type: OrganizationType;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) nameEn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) creditCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) district: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) address: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) industryCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) industryName: string | null;
  @ApiPropertyOptional({ enum: OrganizationSize, nullable: true }) size: OrganizationSize | null;
  @ApiProperty() leadingEnterprise: boolean;
  @ApiProperty() certifiedIntegrationEnterprise: boolean;
  @ApiProperty() doubleHighSchool: boolean;
  @ApiProperty({ type: [ContactDto] }) contacts: ContactDto[];
  @ApiProperty({ enum: MembershipStatus }) membershipStatus: MembershipStatus;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) membershipChangedOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(o: Organization): OrganizationDto {
    const { consortiumId: _tenant, createdAt, updatedAt, ...rest } = o;
    return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
  }
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) items: OrganizationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'Organizations matching the filters' }) total: number;
}

export class OrganizationStatsDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { enterprise: 12 } })
  byType: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { active: 20 } })
  byStatus: Record<string, number>;
}

export class MembershipEventDto {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ enum: MembershipStatus, nullable: true }) fromStatus: MembershipStatus | null;
  @ApiProperty({ enum: MembershipStatus }) toStatus: MembershipStatus;
  @ApiProperty({ format: 'date' }) effectiveOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
