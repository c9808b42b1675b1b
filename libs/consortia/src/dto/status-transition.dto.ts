import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateOnly } from '@chanjiao/core';
import { ConsortiumStatus } from '../entities/consortium-status';

export class StatusTransitionDto {
  @ApiProperty({ enum: ConsortiumStatus })
  @IsEnum(ConsortiumStatus, { message: `to must be one of: ${Object.values(ConsortiumStatus).join(', ')}` })
  to: ConsortiumStatus;

  @ApiProperty({ example: '2026-11-27' })
  @IsDateOnly()
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
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
