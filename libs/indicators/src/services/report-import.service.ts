import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  ConsortiumRole,
  EnqueuedJob,
  JobExecution,
  JobName,
  JobPayload,
  JobResult,
  OutboxService,
  queryRow,
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import { flattenNodes } from '../domain/framework-document';
import { isBooleanResult } from '../domain/rollup';
import { ReportStatus, ValueType } from '../entities/indicator-enums';
import { IndicatorsErrorCode, IndicatorsException } from '../exceptions/indicators.exception';
import { PeriodsService } from './periods.service';
import { buildEntryTemplate, ENTRY_HEADERS, entryValue, readEntryWorkbook, TemplateRow } from './report-workbook';
import { ReportsService } from './reports.service';

type ImportResult = JobResult<JobName.ImportIndicatorReports>;
type ImportError = ImportResult['errors'][number];

const FILE_KEY = /^imports\/indicator-reports\/([0-9a-f-]{36})\/[0-9a-f]{64}\.xlsx$/;
const MAX_LISTED_ERRORS = 1_000;

/** What a refused row says in Chinese, by the refusal's code (the English reason carries the detail). */
const REASON_ZH: Partial<Record<IndicatorsErrorCode, string>> = {
  [IndicatorsErrorCode.InvalidValue]: '填报值不符合要求',
  [IndicatorsErrorCode.UnknownPoint]: '观测点编码不属于本期指标体系',
  [IndicatorsErrorCode.NotReportable]: '该观测点不由本单位填报',
  [IndicatorsErrorCode.OwnOrganizationOnly]: '只能填报本单位的数据',
  [IndicatorsErrorCode.ReportLocked]: '填报已锁定',
  [IndicatorsErrorCode.EvidenceRequired]: '该观测点需上传佐证材料后才能提交',
  [IndicatorsErrorCode.RuleViolated]: '不符合校验规则',
  [IndicatorsErrorCode.DuplicateReport]: '该观测点已有填报',
};

const COLUMN_OF_FIELD: Record<string, string> = {
  value: ENTRY_HEADERS.value,
  pointCode: ENTRY_HEADERS.code,
  note: ENTRY_HEADERS.note,
};

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);
}

/**
 * Bulk entry (批量填报): an xlsx template per organization and period (one row per point
 * it reports, current values filled in), and the upload of that file as a job that enters
 * each row through the same service path as a single report (validation, bounds, rules,
 * locks, evidence for submission), reporting every refused row by row and column.
 */
@Injectable()
export class ReportImportService {
  private readonly logger = new Logger(ReportImportService.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly periods: PeriodsService,
    private readonly reports: ReportsService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The organization whose template or import this is: a member's own; the secretariat's choice (none: its own points). */
  reportingOrganization(ctx: RequestContext, requested: string | undefined): string | null {
    const secretariat = ctx.actor?.platformAdmin === true || ctx.actor?.role === ConsortiumRole.Secretariat;
    if (secretariat) return requested ?? null;
    const own = ctx.actor?.organizationId;
    if (!own || (requested && requested !== own)) {
      throw new IndicatorsException(
        IndicatorsErrorCode.OwnOrganizationOnly,
        'A member enters reports for its own organization only',
        { field: 'organizationId' },
      );
    }
    return own;
  }

  /** The template: every point the organization is expected to report (or already reports), current values filled in. */
  async template(
    ctx: RequestContext,
    periodId: string,
    requested: string | undefined,
  ): Promise<{ file: Buffer; name: string }> {
    const organizationId = this.reportingOrganization(ctx, requested);
    const { period, document, points, name, rows } = await this.tx.run(ctx, async (m) => {
      const periodPoints = await this.periods.withPoints(ctx, periodId, m);
      const organizationName = organizationId
        ? (
            await this.organizations.get(ctx, organizationId).catch(() => {
              throw new IndicatorsException(
                IndicatorsErrorCode.UnknownOrganization,
                `no member organization ${organizationId}`,
                {
                  field: 'organizationId',
                },
              );
            })
          ).name
        : '秘书处';
      const current = await queryRows<{
        pointCode: string;
        number: string | null;
        boolean: boolean | null;
        text: string | null;
        note: string | null;
        status: ReportStatus | null;
      }>(
        m,
        `SELECT p.point_code AS "pointCode", r.value_number AS number, r.value_boolean AS boolean, r.value_text AS text,
                r.note, r.status
           FROM (SELECT point_code FROM indicator_expected_reporter
                  WHERE consortium_id = $1 AND period_id = $2 AND organization_id IS NOT DISTINCT FROM $3
                 UNION
                 SELECT point_code FROM indicator_report
                  WHERE consortium_id = $1 AND period_id = $2 AND organization_id IS NOT DISTINCT FROM $3) p
           LEFT JOIN indicator_report r ON r.consortium_id = $1 AND r.period_id = $2 AND r.point_code = p.point_code
                AND r.organization_id IS NOT DISTINCT FROM $3`,
        [ctx.consortiumId, periodId, organizationId],
      );
      return { ...periodPoints, name: organizationName, rows: current };
    });
    const targets = await this.periods.targets(ctx, periodId);
    const byCode = new Map(rows.map((row) => [row.pointCode, row]));
    const templateRows: TemplateRow[] = flattenNodes(document)
      .filter(({ node }) => node.point && byCode.has(node.code))
      .map(({ node }) => {
        const row = byCode.get(node.code)!;
        const point = points.get(node.code)!;
        return {
          code: node.code,
          name: node.name['zh-CN'],
          point,
          target: targets.get(node.code) ?? null,
          value:
            row.number !== null ? Number(row.number) : isBooleanResult(point) ? row.boolean : (row.boolean ?? row.text),
          note: row.note,
          status: row.status,
        };
      });
    const file = await buildEntryTemplate({
      periodName: period.name,
      periodId,
      organizationName: name,
      organizationId,
      dueOn: period.dueOn,
      rows: templateRows,
    });
    return { file, name };
  }

  /** Stores the upload and enqueues its import; the job exists if and only if the request committed. */
  async requestImport(
    ctx: RequestContext,
    periodId: string,
    requested: string | undefined,
    submit: boolean,
    readContent: () => Promise<Buffer>,
  ): Promise<EnqueuedJob> {
    const organizationId = this.reportingOrganization(ctx, requested);
    const consortiumId = ctx.consortiumId as string;
    await this.tx.run(ctx, async (m) => {
      await this.periods.get(ctx, periodId, m);
      if (organizationId) {
        await this.organizations.get(ctx, organizationId).catch(() => {
          throw new IndicatorsException(
            IndicatorsErrorCode.UnknownOrganization,
            `no member organization ${organizationId}`,
            {
              field: 'organizationId',
            },
          );
        });
      }
    });
    const content = await readContent();
    const sha256 = createHash('sha256').update(content).digest('hex');
    const fileKey = `imports/indicator-reports/${consortiumId}/${sha256}.xlsx`;
    await this.store(fileKey, content);
    const actor = ctx.actor as NonNullable<RequestContext['actor']>;
    return this.tx.run(ctx, () =>
      this.outbox.enqueue(ctx, JobName.ImportIndicatorReports, {
        consortiumId,
        periodId,
        organizationId,
        fileKey,
        submit,
        actor: {
          userId: actor.userId,
          platformAdmin: actor.platformAdmin,
          ...(actor.role ? { role: actor.role } : {}),
          ...(actor.organizationId ? { organizationId: actor.organizationId } : {}),
        },
      }),
    );
  }

  /**
   * The job: each row entered as the uploader, in the job's one transaction, each row
   * behind a savepoint so a refused row leaves no trace and the others go on. A row whose
   * value and note are what the report holds is unchanged (a retry changes nothing).
   */
  async runImport(
    jobCtx: RequestContext,
    payload: JobPayload<JobName.ImportIndicatorReports>,
    execution: Pick<JobExecution, 'jobId' | 'reportProgress'>,
  ): Promise<ImportResult> {
    const ctx: RequestContext = {
      ...jobCtx,
      actor: { ...payload.actor, role: payload.actor.role as ConsortiumRole | undefined },
    };
    const content = await this.readStored(payload.consortiumId, payload.fileKey);
    const sheet = await readEntryWorkbook(content);
    await execution.reportProgress(10);
    const result: ImportResult = {
      total: sheet.rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      submitted: 0,
      failed: 0,
      errors: [],
    };
    const errors: ImportError[] = sheet.problems.map((p) => ({ ...p, pointCode: null }));
    const expectedOrganization = payload.organizationId ?? 'secretariat';
    if (sheet.organizationId && sheet.organizationId !== expectedOrganization) {
      errors.push({
        row: 0,
        column: null,
        pointCode: null,
        reason: 'the workbook is the template of another organization: download your own',
        reasonZh: '该工作簿是其他单位的模板，请下载本单位的模板',
      });
    } else if (sheet.periodId && sheet.periodId !== payload.periodId) {
      errors.push({
        row: 0,
        column: null,
        pointCode: null,
        reason: 'the workbook is the template of another reporting period',
        reasonZh: '该工作簿是其他填报周期的模板',
      });
    } else {
      await this.enterRows(ctx, payload, sheet.rows, result, errors, execution);
    }
    result.failed = new Set(errors.filter((e) => e.row > 0).map((e) => e.row)).size;
    if (errors.some((e) => e.row <= 1)) result.failed = Math.max(result.failed, 1);
    result.errors = errors.sort((a, b) => a.row - b.row).slice(0, MAX_LISTED_ERRORS);
    await this.tx.run(ctx, () =>
      this.audit.record(ctx, {
        action: 'indicators.report.imported',
        entityType: 'indicator_period',
        entityId: payload.periodId,
        changes: {
          jobId: execution.jobId,
          fileKey: payload.fileKey,
          organizationId: payload.organizationId,
          ...Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'errors')),
          errorCount: errors.length,
        },
      }),
    );
    this.logger.log(
      `Report import ${payload.fileKey}: ${result.total} rows, ${result.created} created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged, ${result.submitted} submitted, ${result.failed} failed`,
    );
    return result;
  }

  private async enterRows(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportIndicatorReports>,
    rows: Awaited<ReturnType<typeof readEntryWorkbook>>['rows'],
    result: ImportResult,
    errors: ImportError[],
    execution: Pick<JobExecution, 'reportProgress'>,
  ): Promise<void> {
    const { points } = await this.periods.withPoints(ctx, payload.periodId);
    for (const [index, row] of rows.entries()) {
      const refuse = (column: string | null, reason: string, reasonZh: string) =>
        errors.push({ row: row.row, column, pointCode: row.code, reason, reasonZh });
      const point = points.get(row.code);
      if (!point) {
        refuse(
          ENTRY_HEADERS.code,
          `${row.code} is not an observation point of the period's framework`,
          REASON_ZH.unknown_point!,
        );
        continue;
      }
      if (row.value === undefined) {
        result.skipped += 1;
        continue;
      }
      const parsed = entryValue(point, row.value);
      if ('problem' in parsed) {
        refuse(ENTRY_HEADERS.value, parsed.problem, parsed.problemZh);
        continue;
      }
      const bound =
        typeof parsed.value === 'number' && Math.abs(parsed.value) > 1e15
          ? 'the value is beyond ±1e15'
          : typeof parsed.value === 'string' && parsed.value.length > 4000
            ? 'the text is longer than 4000 characters'
            : (row.note?.length ?? 0) > 2000
              ? 'the note is longer than 2000 characters'
              : undefined;
      if (bound) {
        refuse(bound.startsWith('the note') ? ENTRY_HEADERS.note : ENTRY_HEADERS.value, bound, '超出长度或数值范围');
        continue;
      }
      const refused = (error: unknown) => {
        if (!(error instanceof IndicatorsException)) throw error;
        const field = (error.details as { field?: string } | undefined)?.field;
        refuse(field ? (COLUMN_OF_FIELD[field] ?? null) : null, error.message, REASON_ZH[error.code] ?? '未能导入');
      };
      const entered = await this.behindSavepoint(ctx, () =>
        this.enterRow(ctx, payload, row.code, parsed.value, row.note, point.valueType),
      ).catch(refused);
      if (!entered) continue;
      result[entered.outcome] += 1;
      if (payload.submit && (entered.status === ReportStatus.Draft || entered.status === ReportStatus.Returned)) {
        // A refused submission keeps the entered value (a draft) and is reported on the row.
        const submitted = await this.behindSavepoint(ctx, () => this.reports.submit(ctx, entered.id)).catch(refused);
        if (submitted) result.submitted += 1;
      }
      if (index % 20 === 19) await execution.reportProgress(10 + Math.floor((85 * (index + 1)) / rows.length));
    }
  }

  private async enterRow(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportIndicatorReports>,
    pointCode: string,
    value: number | boolean | string,
    note: string | undefined,
    valueType: ValueType,
  ): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; id: string; status: ReportStatus }> {
    const existing = await this.tx.run(ctx, (m) =>
      queryRow<{
        id: string;
        number: string | null;
        boolean: boolean | null;
        text: string | null;
        note: string | null;
        status: ReportStatus;
      }>(
        m,
        `SELECT id, value_number AS number, value_boolean AS boolean, value_text AS text, note, status FROM indicator_report
          WHERE consortium_id = $1 AND period_id = $2 AND point_code = $3 AND organization_id IS NOT DISTINCT FROM $4`,
        [ctx.consortiumId, payload.periodId, pointCode, payload.organizationId],
      ),
    );
    if (!existing) {
      const created = await this.reports.create(ctx, {
        periodId: payload.periodId,
        pointCode,
        value,
        ...(note !== undefined ? { note } : {}),
        ...(payload.organizationId ? { organizationId: payload.organizationId } : {}),
      });
      return { outcome: 'created', id: created.id, status: created.status };
    }
    const current =
      existing.number !== null
        ? Number(existing.number)
        : valueType === ValueType.Boolean
          ? existing.boolean
          : (existing.text ?? existing.boolean);
    if (sameValue(current, value) && (note === undefined || note === existing.note)) {
      return { outcome: 'unchanged', id: existing.id, status: existing.status };
    }
    const updated = await this.reports.update(ctx, existing.id, { value, ...(note !== undefined ? { note } : {}) });
    return { outcome: 'updated', id: existing.id, status: updated.status };
  }

  /** Runs `work` behind a savepoint of the job's transaction: when it throws, what it wrote is undone, the rest stays. */
  private async behindSavepoint<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    await this.tx.run(ctx, (m) => m.query('SAVEPOINT report_import_row'));
    try {
      const value = await work();
      await this.tx.run(ctx, (m) => m.query('RELEASE SAVEPOINT report_import_row'));
      return value;
    } catch (error) {
      await this.tx.run(ctx, (m) => m.query('ROLLBACK TO SAVEPOINT report_import_row'));
      throw error;
    }
  }

  private storagePath(fileKey: string): string {
    const root = resolve(this.config.paths.storageDir);
    const path = resolve(root, fileKey);
    if (!path.startsWith(root + sep)) throw new Error(`File key ${fileKey} leaves the storage directory`);
    return path;
  }

  /** Written once per content (a re-upload of the same file reuses it), atomically. */
  private async store(fileKey: string, content: Buffer): Promise<void> {
    const path = this.storagePath(fileKey);
    const present = await stat(path).catch(() => undefined);
    if (present?.size === content.length) return;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
  }

  private async readStored(consortiumId: string, fileKey: string): Promise<Buffer> {
    const match = FILE_KEY.exec(fileKey);
    if (!match || match[1] !== consortiumId) {
      throw new Error(`File key ${fileKey} is not a report import of consortium ${consortiumId}`);
    }
    return readFile(this.storagePath(fileKey)).catch((error: NodeJS.ErrnoException) => {
      throw new Error(
        error.code === 'ENOENT'
          ? `The uploaded file ${fileKey} is not in the storage directory (STORAGE_DIR must be shared by API and worker)`
          : `Cannot read ${fileKey}: ${error.message}`,
      );
    });
  }
}
