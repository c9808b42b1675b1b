import { Injectable } from '@nestjs/common';
import { AuditService, RequestContext, TransactionService } from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { Charter } from '../domain/council-rules';
import { OrganizationType, SCHOOL_TYPES } from '../entities/organization-type';
import { ConsortiaErrorCode, ConsortiaException } from '../exceptions/consortia.exception';
import { OrganizationsService } from '../services/organizations.service';
import { CreateSeatDto, UpdateCouncilDto } from './council.dto';

/** Council categories that make a council multi-party (政府、企业、学校、科研机构 all seated). */
export const REQUIRED_CATEGORIES = ['government', 'enterprise', 'school', 'research'] as const;

export function categoryOf(type: OrganizationType): string {
  if (type === OrganizationType.Government) return 'government';
  if (type === OrganizationType.Enterprise) return 'enterprise';
  if (SCHOOL_TYPES.includes(type)) return 'school';
  if (type === OrganizationType.ResearchInstitute) return 'research';
  if (type === OrganizationType.IndustryAssociation) return 'industry_association';
  return 'other';
}

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
}

/** The council (理事会), its charter and its seats. */
@Injectable()
export class CouncilService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The consortium's charter (the council row is created with the defaults on first use). */
  async charter(ctx: RequestContext, m?: EntityManager): Promise<Charter & { name: string }> {
    const run = async (manager: EntityManager) => {
      await manager.query(`INSERT INTO council (consortium_id) VALUES ($1) ON CONFLICT DO NOTHING`, [ctx.consortiumId]);
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
      const seats = await this.seats(ctx);
      const seated = new Set(seats.map((s) => s.category));
      return {
        ...charter,
        seats: seats.length,
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

  async seats(ctx: RequestContext): Promise<SeatRow[]> {
    return this.tx.run(ctx, (m) =>
      m.query(
        `SELECT s.id, s.organization_id AS "organizationId", o.name AS "organizationName", s.person_name AS "personName",
                s.person_title AS "personTitle", s.role, s.category,
                to_char(s.term_start, 'YYYY-MM-DD') AS "termStart", to_char(s.term_end, 'YYYY-MM-DD') AS "termEnd"
           FROM council_seat s JOIN organization o ON o.id = s.organization_id
          WHERE s.consortium_id = $1
          ORDER BY array_position(ARRAY['chair','vice_chair','secretary_general','director','supervisor'], s.role), s.person_name`,
        [ctx.consortiumId],
      ),
    );
  }

  /** Seats a person for a member organization; the category follows the organization's type. */
  async addSeat(ctx: RequestContext, dto: CreateSeatDto): Promise<SeatRow> {
    if (dto.termEnd <= dto.termStart) {
      throw new ConsortiaException(ConsortiaErrorCode.InvalidCharter, 'termEnd must be after termStart', {
        field: 'termEnd',
      });
    }
    return this.tx.run(ctx, async (m) => {
      const organization = await this.organizations.get(ctx, dto.organizationId);
      await this.charter(ctx, m);
      const [row] = await m.query(
        `INSERT INTO council_seat (consortium_id, organization_id, person_name, person_title, role, category, term_start, term_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          ctx.consortiumId,
          dto.organizationId,
          dto.personName,
          dto.personTitle ?? null,
          dto.role,
          categoryOf(organization.type),
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
}
