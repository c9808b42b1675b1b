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
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
    };
  }
}
