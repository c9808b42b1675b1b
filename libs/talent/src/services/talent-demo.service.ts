import { Injectable } from '@nestjs/common';
import {
  addDays,
  AuditService,
  chinaStartOfDay,
  Clock,
  queryRow,
  RequestContext,
  TransactionService,
  uuidV5,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType } from '@chanjiao/consortia';
import { DEMO_DEMAND_TEMPLATES, DEMO_DISTRICTS, DEMO_STATUS_CYCLE } from '../demo/demo-postings';
import { canonicalSkills, searchText } from '../domain/skills';
import { DemandPosting } from '../entities/demand-posting.entity';
import { PostingStatus } from '../entities/talent-enums';
import { SkillSynonym } from '../entities/skill-synonym.entity';
import { SkillSynonymsService } from './skill-synonyms.service';

/** Namespace of the demo's posting ids (stable, so a rerun adds nothing). */
const DEMO_NAMESPACE = '7d3f0b52-41c6-4f0e-a9b8-6c2e5d1f8a47';

/** Postings per demo enterprise (about 60 over the park's enterprises). */
const PER_ENTERPRISE = 4;

const DEMO_SYNONYMS: Array<[string, string]> = [
  ['可编程控制器', 'plc编程'],
  ['plc', 'plc编程'],
  ['机器人操作', '工业机器人操作'],
];

/**
 * The demo consortium's talent demand: about 60 postings by its enterprises in every
 * state (several without any code), dated from the clock, and a small synonym list.
 * Written directly (the catalogue may still be loading); idempotent.
 */
@Injectable()
export class TalentDemoService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly synonyms: SkillSynonymsService,
  ) {}

  async seed(ctx: RequestContext): Promise<{ created: number }> {
    const enterprises = await this.organizations.activeMembers(ctx, [OrganizationType.Enterprise]);
    return this.tx.run(ctx, async (m) => {
      const existing = await queryRow<{ n: number }>(
        m,
        `SELECT count(*)::int AS n FROM talent_demand_postings WHERE consortium_id = $1`,
        [ctx.consortiumId],
      );
      if ((existing?.n ?? 0) > 0) return { created: 0 };
      for (const [variant, skill] of DEMO_SYNONYMS) {
        await m
          .createQueryBuilder()
          .insert()
          .into(SkillSynonym)
          .values({ id: uuidV5(DEMO_NAMESPACE, `synonym:${variant}`), consortiumId: ctx.consortiumId, variant, skill })
          .orIgnore()
          .execute();
      }
      const map = await this.synonyms.synonymMap(m, ctx);
      const today = this.clock.chinaToday();
      const now = this.clock.now();
      let n = 0;
      for (const [e, enterprise] of enterprises.entries()) {
        for (let k = 0; k < PER_ENTERPRISE; k += 1) {
          const template = DEMO_DEMAND_TEMPLATES[(e * PER_ENTERPRISE + k) % DEMO_DEMAND_TEMPLATES.length];
          const status = DEMO_STATUS_CYCLE[n % DEMO_STATUS_CYCLE.length];
          const publishedDaysAgo = 3 + ((n * 7) % 150);
          const publishedOn = addDays(today, -publishedDaysAgo);
          const validUntil =
            status === PostingStatus.Expired ? addDays(today, -1 - (n % 10)) : addDays(today, 20 + ((n * 11) % 120));
          const requiredSkills = canonicalSkills(template.requiredSkills, map);
          const preferredSkills = canonicalSkills(template.preferredSkills ?? [], map);
          const closed = status === PostingStatus.Closed || status === PostingStatus.Filled;
          await m
            .createQueryBuilder()
            .insert()
            .into(DemandPosting)
            .values({
              id: uuidV5(DEMO_NAMESPACE, `demand:${enterprise.id}:${k}`),
              consortiumId: ctx.consortiumId,
              organizationId: enterprise.id,
              title: template.title,
              description: template.description,
              occupationCode: template.occupationCode ?? null,
              programmeCodes: template.programmeCodes ?? [],
              programmeClassCodes: template.programmeClassCodes ?? [],
              minLevel: template.minLevel ?? null,
              headcount: 1 + ((n * 3) % 12),
              requiredSkills,
              preferredSkills,
              certificates: template.certificates ?? [],
              employmentType: template.employmentType,
              district: DEMO_DISTRICTS[n % DEMO_DISTRICTS.length],
              inPark: n % 3 !== 0,
              salaryMin: template.salary ? String(template.salary[0]) : null,
              salaryMax: template.salary ? String(template.salary[1]) : null,
              startDate: addDays(today, 30 + (n % 60)),
              validUntil,
              status,
              publishedAt: status === PostingStatus.Draft ? null : new Date(chinaStartOfDay(publishedOn).getTime() + 10 * 3600_000),
              closedAt: closed ? now : null,
              closeReason: status === PostingStatus.Closed ? '岗位需求调整，暂停招聘' : null,
              searchText: searchText([template.title, template.description], [...requiredSkills, ...preferredSkills]),
            })
            .orIgnore()
            .execute();
          n += 1;
        }
      }
      await this.audit.record(ctx, {
        action: 'talent.demand_posting.demo_seeded',
        entityType: 'talent_demand_posting',
        changes: { count: n },
      });
      return { created: n };
    });
  }
}
