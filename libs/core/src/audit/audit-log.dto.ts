import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../pagination/cursor-page.dto';
import { IsDateOrInstant } from '../validation/date-validators';
import { AuditLogEntry } from './audit-log-entry.entity';

/** Filters of the audit trail, paged like every list. */
export class AuditLogQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({
    description: 'An action or a prefix of one (`identity.user`)',
    example: 'identity.user.created',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'Inclusive: a date-time with offset, or a date (00:00 China time)' })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive: a date-time with offset, or a date (00:00 China time)' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
}

export class AuditLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) consortiumId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ example: 'identity.user.created' }) action: string;
  @ApiProperty({ example: 'user' }) entityType: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) changes: object;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(entry: AuditLogEntry): AuditLogEntryDto {
    return { ...entry, createdAt: entry.createdAt.toISOString() };
  }
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) items: AuditLogEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
