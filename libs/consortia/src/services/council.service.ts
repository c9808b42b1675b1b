import { Injectable } from '@nestjs/common';
import { AuditService, Clock, fieldChanges, RequestContext, TransactionService } from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { Charter } from '../domain/council-rules';
import { categoryOf, REQUIRED_CATEGORIES } from '../domain/seat-category';
import { OrganizationType } from '../entities/organization-type';
import { ConsortiaErrorCode, ConsortiaException, rejectNulls } from '../exceptions/consortia.exception';
import { OrganizationsService } from '../services/organizations.service';
import { CreateSeatDto, UpdateCouncilDto, UpdateSeatDto } from '../dto/council.dto';

export interface SeatRow {
  id: string;
  organizationId: string;
  organizationName: string;
  personName: string;
  personTitle: string | null;
  role: string;
  category: string;
  termStart: string;
  termEnd: string;
  /** Whether the term covers the reference day (today, or the meeting's date). */
  inOffice: boolean;
}

/** The council (理事会), its charter and its seats. */
@Injectable()
export class CouncilService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  /** The consortium's charter (its council row is created with the consortium, with the default fractions). */
  async charter(ctx: RequestContext, m?: EntityManager): Promise<Charter & { name: string }> {
    const run = async (manager: EntityManager) => {
      const [row] = await manager.query(`SELECT * FROM council WHERE consortium_id = $1`, [ctx.consortiumId]);
      return {
        name: row.name as string,
        quorum: { numerator: row.quorum_numerator, denominator: row.quorum_denominator },
        ordinaryPass: { numerator: row.ordinary_pass_numerator, denominator: row.ordinary_pass_denominator },
        specialPass: { numerator: row.special_pass_numerator, denominator: row.special_pass_denominator },
      };
    };
    return m ? run(m) : this.tx.run(ctx, run);
  }

  async overview(ctx: RequestContext) {
    return this.tx.run(ctx, async (m) => {
      const charter = await this.charter(ctx, m);
      const all = await this.seats(ctx);
      // Only seats in office today make the council multi-party; ended or future terms do not.
      const seats = all.filter((seat) => seat.inOffice);
      const seated = new Set(seats.map((s) => s.category));
      return {
        ...charter,
        seats: seats.length,
        seatsOutOfOffice: all.length - seats.length,
        categoriesSeated: [...seated].sort(),
        /** The construction standard asks for government, enterprise, school and research seats. */
        multiPartyComplete: REQUIRED_CATEGORIES.every((category) => seated.has(category)),
        missingCategories: REQUIRED_CATEGORIES.filter((category) => !seated.has(category)),
      };
    });
  }

  async update(ctx: RequestContext, dto: UpdateCouncilDto) {
    for (const [field, ratio] of Object.entries({
      quorum: dto.quorum,
      ordinaryPass: dto.ordinaryPass,
      specialPass: dto.specialPass,
    })) {
      if (!ratio) continue;
      const tooBig =
        field === 'ordinaryPass' ? ratio.numerator >= ratio.denominator : ratio.numerator > ratio.denominator;
      if (tooBig) {
        throw new ConsortiaException(
          ConsortiaErrorCode.InvalidCharter,
          `${field} must be a fraction ${field === 'ordinaryPass' ? 'below' : 'at most'} 1`,
          {
            field,
          },
        );
      }
    }
    return this.tx.run(ctx, async (m) => {
      const before = await this.charter(ctx, m);
      await m.query(
        `UPDATE council SET name = coalesce($2, name),
            quorum_numerator = coalesce($3, quorum_numerator), quorum_denominator = coalesce($4, quorum_denominator),
            ordinary_pass_numerator = coalesce($5, ordinary_pass_numerator), ordinary_pass_denominator = coalesce($6, ordinary_pass_denominator),
            special_pass_numerator = coalesce($7, special_pass_numerator), special_pass_denominator = coalesce($8, special_pass_denominator),
            updated_at = now()
          WHERE consortium_id = $1`,
        [
          ctx.consortiumId,
          dto.name ?? null,
          dto.quorum?.numerator ?? null,
          dto.quorum?.denominator ?? null,
          dto.ordinaryPass?.numerator ?? null,
          dto.ordinaryPass?.denominator ?? null,
          dto.specialPass?.numerator ?? null,
          dto.specialPass?.denominator ?? null,
        ],
      );
      const after = await this.charter(ctx, m);
      await this.audit.record(ctx, {
        action: 'consortia.council.charter_changed',
        entityType: 'council',
        changes: { from: before, to: after },
      });
      return this.overview(ctx);
    });
  }

  /**
   * Council seats, chair first, each marked whether its term covers the reference day:
   * the meeting's (China-time) date when a meeting is given, else today. The seats in
   * office on a meeting's date are that meeting's council.
   */
  async seats(ctx: RequestContext, meetingId?: string): Promise<SeatRow[]> {
    const rows: Array<Omit<SeatRow, 'category'> & { organizationType: OrganizationType }> = await this.tx.run(
      ctx,
      (m) =>
        m.query(
          `SELECT s.id, s.organization_id AS "organizationId", o.name AS "organizationName", s.person_name AS "personName",
                s.person_title AS "personTitle", s.role, o.type AS "organizationType",
                to_char(s.term_start, 'YYYY-MM-DD') AS "termStart", to_char(s.term_end, 'YYYY-MM-DD') AS "termEnd",
                (s.term_start <= ref.day AND s.term_end >= ref.day) AS "inOffice"
           FROM council_seat s JOIN organization o ON o.id = s.organization_id
          CROSS JOIN (SELECT coalesce(
                        (SELECT (scheduled_at AT TIME ZONE 'Asia/Shanghai')::date FROM council_meeting
                          WHERE consortium_id = $1 AND id = $2::uuid),
                        $3::date) AS day) ref
          WHERE s.consortium_id = $1
          ORDER BY array_position(ARRAY['chair','vice_chair','secretary_general','director','supervisor'], s.role), s.person_name`,
          // Council business runs on China time: terms and meeting dates are China-time days.
          [ctx.consortiumId, meetingId ?? null, this.clock.chinaToday()],
        ),
    );
    // The category is read from the organization's current type, never stored beside it.
    return rows.map(({ organizationType, ...seat }) => ({ ...seat, category: categoryOf(organizationType) }));
  }

  /** Seats a person for a member organization (the seat's category is its organization's type's). */
  async addSeat(ctx: RequestContext, dto: CreateSeatDto): Promise<SeatRow> {
    assertTerm(dto.termStart, dto.termEnd);
    return this.tx.run(ctx, async (m) => {
      await this.organizations.get(ctx, dto.organizationId); // 404 for an unknown organization
      const [row] = await m.query(
        `INSERT INTO council_seat (consortium_id, organization_id, person_name, person_title, role, term_start, term_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          ctx.consortiumId,
          dto.organizationId,
          dto.personName,
          dto.personTitle ?? null,
          dto.role,
          dto.termStart,
          dto.termEnd,
        ],
      );
      await this.audit.record(ctx, {
        action: 'consortia.council.seat_added',
        entityType: 'council_seat',
        entityId: row.id,
        changes: { organizationId: dto.organizationId, personName: dto.personName, role: dto.role },
      });
      return (await this.seats(ctx)).find((seat) => seat.id === row.id) as SeatRow;
    });
  }

  /** Changes a seat's holder, role or term (ending a term early takes the seat out of later meetings). */
  async updateSeat(ctx: RequestContext, seatId: string, dto: UpdateSeatDto): Promise<SeatRow> {
    rejectNulls(dto, ['personName', 'role', 'termStart', 'termEnd']);
    return this.tx.run(ctx, async (m) => {
      const current = (await this.seats(ctx)).find((seat) => seat.id === seatId);
      if (!current) throw new ConsortiaException(ConsortiaErrorCode.SeatNotFound, `Seat ${seatId} not found`);
      assertTerm(dto.termStart ?? current.termStart, dto.termEnd ?? current.termEnd);
      const { changes, diff } = fieldChanges(current, dto);
      if (Object.keys(changes).length === 0) return current;
      await m.query(
        `UPDATE council_seat SET person_name = coalesce($3, person_name), person_title = CASE WHEN $4 THEN $5 ELSE person_title END,
                role = coalesce($6, role), term_start = coalesce($7::date, term_start), term_end = coalesce($8::date, term_end)
          WHERE consortium_id = $1 AND id = $2`,
        [
          ctx.consortiumId,
          seatId,
          changes.personName ?? null,
          'personTitle' in changes,
          changes.personTitle ?? null,
          changes.role ?? null,
          changes.termStart ?? null,
          changes.termEnd ?? null,
        ],
      );
      await this.audit.record(ctx, {
        action: 'consortia.council.seat_changed',
        entityType: 'council_seat',
        entityId: seatId,
        changes: diff,
      });
      return (await this.seats(ctx)).find((seat) => seat.id === seatId) as SeatRow;
    });
  }
}

function assertTerm(termStart: string, termEnd: string): void {
  if (termEnd <= termStart) {
    throw new ConsortiaException(ConsortiaErrorCode.InvalidCharter, 'termEnd must be after termStart', {
      field: 'termEnd',
    });
  }
}
