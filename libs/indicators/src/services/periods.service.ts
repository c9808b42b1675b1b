import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  AuditService,
  Clock,
  CursorPage,
  daysBetween,
  findOneOrThrow,
  KeysetOrder,
  keysetPage,
  queryRow,
  queryRows,
  RequestContext,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType, SCHOOL_TYPES } from '@chanjiao/consortia';
import { EntityManager } from 'typeorm';
import { flattenNodes, FrameworkDocument, PointDefinition } from '../domain/framework-document';
import { isBooleanResult } from '../domain/rollup';
import {
  CreatePeriodDto,
  ExpectedReporterDto,
  ExtensionDto,
  PeriodListQueryDto,
  PeriodTransitionDto,
  SetExpectedReportersDto,
  SetTargetsDto,
  UpdatePeriodDto,
} from '../dto/period.dto';
import { FrameworkStatus, PeriodStatus, ReporterKind, ReportLockReason } from '../entities/indicator-enums';
import { IndicatorPeriod } from '../entities/indicator-period.entity';
import { IndicatorsErrorCode, IndicatorsException, periodNotFound } from '../exceptions/indicators.exception';
import { FrameworksService } from './frameworks.service';

const PERIOD_TRANSITIONS: Record<PeriodStatus, PeriodStatus[]> = {
  [PeriodStatus.Open]: [PeriodStatus.Closed],
  [PeriodStatus.Closed]: [PeriodStatus.Open, PeriodStatus.Archived],
  [PeriodStatus.Archived]: [],
};

const NEWEST_FIRST: KeysetOrder[] = [
  { expression: 'p.starts_on', direction: 'DESC' },
  { expression: 'p.id', direction: 'DESC' },
];

/** Organization types that report a point of each reporter kind. */
const REPORTING_TYPES: Partial<Record<string, readonly OrganizationType[]>> = {
  [ReporterKind.School]: SCHOOL_TYPES,
  [ReporterKind.Enterprise]: [OrganizationType.Enterprise],
};

export interface PeriodPoints {
  period: IndicatorPeriod;
  document: FrameworkDocument;
  points: Map<string, PointDefinition>;
}

/** Why entry is closed for an organization of a period today, if it is. */
export interface EntryLock {
  reason: ReportLockReason;
  message: string;
}

/**
 * Reporting periods (填报周期) of a consortium on a published framework version: targets
 * per point, the organizations expected to report each point, entry deadlines with grace
 * and extensions, and the period's lifecycle open → closed → archived.
 */
@Injectable()
export class PeriodsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly frameworks: FrameworksService,
    private readonly organizations: OrganizationsService,
  ) {}

  list(ctx: RequestContext, query: PeriodListQueryDto): Promise<CursorPage<IndicatorPeriod>> {
    return this.tx.run(ctx, (m) => {
      const qb = m.createQueryBuilder(IndicatorPeriod, 'p').where('p.consortium_id = :cid', { cid: ctx.consortiumId });
      if (query.status) qb.andWhere('p.status = :status', { status: query.status });
      return keysetPage(qb, NEWEST_FIRST, query);
    });
  }

  get(ctx: RequestContext, periodId: string, m?: EntityManager, lock?: 'update' | 'share'): Promise<IndicatorPeriod> {
    const read = (manager: EntityManager) =>
      findOneOrThrow(
        manager,
        IndicatorPeriod,
        { id: periodId, consortiumId: ctx.consortiumId },
        () => periodNotFound(periodId),
        {
          lock,
        },
      );
    return m ? read(m) : this.tx.run(ctx, read);
  }

  /** The period with its framework's document and points by code. */
  async withPoints(ctx: RequestContext, periodId: string, m?: EntityManager): Promise<PeriodPoints> {
    const period = await this.get(ctx, periodId, m);
    const { document } = await this.frameworks.get(ctx, period.frameworkId);
    const points = new Map(
      flattenNodes(document)
        .filter(({ node }) => node.point)
        .map(({ node }) => [node.code, node.point as PointDefinition]),
    );
    return { period, document, points };
  }

  /** Opens a period; the expected reporters of each point come from the member organizations of its reporter type. */
  async create(ctx: RequestContext, dto: CreatePeriodDto): Promise<IndicatorPeriod> {
    assertDates(dto.startsOn, dto.endsOn, dto.dueOn);
    const framework = await this.frameworks.get(ctx, dto.frameworkId);
    if (framework.status !== FrameworkStatus.Published) {
      throw new IndicatorsException(
        IndicatorsErrorCode.FrameworkNotPublished,
        `frameworkId: ${framework.code} version ${framework.version} is a draft; a period uses a published version`,
        { field: 'frameworkId' },
      );
    }
    return this.tx.run(ctx, async (m) => {
      const id = randomUUID();
      try {
        await m.insert(IndicatorPeriod, {
          id,
          consortiumId: ctx.consortiumId,
          frameworkId: framework.id,
          name: dto.name.trim(),
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          dueOn: dto.dueOn,
          graceDays: dto.graceDays ?? 0,
        });
      } catch (error) {
        if (
          (error as { driverError?: { constraint?: string } }).driverError?.constraint === 'indicator_period_name_key'
        ) {
          throw new IndicatorsException(
            IndicatorsErrorCode.DuplicatePeriod,
            `A period named ${dto.name} already exists`,
            {
              field: 'name',
            },
          );
        }
        throw error;
      }
      const expected = await this.deriveExpectedReporters(ctx, framework.document);
      await m.query(
        `INSERT INTO indicator_expected_reporter (consortium_id, period_id, framework_id, point_code, organization_id)
         SELECT $1, $2, $3, e.point_code, e.organization_id
           FROM unnest($4::text[], $5::uuid[]) AS e (point_code, organization_id)`,
        [ctx.consortiumId, id, framework.id, expected.map((e) => e.pointCode), expected.map((e) => e.organizationId)],
      );
      await this.audit.record(ctx, {
        action: 'indicators.period.created',
        entityType: 'indicator_period',
        entityId: id,
        changes: { ...dto, expectedReports: expected.length },
      });
      return this.get(ctx, id, m);
    });
  }

  update(ctx: RequestContext, periodId: string, dto: UpdatePeriodDto): Promise<IndicatorPeriod> {
    return this.tx.run(ctx, async (m) => {
      const { row } = await updateAudited(m, this.audit, ctx, {
        entity: IndicatorPeriod,
        where: { id: periodId, consortiumId: ctx.consortiumId },
        notFound: () => periodNotFound(periodId),
        patch: { ...dto, ...(dto.name ? { name: dto.name.trim() } : {}) },
        action: 'indicators.period.updated',
        entityType: 'indicator_period',
        entityId: periodId,
        check: (current, changes) => {
          if (current.status === PeriodStatus.Archived) throw archived(current);
          assertDates(current.startsOn, current.endsOn, changes.dueOn ?? current.dueOn);
        },
      });
      return row;
    });
  }

  transition(ctx: RequestContext, periodId: string, dto: PeriodTransitionDto): Promise<IndicatorPeriod> {
    return this.tx.run(ctx, async (m) => {
      const period = await this.get(ctx, periodId, m, 'update');
      const allowed = PERIOD_TRANSITIONS[period.status];
      if (!allowed.includes(dto.to)) {
        throw new IndicatorsException(
          IndicatorsErrorCode.InvalidTransition,
          `A period cannot go from ${period.status} to ${dto.to}`,
          { from: period.status, to: dto.to, allowed, field: 'to' },
        );
      }
      await m.update(IndicatorPeriod, { id: periodId, consortiumId: ctx.consortiumId }, { status: dto.to });
      await this.audit.record(ctx, {
        action: 'indicators.period.status_changed',
        entityType: 'indicator_period',
        entityId: periodId,
        changes: { status: { from: period.status, to: dto.to } },
      });
      return this.get(ctx, periodId, m);
    });
  }

  /** The target of every point: the period's override, else the framework's default. */
  async targets(ctx: RequestContext, periodId: string, m?: EntityManager): Promise<Map<string, number | boolean>> {
    const run = async (manager: EntityManager) =>
      this.targetsOf(ctx, await this.withPoints(ctx, periodId, manager), manager);
    return m ? run(m) : this.tx.run(ctx, run);
  }

  /** The targets of a period already loaded with its points (one query: the period's overrides). */
  async targetsOf(
    ctx: RequestContext,
    { period, points }: PeriodPoints,
    m: EntityManager,
  ): Promise<Map<string, number | boolean>> {
    const overrides = await queryRows<{ pointCode: string; number: string | null; boolean: boolean | null }>(
      m,
      `SELECT point_code AS "pointCode", target_number AS number, target_boolean AS boolean
         FROM indicator_period_target WHERE consortium_id = $1 AND period_id = $2`,
      [ctx.consortiumId, period.id],
    );
    const targets = new Map<string, number | boolean>();
    for (const [code, point] of points) {
      if (point.target !== undefined && point.target !== null) targets.set(code, point.target);
    }
    for (const row of overrides) targets.set(row.pointCode, row.boolean ?? Number(row.number));
    return targets;
  }

  /** Overrides targets of points for this period (null puts the default back); the period must be open. */
  async setTargets(ctx: RequestContext, periodId: string, dto: SetTargetsDto): Promise<Map<string, number | boolean>> {
    return this.tx.run(ctx, async (m) => {
      const { period, points } = await this.withPoints(ctx, periodId, m);
      if (period.status !== PeriodStatus.Open) throw notOpen(period);
      dto.targets.forEach(({ pointCode, target }, index) => {
        const point = points.get(pointCode);
        if (!point) throw unknownPoint(pointCode, `targets.${index}.pointCode`);
        const wantsBoolean = isBooleanResult(point);
        if (target !== null && (typeof target === 'boolean') !== wantsBoolean) {
          throw new IndicatorsException(
            IndicatorsErrorCode.InvalidValue,
            `targets.${index}.target must be ${wantsBoolean ? 'true or false' : 'a number'} for ${pointCode}`,
            { field: `targets.${index}.target` },
          );
        }
      });
      for (const { pointCode, target } of dto.targets) {
        await m.query(
          `DELETE FROM indicator_period_target WHERE consortium_id = $1 AND period_id = $2 AND point_code = $3`,
          [ctx.consortiumId, periodId, pointCode],
        );
        if (target === null) continue;
        await m.query(
          `INSERT INTO indicator_period_target (consortium_id, period_id, framework_id, point_code, target_number, target_boolean)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            ctx.consortiumId,
            periodId,
            period.frameworkId,
            pointCode,
            typeof target === 'number' ? target : null,
            typeof target === 'boolean' ? target : null,
          ],
        );
      }
      await this.audit.record(ctx, {
        action: 'indicators.period.targets_changed',
        entityType: 'indicator_period',
        entityId: periodId,
        changes: { targets: dto.targets },
      });
      return this.targets(ctx, periodId, m);
    });
  }

  expectedReporters(ctx: RequestContext, periodId: string): Promise<ExpectedReporterDto[]> {
    return this.tx.run(ctx, async (m) => {
      await this.get(ctx, periodId, m);
      return queryRows<ExpectedReporterDto>(
        m,
        `SELECT e.point_code AS "pointCode", e.organization_id AS "organizationId", o.name AS "organizationName"
           FROM indicator_expected_reporter e LEFT JOIN organization o ON o.id = e.organization_id
          WHERE e.consortium_id = $1 AND e.period_id = $2 ORDER BY e.point_code, o.name NULLS FIRST`,
        [ctx.consortiumId, periodId],
      );
    });
  }

  /** Replaces who is expected to report one point (e.g. a school that runs no such programme is left out). */
  async setExpectedReporters(
    ctx: RequestContext,
    periodId: string,
    dto: SetExpectedReportersDto,
  ): Promise<ExpectedReporterDto[]> {
    await this.tx.run(ctx, async (m) => {
      const { period, points } = await this.withPoints(ctx, periodId, m);
      if (period.status === PeriodStatus.Archived) throw archived(period);
      if (!points.has(dto.pointCode)) throw unknownPoint(dto.pointCode, 'pointCode');
      for (const [index, organizationId] of dto.organizationIds.entries()) {
        await this.organizations.get(ctx, organizationId).catch(() => {
          throw new IndicatorsException(
            IndicatorsErrorCode.UnknownOrganization,
            `organizationIds.${index}: no member organization ${organizationId}`,
            { field: `organizationIds.${index}` },
          );
        });
      }
      await m.query(
        `DELETE FROM indicator_expected_reporter WHERE consortium_id = $1 AND period_id = $2 AND point_code = $3`,
        [ctx.consortiumId, periodId, dto.pointCode],
      );
      await m.query(
        `INSERT INTO indicator_expected_reporter (consortium_id, period_id, framework_id, point_code, organization_id)
         SELECT $1, $2, $3, $4, o FROM unnest($5::uuid[]) AS o ON CONFLICT DO NOTHING`,
        [ctx.consortiumId, periodId, period.frameworkId, dto.pointCode, dto.organizationIds],
      );
      await this.audit.record(ctx, {
        action: 'indicators.period.expected_reporters_changed',
        entityType: 'indicator_period',
        entityId: periodId,
        changes: { pointCode: dto.pointCode, organizationIds: dto.organizationIds },
      });
    });
    return this.expectedReporters(ctx, periodId);
  }

  /** Keeps entry open for one organization (or the secretariat) until a later day than the due date allows. */
  async grantExtension(ctx: RequestContext, periodId: string, dto: ExtensionDto): Promise<void> {
    await this.tx.run(ctx, async (m) => {
      const period = await this.get(ctx, periodId, m);
      if (period.status !== PeriodStatus.Open) throw notOpen(period);
      if (dto.openUntil < this.clock.chinaToday()) {
        throw new IndicatorsException(IndicatorsErrorCode.InvalidValue, 'openUntil must not be in the past', {
          field: 'openUntil',
        });
      }
      if (dto.organizationId) await this.organizations.get(ctx, dto.organizationId);
      await m.query(
        `INSERT INTO indicator_entry_extension (consortium_id, period_id, organization_id, open_until, granted_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT indicator_entry_extension_key DO UPDATE SET open_until = EXCLUDED.open_until,
           granted_by = EXCLUDED.granted_by, created_at = now()`,
        [ctx.consortiumId, periodId, dto.organizationId ?? null, dto.openUntil, ctx.actor?.userId ?? null],
      );
      await this.audit.record(ctx, {
        action: 'indicators.period.extension_granted',
        entityType: 'indicator_period',
        entityId: periodId,
        changes: { organizationId: dto.organizationId ?? null, openUntil: dto.openUntil },
      });
    });
  }

  /** Why an organization (null: the secretariat) cannot enter values for the period today, if it cannot. */
  async entryLock(
    ctx: RequestContext,
    period: IndicatorPeriod,
    organizationId: string | null,
    m: EntityManager,
  ): Promise<EntryLock | undefined> {
    if (period.status !== PeriodStatus.Open) {
      return { reason: ReportLockReason.PeriodClosed, message: `The period ${period.name} is ${period.status}` };
    }
    const today = this.clock.chinaToday();
    const lastDay = addDays(period.dueOn, period.graceDays);
    if (today <= lastDay) return undefined;
    const extension = await queryRow<{ openUntil: string }>(
      m,
      `SELECT to_char(open_until, 'YYYY-MM-DD') AS "openUntil" FROM indicator_entry_extension
        WHERE consortium_id = $1 AND period_id = $2 AND organization_id IS NOT DISTINCT FROM $3`,
      [ctx.consortiumId, period.id, organizationId],
    );
    if (extension && today <= extension.openUntil) return undefined;
    return {
      reason: ReportLockReason.PastDue,
      message:
        `Entry closed on ${lastDay} (due ${period.dueOn}, ${period.graceDays} days' grace)` +
        (extension ? `; the extension ended on ${extension.openUntil}` : '; the secretariat can extend it'),
    };
  }

  /** The share of the period elapsed today in China time (0 before it starts, 1 once it is over). */
  elapsedShare(period: IndicatorPeriod): number {
    const length = daysBetween(period.startsOn, period.endsOn) + 1;
    const done = daysBetween(period.startsOn, this.clock.chinaToday()) + 1;
    return Math.max(0, Math.min(1, done / length));
  }

  private async deriveExpectedReporters(
    ctx: RequestContext,
    document: FrameworkDocument,
  ): Promise<Array<{ pointCode: string; organizationId: string | null }>> {
    const byKind = new Map<string, string[]>();
    for (const [kind, types] of Object.entries(REPORTING_TYPES)) {
      byKind.set(
        kind,
        (await this.organizations.activeMembers(ctx, types ?? [])).map((o) => o.id),
      );
    }
    return flattenNodes(document).flatMap(({ node }): Array<{ pointCode: string; organizationId: string | null }> => {
      const reporter = node.point?.reporter;
      if (!reporter) return [];
      if (reporter === ReporterKind.Secretariat) return [{ pointCode: node.code, organizationId: null }];
      return (byKind.get(reporter) ?? []).map((organizationId) => ({ pointCode: node.code, organizationId }));
    });
  }
}

function assertDates(startsOn: string, endsOn: string, dueOn: string): void {
  if (endsOn <= startsOn) {
    throw new IndicatorsException(IndicatorsErrorCode.InvalidValue, 'endsOn must be after startsOn', {
      field: 'endsOn',
    });
  }
  if (dueOn < startsOn) {
    throw new IndicatorsException(IndicatorsErrorCode.InvalidValue, 'dueOn must not be before startsOn', {
      field: 'dueOn',
    });
  }
}

function notOpen(period: IndicatorPeriod): IndicatorsException {
  return new IndicatorsException(IndicatorsErrorCode.PeriodNotOpen, `The period ${period.name} is ${period.status}`, {
    status: period.status,
  });
}

function archived(period: IndicatorPeriod): IndicatorsException {
  return new IndicatorsException(IndicatorsErrorCode.PeriodNotOpen, `The period ${period.name} is archived`, {
    status: period.status,
  });
}

export function unknownPoint(pointCode: string, field: string): IndicatorsException {
  return new IndicatorsException(
    IndicatorsErrorCode.UnknownPoint,
    `${field}: ${pointCode} is not an observation point of the period's framework`,
    { field },
  );
}
