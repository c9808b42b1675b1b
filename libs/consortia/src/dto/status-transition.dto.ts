import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ConsortiumStatus } from '../entities/consortium-status';

export class StatusTransitionDto {
  @ApiProperty({ enum: ConsortiumStatus })
  @IsEnum(ConsortiumStatus, { message: `to must be one of: ${Object.values(ConsortiumStatus).join(', ')}` })
  to: ConsortiumStatus;

  @ApiProperty({ example: '2026-11-27' })
  @IsISO8601({ strict: true }, { message: 'effectiveOn must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveOn must be a date (YYYY-MM-DD)' })
  effectiveOn: string;

  @ApiPropertyOptional({ example: '省教育厅推荐（苏教职函〔2026〕12号）' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class StatusEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ConsortiumStatus }) fromStatus: ConsortiumStatus;
  @ApiProperty({ enum: ConsortiumStatus }) toStatus: ConsortiumStatus;
  @ApiProperty({ format: 'date' }) effectiveOn: string;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
