import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTENDANCE_STATUSES,
  MEETING_KINDS,
  MEETING_STATUSES,
  RESOLUTION_KINDS,
  SEAT_ROLES,
  TASK_STATUSES,
  VOTE_CHOICES,
} from '../entities/council-enums';
import { RatioDto } from './council.dto';

/** Response shapes of the council routes (OpenAPI); the controllers' return types hold the services to them. */
export class CouncilOverviewDto {
  @ApiProperty({ example: '理事会' }) name: string;
  @ApiProperty({ type: RatioDto }) quorum: RatioDto;
  @ApiProperty({ type: RatioDto }) ordinaryPass: RatioDto;
  @ApiProperty({ type: RatioDto }) specialPass: RatioDto;
  @ApiProperty({ description: 'Seats in office today' }) seats: number;
  @ApiProperty({ description: 'Seats whose term has ended or not begun' }) seatsOutOfOffice: number;
  @ApiProperty({ type: [String], example: ['enterprise', 'government'] }) categoriesSeated: string[];
  @ApiProperty({ description: 'Government, enterprise, school and research all seated' }) multiPartyComplete: boolean;
  @ApiProperty({ type: [String], example: ['research'] }) missingCategories: string[];
}

export class SeatDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() personName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) personTitle: string | null;
  @ApiProperty({ enum: SEAT_ROLES }) role: string;
  @ApiProperty({ enum: ['government', 'enterprise', 'school', 'research', 'industry_association', 'other'] })
  category: string;
  @ApiProperty({ format: 'date' }) termStart: string;
  @ApiProperty({ format: 'date' }) termEnd: string;
  @ApiProperty({ description: 'Term covers today (or, in a meeting, the meeting’s date)' }) inOffice: boolean;
}

export class MeetingSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: [String] }) agenda: string[];
  @ApiProperty({ enum: MEETING_STATUSES }) status: string;
}

export class AttendanceRowDto {
  @ApiProperty({ format: 'uuid' }) seatId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) proxySeatId?: string | null;
}

export class QuorumDto {
  @ApiProperty({ type: [String], description: 'The meeting’s council: seats in office on its date' })
  seatIds: string[];
  @ApiProperty() seats: number;
  @ApiProperty() present: number;
  @ApiProperty({ description: 'Seats represented by a present proxy holder' }) represented: number;
  @ApiProperty({ description: 'Present or represented seats needed' }) required: number;
  @ApiProperty() reached: boolean;
}

export class TallyDto {
  @ApiProperty() for: number;
  @ApiProperty() against: number;
  @ApiProperty() abstain: number;
  @ApiProperty() cast: number;
}

export class VoteRowDto {
  @ApiProperty({ format: 'uuid' }) seatId: string;
  @ApiProperty({ enum: VOTE_CHOICES }) choice: string;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) assigneeOrganizationId: string;
  @ApiProperty() assigneeName: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: string;
}

export class ResolutionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: RESOLUTION_KINDS }) kind: string;
  @ApiProperty({ enum: ['passed', 'failed', 'no_quorum'] }) outcome: string;
  @ApiProperty({ description: 'Kept with the approved minutes (else counted live)' }) final: boolean;
  @ApiProperty({ type: TallyDto }) tally: TallyDto;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Votes for needed to pass (null without quorum)' })
  votesNeeded: number | null;
  @ApiProperty({ type: [VoteRowDto] }) votes: VoteRowDto[];
  @ApiProperty({ type: [TaskDto] }) tasks: TaskDto[];
}

export class MeetingPageDto {
  @ApiProperty({ type: [MeetingSummaryDto] }) items: MeetingSummaryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class MeetingDto extends MeetingSummaryDto {
  @ApiProperty({
    type: [SeatDto],
    description: 'The meeting’s council: seats in office on its date, as they were held when the minutes were approved',
  })
  council: SeatDto[];
  @ApiProperty({ type: [AttendanceRowDto] }) attendance: AttendanceRowDto[];
  @ApiProperty({ type: QuorumDto }) quorum: QuorumDto;
  @ApiProperty({ type: [ResolutionDto] }) resolutions: ResolutionDto[];
}
