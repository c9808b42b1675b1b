import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ProgressQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Measure against this version instead of the approved one' })
  @IsOptional()
  @IsUUID('all', { message: 'versionId must be the id of a version of this plan' })
  versionId?: string;
}

export class ProgressFiguresDto {
  @ApiProperty() plannedSessions: number;
  @ApiProperty() sessions: number;
  @ApiProperty({ description: '人次 planned' }) plannedParticipantTimes: number;
  @ApiProperty({ description: '人次 delivered' }) participantTimes: number;
  @ApiProperty({ description: '学时 planned, decimal string' }) plannedHours: string;
  @ApiProperty({ description: '学时 delivered (sum of session hours), decimal string' }) hours: string;
  @ApiProperty({ description: 'Yuan, decimal string' }) budget: string;
  @ApiProperty({ description: 'Yuan, decimal string' }) fundsReceived: string;
  @ApiProperty({ type: Number, nullable: true }) participantTimesRate: number | null;
  @ApiProperty({ type: Number, nullable: true }) hoursRate: number | null;
  @ApiProperty({ type: Number, nullable: true }) fundsRate: number | null;
  @ApiProperty({ description: 'Distinct persons in the rosters (by keyed ID hash)' }) distinctPersons: number;
  @ApiProperty() rosterEntries: number;
  @ApiProperty() entriesWithoutId: number;
}

export class ProgressRowDto extends ProgressFiguresDto {
  @ApiProperty({ description: 'itemKey, type or provider organization id' }) key: string;
  @ApiProperty({ description: 'Item title, type label or provider name (zh-CN)' }) label: string;
}

export class ItemProgressRowDto extends ProgressRowDto {
  @ApiProperty() type: string;
  @ApiProperty({ format: 'uuid' }) providerOrganizationId: string;
  @ApiProperty({ description: 'False: an item of an earlier version the measured version no longer has' })
  inPlan: boolean;
}

export class PlanProgressDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'China-time day the figures were computed' }) asOf: string;
  @ApiProperty({ type: ProgressFiguresDto }) total: ProgressFiguresDto;
  @ApiProperty({ type: [ItemProgressRowDto] }) byItem: ItemProgressRowDto[];
  @ApiProperty({ type: [ProgressRowDto] }) byType: ProgressRowDto[];
  @ApiProperty({ type: [ProgressRowDto] }) byProvider: ProgressRowDto[];
}
