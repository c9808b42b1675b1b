import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  Clock,
  CursorPage,
  findOneOrThrow,
  isUniqueViolation,
  KeysetOrder,
  keysetPage,
  queryRow,
  RequestContext,
  systemContext,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import { DEFAULT_FRAMEWORK } from '../domain/default-framework';
import {
  checkFrameworkDocument,
  flattenNodes,
  FrameworkDocument,
  normalizeFrameworkDocument,
} from '../domain/framework-document';
import { diffFrameworks, FrameworkDiff } from '../domain/framework-diff';
import { FrameworkListQueryDto } from '../dto/framework.dto';
import { FrameworkStatus } from '../entities/indicator-enums';
import { IndicatorFramework } from '../entities/indicator-framework.entity';
import { IndicatorNode } from '../entities/indicator-node.entity';
import {
  frameworkNotFound,
  IndicatorsErrorCode,
  IndicatorsException,
  invalidFramework,
} from '../exceptions/indicators.exception';
import { frameworkToWorkbook, problemRows, workbookToFramework } from './framework-workbook';

const BY_CODE_NEWEST_FIRST: KeysetOrder[] = [
  { expression: 'f.code', direction: 'ASC' },
  { expression: 'f.version', direction: 'DESC' },
  { expression: 'f.id', direction: 'ASC' },
];

/** The stored form of a document: JSON with keys in a stable order, so equal trees compare equal. */
function canonical(document: FrameworkDocument): string {
  const sort = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sort)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sort(v)]),
          )
        : value;
  return JSON.stringify(sort(document));
}

export interface ImportedFramework {
  framework: IndicatorFramework;
  /** False when the document equals the latest version of its code (nothing was written). */
  created: boolean;
}

/**
 * Indicator frameworks (建设指标体系): versions of a tree of indicators whose leaves are
 * observation points. Platform admins import, edit drafts, publish and copy versions;
 * a published version never changes (the database refuses it).
 */
@Injectable()
export class FrameworksService {
  private readonly logger = new Logger(FrameworksService.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, query: FrameworkListQueryDto): Promise<CursorPage<IndicatorFramework>> {
    return this.tx.run(ctx, (m) => {
      const qb = m.createQueryBuilder(IndicatorFramework, 'f');
      if (query.code) qb.andWhere('f.code = :code', { code: query.code });
      if (query.status) qb.andWhere('f.status = :status', { status: query.status });
      return keysetPage(qb, BY_CODE_NEWEST_FIRST, query);
    });
  }

  get(ctx: RequestContext, frameworkId: string): Promise<IndicatorFramework> {
    return this.tx.run(ctx, (m) => this.framework(m, frameworkId));
  }

  /** The nodes of a version, in tree order (parents before children, siblings by position). */
  nodes(ctx: RequestContext, frameworkId: string): Promise<IndicatorNode[]> {
    return this.tx.run(ctx, async (m) => {
      await this.framework(m, frameworkId);
      return m.find(IndicatorNode, { where: { frameworkId }, order: { depth: 'ASC', position: 'ASC' } });
    });
  }

  /** Imports a JSON document as the next version of its code (draft, or published at once). */
  importDocument(ctx: RequestContext, input: unknown, options: { publish: boolean }): Promise<ImportedFramework> {
    const problems = checkFrameworkDocument(input);
    if (problems.length > 0) throw invalidFramework(problems);
    return this.store(ctx, normalizeFrameworkDocument(input as FrameworkDocument), options);
  }

  /** Imports an xlsx workbook (the export's layout); problems name their sheet, row and column. */
  async importWorkbook(
    ctx: RequestContext,
    content: Buffer,
    options: { publish: boolean },
  ): Promise<ImportedFramework> {
    const read = await workbookToFramework(content);
    if (!read.document || read.problems.length > 0) throw invalidFramework(read.problems);
    const problems = checkFrameworkDocument(read.document);
    if (problems.length > 0) throw invalidFramework(problemRows(read.document, problems, read.rowOf));
    return this.store(ctx, normalizeFrameworkDocument(read.document), options);
  }

  /** Replaces the document of a draft version (its code stays). */
  async replaceDraft(ctx: RequestContext, frameworkId: string, input: unknown): Promise<IndicatorFramework> {
    const problems = checkFrameworkDocument(input);
    if (problems.length > 0) throw invalidFramework(problems);
    const document = normalizeFrameworkDocument(input as FrameworkDocument);
    return this.tx.run(ctx, async (m) => {
      const draft = await this.draft(m, frameworkId);
      if (document.code.toUpperCase() !== draft.code.toUpperCase()) {
        throw new IndicatorsException(
          IndicatorsErrorCode.FrameworkCodeChanged,
          `code must stay ${draft.code}: a document with another code is imported as its own framework`,
          { field: 'code' },
        );
      }
      await m.delete(IndicatorNode, { frameworkId });
      await m.update(IndicatorFramework, { id: frameworkId }, this.columnsOf(document));
      await this.insertNodes(m, frameworkId, document);
      await this.audit.record(ctx, {
        consortiumId: null,
        action: 'indicators.framework.draft_replaced',
        entityType: 'indicator_framework',
        entityId: frameworkId,
        changes: { ...this.summary(draft), diff: diffFrameworks(draft.document, document) },
      });
      return this.framework(m, frameworkId);
    });
  }

  /** Publishes a draft: from now on it is immutable and periods may use it. */
  publish(ctx: RequestContext, frameworkId: string): Promise<IndicatorFramework> {
    return this.tx.run(ctx, async (m) => {
      const draft = await this.draft(m, frameworkId);
      await m.update(
        IndicatorFramework,
        { id: frameworkId },
        { status: FrameworkStatus.Published, publishedAt: this.clock.now() },
      );
      await this.audit.record(ctx, {
        consortiumId: null,
        action: 'indicators.framework.published',
        entityType: 'indicator_framework',
        entityId: frameworkId,
        changes: this.summary(draft),
      });
      return this.framework(m, frameworkId);
    });
  }

  /** A new draft version of the same code, starting from this version's document. */
  copy(ctx: RequestContext, frameworkId: string): Promise<IndicatorFramework> {
    return this.tx.run(ctx, async (m) => {
      const source = await this.framework(m, frameworkId);
      const created = await this.insertVersion(m, ctx, source.document, {
        publish: false,
        basedOnId: source.id,
      });
      return created;
    });
  }

  async diff(ctx: RequestContext, frameworkId: string, againstId: string): Promise<FrameworkDiff> {
    return this.tx.run(ctx, async (m) => {
      const [from, to] = [await this.framework(m, againstId), await this.framework(m, frameworkId)];
      return diffFrameworks(from.document, to.document);
    });
  }

  async export(ctx: RequestContext, frameworkId: string, format: 'json' | 'xlsx'): Promise<Buffer> {
    const framework = await this.get(ctx, frameworkId);
    return format === 'json'
      ? Buffer.from(JSON.stringify(framework.document, null, 2))
      : frameworkToWorkbook(framework.document);
  }

  /** The default framework exists, published, on every platform (idempotent; run at boot). */
  async ensureDefault(): Promise<void> {
    const ctx = systemContext({ requestId: 'bootstrap-indicator-framework' });
    try {
      const { created } = await this.store(ctx, normalizeFrameworkDocument(DEFAULT_FRAMEWORK), {
        publish: true,
        onlyIfAbsent: true,
      });
      if (created) this.logger.log(`Default indicator framework ${DEFAULT_FRAMEWORK.code} published`);
    } catch (error) {
      // Another process published it at the same moment.
      if (!isUniqueViolation(error, 'indicator_framework_version_key')) throw error;
    }
  }

  private async store(
    ctx: RequestContext,
    document: FrameworkDocument,
    options: { publish: boolean; onlyIfAbsent?: boolean },
  ): Promise<ImportedFramework> {
    return this.tx.run(ctx, async (m) => {
      // One import per code at a time, so versions are numbered without gaps or races.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended(upper($1), 11))`, [document.code]);
      const latest = await m.findOne(IndicatorFramework, {
        where: { code: document.code },
        order: { version: 'DESC' },
      });
      if (latest && (options.onlyIfAbsent || canonical(latest.document) === canonical(document))) {
        return { framework: latest, created: false };
      }
      return { framework: await this.insertVersion(m, ctx, document, options), created: true };
    });
  }

  private async insertVersion(
    m: EntityManager,
    ctx: RequestContext,
    document: FrameworkDocument,
    options: { publish: boolean; basedOnId?: string },
  ): Promise<IndicatorFramework> {
    const last = await queryRow<{ version: number }>(
      m,
      `SELECT coalesce(max(version), 0)::int AS version FROM indicator_framework WHERE code = $1`,
      [document.code],
    );
    const id = randomUUID();
    // Nodes first, while the version is still a draft (published nodes cannot be written).
    await m.insert(IndicatorFramework, {
      id,
      ...this.columnsOf(document),
      version: (last?.version ?? 0) + 1,
      status: FrameworkStatus.Draft,
      basedOnId: options.basedOnId ?? null,
      createdBy: ctx.actor?.userId ?? null,
    });
    await this.insertNodes(m, id, document);
    if (options.publish) {
      await m.update(IndicatorFramework, { id }, { status: FrameworkStatus.Published, publishedAt: this.clock.now() });
    }
    const framework = await this.framework(m, id);
    await this.audit.record(ctx, {
      consortiumId: null,
      action: 'indicators.framework.imported',
      entityType: 'indicator_framework',
      entityId: id,
      changes: { ...this.summary(framework), basedOnId: options.basedOnId ?? null },
    });
    return framework;
  }

  private columnsOf(document: FrameworkDocument) {
    return {
      code: document.code,
      nameZh: document.name['zh-CN'],
      nameEn: document.name.en,
      description: document.description ?? null,
      document,
    };
  }

  private async insertNodes(m: EntityManager, frameworkId: string, document: FrameworkDocument): Promise<void> {
    const rows = flattenNodes(document).map(({ node, depth, parentCode, position }) => {
      const point = node.point;
      return {
        frameworkId,
        code: node.code,
        parentCode,
        depth,
        position,
        nameZh: node.name['zh-CN'],
        nameEn: node.name.en,
        weight: String(node.weight ?? 1),
        isPoint: point !== undefined,
        unit: point?.unit ?? null,
        valueType: point?.valueType ?? null,
        direction: point?.direction ?? null,
        aggregation: point?.aggregation ?? null,
        weightBy: point?.weightBy ?? null,
        numerator: point?.numerator ?? null,
        denominator: point?.denominator ?? null,
        reporter: point?.reporter ?? null,
        targetNumber: typeof point?.target === 'number' ? String(point.target) : null,
        targetBoolean: typeof point?.target === 'boolean' ? point.target : null,
        veto: point?.veto ?? false,
        evidenceRequired: point?.evidenceRequired ?? false,
        minValue: typeof point?.min === 'number' ? String(point.min) : null,
        maxValue: typeof point?.max === 'number' ? String(point.max) : null,
      };
    });
    for (let start = 0; start < rows.length; start += 500) {
      await m.insert(IndicatorNode, rows.slice(start, start + 500));
    }
  }

  private framework(m: EntityManager, frameworkId: string): Promise<IndicatorFramework> {
    return findOneOrThrow(m, IndicatorFramework, { id: frameworkId }, () => frameworkNotFound(frameworkId));
  }

  /** The version, locked, if it is still a draft; a published one answers 409 naming the way forward. */
  private async draft(m: EntityManager, frameworkId: string): Promise<IndicatorFramework> {
    const framework = await findOneOrThrow(
      m,
      IndicatorFramework,
      { id: frameworkId },
      () => frameworkNotFound(frameworkId),
      { lock: 'update' },
    );
    if (framework.status === FrameworkStatus.Published) {
      throw new IndicatorsException(
        IndicatorsErrorCode.FrameworkPublished,
        `${framework.code} version ${framework.version} is published and cannot change; ` +
          `copy it into a new version (POST …/${frameworkId}/versions) or import a new one`,
        { version: framework.version },
      );
    }
    return framework;
  }

  private summary(framework: IndicatorFramework) {
    return { code: framework.code, version: framework.version, status: framework.status };
  }
}
