import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  findOneOrThrow,
  queryRows,
  RequestContext,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { Charter, Ratio } from '../domain/council-rules';
import { MEMBERSHIP_STATES_LEAVING } from '../domain/lead-units';
import { categoryOf, REQUIRED_CATEGORIES } from '../domain/seat-category';
import { CouncilOverviewDto } from '../dto/council-views.dto';
import { CreateSeatDto, UpdateCouncilDto, UpdateSeatDto } from '../dto/council.dto';
import { Council } from '../entities/council.entity';
import { KeptSeat } from '../entities/council-meeting.entity';
import { CouncilSeat } from '../entities/council-seat.entity';
import { MembershipStatus } from '../entities/membership-status';
import { Organization } from '../entities/organization.entity';
import { OrganizationType } from '../entities/organization-type';
import {
  ConsortiaErrorCode,
  ConsortiaException,
  organizationNotFound,
  rejectNulls,
} from '../exceptions/consortia.exception';

/** A seat as read, with whether its term covers the reference day (today, or the meeting's date). */
export type SeatRow = KeptSeat & { inOffice: boolean };

export type CharterView = Charter & { name: string };

const RATIO_FIELDS = ['quorum', 'ordinaryPass', 'specialPass'] as const;

function seatNotFound(seatId: string): ConsortiaException {
  return new ConsortiaException(ConsortiaErrorCode.SeatNotFound, `Seat ${seatId} not found`);
}

function charterOf(council: Council): CharterView {
  return {
    name: council.name,
    quorum: { numerator: council.quorumNumerator, denominator: council.quorumDenominator },
    ordinaryPass: { numerator: council.ordinaryPassNumerator, denominator: council.ordinaryPassDenominator },
    specialPass: { numerator: council.specialPassNumerator, denominator: council.specialPassDenominator },
  };
}

/** The council (理事会), its charter and its seats. */
@Injectable()
export class CouncilService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The consortium's charter (its council row is created with the consortium, with the default fractions). */
  async charter(ctx: RequestContext, m?: EntityManager): Promise<CharterView> {
    const read = async (manager: EntityManager) =>
      charterOf(
        await findOneOrThrow(
          manager,
          Council,
          { consortiumId: ctx.consortiumId },
          () => new Error(`Consortium ${ctx.consortiumId} has no council row`),
        ),
      );
    return m ? read(m) : this.tx.run(ctx, read);
  }

  async overview(ctx: RequestContext): Promise<CouncilOverviewDto> {
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

  /** Changes the charter's name or fractions; the resulting fractions are checked as a whole. */
  async update(ctx: RequestContext, dto: UpdateCouncilDto): Promise<CouncilOverviewDto> {
    rejectNulls(dto, ['name', ...RATIO_FIELDS]);
    const patch: Partial<Council> = {
      name: dto.name,
      quorumNumerator: dto.quorum?.numerator,
      quorumDenominator: dto.quorum?.denominator,
      ordinaryPassNumerator: dto.ordinaryPass?.numerator,
      ordinaryPassDenominator: dto.ordinaryPass?.denominator,
      specialPassNumerator: dto.specialPass?.numerator,
      specialPassDenominator: dto.specialPass?.denominator,
    };
    return this.tx.run(ctx, async (m) => {
      await updateAudited(m, this.audit, ctx, {
        entity: Council,
        where: { consortiumId: ctx.consortiumId },
        notFound: () => new Error(`Consortium ${ctx.consortiumId} has no council row`),
        patch,
        action: 'consortia.council.charter_changed',
        entityType: 'council',
        entityId: ctx.consortiumId as string,
        check: (current, changes) => assertCharter(charterOf({ ...current, ...changes })),
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
    const rows = await this.tx.run(ctx, (m) =>
      queryRows<Omit<SeatRow, 'category'> & { organizationType: OrganizationType }>(
        m,
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

  /** Seats a person for a member organization that is in the consortium (not rejected or withdrawn). */
  async addSeat(ctx: RequestContext, dto: CreateSeatDto): Promise<SeatRow> {
    assertTerm(dto.termStart, dto.termEnd);
    return this.tx.run(ctx, async (m) => {
      await this.assertSeatable(m, ctx, dto.organizationId);
      const id = (
        await m.insert(CouncilSeat, {
          consortiumId: ctx.consortiumId,
          organizationId: dto.organizationId,
          personName: dto.personName,
          personTitle: dto.personTitle ?? null,
          role: dto.role,
          termStart: dto.termStart,
          termEnd: dto.termEnd,
        })
      ).identifiers[0].id as string;
      await this.audit.record(ctx, {
        action: 'consortia.council.seat_added',
        entityType: 'council_seat',
        entityId: id,
        changes: { organizationId: dto.organizationId, personName: dto.personName, role: dto.role },
      });
      return this.seat(ctx, id);
    });
  }

  /**
   * Changes a seat's holder, role or term (ending a term early takes the seat out of later
   * meetings). Approved minutes keep who held the seat then (see MeetingsService).
   */
  async updateSeat(ctx: RequestContext, seatId: string, dto: UpdateSeatDto): Promise<SeatRow> {
    rejectNulls(dto, ['personName', 'role', 'termStart', 'termEnd']);
    return this.tx.run(ctx, async (m) => {
      await updateAudited(m, this.audit, ctx, {
        entity: CouncilSeat,
        where: { id: seatId, consortiumId: ctx.consortiumId },
        notFound: () => seatNotFound(seatId),
        patch: dto,
        action: 'consortia.council.seat_changed',
        entityType: 'council_seat',
        entityId: seatId,
        check: (current, changes) =>
          assertTerm(changes.termStart ?? current.termStart, changes.termEnd ?? current.termEnd),
      });
      return this.seat(ctx, seatId);
    });
  }

  private async seat(ctx: RequestContext, seatId: string): Promise<SeatRow> {
    const found = (await this.seats(ctx)).find((seat) => seat.id === seatId);
    if (!found) throw seatNotFound(seatId);
    return found;
  }

  /**
   * Only a member organization still in the consortium holds a seat. Its row is share-locked,
   * so a withdrawal (which locks it for update and checks its seats) waits for this seat.
   */
  private async assertSeatable(m: EntityManager, ctx: RequestContext, organizationId: string): Promise<void> {
    const organization = await findOneOrThrow(
      m,
      Organization,
      { id: organizationId, consortiumId: ctx.consortiumId },
      () => organizationNotFound(organizationId),
      { lock: 'share' },
    );
    if (MEMBERSHIP_STATES_LEAVING.includes(organization.membershipStatus)) {
      throw new ConsortiaException(
        ConsortiaErrorCode.OrganizationNotMember,
        `organizationId: ${organization.name} is ${organization.membershipStatus === MembershipStatus.Withdrawn ? 'withdrawn from' : 'rejected by'} the consortium and cannot hold a seat`,
        { field: 'organizationId', membershipStatus: organization.membershipStatus },
      );
    }
  }
}

function assertTerm(termStart: string, termEnd: string): void {
  if (termEnd <= termStart) {
    throw new ConsortiaException(ConsortiaErrorCode.InvalidCharter, 'termEnd must be after termStart', {
      field: 'termEnd',
    });
  }
}

/** Quorum and special pass at most 1, ordinary pass below 1 (a strict majority of votes cast). */
function assertCharter(charter: CharterView): void {
  for (const field of RATIO_FIELDS) {
    const ratio: Ratio = charter[field];
    const tooBig =
      field === 'ordinaryPass' ? ratio.numerator >= ratio.denominator : ratio.numerator > ratio.denominator;
    if (tooBig) {
      throw new ConsortiaException(
        ConsortiaErrorCode.InvalidCharter,
        `${field} must be a fraction ${field === 'ordinaryPass' ? 'below' : 'at most'} 1`,
        { field },
      );
    }
  }
}
