import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { escapeLike } from '../database/like-pattern';
import { TransactionService } from '../database/transaction.service';
import { CursorPage } from '../pagination/cursor-page.dto';
import { KeysetOrder, keysetPage } from '../pagination/keyset';
import { instantOf } from '../validation/date-validators';
import { AuditLogEntry } from './audit-log-entry.entity';
import { AuditLogQueryDto } from './audit-log.dto';

export interface AuditRecord {
  /** `<context>.<entity>.<verb>`, e.g. `identity.user.created`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What changed, e.g. `{ role: { from: 'member', to: 'observer' } }`; never secrets. */
  changes?: Record<string, unknown>;
  /** Defaults to the context's consortium; `null` for platform-level actions. */
  consortiumId?: string | null;
}

/** The entry's consortium: the context's tenant unless the entry names one (or `null`, platform level). */
function consortiumOf(ctx: RequestContext, entry: AuditRecord): string | null {
  return entry.consortiumId === undefined ? (ctx.consortiumId ?? null) : entry.consortiumId;
}

const NEWEST_FIRST: KeysetOrder[] = [{ expression: 'a.id', direction: 'DESC' }];

/**
 * The audit trail. `record` joins the caller's open transaction, so an entry
 * exists if and only if the change it describes committed.
 */
@Injectable()
export class AuditService {
  constructor(private readonly tx: TransactionService) {}

  async record(ctx: RequestContext, entry: AuditRecord): Promise<void> {
    // Plain INSERT (no RETURNING): platform-level rows are not readable under the tenant policy.
    await this.tx.run(ctx, (m) =>
      m.query(
        `INSERT INTO audit_log (consortium_id, actor_user_id, action, entity_type, entity_id, changes, request_id, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          consortiumOf(ctx, entry),
          ctx.actor?.userId ?? null,
          entry.action,
          entry.entityType,
          entry.entityId ?? null,
          JSON.stringify(entry.changes ?? {}),
          ctx.requestId,
          ctx.ip ?? null,
        ],
      ),
    );
  }

  /**
   * Many entries of one change in one statement (a set-based update's rows): the same as
   * calling `record` for each, in order, with one INSERT however many there are. Joins the
   * caller's open transaction as `record` does; nothing is written for an empty list.
   */
  async recordMany(ctx: RequestContext, entries: readonly AuditRecord[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <T>(pick: (entry: AuditRecord) => T): T[] => entries.map(pick);
    // One array parameter a column (unnest), so the statement's size does not grow with the rows.
    await this.tx.run(ctx, (m) =>
      m.query(
        `INSERT INTO audit_log (consortium_id, actor_user_id, action, entity_type, entity_id, changes, request_id, ip)
         SELECT e.consortium_id, $6::uuid, e.action, e.entity_type, e.entity_id, e.changes, $7::text, $8::text
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
                WITH ORDINALITY AS e (consortium_id, action, entity_type, entity_id, changes, n)
          ORDER BY e.n`,
        [
          column((entry) => consortiumOf(ctx, entry)),
          column((entry) => entry.action),
          column((entry) => entry.entityType),
          column((entry) => entry.entityId ?? null),
          column((entry) => JSON.stringify(entry.changes ?? {})),
          ctx.actor?.userId ?? null,
          ctx.requestId,
          ctx.ip ?? null,
        ],
      ),
    );
  }

  /** The consortium's trail, newest first, filtered; row-level security limits it to `ctx.consortiumId`. */
  list(ctx: RequestContext, query: AuditLogQueryDto): Promise<CursorPage<AuditLogEntry>> {
    const consortiumId = ctx.consortiumId;
    if (!consortiumId) throw new Error('AuditService.list needs a consortium; platform entries: listPlatform');
    return this.tx.run(ctx, (m) => this.page(m, query, { consortiumId }));
  }

  /**
   * Platform-level entries (no consortium: accounts, platform-admin grants, cross-consortium
   * reads). Platform admins only; the rows are readable only on the audited cross-consortium
   * path, so each read is itself recorded.
   */
  listPlatform(ctx: RequestContext, query: AuditLogQueryDto): Promise<CursorPage<AuditLogEntry>> {
    return this.tx.runAcrossConsortia(ctx, 'read the platform audit log', (m) => this.page(m, query, 'platform'));
  }

  private async page(
    m: EntityManager,
    query: AuditLogQueryDto,
    scope: { consortiumId: string } | 'platform',
  ): Promise<CursorPage<AuditLogEntry>> {
    const qb = m.createQueryBuilder(AuditLogEntry, 'a');
    if (scope === 'platform') qb.where('a.consortium_id IS NULL');
    else qb.where('a.consortium_id = :cid', { cid: scope.consortiumId });
    if (query.actorUserId) qb.andWhere('a.actor_user_id = :actor', { actor: query.actorUserId });
    if (query.entityType) qb.andWhere('a.entity_type = :type', { type: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :eid', { eid: query.entityId });
    const action = query.action;
    if (action) {
      qb.andWhere(
        new Brackets((w) =>
          w.where('a.action = :action', { action }).orWhere(`a.action LIKE :prefix ESCAPE '\\'`, {
            // The filter is a literal prefix: % and _ in it match themselves.
            prefix: `${escapeLike(action)}.%`,
          }),
        ),
      );
    }
    if (query.from) qb.andWhere('a.created_at >= :from', { from: instantOf(query.from) });
    if (query.to) qb.andWhere('a.created_at < :to', { to: instantOf(query.to) });
    return keysetPage(qb, NEWEST_FIRST, query);
  }
}
