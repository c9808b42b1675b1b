import type { components } from '../../api/schema';

export type CouncilOverview = components['schemas']['CouncilOverviewDto'];
export type Seat = components['schemas']['SeatDto'];
export type MeetingSummary = components['schemas']['MeetingSummaryDto'];
export type Meeting = components['schemas']['MeetingDto'];
export type Resolution = components['schemas']['ResolutionDto'];
export type Task = components['schemas']['TaskDto'];
export type Ratio = components['schemas']['RatioDto'];
export type CharterInput = components['schemas']['UpdateCouncilDto'];
export type SeatInput = components['schemas']['CreateSeatDto'];
export type MeetingInput = components['schemas']['CreateMeetingDto'];
export type ResolutionInput = components['schemas']['CreateResolutionDto'];
export type TaskInput = components['schemas']['CreateTaskDto'];
export type MeetingStatus = MeetingSummary['status'];
export type AttendanceStatus = components['schemas']['AttendanceEntryDto']['status'];
export type TaskStatus = Task['status'];

/**
 * Field limits of the council's request bodies (libs/consortia/src/dto/council.dto.ts), for the
 * forms' checks before sending; council-rules.spec.ts compares them with the DTOs' class-validator rules.
 */
export const COUNCIL_LIMITS = {
  councilName: { min: 2, max: 60 },
  personName: { min: 1, max: 40 },
  personTitle: { min: 0, max: 60 },
  meetingTitle: { min: 2, max: 120 },
  place: { min: 0, max: 120 },
  agenda: { max: 30 },
  agendaItem: { min: 0, max: 200 },
  resolutionTitle: { min: 2, max: 200 },
  resolutionText: { min: 0, max: 10_000 },
  taskTitle: { min: 2, max: 200 },
  /** RatioDto: numerator and denominator are whole numbers of at least 1. */
  ratioMin: 1,
} as const;

/** The API's meeting lifecycle (MEETING_TRANSITIONS in meetings.service.ts; the spec keeps them equal). */
export const MEETING_TRANSITIONS: { readonly [S in MeetingStatus]: readonly MeetingStatus[] } = {
  scheduled: ['held', 'cancelled'],
  held: ['minutes_approved'],
  minutes_approved: [],
  cancelled: [],
};

/** Attendance may be recorded and resolutions tabled until the meeting is over; votes only while held. */
export const OPEN_MEETING_STATUSES: readonly MeetingStatus[] = ['scheduled', 'held'];

export const MEETING_STATUS_COLORS: Record<MeetingStatus, string> = {
  scheduled: 'processing',
  held: 'warning',
  minutes_approved: 'success',
  cancelled: 'default',
};

export const OUTCOME_COLORS: Record<string, string> = { passed: 'success', failed: 'error', no_quorum: 'default' };

export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  open: 'default',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'default',
};

/** "2/3" */
export function formatRatio(ratio: Ratio): string {
  return `${ratio.numerator}/${ratio.denominator}`;
}

/** "2/3" → a RatioDto, or undefined when it is not two whole numbers ≥ 1 (the API's RatioDto rules). */
export function parseRatio(text: string | undefined): Ratio | undefined {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const [numerator, denominator] = [Number(match[1]), Number(match[2])];
  if (numerator < COUNCIL_LIMITS.ratioMin || denominator < COUNCIL_LIMITS.ratioMin) return undefined;
  return { numerator, denominator };
}

/** Attendance rows for the form: every seat of the meeting's council, absent unless recorded. */
export function attendanceRows(
  meeting: Meeting,
): Array<{ seatId: string; status: AttendanceStatus; proxySeatId?: string }> {
  const recorded = new Map(meeting.attendance.map((row) => [row.seatId, row]));
  return meeting.council.map((seat) => {
    const row = recorded.get(seat.id);
    return {
      seatId: seat.id,
      status: (row?.status ?? 'absent') as AttendanceStatus,
      proxySeatId: row?.proxySeatId ?? undefined,
    };
  });
}

/** A local date and time (Beijing) from the form → the instant the API takes, with its +08:00 offset. */
export function beijingInstant(localDateTime: string): string {
  return `${localDateTime}:00+08:00`;
}

/** Agenda lines → the API's agenda (one item per line, blank lines dropped). */
export function agendaLines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
