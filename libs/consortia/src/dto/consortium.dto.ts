import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ConsortiumStatus } from '../entities/consortium-status';
import { Consortium } from '../entities/consortium.entity';

export class ConsortiumDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'DEMO-SZ-ROBOTICS' })
  code: string;

  @ApiProperty({ example: '苏州工业园区智能制造市域产教联合体' })
  name: string;

  @ApiPropertyOptional({ nullable: true })
  nameEn: string | null;

  @ApiProperty({ example: '江苏省' })
  province: string;

  @ApiProperty({ example: '苏州市' })
  city: string;

  @ApiProperty({ enum: ConsortiumStatus })
  status: ConsortiumStatus;

  @ApiPropertyOptional({ nullable: true, format: 'date' })
  statusChangedOn: string | null;

  @ApiPropertyOptional({ nullable: true, example: '苏州工业园区' })
  parkName: string | null;

  @ApiPropertyOptional({ nullable: true, example: '15000.00', description: '亿元' })
  parkOutputValue: string | null;

  @ApiPropertyOptional({ nullable: true })
  parkProvinceRank: number | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
  })
  leadingIndustries: Array<{ code: string; name: string }>;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  leadGovernmentOrgId: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  leadSchoolOrgId: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
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
