import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  Clock,
  EnqueuedJob,
  JobExecution,
  JobName,
  JobPayload,
  JobResult,
  OutboxService,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { LeadUnitIds } from '../domain/lead-units';
import { OrganizationExportQueryDto } from '../dto/organization-import.dto';
import { MembershipStatus } from '../entities/membership-status';
import { Organization } from '../entities/organization.entity';
import {
  checkOrganizationRows,
  ExistingOrganization,
  ImportPlan,
  OrganizationValues,
  planImport,
} from './organization-rows';
import { buildExportWorkbook, buildImportTemplate, readOrganizationSheet, SheetFormat } from './organization-sheet';
import { OrganizationsService } from './organizations.service';

export type ImportMode = JobPayload<JobName.ImportOrganizations>['mode'];
type ImportResult = JobResult<JobName.ImportOrganizations>;

/** Rows written per statement (and, in valid_rows_only mode, per transaction). */
const BATCH_SIZE = 500;
/** Errors listed in a job result (the counts stay exact). */
const MAX_LISTED_ERRORS = 1_000;
/** Most organizations one export holds. */
export const MAX_EXPORT_ROWS = 50_000;
const FILE_KEY = /^imports\/organizations\/([0-9a-f-]{36})\/[0-9a-f]{64}\.(xlsx|csv)$/;

/**
 * Import and export of member organizations (成员单位导入导出). An upload is stored
 * under the storage directory (per consortium, named by its SHA-256) and imported by
 * the `consortia.import-organizations` job: every row checked with the create rules,
 * then upserted by credit code (else by name), in batches.
 */
@Injectable()
export class OrganizationImportService {
  private readonly logger = new Logger(OrganizationImportService.name);
  private template?: Promise<Buffer>;

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The import template (the same for every consortium, built once). */
  importTemplate(_ctx: RequestContext): Promise<Buffer> {
    this.template ??= buildImportTemplate().catch((error: unknown) => {
      this.template = undefined;
      throw error;
    });
    return this.template;
  }

  /** Every organization matching the list filters (at most MAX_EXPORT_ROWS, by name), as xlsx. */
  async exportWorkbook(ctx: RequestContext, query: OrganizationExportQueryDto): Promise<Buffer> {
    const page = await this.organizations.list(ctx, { ...query, limit: MAX_EXPORT_ROWS });
    return buildExportWorkbook(page.items);
  }

  /** Stores the upload and enqueues its import job; the job exists if and only if the request committed. */
  async requestImport(
    ctx: RequestContext,
    upload: { content: Buffer; format: SheetFormat; mode: ImportMode },
  ): Promise<EnqueuedJob> {
    const consortiumId = ctx.consortiumId as string;
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const fileKey = `imports/organizations/${consortiumId}/${sha256}.${upload.format}`;
    await this.store(fileKey, upload.content);
    return this.tx.run(ctx, () =>
      this.outbox.enqueue(ctx, JobName.ImportOrganizations, {
        consortiumId,
        fileKey,
        mode: upload.mode,
        format: upload.format,
        requestedBy: ctx.actor?.userId ?? null,
      }),
    );
  }

  /**
   * Runs an import (the job's work). all_or_nothing: any bad row and nothing is
   * written; otherwise everything in one transaction. valid_rows_only: the good rows,
   * one transaction per batch (a job checkpoint after each). Idempotent: a second run of
   * the same file finds every row unchanged, so a retry after a failure between
   * checkpoints writes only the batches still missing (and counts the others as
   * unchanged). One summary audit entry per run, none per unchanged row; it commits with
   * the job's completion.
   */
  async runImport(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportOrganizations>,
    execution: Pick<JobExecution, 'jobId' | 'reportProgress' | 'checkpoint'>,
  ): Promise<ImportResult> {
    const content = await this.readStored(payload.consortiumId, payload.fileKey);
    await execution.reportProgress(5);
    const sheet = await readOrganizationSheet(content, payload.format);
    await execution.reportProgress(20);
    const checked = checkOrganizationRows(sheet.rows);
    await execution.reportProgress(30);
    const { existing, leads } = await this.loadExisting(ctx);
    const plan = planImport(checked.valid, existing, leads);
    await execution.reportProgress(40);

    const errors = [...sheet.errors, ...checked.errors, ...plan.errors].sort((a, b) => a.row - b.row);
    const failed = checked.failedRows + plan.errors.length;
    const rejected = sheet.errors.length > 0 || (payload.mode === 'all_or_nothing' && failed > 0);
    const result: ImportResult = {
      total: sheet.rows.length,
      created: rejected ? 0 : plan.creates.length,
      updated: rejected ? 0 : plan.updates.length,
      unchanged: rejected ? 0 : plan.unchanged,
      failed,
      errors: errors.slice(0, MAX_LISTED_ERRORS),
    };
    const summary = () => this.recordSummary(ctx, payload, execution.jobId, result, errors.length);

    if (rejected) {
      await this.tx.run(ctx, summary);
    } else {
      const batches = toBatches(plan);
      const progress = (done: number) => execution.reportProgress(40 + Math.floor((60 * done) / (batches.length || 1)));
      if (payload.mode === 'all_or_nothing') {
        await this.tx.run(ctx, async (m) => {
          for (const [index, batch] of batches.entries()) {
            await this.writeBatch(m, ctx, batch);
            await progress(index + 1);
          }
          await summary();
        });
      } else {
        for (const [index, batch] of batches.entries()) {
          await this.tx.run(ctx, (m) => this.writeBatch(m, ctx, batch));
          await execution.checkpoint();
          await progress(index + 1);
        }
        await this.tx.run(ctx, summary);
      }
    }
    this.logger.log(
      `Import ${payload.fileKey} (${payload.mode}): ${result.total} rows, ${result.created} created, ` +
        `${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} failed`,
    );
    return result;
  }

  private recordSummary(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportOrganizations>,
    jobId: string,
    result: ImportResult,
    errorCount: number,
  ): Promise<void> {
    const { errors: _errors, ...counts } = result;
    return this.audit.record(ctx, {
      action: 'consortia.organization.imported',
      entityType: 'organization',
      entityId: null,
      changes: { jobId, fileKey: payload.fileKey, format: payload.format, mode: payload.mode, ...counts, errorCount },
    });
  }

  private async loadExisting(ctx: RequestContext): Promise<{ existing: ExistingOrganization[]; leads: LeadUnitIds }> {
    const { rows, leads } = await this.tx.run(ctx, async (m) => ({
      rows: await m.find(Organization, { where: { consortiumId: ctx.consortiumId as string } }),
      leads: await this.organizations.leadUnitIds(m, ctx),
    }));
    const existing = rows.map((o) => ({
      id: o.id,
      type: o.type,
      name: o.name,
      nameEn: o.nameEn,
      creditCode: o.creditCode,
      district: o.district,
      address: o.address,
      industryCode: o.industryCode,
      industryName: o.industryName,
      size: o.size,
      leadingEnterprise: o.leadingEnterprise,
      certifiedIntegrationEnterprise: o.certifiedIntegrationEnterprise,
      doubleHighSchool: o.doubleHighSchool,
      contacts: o.contacts ?? [],
    }));
    return { existing, leads };
  }

  /** One multi-row INSERT (with each new organization's first membership event) or UPDATE. */
  private async writeBatch(m: EntityManager, ctx: RequestContext, batch: Batch): Promise<void> {
    const consortiumId = ctx.consortiumId as string;
    if (batch.kind === 'create') {
      const today = this.clock.chinaToday();
      const records = batch.items.map((values) => ({ id: randomUUID(), ...columnsOf(values) }));
      await m.query(
        `INSERT INTO organization (id, consortium_id, ${COLUMN_LIST}, membership_status, membership_changed_on)
         SELECT r.id, $1, ${COLUMN_LIST.split(', ')
           .map((c) => `r.${c}`)
           .join(', ')}, $3, $4::date
           FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, ${RECORD_TYPES})`,
        [consortiumId, JSON.stringify(records), MembershipStatus.Applied, today],
      );
      await m.query(
        `INSERT INTO organization_membership_event
           (consortium_id, organization_id, from_status, to_status, effective_on, reason, actor_user_id)
         SELECT $1, id, NULL, $3, $4::date, '批量导入', $5 FROM unnest($2::uuid[]) AS id`,
        [consortiumId, records.map((r) => r.id), MembershipStatus.Applied, today, ctx.actor?.userId ?? null],
      );
    } else {
      // The plan checked lead units before the write; a lead unit named since then is caught here (and the job retried).
      await this.organizations.assertTypeChangesKeepLeadUnits(
        m,
        ctx,
        batch.items
          .filter(({ changed }) => changed.includes('type'))
          .map(({ id, values }) => ({ id, type: values.type })),
      );
      const records = batch.items.map(({ id, values }) => ({ id, ...columnsOf(values) }));
      await m.query(
        `UPDATE organization o SET ${COLUMN_LIST.split(', ')
          .map((c) => `${c} = r.${c}`)
          .join(', ')}, updated_at = now()
           FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, ${RECORD_TYPES})
          WHERE o.id = r.id AND o.consortium_id = $1`,
        [consortiumId, JSON.stringify(records)],
      );
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
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
  }

  private async readStored(consortiumId: string, fileKey: string): Promise<Buffer> {
    const match = FILE_KEY.exec(fileKey);
    if (!match || match[1] !== consortiumId) {
      throw new Error(`File key ${fileKey} is not an organization import of consortium ${consortiumId}`);
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

type Batch = { kind: 'create'; items: OrganizationValues[] } | { kind: 'update'; items: ImportPlan['updates'] };

function toBatches(plan: ImportPlan): Batch[] {
  const batches: Batch[] = [];
  for (let i = 0; i < plan.creates.length; i += BATCH_SIZE) {
    batches.push({ kind: 'create', items: plan.creates.slice(i, i + BATCH_SIZE).map((c) => c.values) });
  }
  for (let i = 0; i < plan.updates.length; i += BATCH_SIZE) {
    batches.push({ kind: 'update', items: plan.updates.slice(i, i + BATCH_SIZE) });
  }
  return batches;
}

const COLUMN_LIST =
  'type, name, name_en, credit_code, district, address, industry_code, industry_name, size, ' +
  'leading_enterprise, certified_integration_enterprise, double_high_school, contacts';
const RECORD_TYPES =
  'type text, name text, name_en text, credit_code text, district text, address text, industry_code text, ' +
  'industry_name text, size text, leading_enterprise boolean, certified_integration_enterprise boolean, ' +
  'double_high_school boolean, contacts jsonb';

function columnsOf(v: OrganizationValues) {
  return {
    type: v.type,
    name: v.name,
    name_en: v.nameEn,
    credit_code: v.creditCode,
    district: v.district,
    address: v.address,
    industry_code: v.industryCode,
    industry_name: v.industryName,
    size: v.size,
    leading_enterprise: v.leadingEnterprise,
    certified_integration_enterprise: v.certifiedIntegrationEnterprise,
    double_high_school: v.doubleHighSchool,
    contacts: v.contacts,
  };
}
