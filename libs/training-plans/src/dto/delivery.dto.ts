import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, IsDateOnly, IsInt32 } from '@chanjiao/core';
import { TrainingDelivery } from '../entities/training-delivery.entity';
import { TrainingRosterEntry } from '../entities/training-roster-entry.entity';
import { MAX_ROSTER_ROWS } from '../domain/roster-rows';
import { IsMoney } from './common';

export class RosterEntryInputDto {
  // Checked by the roster rules (name required, ≤ 50), so every row's problems are reported together.
  @ApiProperty({ example: '李明' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A member organization' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be the id of a member organization' })
  organizationId?: string;

  @ApiPropertyOptional({ example: '某某机械有限公司' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organizationName?: string;

  @ApiPropertyOptional({ description: '18-character resident ID number; only a keyed hash and the last four are kept' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;
}

export class CreateDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The plan item (its itemKey: the same in every version)' })
  @IsUUID('all', { message: 'itemKey must be the itemKey of a plan item' })
  itemKey: string;

  @ApiProperty({ example: '2026-03-12', description: 'A day of the plan’s year' })
  @IsDateOnly()
  heldOn: string;

  @ApiProperty({ example: 8, description: '学时 of the session (> 0, ≤ 24, one decimal)' })
  @IsNumber(
    { maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false },
    { message: 'hours must be a number with at most one decimal' },
  )
  @IsPositive({ message: 'hours must be greater than 0' })
  @Max(24, { message: 'hours must be at most 24 for one session' })
  hours: number;

  @ApiPropertyOptional({ minimum: 1, description: '人次; defaults to the roster’s size, and is never below it' })
  @IsOptional()
  @IsInt32()
  @Min(1)
  @Max(100000)
  participantCount?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'participantOrganizationIds must be ids of member organizations' })
  participantOrganizationIds?: string[];

  @IsMoney('fundsReceived', true)
  fundsReceived?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: [RosterEntryInputDto], maxItems: MAX_ROSTER_ROWS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROSTER_ROWS)
  @ValidateNested({ each: true })
  @Type(() => RosterEntryInputDto)
  roster?: RosterEntryInputDto[];
}

export class DeliveryListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'itemKey must be a uuid' })
  itemKey?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'providerOrganizationId must be a uuid' })
  providerOrganizationId?: string;

  @ApiPropertyOptional({ enum: ['heldOn', '-heldOn'], default: '-heldOn' })
  @IsOptional()
  @IsIn(['heldOn', '-heldOn'], { message: 'sort must be heldOn or -heldOn' })
  sort?: string;
}

export class RosterEntryDto {
  @ApiProperty() position: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) organizationId: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Last four characters of the ID number' })
  idLast4: string | null;

  static from(entry: TrainingRosterEntry): RosterEntryDto {
    return {
      position: entry.position,
      name: entry.name,
      organizationId: entry.organizationId,
      organizationName: entry.organizationName,
      idLast4: entry.idLast4,
    };
  }
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) itemKey: string;
  @ApiProperty({ format: 'uuid' }) providerOrganizationId: string;
  @ApiProperty() heldOn: string;
  @ApiProperty({ description: 'Decimal string' }) hours: string;
  @ApiProperty() participantCount: number;
  @ApiProperty({ type: [String] }) participantOrganizationIds: string[];
  @ApiProperty({ description: 'Yuan, decimal string' }) fundsReceived: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() rosterSize: number;
  @ApiPropertyOptional({
    type: [RosterEntryDto],
    description: 'Only for the secretariat and the provider, on the single session',
  })
  roster?: RosterEntryDto[];
  @ApiProperty() createdAt: string;

  static from(delivery: TrainingDelivery, rosterSize: number, roster?: TrainingRosterEntry[]): DeliveryDto {
    return {
      id: delivery.id,
      planId: delivery.planId,
      itemKey: delivery.itemKey,
      providerOrganizationId: delivery.providerOrganizationId,
      heldOn: delivery.heldOn,
      hours: delivery.hours,
      participantCount: delivery.participantCount,
      participantOrganizationIds: delivery.participantOrganizationIds,
      fundsReceived: delivery.fundsReceived,
      note: delivery.note,
      rosterSize,
      ...(roster ? { roster: roster.map(RosterEntryDto.from) } : {}),
      createdAt: delivery.createdAt.toISOString(),
    };
  }
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class RosterImportResultDto {
  @ApiProperty({ description: 'Roster rows stored' }) rows: number;
  @ApiProperty({ description: 'Rows with an ID number' }) withIdNumber: number;
  @ApiProperty({ description: 'The session’s participant count now' }) participantCount: number;
}
