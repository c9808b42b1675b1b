import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '@chanjiao/core';
import { ConsortiumStatus } from '../entities/consortium-status';
import { Consortium } from '../entities/consortium.entity';

export class ConsortiumDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'DEMO-SZ-ROBOTICS' })
  code: string;

  @ApiProperty({ example: '苏州工业园区智能制造市域产教联合体' })
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  nameEn: string | null;

  @ApiProperty({ example: '江苏省' })
  province: string;

  @ApiProperty({ example: '苏州市' })
  city: string;

  @ApiProperty({ enum: ConsortiumStatus })
  status: ConsortiumStatus;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  statusChangedOn: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '苏州工业园区' })
  parkName: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '15000.00', description: '亿元' })
  parkOutputValue: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  parkProvinceRank: number | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
  })
  leadingIndustries: Array<{ code: string; name: string }>;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  leadGovernmentOrgId: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  leadSchoolOrgId: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  leadEnterpriseOrgId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  static from(entity: Consortium): ConsortiumDto {
    return {
      id: entity.id,
      code: entity.code,
      name: entity.name,
      nameEn: entity.nameEn,
      province: entity.province,
      city: entity.city,
      status: entity.status,
      statusChangedOn: entity.statusChangedOn,
      parkName: entity.parkName,
      parkOutputValue: entity.parkOutputValue,
      parkProvinceRank: entity.parkProvinceRank,
      leadingIndustries: entity.leadingIndustries,
      leadGovernmentOrgId: entity.leadGovernmentOrgId,
      leadSchoolOrgId: entity.leadSchoolOrgId,
      leadEnterpriseOrgId: entity.leadEnterpriseOrgId,
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
    };
  }
}

/** `GET /api/v1/consortia?q=&status=&province=&limit=&cursor=`, sorted by name. */
export class ConsortiumListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name (Chinese or English) or of the code' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ConsortiumStatus })
  @IsOptional()
  @IsEnum(ConsortiumStatus, { message: `status must be one of: ${Object.values(ConsortiumStatus).join(', ')}` })
  status?: ConsortiumStatus;

  @ApiPropertyOptional({ example: '江苏省' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  province?: string;
}

export class ConsortiumPageDto {
  @ApiProperty({ type: [ConsortiumDto] }) items: ConsortiumDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
