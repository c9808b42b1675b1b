import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, IsDateOnly, IsDateOrInstant, IsInstant, IsInt32 } from '@chanjiao/core';
import { BookingPurpose, BookingStatus, TrainingBaseFunction } from '../entities/training-base-enums';
import { TrainingBooking } from '../entities/training-booking.entity';

const list = (values: object) => Object.values(values).join(', ');
/** `YYYY-MM`, a China-time month. */
export const MONTH = /^(19|[2-8]\d)\d{2}-(0[1-9]|1[0-2])$/;

export class WeeklyRecurrenceDto {
  @ApiProperty({ example: '2027-01-15', description: 'Last China-time day an occurrence may fall on (the term end)' })
  @IsDateOnly()
  until: string;
}

export class CreateBookingDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The booking organization; a member user books for its own (the default)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be the id of a member organization' })
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An area of the base (its own workstation count applies too)' })
  @IsOptional()
  @IsUUID('all', { message: 'areaId must be the id of an area of this base' })
  areaId?: string;

  @ApiProperty({ example: '2026-12-10T09:00:00+08:00' }) @IsInstant() startsAt: string;
  @ApiProperty({ example: '2026-12-10T12:00:00+08:00' }) @IsInstant() endsAt: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt32()
  @Min(1)
  @Max(100000)
  workstations: number;

  @ApiProperty({ enum: BookingPurpose })
  @IsEnum(BookingPurpose, { message: `purpose must be one of: ${list(BookingPurpose)}` })
  purpose: BookingPurpose;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000000 })
  @IsOptional()
  @IsInt32()
  @Min(0)
  @Max(1000000)
  expectedParticipants?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'A training plan item this booking delivers' })
  @IsOptional()
  @IsUUID('all', { message: 'planItemId must be a training plan item id' })
  planItemId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;

  @ApiPropertyOptional({
    type: WeeklyRecurrenceDto,
    description: 'Repeat weekly to this day: accepted whole or refused naming the clashing dates',
  })
  @IsOptional()
  @IsObject({ message: 'recurrence must be an object with until' })
  @ValidateNested()
  @Type(() => WeeklyRecurrenceDto)
  recurrence?: WeeklyRecurrenceDto;
}

/** Moves of a booking: requested → approved | rejected; requested/approved → cancelled; approved → checked_in → completed. */
export enum BookingTransitionTarget {
  Approved = 'approved',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
  CheckedIn = 'checked_in',
  Completed = 'completed',
}

export class BookingTransitionDto {
  @ApiProperty({ enum: BookingTransitionTarget })
  @IsEnum(BookingTransitionTarget, { message: `to must be one of: ${list(BookingTransitionTarget)}` })
  to: BookingTransitionTarget;

  @ApiPropertyOptional({ description: 'Why (shown to the booking organization)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ description: 'Apply to every open occurrence of the booking’s weekly series', default: false })
  @IsOptional()
  @IsBoolean({ message: 'wholeSeries must be true or false' })
  wholeSeries?: boolean;
}

export class BookingListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: BookingStatus })
  @IsOptional()
  @IsEnum(BookingStatus, { message: `status must be one of: ${list(BookingStatus)}` })
  status?: BookingStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only bookings of one weekly series' })
  @IsOptional()
  @IsUUID('all', { message: 'seriesId must be a series id' })
  seriesId?: string;

  @ApiPropertyOptional({ description: 'Bookings ending after (date = 00:00 China time, or an instant)' })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Bookings starting before' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ enum: ['startsAt', '-startsAt', 'createdAt', '-createdAt'], default: 'startsAt' })
  @IsOptional()
  @IsEnum(['startsAt', '-startsAt', 'createdAt', '-createdAt'], {
    message: 'sort must be startsAt, -startsAt, createdAt or -createdAt',
  })
  sort?: string;
}

export class AllBookingsQueryDto extends BookingListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'baseId must be a training base id' })
  baseId?: string;
}

export class AvailabilityQueryDto {
  @ApiProperty({ example: '2026-12-07', description: 'First China-time day searched' }) @IsDateOnly() from: string;
  @ApiProperty({ example: '2026-12-13', description: 'Last China-time day searched (at most 62 days)' })
  @IsDateOnly()
  to: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @Type(() => Number)
  @IsInt32()
  @Min(1)
  @Max(100000)
  workstations: number;

  @ApiProperty({ minimum: 1, maximum: 10080, description: 'Minutes the booking would last' })
  @Type(() => Number)
  @IsInt32()
  @Min(1)
  @Max(10080)
  duration: number;

  @ApiPropertyOptional({ enum: TrainingBaseFunction })
  @IsOptional()
  @IsEnum(TrainingBaseFunction, { message: `function must be one of: ${list(TrainingBaseFunction)}` })
  function?: TrainingBaseFunction;
}

export class MonthQueryDto {
  @ApiProperty({ example: '2026-12', description: 'China-time month YYYY-MM' })
  @Matches(MONTH, { message: 'month must be a month YYYY-MM (1900–8999)' })
  month: string;
}

export class UtilisationQueryDto extends MonthQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'baseId must be a training base id' })
  baseId?: string;
}

export class BookingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) baseId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) requesterUserId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) seriesId: string | null;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ description: 'End plus the base’s buffer: workstations are held until then' }) occupiedUntil: string;
  @ApiProperty() workstations: number;
  @ApiProperty({ enum: BookingPurpose }) purpose: BookingPurpose;
  @ApiProperty() expectedParticipants: number;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) planItemId: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ enum: BookingStatus }) status: BookingStatus;
  @ApiProperty() decisionNote: string;
  @ApiPropertyOptional({ nullable: true }) checkedInAt: string | null;
  @ApiPropertyOptional({ nullable: true }) checkedOutAt: string | null;
  @ApiProperty() createdAt: string;

  static from(b: TrainingBooking): BookingDto {
    return {
      id: b.id,
      baseId: b.baseId,
      areaId: b.areaId,
      organizationId: b.organizationId,
      requesterUserId: b.requesterUserId,
      seriesId: b.seriesId,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      occupiedUntil: b.occupiedUntil.toISOString(),
      workstations: b.workstations,
      purpose: b.purpose,
      expectedParticipants: b.expectedParticipants,
      planItemId: b.planItemId,
      note: b.note,
      status: b.status,
      decisionNote: b.decisionNote,
      checkedInAt: b.checkedInAt?.toISOString() ?? null,
      checkedOutAt: b.checkedOutAt?.toISOString() ?? null,
      createdAt: b.createdAt.toISOString(),
    };
  }
}

export class BookingPageDto {
  @ApiProperty({ type: [BookingDto] }) items: BookingDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class BookingCreatedDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) seriesId: string | null;
  @ApiProperty({ type: [BookingDto], description: 'The booking, or every occurrence of the series' })
  bookings: BookingDto[];
}

export class FreeWindowDto {
  @ApiProperty({ format: 'uuid' }) baseId: string;
  @ApiProperty() baseName: string;
  @ApiProperty() date: string;
  @ApiProperty({ description: 'Earliest start of a fitting booking' }) startsAt: string;
  @ApiProperty({ description: 'Latest end of a fitting booking' }) endsAt: string;
}

export class AvailabilityDto {
  @ApiProperty({ type: [FreeWindowDto], description: 'Sorted by start' }) items: FreeWindowDto[];
}

export class CalendarBookingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() workstations: number;
  @ApiProperty({ enum: BookingStatus }) status: BookingStatus;
  @ApiProperty({ enum: BookingPurpose }) purpose: BookingPurpose;
}

export class CalendarDayDto {
  @ApiProperty() date: string;
  @ApiProperty() open: boolean;
  @ApiPropertyOptional({ nullable: true }) closureReason: string | null;
  @ApiProperty({ type: [String], example: ['08:30–12:00', '13:30–17:30'] }) openingHours: string[];
  @ApiProperty() availableHours: number;
  @ApiProperty({ description: 'Workstation-hours of live and completed bookings' }) bookedHours: number;
  @ApiProperty({ description: 'Most workstations held at once' }) peakWorkstations: number;
  @ApiProperty({ type: [CalendarBookingDto] }) bookings: CalendarBookingDto[];
}

export class CalendarDto {
  @ApiProperty({ format: 'uuid' }) baseId: string;
  @ApiProperty() month: string;
  @ApiProperty() workstations: number;
  @ApiProperty({ type: [CalendarDayDto] }) days: CalendarDayDto[];
}

export class UtilisationGroupDto {
  @ApiProperty() key: string;
  @ApiPropertyOptional() name?: string;
  @ApiProperty() bookedHours: number;
  @ApiProperty() usedHours: number;
  @ApiProperty() bookings: number;
  @ApiProperty() noShows: number;
}

export class FeeDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() member: boolean;
  @ApiProperty({ example: '20.00' }) ratePerHour: string;
  @ApiProperty({ example: '480.00' }) feeYuan: string;
}

export class BaseUtilisationDto {
  @ApiProperty({ format: 'uuid' }) baseId: string;
  @ApiProperty() baseName: string;
  @ApiProperty() month: string;
  @ApiProperty() workstations: number;
  @ApiProperty({ description: 'Workstation-hours open (opening hours minus closures)' }) availableHours: number;
  @ApiProperty() bookedHours: number;
  @ApiProperty({ description: 'From check-in to check-out' }) usedHours: number;
  @ApiProperty({ type: Number, nullable: true, description: 'used / available, 0–1' }) utilisation: number | null;
  @ApiProperty() bookings: number;
  @ApiProperty() noShows: number;
  @ApiProperty({ description: 'Expected participants of checked-in and completed bookings' }) participants: number;
  @ApiProperty({ description: 'Organizations other than the host with bookings' }) externalOrganizations: number;
  @ApiProperty({ type: [UtilisationGroupDto] }) byOrganization: UtilisationGroupDto[];
  @ApiProperty({ type: [UtilisationGroupDto] }) byPurpose: UtilisationGroupDto[];
  @ApiProperty({ type: [FeeDto] }) fees: FeeDto[];
}

export class UtilisationDto {
  @ApiProperty() month: string;
  @ApiProperty({ type: [BaseUtilisationDto] }) bases: BaseUtilisationDto[];
}
