import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  ConsortiumRole,
  CursorPage,
  findOneOrThrow,
  JobName,
  KeysetOrder,
  keysetPage,
  OutboxService,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType, SCHOOL_TYPES } from '@chanjiao/consortia';
import { EntityManager, IsNull } from 'typeorm';
import { CrossPointRule, isNumericType, PointDefinition } from '../domain/framework-document';
import { isBooleanResult } from '../domain/rollup';
import { checkRule } from '../domain/report-rules';
import { ReportValue, reportValueProblem, valueProblemText } from '../domain/report-value';
import {
  BulkApprovalResultDto,
  CreateReportDto,
  ReportDetailDto,
  ReportDto,
  ReportListQueryDto,
  ReportVersionDto,
  UpdateReportDto,
} from '../dto/report.dto';
import { ReporterKind, ReportLockReason, ReportStatus, ValueType } from '../entities/indicator-enums';
import { IndicatorPeriod } from '../entities/indicator-period.entity';
import { IndicatorReport } from '../entities/indicator-report.entity';
import { IndicatorsErrorCode, IndicatorsException, reportNotFound } from '../exceptions/indicators.exception';
import { EntryLock, PeriodPoints, PeriodsService, unknownPoint } from './periods.service';

const BY_POINT: KeysetOrder[] = [
  { expression: 'r.point_code', direction: 'ASC' },
  { expression: 'r.id', direction: 'ASC' },
];

/** The stored columns of a value, checked against its point: type, integer counts, bounds. */
function valueColumns(
  point: PointDefinition,
  value: ReportValue,
  field = 'value',
): Pick<IndicatorReport, 'valueNumber' | 'valueBoolean' | 'valueText'> {
  const none = { valueNumber: null, valueBoolean: null, valueText: null };
  const problem = reportValueProblem(point, value);
  if (problem) {
    throw new IndicatorsException(IndicatorsErrorCode.InvalidValue, `${field} must be ${valueProblemText(problem)}`, {
      field,
    });
  }
  if (value === null) return none;
  if (typeof value === 'boolean') return { ...none, valueBoolean: value };
  if (typeof value === 'string') return { ...none, valueText: value };
  return { ...none, valueNumber: String(value) };
}

function valueOf(report: Pick<IndicatorReport, 'valueNumber' | 'valueBoolean' | 'valueText'>): ReportValue {
  if (report.valueNumber !== null) return Number(report.valueNumber);
  return report.valueBoolean ?? report.valueText ?? null;
}

/** The organization types that report a point of each reporter kind. */
function reportingTypes(reporter: string): readonly OrganizationType[] | undefined {
  if (reporter === ReporterKind.School) return SCHOOL_TYPES;
  if (reporter === ReporterKind.Enterprise) return [OrganizationType.Enterprise];
  return undefined;
}

const isSecretariat = (ctx: RequestContext) =>
  ctx.actor?.platformAdmin === true || ctx.actor?.role === ConsortiumRole.Secretariat;

/**
 * Reports (填报) on observation points: one per period × point × reporting organization.
 * Members report only for their own organization; the secretariat reviews — per point,
 * not per form: submit → approve, or return with a comment and resubmit. Approved values
 * change only after the secretariat reopens them; every version is kept; a locked report
 * says why. Approving (or reopening) re-rolls the affected points through the outbox.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly periods: PeriodsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Members see their own organization's reports; observers approved ones; the secretariat all. */
  list(ctx: RequestContext, query: ReportListQueryDto): Promise<CursorPage<ReportDto>> {
    return this.tx.run(ctx, async (m) => {
      const periodPoints = await this.periods.withPoints(ctx, query.periodId, m);
      const qb = m
        .createQueryBuilder(IndicatorReport, 'r')
        .where('r.consortium_id = :cid AND r.period_id = :pid', { cid: ctx.consortiumId, pid: query.periodId });
      if (ctx.actor?.role === ConsortiumRole.Member && !ctx.actor.platformAdmin) {
        qb.andWhere('r.organization_id = :own', { own: ctx.actor.organizationId });
      } else if (ctx.actor?.role === ConsortiumRole.Observer && !ctx.actor.platformAdmin) {
        qb.andWhere(`r.status = 'approved'`);
      }
      if (query.status) qb.andWhere('r.status = :status', { status: query.status });
      if (query.pointCode) qb.andWhere('r.point_code = :point', { point: query.pointCode });
      if (query.organizationId) qb.andWhere('r.organization_id = :org', { org: query.organizationId });
      const page = await keysetPage(qb, BY_POINT, query);
      return { items: await this.views(m, ctx, periodPoints, page.items), nextCursor: page.nextCursor };
    });
  }

  async get(ctx: RequestContext, reportId: string): Promise<ReportDetailDto> {
    return this.tx.run(ctx, async (m) => {
      const report = await this.visible(m, ctx, reportId);
      const periodPoints = await this.periods.withPoints(ctx, report.periodId, m);
      const [view] = await this.views(m, ctx, periodPoints, [report]);
      const versions = await queryRows<
        ReportVersionDto & { number: string | null; boolean: boolean | null; text: string | null }
      >(
        m,
        `SELECT version, status, value_number AS number, value_boolean AS boolean, value_text AS text, note,
                review_comment AS "reviewComment", actor_user_id AS "actorUserId",
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
           FROM indicator_report_version WHERE consortium_id = $1 AND report_id = $2 ORDER BY id`,
        [ctx.consortiumId, reportId],
      );
      const evidence = await queryRows<ReportDetailDto['evidence'][number]>(
        m,
        `SELECT id, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", sha256,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "uploadedAt"
           FROM indicator_evidence WHERE consortium_id = $1 AND report_id = $2 ORDER BY created_at, id`,
        [ctx.consortiumId, reportId],
      );
      return {
        ...view,
        versions: versions.map(({ number, boolean, text, ...version }) => ({
          ...version,
          value: number !== null ? Number(number) : (boolean ?? text ?? null),
        })),
        evidence,
      };
    });
  }

  /** Starts a report (a draft) of a point for the caller's organization, or the secretariat's own. */
  async create(ctx: RequestContext, dto: CreateReportDto): Promise<ReportDetailDto> {
    const id = await this.tx.run(ctx, async (m) => {
      const periodPoints = await this.periods.withPoints(ctx, dto.periodId, m);
      const point = periodPoints.points.get(dto.pointCode);
      if (!point) throw unknownPoint(dto.pointCode, 'pointCode');
      const organizationId = await this.reportingOrganization(ctx, point, dto);
      await this.assertEntryOpen(ctx, periodPoints.period, organizationId, m);
      const reportId = randomUUID();
      const columns = valueColumns(point, dto.value ?? null);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(IndicatorReport)
        .values({
          id: reportId,
          consortiumId: ctx.consortiumId,
          periodId: dto.periodId,
          frameworkId: periodPoints.period.frameworkId,
          pointCode: dto.pointCode,
          organizationId,
          ...columns,
          note: dto.note ?? null,
          updatedBy: ctx.actor?.userId ?? null,
        })
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        const existing = await m.findOneOrFail(IndicatorReport, {
          where: {
            consortiumId: ctx.consortiumId,
            periodId: dto.periodId,
            pointCode: dto.pointCode,
            organizationId: organizationId ?? IsNull(),
          },
        });
        throw new IndicatorsException(
          IndicatorsErrorCode.DuplicateReport,
          `This organization already has a report of ${dto.pointCode} in the period: edit report ${existing.id}`,
          { field: 'pointCode', reportId: existing.id },
        );
      }
      await this.recordVersion(m, ctx, reportId);
      await this.audit.record(ctx, {
        action: 'indicators.report.created',
        entityType: 'indicator_report',
        entityId: reportId,
        changes: { periodId: dto.periodId, pointCode: dto.pointCode, organizationId },
      });
      return reportId;
    });
    return this.get(ctx, id);
  }

  /** Changes the value or note of a draft or returned report while entry is open. */
  async update(ctx: RequestContext, reportId: string, dto: UpdateReportDto): Promise<ReportDetailDto> {
    await this.tx.run(ctx, async (m) => {
      const { report, point } = await this.editable(m, ctx, reportId);
      const patch: Partial<IndicatorReport> = { updatedBy: ctx.actor?.userId ?? null, version: report.version + 1 };
      if (dto.value !== undefined) Object.assign(patch, valueColumns(point, dto.value));
      if (dto.note !== undefined) patch.note = dto.note;
      await m.update(IndicatorReport, { id: reportId, consortiumId: ctx.consortiumId }, patch);
      await this.recordVersion(m, ctx, reportId);
      await this.audit.record(ctx, {
        action: 'indicators.report.updated',
        entityType: 'indicator_report',
        entityId: reportId,
        changes: { value: { from: valueOf(report), to: dto.value ?? valueOf(report) } },
      });
    });
    return this.get(ctx, reportId);
  }

  /** Sends a report for review: it needs a value, its evidence when required, and to keep the rules. */
  async submit(ctx: RequestContext, reportId: string): Promise<ReportDetailDto> {
    await this.tx.run(ctx, async (m) => {
      const { report, point, periodPoints } = await this.editable(m, ctx, reportId);
      const value = valueOf(report);
      if (value === null) {
        throw new IndicatorsException(IndicatorsErrorCode.InvalidValue, 'value is required before submitting', {
          field: 'value',
        });
      }
      if (point.evidenceRequired) {
        const [{ n }] = await queryRows<{ n: number }>(
          m,
          `SELECT count(*)::int AS n FROM indicator_evidence WHERE consortium_id = $1 AND report_id = $2`,
          [ctx.consortiumId, reportId],
        );
        if (n === 0) {
          throw new IndicatorsException(
            IndicatorsErrorCode.EvidenceRequired,
            `${report.pointCode} needs evidence (佐证材料): upload a file before submitting`,
            { field: 'evidence' },
          );
        }
      }
      await this.assertRules(m, ctx, periodPoints, report, value);
      const now = this.clock.now();
      await m.update(
        IndicatorReport,
        { id: reportId, consortiumId: ctx.consortiumId },
        {
          status: ReportStatus.Submitted,
          submittedAt: now,
          firstSubmittedAt: report.firstSubmittedAt ?? now,
          version: report.version + 1,
          updatedBy: ctx.actor?.userId ?? null,
        },
      );
      await this.recordVersion(m, ctx, reportId);
      await this.audit.record(ctx, {
        action: 'indicators.report.submitted',
        entityType: 'indicator_report',
        entityId: reportId,
        changes: { value },
      });
    });
    return this.get(ctx, reportId);
  }

  /** The secretariat approves a submitted report; the affected points roll up again. */
  async approve(ctx: RequestContext, reportId: string): Promise<ReportDetailDto> {
    await this.tx.run(ctx, async (m) => {
      const report = await this.review(m, ctx, reportId, ReportStatus.Submitted);
      await this.setReviewed(m, ctx, report, ReportStatus.Approved, null);
      await this.enqueueRollup(ctx, report.periodId, [report.pointCode]);
    });
    return this.get(ctx, reportId);
  }

  /** Approves many submitted reports at once; each one that cannot be approved says why. */
  async approveMany(ctx: RequestContext, reportIds: string[]): Promise<BulkApprovalResultDto> {
    return this.tx.run(ctx, async (m) => {
      const result: BulkApprovalResultDto = { approved: [], refused: [] };
      const points = new Map<string, Set<string>>();
      for (const reportId of [...new Set(reportIds)]) {
        const report = await m.findOne(IndicatorReport, {
          where: { id: reportId, consortiumId: ctx.consortiumId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!report) {
          result.refused.push({ reportId, reason: 'not found' });
        } else if (report.status !== ReportStatus.Submitted) {
          result.refused.push({ reportId, reason: `is ${report.status}, not submitted` });
        } else {
          await this.setReviewed(m, ctx, report, ReportStatus.Approved, null);
          result.approved.push(reportId);
          points.set(report.periodId, (points.get(report.periodId) ?? new Set()).add(report.pointCode));
        }
      }
      for (const [periodId, codes] of points) await this.enqueueRollup(ctx, periodId, [...codes]);
      return result;
    });
  }

  /** The secretariat returns a submitted report to its reporter with a comment. */
  async returnForChanges(ctx: RequestContext, reportId: string, comment: string): Promise<ReportDetailDto> {
    await this.tx.run(ctx, async (m) => {
      const report = await this.review(m, ctx, reportId, ReportStatus.Submitted);
      await this.setReviewed(m, ctx, report, ReportStatus.Returned, comment);
    });
    return this.get(ctx, reportId);
  }

  /** The secretariat reopens an approved report (it goes back to its reporter); the point rolls up without it. */
  async reopen(ctx: RequestContext, reportId: string, comment: string): Promise<ReportDetailDto> {
    await this.tx.run(ctx, async (m) => {
      const report = await this.review(m, ctx, reportId, ReportStatus.Approved);
      await this.setReviewed(m, ctx, report, ReportStatus.Returned, comment);
      await this.enqueueRollup(ctx, report.periodId, [report.pointCode]);
    });
    return this.get(ctx, reportId);
  }

  /** A report the caller may change now, locked, with its point; otherwise the reason it is locked (423). */
  async editable(
    m: EntityManager,
    ctx: RequestContext,
    reportId: string,
  ): Promise<{ report: IndicatorReport; point: PointDefinition; periodPoints: PeriodPoints }> {
    const report = await this.visible(m, ctx, reportId, 'update');
    this.assertOwn(ctx, report.organizationId);
    const periodPoints = await this.periods.withPoints(ctx, report.periodId, m);
    const lock = await this.lockOf(m, ctx, periodPoints.period, report);
    if (lock) {
      throw new IndicatorsException(IndicatorsErrorCode.ReportLocked, `The report is locked: ${lock.message}`, {
        reason: lock.reason,
      });
    }
    return { report, point: periodPoints.points.get(report.pointCode) as PointDefinition, periodPoints };
  }

  private async lockOf(
    m: EntityManager,
    ctx: RequestContext,
    period: IndicatorPeriod,
    report: Pick<IndicatorReport, 'status' | 'organizationId'>,
  ): Promise<EntryLock | undefined> {
    if (report.status === ReportStatus.Approved) {
      return {
        reason: ReportLockReason.Approved,
        message: 'it is approved; the secretariat must reopen it to change it',
      };
    }
    if (report.status === ReportStatus.Submitted) {
      return { reason: ReportLockReason.Submitted, message: 'it is submitted and waiting for review' };
    }
    return this.periods.entryLock(ctx, period, report.organizationId, m);
  }

  private async assertEntryOpen(
    ctx: RequestContext,
    period: IndicatorPeriod,
    organizationId: string | null,
    m: EntityManager,
  ): Promise<void> {
    const lock = await this.periods.entryLock(ctx, period, organizationId, m);
    if (lock) {
      throw new IndicatorsException(IndicatorsErrorCode.ReportLocked, `Entry is closed: ${lock.message}`, {
        reason: lock.reason,
      });
    }
  }

  /**
   * Who reports: a member for its own organization only, of a type that reports the point;
   * the secretariat for any organization, and alone for secretariat points.
   */
  private async reportingOrganization(
    ctx: RequestContext,
    point: PointDefinition,
    dto: CreateReportDto,
  ): Promise<string | null> {
    const types = reportingTypes(point.reporter);
    if (point.reporter === ReporterKind.Secretariat) {
      if (!isSecretariat(ctx))
        throw new IndicatorsException(
          IndicatorsErrorCode.NotReportable,
          `${dto.pointCode} is reported by the secretariat`,
          { field: 'pointCode' },
        );
      if (dto.organizationId) {
        throw new IndicatorsException(
          IndicatorsErrorCode.NotReportable,
          `${dto.pointCode} is the secretariat's own: leave organizationId out`,
          { field: 'organizationId' },
        );
      }
      return null;
    }
    if (!types) {
      throw new IndicatorsException(
        IndicatorsErrorCode.NotReportable,
        `${dto.pointCode} is computed (${point.reporter}); nobody reports it`,
        { field: 'pointCode' },
      );
    }
    const organizationId = dto.organizationId ?? (isSecretariat(ctx) ? undefined : ctx.actor?.organizationId);
    if (!organizationId) {
      throw new IndicatorsException(IndicatorsErrorCode.InvalidValue, 'organizationId is required for this point', {
        field: 'organizationId',
      });
    }
    this.assertOwn(ctx, organizationId);
    const organization = await this.organizations.get(ctx, organizationId).catch(() => {
      throw new IndicatorsException(
        IndicatorsErrorCode.UnknownOrganization,
        `no member organization ${organizationId}`,
        {
          field: 'organizationId',
        },
      );
    });
    if (!types.includes(organization.type)) {
      throw new IndicatorsException(
        IndicatorsErrorCode.NotReportable,
        `${dto.pointCode} is reported by ${point.reporter === ReporterKind.School ? 'schools' : 'enterprises'}; ${organization.name} is ${organization.type}`,
        { field: 'organizationId' },
      );
    }
    return organizationId;
  }

  private assertOwn(ctx: RequestContext, organizationId: string | null): void {
    if (isSecretariat(ctx)) return;
    if (ctx.actor?.role !== ConsortiumRole.Member || organizationId !== ctx.actor.organizationId) {
      throw new IndicatorsException(
        IndicatorsErrorCode.OwnOrganizationOnly,
        'A member reports for its own organization only',
        { field: 'organizationId' },
      );
    }
  }

  /** The report if the caller may see it (a member: its own organization's; an observer: approved ones), else 404. */
  async visible(m: EntityManager, ctx: RequestContext, reportId: string, lock?: 'update'): Promise<IndicatorReport> {
    const report = await findOneOrThrow(
      m,
      IndicatorReport,
      { id: reportId, consortiumId: ctx.consortiumId },
      () => reportNotFound(reportId),
      {
        lock,
      },
    );
    const role = ctx.actor?.platformAdmin ? ConsortiumRole.Secretariat : ctx.actor?.role;
    if (role === ConsortiumRole.Member && report.organizationId !== ctx.actor?.organizationId)
      throw reportNotFound(reportId);
    if (role === ConsortiumRole.Observer && report.status !== ReportStatus.Approved) throw reportNotFound(reportId);
    return report;
  }

  private async review(
    m: EntityManager,
    ctx: RequestContext,
    reportId: string,
    from: ReportStatus,
  ): Promise<IndicatorReport> {
    const report = await this.visible(m, ctx, reportId, 'update');
    if (report.status !== from) {
      throw new IndicatorsException(
        IndicatorsErrorCode.InvalidTransition,
        `The report is ${report.status}; this needs a ${from} report`,
        { from: report.status },
      );
    }
    return report;
  }

  private async setReviewed(
    m: EntityManager,
    ctx: RequestContext,
    report: IndicatorReport,
    to: ReportStatus,
    comment: string | null,
  ): Promise<void> {
    await m.update(
      IndicatorReport,
      { id: report.id, consortiumId: ctx.consortiumId },
      {
        status: to,
        reviewComment: comment,
        reviewedBy: ctx.actor?.userId ?? null,
        approvedAt: to === ReportStatus.Approved ? this.clock.now() : null,
        version: report.version + 1,
      },
    );
    await this.recordVersion(m, ctx, report.id);
    await this.audit.record(ctx, {
      action: `indicators.report.${to === ReportStatus.Approved ? 'approved' : report.status === ReportStatus.Approved ? 'reopened' : 'returned'}`,
      entityType: 'indicator_report',
      entityId: report.id,
      changes: { status: { from: report.status, to }, comment },
    });
  }

  /** Cross-point rules naming this point, against the same organization's other values in the period. */
  private async assertRules(
    m: EntityManager,
    ctx: RequestContext,
    { document, points }: PeriodPoints,
    report: IndicatorReport,
    value: ReportValue,
  ): Promise<void> {
    const rules = (document.rules ?? []).filter(
      (rule) => rule.left === report.pointCode || rule.right === report.pointCode,
    );
    if (rules.length === 0 || typeof value !== 'number') return;
    const others = await queryRows<{ pointCode: string; number: string | null }>(
      m,
      `SELECT point_code AS "pointCode", value_number AS number FROM indicator_report
        WHERE consortium_id = $1 AND period_id = $2 AND organization_id IS NOT DISTINCT FROM $3
          AND point_code = ANY($4::text[]) AND status <> 'returned'`,
      [ctx.consortiumId, report.periodId, report.organizationId, rules.flatMap((rule) => [rule.left, rule.right])],
    );
    const values = new Map<string, number | null>(
      others.map((row) => [row.pointCode, row.number === null ? null : Number(row.number)]),
    );
    values.set(report.pointCode, value);
    for (const rule of rules) {
      if (!isNumericType(points.get(rule.left)?.valueType ?? ValueType.Text)) continue;
      const broken = checkRule(rule as CrossPointRule, values.get(rule.left) ?? null, values.get(rule.right) ?? null);
      if (broken) {
        throw new IndicatorsException(IndicatorsErrorCode.RuleViolated, `Rule ${rule.code}: ${broken}`, {
          field: 'value',
          rule: rule.code,
          messageZh: rule.message?.['zh-CN'],
        });
      }
    }
  }

  private async recordVersion(m: EntityManager, ctx: RequestContext, reportId: string): Promise<void> {
    await m.query(
      `INSERT INTO indicator_report_version
         (consortium_id, report_id, version, status, value_number, value_boolean, value_text, note, review_comment, actor_user_id)
       SELECT consortium_id, id, version, status, value_number, value_boolean, value_text, note, review_comment, $3
         FROM indicator_report WHERE consortium_id = $1 AND id = $2`,
      [ctx.consortiumId, reportId, ctx.actor?.userId ?? null],
    );
  }

  private async enqueueRollup(ctx: RequestContext, periodId: string, pointCodes: string[]): Promise<void> {
    await this.outbox.enqueue(ctx, JobName.IndicatorRollupIncremental, {
      consortiumId: ctx.consortiumId as string,
      periodId,
      pointCodes,
    });
  }

  private async views(
    m: EntityManager,
    ctx: RequestContext,
    { period, points, document }: PeriodPoints,
    reports: IndicatorReport[],
  ): Promise<ReportDto[]> {
    if (reports.length === 0) return [];
    const extra = await queryRows<{ id: string; organizationName: string | null; evidence: number }>(
      m,
      `SELECT r.id, o.name AS "organizationName",
              (SELECT count(*)::int FROM indicator_evidence e WHERE e.consortium_id = r.consortium_id AND e.report_id = r.id) AS evidence
         FROM indicator_report r LEFT JOIN organization o ON o.id = r.organization_id
        WHERE r.consortium_id = $1 AND r.id = ANY($2::uuid[])`,
      [ctx.consortiumId, reports.map((r) => r.id)],
    );
    const byId = new Map(extra.map((row) => [row.id, row]));
    const names = new Map<string, string>();
    const collect = (nodes: typeof document.nodes) =>
      nodes.forEach((node) => {
        names.set(node.code, node.name['zh-CN']);
        collect(node.children ?? []);
      });
    collect(document.nodes);
    const views: ReportDto[] = [];
    // Entry locks depend on the organization only: one look-up each.
    const entry = new Map<string | null, EntryLock | undefined>();
    for (const report of reports) {
      if (!entry.has(report.organizationId)) {
        entry.set(report.organizationId, await this.periods.entryLock(ctx, period, report.organizationId, m));
      }
      const lock =
        report.status === ReportStatus.Approved || report.status === ReportStatus.Submitted
          ? await this.lockOf(m, ctx, period, report)
          : entry.get(report.organizationId);
      const point = points.get(report.pointCode);
      views.push({
        id: report.id,
        periodId: report.periodId,
        pointCode: report.pointCode,
        pointName: names.get(report.pointCode) ?? report.pointCode,
        organizationId: report.organizationId,
        organizationName: byId.get(report.id)?.organizationName ?? null,
        value: point && isBooleanResult(point) ? report.valueBoolean : valueOf(report),
        note: report.note,
        status: report.status,
        reviewComment: report.reviewComment,
        version: report.version,
        evidenceCount: byId.get(report.id)?.evidence ?? 0,
        submittedAt: report.submittedAt?.toISOString() ?? null,
        approvedAt: report.approvedAt?.toISOString() ?? null,
        lock: lock ? { reason: lock.reason, message: lock.message } : null,
      });
    }
    return views;
  }
}
