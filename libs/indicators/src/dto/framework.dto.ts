import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '@chanjiao/core';
import { FrameworkNode } from '../domain/framework-document';
import { FrameworkStatus } from '../entities/indicator-enums';
import { IndicatorFramework } from '../entities/indicator-framework.entity';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class FrameworkListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ example: 'CHANJIAO-DEFAULT', description: 'Versions of one framework' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;

  @ApiPropertyOptional({ enum: FrameworkStatus })
  @IsOptional()
  @IsEnum(FrameworkStatus, { message: `status must be one of: ${Object.values(FrameworkStatus).join(', ')}` })
  status?: FrameworkStatus;
}

export class FrameworkImportQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Publish the new version at once (it becomes immutable)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'publish must be true or false' })
  publish?: boolean;
}

export const EXPORT_FORMATS = ['json', 'xlsx'] as const;

export class FrameworkExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of: ${EXPORT_FORMATS.join(', ')}` })
  format?: (typeof EXPORT_FORMATS)[number];
}

export class FrameworkDiffQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The version to compare against (the older one)' })
  @IsUUID('all', { message: 'against must be the id of a framework version' })
  against: string;
}

export class FrameworkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CHANJIAO-DEFAULT' }) code: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: '市域产教联合体建设指标（默认）' }) nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: FrameworkStatus }) status: FrameworkStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) basedOnId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;

  static from(framework: IndicatorFramework): FrameworkDto {
    return {
      id: framework.id,
      code: framework.code,
      version: framework.version,
      nameZh: framework.nameZh,
      nameEn: framework.nameEn,
      description: framework.description,
      status: framework.status,
      basedOnId: framework.basedOnId,
      createdAt: framework.createdAt.toISOString(),
      publishedAt: framework.publishedAt?.toISOString() ?? null,
    };
  }
}

export class FrameworkPageDto {
  @ApiProperty({ type: [FrameworkDto] }) items: FrameworkDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class FrameworkLevelCountDto {
  @ApiProperty({ description: '1 = first-level indicators' }) depth: number;
  @ApiProperty() nodes: number;
  @ApiProperty({ description: 'Observation points at this depth' }) points: number;
}

export class FrameworkDetailDto extends FrameworkDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The tree: each node has code, name, weight and children or a point definition',
  })
  nodes: FrameworkNode[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) rules: object[];
  @ApiProperty({ type: [FrameworkLevelCountDto] }) levels: FrameworkLevelCountDto[];
  @ApiProperty({ description: 'Observation points in all' }) points: number;
}

export class ImportedFrameworkDto {
  @ApiProperty({ type: FrameworkDto }) framework: FrameworkDto;
  @ApiProperty({ description: 'False when the document equals the latest version (nothing was written)' })
  created: boolean;
}

export class FrameworkDiffDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) added: object[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) removed: object[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) changed: object[];
  @ApiProperty({ type: 'object', additionalProperties: true }) rules: object;
  @ApiProperty() identicalTree: boolean;
}
