import { Injectable } from '@nestjs/common';
import {
  AuditService,
  CursorPage,
  CursorPageQueryDto,
  findOneOrThrow,
  KeysetOrder,
  keysetPage,
  queryRow,
  queryRows,
  RequestContext,
  RowLock,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { Attendance, computeOutcome, computeQuorum, QuorumResult, Tally, VoteChoice } from '../domain/council-rules';
import { MeetingDto, MeetingSummaryDto, ResolutionDto, SeatDto, TaskDto } from '../dto/council-views.dto';
import {
  AttendanceDto,
  CreateMeetingDto,
  CreateResolutionDto,
  CreateTaskDto,
  MeetingTransitionDto,
  UpdateTaskDto,
  VoteDto,
} from '../dto/council.dto';
import { MeetingStatus, ResolutionKind } from '../entities/council-enums';
import { CouncilMeeting, KeptSeat } from '../entities/council-meeting.entity';
import { CouncilResolution } from '../entities/council-resolution.entity';
import { CouncilTask } from '../entities/council-task.entity';
import { ConsortiaErrorCode, ConsortiaException } from '../exceptions/consortia.exception';
import { CouncilService, SeatRow } from './council.service';
import { OrganizationsService } from './organizations.service';

/** The meeting lifecycle (the console's copy is compared with it in council-rules.spec.ts). */
export const MEETING_TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  scheduled: ['held', 'cancelled'],
  held: ['minutes_approved'],
  minutes_approved: [],
  cancelled: [],
};

/** Resolutions may be tabled and attendance recorded until the meeting is over. */
const OPEN_STATUSES: readonly MeetingStatus[] = ['scheduled', 'held'];

const NEWEST_FIRST: KeysetOrder[] = [
  { expression: 'meeting.scheduled_at', direction: 'DESC' },
  { expression: 'meeting.id', direction: 'DESC' },
];

/** Kept with an approved resolution: the tally and threshold its final outcome was decided by. */
interface FinalTally {
  tally: Tally;
  needed: number | null;
}

const RESOLUTION_COLUMNS = `id, meeting_id AS "meetingId", title, text, kind, outcome, final_tally AS "finalTally"`;

interface ResolutionRow {
  id: string;
  meetingId: string;
  title: string;
  text: string;
  kind: ResolutionKind;
  outcome: string | null;
  finalTally: FinalTally | null;
}

type TaskRow = TaskDto & { resolutionId: string };

const meetingNotFound = (meetingId: string) =>
  new ConsortiaException(ConsortiaErrorCode.MeetingNotFound, `Meeting ${meetingId} not found`);

function summaryOf(meeting: CouncilMeeting): MeetingSummaryDto {
  const { id, kind, title, scheduledAt, place, agenda, status } = meeting;
  return { id, kind, title, scheduledAt, place, agenda, status };
}

/** Council meetings: attendance and quorum, resolutions and votes, follow-up tasks. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly council: CouncilService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Meetings, newest first, in keyset pages. */
  list(ctx: RequestContext, query: CursorPageQueryDto): Promise<CursorPage<MeetingSummaryDto>> {
    return this.tx.run(ctx, async (m) => {
      const qb = m
        .createQueryBuilder(CouncilMeeting, 'meeting')
        .where('meeting.consortium_id = :cid', { cid: ctx.consortiumId });
      const page = await keysetPage(qb, NEWEST_FIRST, query);
      return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
    });
  }

  async create(ctx: RequestContext, dto: CreateMeetingDto): Promise<MeetingDto> {
    return this.tx.run(ctx, async (m) => {
      const id = (
        await m.insert(CouncilMeeting, {
          consortiumId: ctx.consortiumId,
          kind: dto.kind,
          title: dto.title,
          scheduledAt: new Date(dto.scheduledAt),
          place: dto.place ?? null,
          agenda: dto.agenda ?? [],
        })
      ).identifiers[0].id as string;
      await this.audit.record(ctx, {
        action: 'consortia.council.meeting_scheduled',
        entityType: 'council_meeting',
        entityId: id,
        changes: { ...dto },
      });
      return this.get(ctx, id);
    });
  }

  /** A meeting with its council, attendance, quorum and resolutions (each with its tally and outcome). */
  async get(ctx: RequestContext, meetingId: string): Promise<MeetingDto> {
    return this.tx.run(ctx, async (m) => {
      const meeting = await this.meeting(m, ctx, meetingId);
      const { quorum, attendance, council } = await this.quorumOf(m, ctx, meeting);
      const resolutions = await this.describeResolutions(m, ctx, meetingId, quorum);
      const { votingSeatIds: _voting, ...shownQuorum } = quorum;
      return { ...summaryOf(meeting), council, attendance, quorum: shownQuorum, resolutions };
    });
  }

  async transition(ctx: RequestContext, meetingId: string, dto: MeetingTransitionDto): Promise<MeetingDto> {
    return this.tx.run(ctx, async (m) => {
      // Locked: votes, attendance and new resolutions (which share-lock it) wait for the change.
      const meeting = await this.meeting(m, ctx, meetingId, 'update');
      const allowed = MEETING_TRANSITIONS[meeting.status];
      if (!allowed.includes(dto.to)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.InvalidTransition,
          `A meeting cannot go from ${meeting.status} to ${dto.to}`,
          { from: meeting.status, to: dto.to, allowed },
        );
      }
      if (dto.to === 'minutes_approved') {
        // Approved minutes are a record: the council, quorum, tallies and outcomes are kept as they
        // stand now, so a later charter, seat or holder change cannot rewrite them.
        const { quorum, council } = await this.quorumOf(m, ctx, meeting);
        const resolutions = await this.describeResolutions(m, ctx, meetingId, quorum);
        await m.update(
          CouncilMeeting,
          { id: meetingId, consortiumId: ctx.consortiumId },
          { status: dto.to, finalQuorum: quorum, finalCouncil: council.map(keptSeat) },
        );
        for (const resolution of resolutions) {
          const kept: FinalTally = { tally: resolution.tally, needed: resolution.votesNeeded };
          await m.update(
            CouncilResolution,
            { id: resolution.id, consortiumId: ctx.consortiumId },
            { outcome: resolution.outcome, finalTally: kept },
          );
        }
      } else {
        await m.update(CouncilMeeting, { id: meetingId, consortiumId: ctx.consortiumId }, { status: dto.to });
      }
      await this.audit.record(ctx, {
        action: 'consortia.council.meeting_status_changed',
        entityType: 'council_meeting',
        entityId: meetingId,
        changes: { status: { from: meeting.status, to: dto.to } },
      });
      return this.get(ctx, meetingId);
    });
  }

  /** Replaces the attendance list (before or during the meeting). Proxies must be held by a present seat. */
  async setAttendance(ctx: RequestContext, meetingId: string, dto: AttendanceDto): Promise<MeetingDto> {
    return this.tx.run(ctx, async (m) => {
      const meeting = await this.meeting(m, ctx, meetingId, 'update');
      if (!OPEN_STATUSES.includes(meeting.status)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.MeetingNotHeld,
          `Attendance is closed: the meeting is ${meeting.status}`,
        );
      }
      const seats = new Map((await this.council.seats(ctx, meetingId)).map((seat) => [seat.id, seat]));
      const present = new Set(dto.entries.filter((e) => e.status === 'present').map((e) => e.seatId));
      const seen = new Set<string>();
      dto.entries.forEach((entry, index) => {
        const problem = attendanceProblem(entry, seats.get(entry.seatId), present, seen);
        seen.add(entry.seatId);
        if (problem) {
          throw new ConsortiaException(
            ConsortiaErrorCode.InvalidAttendance,
            `entries.${index}: seat ${entry.seatId} ${problem}`,
            { field: `entries.${index}` },
          );
        }
      });
      await m.query(`DELETE FROM council_attendance WHERE consortium_id = $1 AND meeting_id = $2`, [
        ctx.consortiumId,
        meetingId,
      ]);
      // The whole list in one statement.
      await m.query(
        `INSERT INTO council_attendance (consortium_id, meeting_id, seat_id, status, proxy_seat_id)
         SELECT $1, $2, entry.seat_id, entry.status, entry.proxy_seat_id
           FROM unnest($3::uuid[], $4::text[], $5::uuid[]) AS entry (seat_id, status, proxy_seat_id)`,
        [
          ctx.consortiumId,
          meetingId,
          dto.entries.map((entry) => entry.seatId),
          dto.entries.map((entry) => entry.status),
          dto.entries.map((entry) => entry.proxySeatId ?? null),
        ],
      );
      await this.audit.record(ctx, {
        action: 'consortia.council.attendance_recorded',
        entityType: 'council_meeting',
        entityId: meetingId,
        changes: { present: present.size, entries: dto.entries.length },
      });
      return this.get(ctx, meetingId);
    });
  }

  async addResolution(ctx: RequestContext, meetingId: string, dto: CreateResolutionDto): Promise<ResolutionDto> {
    return this.tx.run(ctx, async (m) => {
      // Share-locked: approving the minutes (which locks the meeting for update) cannot run
      // between this check and the insert, so no resolution slips in without a kept outcome.
      const meeting = await this.meeting(m, ctx, meetingId, 'share');
      if (!OPEN_STATUSES.includes(meeting.status)) {
        throw new ConsortiaException(ConsortiaErrorCode.MeetingNotHeld, `The meeting is ${meeting.status}`);
      }
      const id = (
        await m.insert(CouncilResolution, {
          consortiumId: ctx.consortiumId,
          meetingId,
          title: dto.title,
          text: dto.text ?? '',
          kind: dto.kind,
        })
      ).identifiers[0].id as string;
      await this.audit.record(ctx, {
        action: 'consortia.council.resolution_tabled',
        entityType: 'council_resolution',
        entityId: id,
        changes: { ...dto },
      });
      return this.resolution(ctx, id);
    });
  }

  /**
   * Records a seat's vote while the meeting is held; only present or represented
   * seats vote, and a second vote by the same seat replaces the first (one row per seat).
   */
  async vote(ctx: RequestContext, resolutionId: string, dto: VoteDto): Promise<ResolutionDto> {
    return this.tx.run(ctx, async (m) => {
      const resolution = await this.resolutionRow(m, ctx, resolutionId);
      // Serialize votes on one resolution against the meeting's status changes.
      const meeting = await this.meeting(m, ctx, resolution.meetingId, 'update');
      if (meeting.status !== 'held') {
        throw new ConsortiaException(
          ConsortiaErrorCode.MeetingNotHeld,
          `Voting is open only while the meeting is held (it is ${meeting.status})`,
        );
      }
      const { quorum } = await this.quorumOf(m, ctx, meeting);
      if (!quorum.votingSeatIds.includes(dto.seatId)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.NotEntitledToVote,
          `Seat ${dto.seatId} is neither present nor represented`,
          { field: 'seatId' },
        );
      }
      await m.query(
        `INSERT INTO council_vote (consortium_id, resolution_id, seat_id, choice) VALUES ($1, $2, $3, $4)
         ON CONFLICT (consortium_id, resolution_id, seat_id) DO UPDATE SET choice = EXCLUDED.choice, cast_at = now()`,
        [ctx.consortiumId, resolutionId, dto.seatId, dto.choice],
      );
      await this.audit.record(ctx, {
        action: 'consortia.council.vote_cast',
        entityType: 'council_resolution',
        entityId: resolutionId,
        changes: { seatId: dto.seatId, choice: dto.choice },
      });
      return this.resolution(ctx, resolutionId);
    });
  }

  /** A resolution with its votes, tally and (live or approved) outcome. */
  async resolution(ctx: RequestContext, resolutionId: string): Promise<ResolutionDto> {
    return this.tx.run(ctx, async (m) => {
      const row = await this.resolutionRow(m, ctx, resolutionId);
      const { quorum } = await this.quorumOf(m, ctx, await this.meeting(m, ctx, row.meetingId));
      const [described] = await this.describe(m, ctx, [row], quorum);
      return described;
    });
  }

  async addTask(ctx: RequestContext, resolutionId: string, dto: CreateTaskDto): Promise<ResolutionDto> {
    return this.tx.run(ctx, async (m) => {
      await this.resolutionRow(m, ctx, resolutionId);
      await this.organizations.get(ctx, dto.assigneeOrganizationId);
      const id = (
        await m.insert(CouncilTask, {
          consortiumId: ctx.consortiumId,
          resolutionId,
          title: dto.title,
          assigneeOrganizationId: dto.assigneeOrganizationId,
          dueOn: dto.dueOn,
        })
      ).identifiers[0].id as string;
      await this.audit.record(ctx, {
        action: 'consortia.council.task_assigned',
        entityType: 'council_task',
        entityId: id,
        changes: { ...dto },
      });
      return this.resolution(ctx, resolutionId);
    });
  }

  async updateTask(ctx: RequestContext, taskId: string, dto: UpdateTaskDto): Promise<ResolutionDto> {
    return this.tx.run(ctx, async (m) => {
      const { row } = await updateAudited(m, this.audit, ctx, {
        entity: CouncilTask,
        where: { id: taskId, consortiumId: ctx.consortiumId },
        notFound: () => new ConsortiaException(ConsortiaErrorCode.TaskNotFound, `Task ${taskId} not found`),
        patch: dto,
        action: 'consortia.council.task_status_changed',
        entityType: 'council_task',
        entityId: taskId,
      });
      return this.resolution(ctx, row.resolutionId);
    });
  }

  /** Every resolution of a meeting, described together. */
  private async describeResolutions(
    m: EntityManager,
    ctx: RequestContext,
    meetingId: string,
    quorum: QuorumResult,
  ): Promise<ResolutionDto[]> {
    const rows = await queryRows<ResolutionRow>(
      m,
      `SELECT ${RESOLUTION_COLUMNS} FROM council_resolution WHERE consortium_id = $1 AND meeting_id = $2 ORDER BY created_at, id`,
      [ctx.consortiumId, meetingId],
    );
    return this.describe(m, ctx, rows, quorum);
  }

  /**
   * Votes, tally, outcome and tasks of resolutions of one meeting, given its quorum:
   * one query for all their votes, one for all their tasks, one for the charter.
   */
  private async describe(
    m: EntityManager,
    ctx: RequestContext,
    rows: ResolutionRow[],
    quorum: QuorumResult,
  ): Promise<ResolutionDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    // One after another: the queries share the transaction's single connection.
    const votes = await queryRows<{ resolutionId: string; seatId: string; choice: VoteChoice }>(
      m,
      `SELECT resolution_id AS "resolutionId", seat_id AS "seatId", choice
         FROM council_vote WHERE consortium_id = $1 AND resolution_id = ANY($2::uuid[]) ORDER BY cast_at`,
      [ctx.consortiumId, ids],
    );
    const tasks = await queryRows<TaskRow>(
      m,
      `SELECT t.resolution_id AS "resolutionId", t.id, t.title, t.assignee_organization_id AS "assigneeOrganizationId",
              o.name AS "assigneeName", to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.status
         FROM council_task t JOIN organization o ON o.id = t.assignee_organization_id
        WHERE t.consortium_id = $1 AND t.resolution_id = ANY($2::uuid[]) ORDER BY t.created_at, t.id`,
      [ctx.consortiumId, ids],
    );
    const charter = await this.council.charter(ctx, m);
    return rows.map((row) => {
      const { finalTally: kept, ...resolution } = row;
      const own = votes
        .filter((vote) => vote.resolutionId === row.id)
        .map(({ seatId, choice }) => ({ seatId, choice }));
      const live = computeOutcome({ kind: row.kind, quorum, votes: own, charter });
      return {
        ...resolution,
        // Approved minutes keep their outcome and tally; until then both are counted live.
        outcome: row.outcome ?? live.outcome,
        final: row.outcome !== null,
        tally: kept?.tally ?? live.tally,
        votesNeeded: kept ? kept.needed : live.needed,
        votes: own,
        tasks: tasks
          .filter((task) => task.resolutionId === row.id)
          .map(({ resolutionId: _resolutionId, ...task }) => task),
      };
    });
  }

  private meeting(m: EntityManager, ctx: RequestContext, meetingId: string, lock?: RowLock): Promise<CouncilMeeting> {
    return findOneOrThrow(
      m,
      CouncilMeeting,
      { id: meetingId, consortiumId: ctx.consortiumId },
      () => meetingNotFound(meetingId),
      { lock },
    );
  }

  private async resolutionRow(m: EntityManager, ctx: RequestContext, resolutionId: string): Promise<ResolutionRow> {
    const row = await queryRow<ResolutionRow>(
      m,
      `SELECT ${RESOLUTION_COLUMNS} FROM council_resolution WHERE consortium_id = $1 AND id = $2`,
      [ctx.consortiumId, resolutionId],
    );
    if (!row) {
      throw new ConsortiaException(ConsortiaErrorCode.ResolutionNotFound, `Resolution ${resolutionId} not found`);
    }
    return row;
  }

  /**
   * The meeting's council (seats in office on its date), attendance and quorum; once the
   * minutes are approved, the council and quorum as they were kept then.
   */
  private async quorumOf(
    m: EntityManager,
    ctx: RequestContext,
    meeting: CouncilMeeting,
  ): Promise<{ quorum: QuorumResult; attendance: Attendance[]; council: SeatDto[] }> {
    const attendance = await queryRows<Attendance>(
      m,
      `SELECT seat_id AS "seatId", status, proxy_seat_id AS "proxySeatId"
         FROM council_attendance WHERE consortium_id = $1 AND meeting_id = $2`,
      [ctx.consortiumId, meeting.id],
    );
    if (meeting.finalQuorum) {
      const quorum = meeting.finalQuorum as QuorumResult;
      const council = meeting.finalCouncil
        ? meeting.finalCouncil.map((seat) => ({ ...seat, inOffice: true }))
        : (await this.council.seats(ctx, meeting.id)).filter((seat) => quorum.seatIds.includes(seat.id));
      return { quorum, attendance, council };
    }
    const council = (await this.council.seats(ctx, meeting.id)).filter((seat) => seat.inOffice);
    const charter = await this.council.charter(ctx, m);
    const quorum = computeQuorum(
      council.map((s) => s.id),
      attendance,
      charter,
    );
    return { quorum, attendance, council };
  }
}

function keptSeat({ inOffice: _inOffice, ...seat }: SeatDto): KeptSeat {
  return seat;
}

/** Why one attendance entry cannot be recorded, if it cannot. */
function attendanceProblem(
  entry: AttendanceDto['entries'][number],
  seat: SeatRow | undefined,
  present: ReadonlySet<string>,
  seen: ReadonlySet<string>,
): string | undefined {
  if (!seat) return 'is not a council seat';
  if (!seat.inOffice) return 'is not in office on the meeting date';
  if (seen.has(entry.seatId)) return 'appears twice';
  if (entry.status === 'proxy') {
    const valid = entry.proxySeatId && entry.proxySeatId !== entry.seatId && present.has(entry.proxySeatId);
    return valid ? undefined : 'needs a proxySeatId of another seat that is present';
  }
  return entry.proxySeatId ? 'has a proxySeatId but is not a proxy' : undefined;
}
