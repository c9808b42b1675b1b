import { Injectable } from '@nestjs/common';
import { AuditService, RequestContext, TransactionService } from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { Attendance, computeOutcome, computeQuorum, QuorumResult, Tally, VoteChoice } from '../domain/council-rules';
import { ConsortiaErrorCode, ConsortiaException } from '../exceptions/consortia.exception';
import { OrganizationsService } from '../services/organizations.service';
import {
  AttendanceDto,
  CreateMeetingDto,
  CreateResolutionDto,
  CreateTaskDto,
  MeetingTransitionDto,
  UpdateTaskDto,
  VoteDto,
} from '../dto/council.dto';
import { CouncilService, SeatRow } from './council.service';

const MEETING_TRANSITIONS: Record<string, string[]> = {
  scheduled: ['held', 'cancelled'],
  held: ['minutes_approved'],
  minutes_approved: [],
  cancelled: [],
};

const RESOLUTION_COLUMNS = `id, meeting_id AS "meetingId", title, text, kind, outcome, final_tally AS "finalTally"`;

/** Kept with an approved resolution: the tally and threshold its final outcome was decided by. */
interface FinalTally {
  tally: Tally;
  needed: number | null;
}

interface ResolutionRow {
  id: string;
  meetingId: string;
  title: string;
  text: string;
  kind: 'ordinary' | 'special';
  outcome: string | null;
  finalTally: FinalTally | null;
}

interface TaskRow {
  id: string;
  title: string;
  assigneeOrganizationId: string;
  assigneeName: string;
  dueOn: string;
  status: string;
}

const MEETING_COLUMNS = `id, kind, title, scheduled_at AS "scheduledAt", place, agenda, status`;

/** Council meetings: attendance and quorum, resolutions and votes, follow-up tasks. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly council: CouncilService,
    private readonly organizations: OrganizationsService,
  ) {}

  list(ctx: RequestContext) {
    return this.tx.run(ctx, (m) =>
      m.query(`SELECT ${MEETING_COLUMNS} FROM council_meeting WHERE consortium_id = $1 ORDER BY scheduled_at DESC`, [
        ctx.consortiumId,
      ]),
    );
  }

  async create(ctx: RequestContext, dto: CreateMeetingDto) {
    return this.tx.run(ctx, async (m) => {
      const [row] = await m.query(
        `INSERT INTO council_meeting (consortium_id, kind, title, scheduled_at, place, agenda) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [ctx.consortiumId, dto.kind, dto.title, dto.scheduledAt, dto.place ?? null, JSON.stringify(dto.agenda ?? [])],
      );
      await this.audit.record(ctx, {
        action: 'consortia.council.meeting_scheduled',
        entityType: 'council_meeting',
        entityId: row.id,
        changes: { ...dto },
      });
      return this.get(ctx, row.id);
    });
  }

  /** A meeting with its attendance, quorum and resolutions (each with its tally and outcome). */
  async get(ctx: RequestContext, meetingId: string) {
    return this.tx.run(ctx, async (m) => {
      const meeting = await this.meetingRow(m, ctx, meetingId);
      const { quorum, attendance } = await this.quorumOf(m, ctx, meetingId);
      const detailed = await this.describeResolutions(m, ctx, meetingId, quorum);
      return { ...meeting, attendance, quorum: { ...quorum, votingSeatIds: undefined }, resolutions: detailed };
    });
  }

  async transition(ctx: RequestContext, meetingId: string, dto: MeetingTransitionDto) {
    return this.tx.run(ctx, async (m) => {
      const [row] = await m.query(
        `SELECT status FROM council_meeting WHERE consortium_id = $1 AND id = $2 FOR UPDATE`,
        [ctx.consortiumId, meetingId],
      );
      if (!row) throw new ConsortiaException(ConsortiaErrorCode.MeetingNotFound, `Meeting ${meetingId} not found`);
      if (!MEETING_TRANSITIONS[row.status].includes(dto.to)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.InvalidTransition,
          `A meeting cannot go from ${row.status} to ${dto.to}`,
          {
            from: row.status,
            to: dto.to,
            allowed: MEETING_TRANSITIONS[row.status],
          },
        );
      }
      // Approved minutes are a record: quorum, tallies and outcomes are kept as they stand now,
      // so a later charter change or seat change cannot rewrite them.
      const final = dto.to === 'minutes_approved' ? await this.quorumOf(m, ctx, meetingId) : null;
      const resolutions = final ? await this.describeResolutions(m, ctx, meetingId, final.quorum) : [];
      await m.query(`UPDATE council_meeting SET status = $3, final_quorum = $4 WHERE consortium_id = $1 AND id = $2`, [
        ctx.consortiumId,
        meetingId,
        dto.to,
        final ? JSON.stringify(final.quorum) : null,
      ]);
      for (const resolution of resolutions) {
        const kept: FinalTally = { tally: resolution.tally, needed: resolution.votesNeeded };
        await m.query(
          `UPDATE council_resolution SET outcome = $3, final_tally = $4 WHERE consortium_id = $1 AND id = $2`,
          [ctx.consortiumId, resolution.id, resolution.outcome, JSON.stringify(kept)],
        );
      }
      await this.audit.record(ctx, {
        action: 'consortia.council.meeting_status_changed',
        entityType: 'council_meeting',
        entityId: meetingId,
        changes: { status: { from: row.status, to: dto.to } },
      });
      return this.get(ctx, meetingId);
    });
  }

  /** Replaces the attendance list (before or during the meeting). Proxies must be held by a present seat. */
  async setAttendance(ctx: RequestContext, meetingId: string, dto: AttendanceDto) {
    return this.tx.run(ctx, async (m) => {
      const meeting = await this.meetingRow(m, ctx, meetingId, true);
      if (!['scheduled', 'held'].includes(meeting.status)) {
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
            {
              field: `entries.${index}`,
            },
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

  async addResolution(ctx: RequestContext, meetingId: string, dto: CreateResolutionDto) {
    return this.tx.run(ctx, async (m) => {
      const meeting = await this.meetingRow(m, ctx, meetingId);
      if (!['scheduled', 'held'].includes(meeting.status)) {
        throw new ConsortiaException(ConsortiaErrorCode.MeetingNotHeld, `The meeting is ${meeting.status}`);
      }
      const [row] = await m.query(
        `INSERT INTO council_resolution (consortium_id, meeting_id, title, text, kind) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [ctx.consortiumId, meetingId, dto.title, dto.text ?? '', dto.kind],
      );
      await this.audit.record(ctx, {
        action: 'consortia.council.resolution_tabled',
        entityType: 'council_resolution',
        entityId: row.id,
        changes: { ...dto },
      });
      return this.resolution(ctx, row.id);
    });
  }

  /**
   * Records a seat's vote while the meeting is held; only present or represented
   * seats vote, and a second vote by the same seat replaces the first (one row per seat).
   */
  async vote(ctx: RequestContext, resolutionId: string, dto: VoteDto) {
    return this.tx.run(ctx, async (m) => {
      const resolution = await this.resolutionRow(m, ctx, resolutionId);
      // Serialize votes on one resolution against the meeting's status changes.
      const meeting = await this.meetingRow(m, ctx, resolution.meetingId, true);
      if (meeting.status !== 'held') {
        throw new ConsortiaException(
          ConsortiaErrorCode.MeetingNotHeld,
          `Voting is open only while the meeting is held (it is ${meeting.status})`,
        );
      }
      const { quorum } = await this.quorumOf(m, ctx, resolution.meetingId);
      if (!quorum.votingSeatIds.includes(dto.seatId)) {
        throw new ConsortiaException(
          ConsortiaErrorCode.NotEntitledToVote,
          `Seat ${dto.seatId} is neither present nor represented`,
          {
            field: 'seatId',
          },
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
  async resolution(ctx: RequestContext, resolutionId: string) {
    return this.tx.run(ctx, async (m) => {
      const row = await this.resolutionRow(m, ctx, resolutionId);
      const { quorum } = await this.quorumOf(m, ctx, row.meetingId);
      const [described] = await this.describe(m, ctx, [row], quorum);
      return described;
    });
  }

  /** Every resolution of a meeting, described together. */
  private async describeResolutions(m: EntityManager, ctx: RequestContext, meetingId: string, quorum: QuorumResult) {
    const rows: ResolutionRow[] = await m.query(
      `SELECT ${RESOLUTION_COLUMNS} FROM council_resolution WHERE consortium_id = $1 AND meeting_id = $2 ORDER BY created_at`,
      [ctx.consortiumId, meetingId],
    );
    return this.describe(m, ctx, rows, quorum);
  }

  /**
   * Votes, tally, outcome and tasks of resolutions of one meeting, given its quorum:
   * one query for all their votes, one for all their tasks, one for the charter.
   */
  private async describe(m: EntityManager, ctx: RequestContext, rows: ResolutionRow[], quorum: QuorumResult) {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    // One after another: the queries share the transaction's single connection.
    const votes: Array<{ resolutionId: string; seatId: string; choice: VoteChoice }> = await m.query(
      `SELECT resolution_id AS "resolutionId", seat_id AS "seatId", choice
         FROM council_vote WHERE consortium_id = $1 AND resolution_id = ANY($2::uuid[]) ORDER BY cast_at`,
      [ctx.consortiumId, ids],
    );
    const tasks: Array<TaskRow & { resolutionId: string }> = await m.query(
      `SELECT t.resolution_id AS "resolutionId", t.id, t.title, t.assignee_organization_id AS "assigneeOrganizationId",
              o.name AS "assigneeName", to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.status
         FROM council_task t JOIN organization o ON o.id = t.assignee_organization_id
        WHERE t.consortium_id = $1 AND t.resolution_id = ANY($2::uuid[]) ORDER BY t.created_at`,
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

  async addTask(ctx: RequestContext, resolutionId: string, dto: CreateTaskDto) {
    return this.tx.run(ctx, async (m) => {
      await this.resolutionRow(m, ctx, resolutionId);
      await this.organizations.get(ctx, dto.assigneeOrganizationId);
      const [row] = await m.query(
        `INSERT INTO council_task (consortium_id, resolution_id, title, assignee_organization_id, due_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [ctx.consortiumId, resolutionId, dto.title, dto.assigneeOrganizationId, dto.dueOn],
      );
      await this.audit.record(ctx, {
        action: 'consortia.council.task_assigned',
        entityType: 'council_task',
        entityId: row.id,
        changes: { ...dto },
      });
      return this.resolution(ctx, resolutionId);
    });
  }

  async updateTask(ctx: RequestContext, taskId: string, dto: UpdateTaskDto) {
    return this.tx.run(ctx, async (m) => {
      const [row] = await m.query(
        `SELECT resolution_id, status FROM council_task WHERE consortium_id = $1 AND id = $2`,
        [ctx.consortiumId, taskId],
      );
      if (!row) throw new ConsortiaException(ConsortiaErrorCode.TaskNotFound, `Task ${taskId} not found`);
      await m.query(`UPDATE council_task SET status = $3 WHERE consortium_id = $1 AND id = $2`, [
        ctx.consortiumId,
        taskId,
        dto.status,
      ]);
      await this.audit.record(ctx, {
        action: 'consortia.council.task_status_changed',
        entityType: 'council_task',
        entityId: taskId,
        changes: { status: { from: row.status, to: dto.status } },
      });
      return this.resolution(ctx, row.resolution_id);
    });
  }

  private async meetingRow(m: EntityManager, ctx: RequestContext, meetingId: string, lock = false) {
    const [row] = await m.query(
      `SELECT ${MEETING_COLUMNS} FROM council_meeting WHERE consortium_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [ctx.consortiumId, meetingId],
    );
    if (!row) throw new ConsortiaException(ConsortiaErrorCode.MeetingNotFound, `Meeting ${meetingId} not found`);
    return row as {
      id: string;
      status: string;
      title: string;
      kind: string;
      scheduledAt: Date;
      place: string | null;
      agenda: string[];
    };
  }

  private async resolutionRow(m: EntityManager, ctx: RequestContext, resolutionId: string): Promise<ResolutionRow> {
    const [row] = await m.query(
      `SELECT ${RESOLUTION_COLUMNS} FROM council_resolution WHERE consortium_id = $1 AND id = $2`,
      [ctx.consortiumId, resolutionId],
    );
    if (!row)
      throw new ConsortiaException(ConsortiaErrorCode.ResolutionNotFound, `Resolution ${resolutionId} not found`);
    return row;
  }

  private async quorumOf(
    m: EntityManager,
    ctx: RequestContext,
    meetingId: string,
  ): Promise<{ quorum: QuorumResult; attendance: Attendance[] }> {
    const attendance: Attendance[] = await m.query(
      `SELECT seat_id AS "seatId", status, proxy_seat_id AS "proxySeatId" FROM council_attendance WHERE consortium_id = $1 AND meeting_id = $2`,
      [ctx.consortiumId, meetingId],
    );
    const [kept] = await m.query(
      `SELECT final_quorum AS "finalQuorum" FROM council_meeting WHERE consortium_id = $1 AND id = $2`,
      [ctx.consortiumId, meetingId],
    );
    if (kept?.finalQuorum) return { quorum: kept.finalQuorum as QuorumResult, attendance };
    // The meeting's council: seats whose term covers the meeting's date.
    const seats = (await this.council.seats(ctx, meetingId)).filter((seat) => seat.inOffice);
    const charter = await this.council.charter(ctx, m);
    return {
      quorum: computeQuorum(
        seats.map((s) => s.id),
        attendance,
        charter,
      ),
      attendance,
    };
  }
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
