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
  queryRows,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import {
  Checked,
  checkMappingRows,
  checkOccupationRows,
  checkProgrammeRows,
  GridLike,
  MappingValues,
  OccupationValues,
  ProgrammeValues,
  RowError,
} from '../domain/catalogue-rows';
import { CatalogueEdition } from '../entities/catalogue-edition.entity';
import { CatalogueList } from '../entities/programme-enums';
import { editionNotFound, invalidField, ProgrammesErrorCode } from '../exceptions/programmes.exception';
import { CatalogueService } from './catalogue.service';
import { readGrid, SheetFormat } from './sheet-grid';
import { UploadStore } from './upload-store';

export type CatalogueImportList = JobPayload<JobName.ImportCatalogue>['list'];
type ImportResult = JobResult<JobName.ImportCatalogue>;

/** Rows per statement. */
const BATCH_SIZE = 1_000;
const MAX_LISTED_ERRORS = 1_000;
/** Most data rows one file may hold (the full occupation list has 2,051). */
export const MAX_CATALOGUE_ROWS = 50_000;
const FILE_KEY = /^imports\/catalogue\/(programmes|occupations|programme_occupations)\/[0-9a-f]{64}\.(xlsx|csv)$/;

export interface CatalogueImportOptions {
  edition?: string;
  editionName?: string;
  makeCurrent?: boolean;
  occupationEdition?: string;
}

const DEFAULT_EDITION_NAMES: Record<CatalogueList, (edition: string) => string> = {
  [CatalogueList.Programmes]: (e) => `职业教育专业目录（${e}）`,
  [CatalogueList.Occupations]: (e) => `职业分类大典（${e}）`,
};

/**
 * Imports of the national lists (platform level): an upload is stored and imported by
 * the `programmes.import-catalogue` job, rows checked (catalogue-rows.ts), the valid ones
 * upserted by code within the edition, the others reported. The mapping names codes of
 * both lists: a pair whose programme or occupation the editions do not hold is reported
 * (row and code), never fails the file.
 */
@Injectable()
export class CatalogueImportService {
  private readonly logger = new Logger(CatalogueImportService.name);
  private readonly files: UploadStore;

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.files = new UploadStore(config.paths.storageDir);
  }

  /** Resolves the editions (a mapping needs both lists' editions to exist), stores the file and enqueues the job. */
  async requestImport(
    ctx: RequestContext,
    list: CatalogueImportList,
    upload: { content: Buffer; format: SheetFormat },
    options: CatalogueImportOptions,
  ): Promise<EnqueuedJob> {
    const payload = await this.tx.run(ctx, (m) => this.resolvePayload(m, list, options));
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const fileKey = `imports/catalogue/${list}/${sha256}.${upload.format}`;
    await this.files.store(fileKey, upload.content);
    return this.tx.run(ctx, () =>
      this.outbox.enqueue(ctx, JobName.ImportCatalogue, {
        ...payload,
        fileKey,
        format: upload.format,
        requestedBy: ctx.actor?.userId ?? null,
      }),
    );
  }

  private async resolvePayload(
    m: EntityManager,
    list: CatalogueImportList,
    options: CatalogueImportOptions,
  ): Promise<Pick<JobPayload<JobName.ImportCatalogue>, 'list' | 'edition' | 'editionName' | 'makeCurrent' | 'occupationEdition'>> {
    const editionList = list === 'occupations' ? CatalogueList.Occupations : CatalogueList.Programmes;
    let edition = options.edition ?? (await this.catalogue.currentEditionIn(m, editionList));
    if (!edition) {
      throw invalidField(ProgrammesErrorCode.EditionNotFound, 'edition', `edition is required: the ${editionList} list has no edition yet`);
    }
    edition = edition.trim();
    if (list !== 'programme_occupations') {
      return { list, edition, editionName: options.editionName ?? null, makeCurrent: options.makeCurrent ?? null, occupationEdition: null };
    }
    if (!(await m.findOne(CatalogueEdition, { where: { list: CatalogueList.Programmes, edition } }))) {
      throw editionNotFound(CatalogueList.Programmes, edition);
    }
    const occupationEdition = options.occupationEdition ?? (await this.catalogue.currentEditionIn(m, CatalogueList.Occupations));
    if (
      !occupationEdition ||
      !(await m.findOne(CatalogueEdition, { where: { list: CatalogueList.Occupations, edition: occupationEdition } }))
    ) {
      throw invalidField(
        ProgrammesErrorCode.EditionNotFound,
        'occupationEdition',
        `occupationEdition ${occupationEdition ?? '(none)'}: no such occupations edition; import the occupations first`,
      );
    }
    return { list, edition, editionName: null, makeCurrent: null, occupationEdition };
  }

  /** The job's work: read the stored file, then import it. */
  async runImport(
    ctx: RequestContext,
    payload: JobPayload<JobName.ImportCatalogue>,
    execution: Pick<JobExecution, 'jobId' | 'reportProgress'>,
  ): Promise<ImportResult> {
    const match = FILE_KEY.exec(payload.fileKey);
    if (!match || match[1] !== payload.list) throw new Error(`File key ${payload.fileKey} is not a ${payload.list} import`);
    const content = await this.files.read(payload.fileKey);
    await execution.reportProgress(5);
    let grid: GridLike;
    try {
      grid = await readGrid(content, payload.format);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return this.finish(ctx, payload, execution.jobId, {
        ...emptyResult(payload),
        errors: [{ row: 0, column: null, reason: `the file cannot be read as ${payload.format}: ${why}`, reasonZh: `无法按 ${payload.format} 格式读取文件：${why}` }],
      });
    }
    await execution.reportProgress(15);
    return this.importGrid(ctx, payload, grid, execution);
  }

  /**
   * Checks and writes a grid (the job's core; the demo seed calls it with the shipped
   * sample or the reference files). One transaction: the edition, every valid row, the audit entry.
   */
  async importGrid(
    ctx: RequestContext,
    payload: Pick<JobPayload<JobName.ImportCatalogue>, 'list' | 'edition' | 'editionName' | 'makeCurrent' | 'occupationEdition' | 'fileKey' | 'format'>,
    grid: GridLike,
    execution: Pick<JobExecution, 'jobId' | 'reportProgress'>,
  ): Promise<ImportResult> {
    if (grid.records.length === 0) {
      return this.finish(ctx, payload, execution.jobId, {
        ...emptyResult(payload),
        errors: [{ row: 0, column: null, reason: 'the file has no data rows', reasonZh: '文件中没有数据行' }],
      });
    }
    if (grid.records.length > MAX_CATALOGUE_ROWS) {
      return this.finish(ctx, payload, execution.jobId, {
        ...emptyResult(payload),
        total: grid.records.length,
        failed: grid.records.length,
        errors: [{ row: 0, column: null, reason: `the file has more than ${MAX_CATALOGUE_ROWS} data rows`, reasonZh: `文件数据行超过 ${MAX_CATALOGUE_ROWS} 行` }],
      });
    }
    return this.tx.run(ctx, async (m) => {
      let result: ImportResult;
      if (payload.list === 'programmes') {
        await this.ensureEdition(m, CatalogueList.Programmes, payload.edition, payload.editionName, payload.makeCurrent);
        result = await this.writeRows(m, payload, checkProgrammeRows(grid), (rows) => this.upsertProgrammes(m, payload.edition, rows), execution);
      } else if (payload.list === 'occupations') {
        await this.ensureEdition(m, CatalogueList.Occupations, payload.edition, payload.editionName, payload.makeCurrent);
        result = await this.writeRows(m, payload, checkOccupationRows(grid), (rows) => this.upsertOccupations(m, payload.edition, rows), execution);
      } else {
        result = await this.writeMapping(m, payload, checkMappingRows(grid), execution);
      }
      return this.finish(ctx, payload, execution.jobId, result);
    });
  }

  private async finish(
    ctx: RequestContext,
    payload: Pick<JobPayload<JobName.ImportCatalogue>, 'list' | 'edition' | 'fileKey' | 'format'>,
    jobId: string,
    result: ImportResult,
  ): Promise<ImportResult> {
    const { errors, unresolved, ...counts } = result;
    await this.tx.run(ctx, () =>
      this.audit.record(ctx, {
        consortiumId: null,
        action: 'programmes.catalogue.imported',
        entityType: 'catalogue_edition',
        entityId: null,
        changes: {
          jobId,
          fileKey: payload.fileKey,
          ...counts,
          errorCount: errors.length,
          unresolvedProgrammes: unresolved.programmeCodes.length,
          unresolvedOccupations: unresolved.occupationCodes.length,
        },
      }),
    );
    this.logger.log(
      `Catalogue import ${payload.list} ${payload.edition}: ${result.total} rows, ${result.created} created, ` +
        `${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} failed`,
    );
    return { ...result, errors: errors.slice(0, MAX_LISTED_ERRORS) };
  }

  /** Creates the edition if new; makes it current when asked (a new edition by default), the list's other editions no longer. */
  private async ensureEdition(
    m: EntityManager,
    list: CatalogueList,
    edition: string,
    name: string | null,
    makeCurrent: boolean | null,
  ): Promise<void> {
    const existing = await m.findOne(CatalogueEdition, { where: { list, edition }, lock: { mode: 'pessimistic_write' } });
    if (!existing) {
      await m.query(
        `INSERT INTO catalogue_editions (list, edition, name) VALUES ($1, $2, $3) ON CONFLICT (list, edition) DO NOTHING`,
        [list, edition, name ?? DEFAULT_EDITION_NAMES[list](edition)],
      );
    } else if (name && name !== existing.name) {
      await m.update(CatalogueEdition, { list, edition }, { name });
    }
    if (makeCurrent ?? !existing) {
      // The list's current edition changes in one place: lock every edition row of the list first.
      await m.query(`SELECT 1 FROM catalogue_editions WHERE list = $1 FOR UPDATE`, [list]);
      await m.query(`UPDATE catalogue_editions SET is_current = false, updated_at = now() WHERE list = $1 AND is_current AND edition <> $2`, [list, edition]);
      await m.query(`UPDATE catalogue_editions SET is_current = true, updated_at = now() WHERE list = $1 AND edition = $2 AND NOT is_current`, [list, edition]);
    }
  }

  private async writeRows<V>(
    _m: EntityManager,
    payload: Pick<JobPayload<JobName.ImportCatalogue>, 'list' | 'edition'>,
    checked: Checked<V>,
    upsert: (rows: V[]) => Promise<{ created: number; updated: number }>,
    execution: Pick<JobExecution, 'reportProgress'>,
  ): Promise<ImportResult> {
    let created = 0;
    let updated = 0;
    const rows = checked.valid.map((v) => v.values);
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      const written = await upsert(rows.slice(i, i + BATCH_SIZE));
      created += written.created;
      updated += written.updated;
      await execution.reportProgress(20 + Math.floor((75 * Math.min(rows.length, i + BATCH_SIZE)) / rows.length));
    }
    return {
      list: payload.list,
      edition: payload.edition,
      total: rows.length + checked.failedRows,
      created,
      updated,
      unchanged: rows.length - created - updated,
      failed: checked.failedRows,
      errors: checked.errors,
      unresolved: { programmeCodes: [], occupationCodes: [] },
    };
  }

  private async upsertProgrammes(m: EntityManager, edition: string, rows: ProgrammeValues[]): Promise<{ created: number; updated: number }> {
    const written = await queryRows<{ inserted: boolean }>(
      m,
      `INSERT INTO catalogue_programmes
         (edition, code, name, level, category_code, category_name, class_code, class_name, national_control)
       SELECT $1, r.code, r.name, r.level, r."categoryCode", r."categoryName", r."classCode", r."className", r."nationalControl"
         FROM jsonb_to_recordset($2::jsonb) AS r(code text, name text, level text, "categoryCode" text, "categoryName" text,
                                                 "classCode" text, "className" text, "nationalControl" boolean)
       ON CONFLICT (edition, code) DO UPDATE SET
         name = EXCLUDED.name, level = EXCLUDED.level, category_code = EXCLUDED.category_code,
         category_name = EXCLUDED.category_name, class_code = EXCLUDED.class_code, class_name = EXCLUDED.class_name,
         national_control = EXCLUDED.national_control, updated_at = now()
       WHERE (catalogue_programmes.name, catalogue_programmes.level, catalogue_programmes.category_code,
              catalogue_programmes.category_name, catalogue_programmes.class_code, catalogue_programmes.class_name,
              catalogue_programmes.national_control)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.level, EXCLUDED.category_code, EXCLUDED.category_name,
                               EXCLUDED.class_code, EXCLUDED.class_name, EXCLUDED.national_control)
       RETURNING (xmax = 0) AS inserted`,
      [edition, JSON.stringify(rows)],
    );
    return countWritten(written);
  }

  private async upsertOccupations(m: EntityManager, edition: string, rows: OccupationValues[]): Promise<{ created: number; updated: number }> {
    const written = await queryRows<{ inserted: boolean }>(
      m,
      `INSERT INTO catalogue_occupations
         (edition, code, level, parent_code, name, is_digital, is_green, definition, main_tasks)
       SELECT $1, r.code, r.level, r."parentCode", r.name, r."isDigital", r."isGreen", r.definition, r."mainTasks"
         FROM jsonb_to_recordset($2::jsonb) AS r(code text, level smallint, "parentCode" text, name text,
                                                 "isDigital" boolean, "isGreen" boolean, definition text, "mainTasks" text)
       ON CONFLICT (edition, code) DO UPDATE SET
         level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, name = EXCLUDED.name,
         is_digital = EXCLUDED.is_digital, is_green = EXCLUDED.is_green, definition = EXCLUDED.definition,
         main_tasks = EXCLUDED.main_tasks, updated_at = now()
       WHERE (catalogue_occupations.level, catalogue_occupations.parent_code, catalogue_occupations.name,
              catalogue_occupations.is_digital, catalogue_occupations.is_green, catalogue_occupations.definition,
              catalogue_occupations.main_tasks)
             IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.parent_code, EXCLUDED.name, EXCLUDED.is_digital,
                               EXCLUDED.is_green, EXCLUDED.definition, EXCLUDED.main_tasks)
       RETURNING (xmax = 0) AS inserted`,
      [edition, JSON.stringify(rows)],
    );
    return countWritten(written);
  }

  /** Pairs whose codes both lists hold are upserted; the others are reported with their codes. */
  private async writeMapping(
    m: EntityManager,
    payload: Pick<JobPayload<JobName.ImportCatalogue>, 'list' | 'edition' | 'occupationEdition'>,
    checked: Checked<MappingValues>,
    execution: Pick<JobExecution, 'reportProgress'>,
  ): Promise<ImportResult> {
    const occupationEdition = payload.occupationEdition as string;
    const programmeCodes = new Set(
      (await queryRows<{ code: string }>(m, `SELECT code FROM catalogue_programmes WHERE edition = $1`, [payload.edition])).map((r) => r.code),
    );
    const occupationLevels = new Map(
      (
        await queryRows<{ code: string; level: number }>(m, `SELECT code, level FROM catalogue_occupations WHERE edition = $1`, [
          occupationEdition,
        ])
      ).map((r) => [r.code, Number(r.level)]),
    );
    const errors: RowError[] = [...checked.errors];
    const unresolvedProgrammes = new Set<string>();
    const unresolvedOccupations = new Set<string>();
    const resolved: MappingValues[] = [];
    let failed = checked.failedRows;
    for (const { row, values } of checked.valid) {
      const problems: RowError[] = [];
      if (!programmeCodes.has(values.programmeCode)) {
        unresolvedProgrammes.add(values.programmeCode);
        problems.push({
          row,
          column: '专业代码',
          reason: `programme ${values.programmeCode} is not in catalogue edition ${payload.edition}`,
          reasonZh: `专业目录（${payload.edition}）中没有专业代码 ${values.programmeCode}`,
        });
      }
      const level = occupationLevels.get(values.occupationCode);
      if (level === undefined) {
        unresolvedOccupations.add(values.occupationCode);
        problems.push({
          row,
          column: '职业代码',
          reason: `occupation ${values.occupationCode} is not in occupations edition ${occupationEdition}`,
          reasonZh: `职业分类大典（${occupationEdition}）中没有职业代码 ${values.occupationCode}`,
        });
      } else if (level < 3) {
        problems.push({
          row,
          column: '职业代码',
          reason: `occupation ${values.occupationCode} is a 大类/中类: map a 小类 or 细类`,
          reasonZh: `职业代码 ${values.occupationCode} 为大类或中类，应对应到小类或细类`,
        });
      }
      if (problems.length > 0) {
        failed += 1;
        errors.push(...problems);
      } else {
        resolved.push(values);
      }
    }
    errors.sort((a, b) => a.row - b.row);
    let created = 0;
    for (let i = 0; i < resolved.length; i += BATCH_SIZE) {
      const written = await queryRows<{ programmeCode: string }>(
        m,
        `INSERT INTO catalogue_programme_occupations (edition, programme_code, occupation_edition, occupation_code)
         SELECT $1, r."programmeCode", $2, r."occupationCode"
           FROM jsonb_to_recordset($3::jsonb) AS r("programmeCode" text, "occupationCode" text)
         ON CONFLICT (edition, programme_code, occupation_code) DO NOTHING
         RETURNING programme_code AS "programmeCode"`,
        [payload.edition, occupationEdition, JSON.stringify(resolved.slice(i, i + BATCH_SIZE))],
      );
      created += written.length;
      await execution.reportProgress(20 + Math.floor((75 * Math.min(resolved.length, i + BATCH_SIZE)) / resolved.length));
    }
    return {
      list: payload.list,
      edition: payload.edition,
      total: checked.valid.length + checked.failedRows,
      created,
      updated: 0,
      unchanged: resolved.length - created,
      failed,
      errors,
      unresolved: { programmeCodes: [...unresolvedProgrammes].sort(), occupationCodes: [...unresolvedOccupations].sort() },
    };
  }
}

function countWritten(rows: Array<{ inserted: boolean }>): { created: number; updated: number } {
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created };
}

function emptyResult(payload: Pick<JobPayload<JobName.ImportCatalogue>, 'list' | 'edition'>): ImportResult {
  return {
    list: payload.list,
    edition: payload.edition,
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    errors: [],
    unresolved: { programmeCodes: [], occupationCodes: [] },
  };
}
