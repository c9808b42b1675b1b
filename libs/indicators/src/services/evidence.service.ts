import { randomUUID } from 'node:crypto';
import { createReadStream, ReadStream } from 'node:fs';
import { mkdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  findOneOrThrow,
  queryRow,
  ReceivedFile,
  RequestContext,
  TransactionService,
} from '@chanjiao/core';
import { EntityManager } from 'typeorm';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_TYPE_NAMES,
  EVIDENCE_TYPES,
  recognizeEvidence,
  safeFileName,
} from '../domain/evidence-files';
import { EvidenceDto } from '../dto/report.dto';
import { IndicatorEvidence } from '../entities/indicator-evidence.entity';
import { IndicatorsErrorCode, IndicatorsException } from '../exceptions/indicators.exception';
import { ReportsService } from './reports.service';

const evidenceNotFound = (id: string) =>
  new IndicatorsException(IndicatorsErrorCode.EvidenceNotFound, `Evidence file ${id} not found`);

/** An evidence file opened for download. */
export interface EvidenceDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  stream: ReadStream;
}

function toDto(row: IndicatorEvidence): EvidenceDto {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedAt: row.createdAt.toISOString(),
  };
}

/**
 * Evidence files (佐证材料) of reports, stored under STORAGE_DIR
 * (`evidence/<consortium>/<report>/<evidence id>`), with their SHA-256 and the type
 * recognised from their first bytes. Added and removed only while the report is
 * editable by the caller (the report's own lock rules, 423 with the reason); read with
 * the report's visibility. A refused upload leaves nothing on disk: the file is written
 * to a temporary name, checked, renamed, and removed again if the row cannot be written.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `receive` writes the uploaded file to the path it is given (and leaves nothing there when it fails). */
  async upload(
    ctx: RequestContext,
    reportId: string,
    receive: (destination: string, maxBytes: number) => Promise<ReceivedFile>,
  ): Promise<EvidenceDto> {
    // Refuse before reading the body when the report cannot take evidence now.
    await this.tx.run(ctx, async (m) => {
      await this.reports.editable(m, ctx, reportId);
      await this.assertRoom(m, ctx, reportId);
    });
    const id = randomUUID();
    const storageKey = `evidence/${ctx.consortiumId}/${reportId}/${id}`;
    const path = this.storagePath(storageKey);
    const temporary = `${path}.part`;
    await mkdir(dirname(path), { recursive: true });
    try {
      const received = await receive(temporary, EVIDENCE_MAX_BYTES);
      if (received.tooLarge) {
        throw new IndicatorsException(
          IndicatorsErrorCode.EvidenceTooLarge,
          `The evidence file is larger than the limit of ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB`,
          {
            field: 'file',
            limitBytes: EVIDENCE_MAX_BYTES,
            messageZh: `佐证材料超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB 的上限`,
          },
        );
      }
      if (received.sizeBytes === 0) {
        throw new IndicatorsException(IndicatorsErrorCode.InvalidValue, 'The evidence file is empty', {
          field: 'file',
        });
      }
      const type = recognizeEvidence(received.head, received.fileName);
      if (!type) {
        throw new IndicatorsException(
          IndicatorsErrorCode.EvidenceTypeNotAllowed,
          `The evidence file must be one of ${EVIDENCE_TYPE_NAMES} (recognised by its content, not its name)`,
          {
            field: 'file',
            accepted: EVIDENCE_TYPES.map((t) => t.contentType),
            messageZh: `佐证材料仅限 ${EVIDENCE_TYPE_NAMES} 格式`,
          },
        );
      }
      await rename(temporary, path);
      return await this.tx.run(ctx, async (m) => {
        await this.reports.editable(m, ctx, reportId);
        await this.assertRoom(m, ctx, reportId);
        const row = m.create(IndicatorEvidence, {
          id,
          consortiumId: ctx.consortiumId as string,
          reportId,
          fileName: safeFileName(received.fileName, type),
          contentType: type.contentType,
          sizeBytes: received.sizeBytes,
          sha256: received.sha256,
          storageKey,
          uploadedBy: ctx.actor?.userId ?? null,
        });
        const saved = await m.save(row);
        await this.audit.record(ctx, {
          action: 'indicators.evidence.uploaded',
          entityType: 'indicator_evidence',
          entityId: id,
          changes: {
            reportId,
            fileName: row.fileName,
            contentType: row.contentType,
            sizeBytes: row.sizeBytes,
            sha256: row.sha256,
          },
        });
        return toDto(saved);
      });
    } catch (error) {
      await Promise.all([unlink(temporary).catch(() => undefined), unlink(path).catch(() => undefined)]);
      // The report's folder too, when this was its only file (rmdir refuses a folder that is not empty).
      await rmdir(dirname(path)).catch(() => undefined);
      throw error;
    }
  }

  /** The file of an evidence row, with the report's visibility (a member: its own organization's; an observer: approved). */
  async open(ctx: RequestContext, reportId: string, evidenceId: string): Promise<EvidenceDownload> {
    const row = await this.tx.run(ctx, async (m) => {
      await this.reports.visible(m, ctx, reportId);
      return findOneOrThrow(m, IndicatorEvidence, { id: evidenceId, consortiumId: ctx.consortiumId, reportId }, () =>
        evidenceNotFound(evidenceId),
      );
    });
    const path = this.storagePath(row.storageKey);
    const present = await stat(path).catch(() => undefined);
    if (!present?.isFile()) {
      this.logger.warn(`Evidence ${evidenceId} has no file at ${row.storageKey}`);
      throw new IndicatorsException(
        IndicatorsErrorCode.EvidenceNotFound,
        `The file of evidence ${evidenceId} is missing from storage`,
      );
    }
    return {
      fileName: row.fileName,
      contentType: row.contentType,
      sizeBytes: present.size,
      stream: createReadStream(path),
    };
  }

  /** Removes an evidence file while its report is editable by the caller; the file goes once the row is gone. */
  async remove(ctx: RequestContext, reportId: string, evidenceId: string): Promise<void> {
    const storageKey = await this.tx.run(ctx, async (m) => {
      await this.reports.editable(m, ctx, reportId);
      const row = await findOneOrThrow(
        m,
        IndicatorEvidence,
        { id: evidenceId, consortiumId: ctx.consortiumId, reportId },
        () => evidenceNotFound(evidenceId),
      );
      await m.delete(IndicatorEvidence, { id: evidenceId, consortiumId: ctx.consortiumId });
      await this.audit.record(ctx, {
        action: 'indicators.evidence.deleted',
        entityType: 'indicator_evidence',
        entityId: evidenceId,
        changes: { reportId, fileName: row.fileName, sha256: row.sha256 },
      });
      return row.storageKey;
    });
    await unlink(this.storagePath(storageKey)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') this.logger.warn(`Cannot remove ${storageKey}: ${error.message}`);
    });
  }

  private async assertRoom(m: EntityManager, ctx: RequestContext, reportId: string) {
    const { n } = (await queryRow<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM indicator_evidence WHERE consortium_id = $1 AND report_id = $2`,
      [ctx.consortiumId, reportId],
    )) ?? { n: 0 };
    if (n >= EVIDENCE_MAX_FILES) {
      throw new IndicatorsException(
        IndicatorsErrorCode.InvalidValue,
        `A report holds at most ${EVIDENCE_MAX_FILES} evidence files: remove one first`,
        { field: 'file', limit: EVIDENCE_MAX_FILES },
      );
    }
  }

  private storagePath(key: string): string {
    const root = resolve(this.config.paths.storageDir);
    const path = resolve(root, key);
    if (!path.startsWith(root + sep)) throw new Error(`Storage key ${key} leaves the storage directory`);
    return path;
  }
}
