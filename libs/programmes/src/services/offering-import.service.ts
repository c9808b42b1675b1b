import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  EnqueuedJob,
  JobExecution,
  JobName,
  JobPayload,
  JobResult,
  OutboxService,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { OrganizationsService, OrganizationType, SCHOOL_TYPES } from '@chanjiao/consortia';
import { In } from 'typeorm';
import { levelFitsSchool } from '../domain/catalogue-codes';
import { GridLike, RowError } from '../domain/catalogue-rows';
import { CatalogueProgramme } from '../entities/catalogue-programme.entity';
import { CatalogueList } from '../entities/programme-enums';
import { ProgrammeOffering } from '../entities/programme-offering.entity';
import { invalidField, ProgrammesErrorCode } from '../exceptions/programmes.exception';
import { CatalogueService } from './catalogue.service';
import { buildOfferingWorkbook, checkOfferingRows, OfferingRowValues } from './offering-sheet';
import { OfferingsService } from './offerings.service';
import { readGrid, SheetFormat } from './sheet-grid';
import { UploadStore } from './upload-store';

type ImportResult = JobResult<JobName.ImportOfferings>;
const MAX_ROWS = 2_000;
const FILE_KEY = /^imports\/offerings\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/[0-9a-f]{64}\.(xlsx|csv)$/;
export type OfferingImportMode = 'all_or_nothing' | 'valid_rows_only';

/**
 * A school's offerings as xlsx: the template, the export and the import (the
 * `programmes.import-offerings` job: rows checked with the create rules and reported per
 * row, then created or updated by programme code within the current catalogue edition).
 */
@Injectable()
export class OfferingImportService {
  private readonly logger = new Logger(OfferingImportService.name);
  private readonly files: UploadStore;

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly offerings: OfferingsService,
    private readonly organizations: OrganizationsService,
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.files = new UploadStore(config.paths.storageDir);
  }

  template(_ctx: RequestContext): Promise<Buffer> {
    return buildOfferingWorkbook([]);
  }

  /** One school's offerings (a member: its own organization's when none is named). */
  async exportWorkbook(ctx: RequestContext, organizationId: string | undefined): Promise<{ content: Buffer; name: string }> {
    const owner = organizationId ?? ctx.actor?.organizationId;
    if (!owner) throw invalidField(ProgrammesErrorCode.NotASchool, 'organizationId', 'organizationId is required (the school to export)');
    const school = await this.organizations.get(ctx, owner).catch(() => undefined);
    if (!school || !SCHOOL_TYPES.includes(school.type)) {
      throw invalidField(ProgrammesErrorCode.NotASchool, 'organizationId', `organizationId ${owner} is not a member school`);
    }
    const views = await this.offerings.forOrganization(ctx, owner);
    const partnerIds = [...new Set(views.flatMap((v) => [...v.offering.partnerSchoolIds, ...v.offering.partnerEnterpriseIds]))];
    const names = new Map<string, string>();
    for (const id of partnerIds) {
      const partner = await this.organizations.get(ctx, id).catch(() => undefined);
      if (partner) names.set(id, partner.name);
    }
    const content = await buildOfferingWorkbook(
      views.map(({ offering: o, programme }) => ({
        programmeCode: o.programmeCode,
        programmeName: programme.name,
        startYear: o.startYear,
        status: o.status,
        enrolmentPlan: o.enrolmentPlan,
        studentsEnrolled: o.studentsEnrolled,
        expectedGraduates: o.expectedGraduates,
        skills: o.skills,
        certificates: o.certificates,
        trainingModes: o.trainingModes,
        partnerSchools: o.partnerSchoolIds.map((id) => names.get(id) ?? id),
        partnerEnterprises: o.partnerEnterpriseIds.map((id) => names.get(id) ?? id),
        contactName: o.contactName,
        contactPhone: o.contactPhone,
        contactEmail: o.contactEmail,
        note: o.note,
      })),
    );
    return { content, name: school.name };
  }

  async requestImport(
    ctx: RequestContext,
    organizationId: string | undefined,
    upload: { content: Buffer; format: SheetFormat },
    mode: OfferingImportMode,
  ): Promise<EnqueuedJob> {
    const owner = this.offerings.resolveOwner(ctx, organizationId);
    await this.offerings.schoolType(ctx, owner);
    const edition = await this.catalogue.currentEdition(ctx, CatalogueList.Programmes);
    if (!edition) throw invalidField(ProgrammesErrorCode.EditionNotFound, 'programmeCode', 'no programme catalogue has been imported yet');
    const consortiumId = ctx.consortiumId as string;
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const fileKey = `imports/offerings/${consortiumId}/${owner}/${sha256}.${upload.format}`;
    await this.files.store(fileKey, upload.content);
    return this.tx.run(ctx, () =>
      this.outbox.enqueue(ctx, JobName.ImportOfferings, {
        consortiumId,
        organizationId: owner,
        fileKey,
        format: upload.format,
        edition,
        mode,
        requestedBy: ctx.actor?.userId ?? null,
      }),
    );
  }

  async runImport(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportOfferings>,
    execution: Pick<JobExecution, 'jobId' | 'reportProgress'>,
  ): Promise<ImportResult> {
    const match = FILE_KEY.exec(payload.fileKey);
    if (!match || match[1] !== payload.consortiumId || match[2] !== payload.organizationId) {
      throw new Error(`File key ${payload.fileKey} is not an offerings import of this school`);
    }
    const content = await this.files.read(payload.fileKey);
    let grid: GridLike;
    try {
      grid = await readGrid(content, payload.format);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return this.summary(ctx, payload, execution.jobId, {
        total: 0, created: 0, updated: 0, unchanged: 0, failed: 0,
        errors: [{ row: 0, column: null, reason: `the file cannot be read as ${payload.format}: ${why}`, reasonZh: `无法按 ${payload.format} 格式读取文件：${why}` }],
      });
    }
    await execution.reportProgress(20);
    if (grid.records.length === 0 || grid.records.length > MAX_ROWS) {
      return this.summary(ctx, payload, execution.jobId, {
        total: grid.records.length, created: 0, updated: 0, unchanged: 0, failed: grid.records.length,
        errors: [
          grid.records.length === 0
            ? { row: 0, column: null, reason: 'the file has no data rows', reasonZh: '文件中没有数据行' }
            : { row: 0, column: null, reason: `the file has more than ${MAX_ROWS} data rows`, reasonZh: `文件数据行超过 ${MAX_ROWS} 行` },
        ],
      });
    }
    return this.tx.run(ctx, async (m) => {
      const checked = checkOfferingRows(grid);
      const schoolType = await this.offerings.schoolType(ctx, payload.organizationId);
      const codes = checked.valid.map((v) => v.values.programmeCode);
      const programmes = new Map(
        (await m.find(CatalogueProgramme, { where: { edition: payload.edition, code: In(codes) } })).map((p) => [p.code, p]),
      );
      const existing = new Map(
        (
          await m.find(ProgrammeOffering, {
            where: { consortiumId: payload.consortiumId, organizationId: payload.organizationId, catalogueEdition: payload.edition },
          })
        ).map((o) => [o.programmeCode, o]),
      );
      const members = await this.organizations.list(ctx, { limit: 50_000 });
      const byName = new Map(members.items.map((o) => [o.name, o]));
      const errors: RowError[] = [...checked.errors];
      let failed = checked.failedRows;
      const planned: Array<{ row: number; values: OfferingRowValues; partnerSchoolIds: string[]; partnerEnterpriseIds: string[] }> = [];
      for (const { row, values } of checked.valid) {
        const rowErrors: RowError[] = [];
        const programme = programmes.get(values.programmeCode);
        if (!programme) {
          rowErrors.push({ row, column: '专业代码', reason: `programme ${values.programmeCode} is not in catalogue edition ${payload.edition}`, reasonZh: `专业目录（${payload.edition}）中没有专业代码 ${values.programmeCode}` });
        } else if (!levelFitsSchool(schoolType, programme.level)) {
          rowErrors.push({ row, column: '专业代码', reason: `a ${schoolType} school does not run ${programme.level} programmes`, reasonZh: `学校类型与专业层次不符（${programme.name}）` });
        }
        const partners = (names: string[] | undefined, column: string, types: readonly OrganizationType[]): string[] =>
          (names ?? []).flatMap((name) => {
            const partner = byName.get(name);
            if (!partner || !types.includes(partner.type) || partner.id === payload.organizationId) {
              rowErrors.push({ row, column, reason: `"${name.slice(0, 40)}" is not a member ${column === '合作学校' ? 'school' : 'enterprise'}`, reasonZh: `「${name.slice(0, 40)}」不是联合体成员${column === '合作学校' ? '学校' : '企业'}` });
              return [];
            }
            return [partner.id];
          });
        const partnerSchoolIds = partners(values.partnerSchools, '合作学校', SCHOOL_TYPES);
        const partnerEnterpriseIds = partners(values.partnerEnterprises, '合作企业', [OrganizationType.Enterprise]);
        if (rowErrors.length > 0) {
          failed += 1;
          errors.push(...rowErrors);
        } else {
          planned.push({ row, values, partnerSchoolIds: [...new Set(partnerSchoolIds)], partnerEnterpriseIds: [...new Set(partnerEnterpriseIds)] });
        }
      }
      errors.sort((a, b) => a.row - b.row);
      const rejected = payload.mode === 'all_or_nothing' && failed > 0;
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      if (!rejected) {
        for (const [index, { values, partnerSchoolIds, partnerEnterpriseIds }] of planned.entries()) {
          const { partnerSchools: _s, partnerEnterprises: _e, programmeCode, ...rest } = values;
          const fields = { ...rest, partnerSchoolIds, partnerEnterpriseIds };
          const current = existing.get(programmeCode);
          if (!current) {
            await this.offerings.insert(m, ctx, payload.organizationId, { programmeCode, ...fields });
            created += 1;
          } else if (await this.offerings.updateRow(m, ctx, current.id, fields)) {
            updated += 1;
          } else {
            unchanged += 1;
          }
          if (index % 20 === 0) await execution.reportProgress(30 + Math.floor((65 * index) / planned.length));
        }
      }
      return this.summary(ctx, payload, execution.jobId, {
        total: checked.valid.length + checked.failedRows,
        created,
        updated,
        unchanged,
        failed,
        errors: errors.slice(0, 1_000),
      });
    });
  }

  private async summary(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportOfferings>,
    jobId: string,
    result: ImportResult,
  ): Promise<ImportResult> {
    const { errors, ...counts } = result;
    await this.tx.run(ctx, () =>
      this.audit.record(ctx, {
        action: 'programmes.offering.imported',
        entityType: 'programme_offering',
        entityId: null,
        changes: { jobId, fileKey: payload.fileKey, organizationId: payload.organizationId, mode: payload.mode, ...counts, errorCount: errors.length },
      }),
    );
    this.logger.log(`Offerings import ${payload.fileKey}: ${result.total} rows, ${result.created} created, ${result.updated} updated, ${result.failed} failed`);
    return result;
  }
}
