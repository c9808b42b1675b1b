import { randomUUID } from 'node:crypto';
import { Injectable, Type } from '@nestjs/common';
import {
  addDays,
  AuditService,
  chinaStartOfDay,
  Clock,
  CursorPage,
  CursorPageQueryDto,
  escapeLike,
  findOneOrThrow,
  keysetPage,
  RequestContext,
  sortOrder,
  TransactionService,
  updateAudited,
} from '@chanjiao/core';
import { EntityManager, FindOptionsWhere, SelectQueryBuilder } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  EDITABLE_STATUSES,
  nextStatus,
  PostingAction,
  validUntilProblem,
  visibleTo,
} from '../domain/posting-lifecycle';
import { canonicalSkill } from '../domain/skills';
import { PostingListQueryBase } from '../dto/demand-posting.dto';
import { PostingTransitionDto } from '../dto/posting-common.dto';
import { Posting } from '../entities/posting.entity';
import { PostingStatus } from '../entities/talent-enums';
import { invalidField, invalidTransition, postingNotFound, readOnlyPosting } from '../exceptions/talent.exception';
import { PostingViewer, viewerOf } from './posting-access';

type Side = 'demand' | 'supply';

/** Which side a call is about: its entity (table), its name in errors and its audit names. */
export interface PostingKind<E extends Posting> {
  entity: Type<E>;
  name: Side;
  /** The audit entries' `entityType`, and the prefix of their `action` (`<prefix>.created`, `<prefix>.publish`, …). */
  entityType: `talent_${Side}_posting`;
  action: `talent.${Side}_posting`;
}

/** The kind of `entity`'s side: audited as `talent_<side>_posting`, actions `talent.<side>_posting.<verb>`. */
export function postingKind<E extends Posting>(entity: Type<E>, name: Side): PostingKind<E> {
  return { entity, name, entityType: `talent_${name}_posting`, action: `talent.${name}_posting` };
}

/** A list query: the filters both sides share, paging, and the side's `sort`. */
export type PostingListQuery = PostingListQueryBase & CursorPageQueryDto & { sort?: string };

/** A new draft's own fields: everything but what the lifecycle sets (id, tenant, status, creator, times). */
export type DraftFields<E extends Posting> = Omit<
  QueryDeepPartialEntity<E>,
  'id' | 'consortiumId' | 'status' | 'createdBy' | 'publishedAt' | 'closedAt' | 'closedBy' | 'closeReason'
>;

/** No member organization has this id: a viewer without one matches nothing. */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/**
 * What demand and supply postings share: who sees which posting, the lifecycle
 * (`nextStatus`: publish, close with a reason, fill, reopen; the daily expiry), the
 * filters both lists have, and the audited create and edit around each side's own
 * fields. Each side's service keeps its fields and its rules (who may post, codes,
 * offerings) and calls this with its `PostingKind`.
 */
@Injectable()
export class PostingLifecycleService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Postings visible to the caller (all for moderators; own and non-draft for others), as `p`. */
  visibleQuery<E extends Posting>(m: EntityManager, ctx: RequestContext, kind: PostingKind<E>): SelectQueryBuilder<E> {
    const viewer = viewerOf(ctx);
    const qb = m.createQueryBuilder(kind.entity, 'p').where('p.consortium_id = :cid', { cid: ctx.consortiumId });
    const visible = visibleSql(viewer, 'p.', ':ownOrg');
    if (visible) qb.andWhere(visible, { ownOrg: viewer.organizationId ?? NO_ORGANIZATION });
    return qb;
  }

  /** A keyset page of visible postings: the shared filters, then the side's own (`filter`), sorted by `sortColumns`. */
  list<E extends Posting>(
    ctx: RequestContext,
    kind: PostingKind<E>,
    query: PostingListQuery,
    sortColumns: Readonly<Record<string, string>>,
    filter: (qb: SelectQueryBuilder<E>) => void,
  ): Promise<CursorPage<E>> {
    return this.tx.run(ctx, (m) => {
      const qb = this.visibleQuery(m, ctx, kind);
      applyCommonFilters(qb, ctx, query);
      filter(qb);
      return keysetPage(qb, sortOrder(query.sort ?? '-publishedAt', sortColumns, 'p.id'), query);
    });
  }

  /** One posting; another organization's draft answers 404 like a missing one. */
  get<E extends Posting>(ctx: RequestContext, kind: PostingKind<E>, id: string): Promise<E> {
    return this.tx.run(ctx, async (m) => {
      const posting = await this.find(m, ctx, kind, id);
      if (!visibleTo(posting, viewerOf(ctx))) throw postingNotFound(kind.name, id);
      return posting;
    });
  }

  /**
   * Inserts a draft with the side's fields (`draft` may read in the same transaction, e.g.
   * the synonym list) and its `…created` audit entry; returns the stored row.
   */
  create<E extends Posting>(
    ctx: RequestContext,
    kind: PostingKind<E>,
    draft: (m: EntityManager) => Promise<{ fields: DraftFields<E>; audit: Record<string, unknown> }>,
  ): Promise<E> {
    return this.tx.run(ctx, async (m) => {
      const { fields, audit } = await draft(m);
      const id = randomUUID();
      await m.insert(kind.entity, {
        ...fields,
        id,
        consortiumId: ctx.consortiumId,
        status: PostingStatus.Draft,
        createdBy: ctx.actor?.userId ?? null,
      } as QueryDeepPartialEntity<E>);
      await this.audit.record(ctx, {
        action: `${kind.action}.created`,
        entityType: kind.entityType,
        entityId: id,
        changes: audit,
      });
      return this.find(m, ctx, kind, id);
    });
  }

  /**
   * Edits a posting the caller may change while it is a draft or published: `edit` gets the
   * locked row, checks the side's rules and answers the patch; the change and its
   * `…updated` entry are written by `updateAudited` (nothing when nothing changes).
   */
  update<E extends Posting>(
    ctx: RequestContext,
    kind: PostingKind<E>,
    id: string,
    edit: (m: EntityManager, current: E, viewer: PostingViewer) => Promise<Partial<E>>,
  ): Promise<E> {
    const viewer = viewerOf(ctx);
    return this.tx.run(ctx, async (m) => {
      const current = await this.lockForChange(m, ctx, kind, viewer, id);
      if (!EDITABLE_STATUSES.includes(current.status)) {
        throw invalidTransition(id, current.status, 'be edited (reopen it first)');
      }
      const patch = await edit(m, current, viewer);
      const { row } = await updateAudited(m, this.audit, ctx, {
        entity: kind.entity,
        where: key<E>(ctx, id),
        notFound: () => postingNotFound(kind.name, id),
        patch,
        action: `${kind.action}.updated`,
        entityType: kind.entityType,
        entityId: id,
      });
      return row;
    });
  }

  /**
   * publish | close | fill | reopen (`nextStatus`). Publishing checks `validUntil` again;
   * closing or filling records who, when and why, and the secretariat closing another
   * organization's posting must say why; reopening clears that.
   */
  transition<E extends Posting>(
    ctx: RequestContext,
    kind: PostingKind<E>,
    id: string,
    dto: PostingTransitionDto,
  ): Promise<E> {
    const viewer = viewerOf(ctx);
    return this.tx.run(ctx, async (m) => {
      const current = await this.lockForChange(m, ctx, kind, viewer, id);
      const to = nextStatus(current.status, dto.action);
      if (!to) throw invalidTransition(id, current.status, dto.action);
      const moderating = viewer.moderator && viewer.organizationId !== current.organizationId;
      if (dto.action === PostingAction.Close && moderating && !dto.reason) {
        throw invalidField('reason', 'reason is required when the secretariat closes a posting');
      }
      const patch: Partial<Posting> = { status: to };
      if (dto.action === PostingAction.Publish) {
        const problem = validUntilProblem(current.validUntil, this.clock.chinaToday());
        if (problem) throw invalidField('validUntil', `${problem}: change it before publishing`);
        patch.publishedAt = this.clock.now();
      }
      if (to === PostingStatus.Closed || to === PostingStatus.Filled) {
        patch.closedAt = this.clock.now();
        patch.closedBy = ctx.actor?.userId ?? null;
        patch.closeReason = dto.reason ?? null;
      }
      if (to === PostingStatus.Draft) {
        patch.closedAt = null;
        patch.closedBy = null;
        patch.closeReason = null;
      }
      await m.update(kind.entity, key<E>(ctx, id), patch as QueryDeepPartialEntity<E>);
      await this.audit.record(ctx, {
        action: `${kind.action}.${dto.action}`,
        entityType: kind.entityType,
        entityId: id,
        changes: { status: { from: current.status, to }, ...(dto.reason ? { reason: dto.reason } : {}) },
      });
      return this.find(m, ctx, kind, id);
    });
  }

  /**
   * Published postings whose last day is before `today` become expired (the daily job):
   * one UPDATE … RETURNING and one audit INSERT for all of them. Answers their ids.
   */
  expire<E extends Posting>(ctx: RequestContext, kind: PostingKind<E>, today: string): Promise<string[]> {
    return this.tx.run(ctx, async (m) => {
      const rows = await m
        .createQueryBuilder()
        .update<Posting>(kind.entity)
        .set({ status: PostingStatus.Expired })
        .where('consortium_id = :cid AND status = :published AND valid_until < :today', {
          cid: ctx.consortiumId,
          published: PostingStatus.Published,
          today,
        })
        .returning(['id'])
        .execute();
      const ids = (rows.raw as Array<{ id: string }>).map((r) => r.id);
      await this.audit.recordMany(
        ctx,
        ids.map((id) => ({
          action: `${kind.action}.expired`,
          entityType: kind.entityType,
          entityId: id,
          changes: { status: { from: PostingStatus.Published, to: PostingStatus.Expired }, today },
        })),
      );
      return ids;
    });
  }

  /** A posting's last day must not have passed (China time): 400 naming `validUntil`. */
  assertValidUntil(validUntil: string | null | undefined): void {
    const late = validUntilProblem(validUntil, this.clock.chinaToday());
    if (late) throw invalidField('validUntil', late);
  }

  /** The locked posting the caller may change: 404 when they cannot see it, 403 when it is another's published one. */
  private async lockForChange<E extends Posting>(
    m: EntityManager,
    ctx: RequestContext,
    kind: PostingKind<E>,
    viewer: PostingViewer,
    id: string,
  ): Promise<E> {
    const current = await this.find(m, ctx, kind, id, 'update');
    if (!visibleTo(current, viewer)) throw postingNotFound(kind.name, id);
    if (!viewer.moderator && viewer.organizationId !== current.organizationId) throw readOnlyPosting(id);
    return current;
  }

  private find<E extends Posting>(
    m: EntityManager,
    ctx: RequestContext,
    kind: PostingKind<E>,
    id: string,
    lock?: 'update',
  ): Promise<E> {
    return findOneOrThrow(m, kind.entity, key<E>(ctx, id), () => postingNotFound(kind.name, id), { lock });
  }
}

/** A posting's tenant-scoped key. */
function key<E extends Posting>(ctx: RequestContext, id: string): FindOptionsWhere<E> {
  return { id, consortiumId: ctx.consortiumId } as FindOptionsWhere<E>;
}

/**
 * `visibleTo` as SQL over a posting table's columns (`prefix`: the alias and its dot, or
 * ''; `ownOrganization`: the placeholder of the viewer's organization id): null when the
 * viewer sees every posting.
 */
export function visibleSql(viewer: PostingViewer, prefix: string, ownOrganization: string): string | null {
  if (viewer.moderator) return null;
  return `(${prefix}status <> '${PostingStatus.Draft}' OR ${prefix}organization_id = ${ownOrganization})`;
}

/** PATCH bodies may not set these fields to null: 400 naming the first. */
export function refuseNulls(dto: object, fields: readonly string[]): void {
  for (const field of fields) {
    if ((dto as Record<string, unknown>)[field] === null) throw invalidField(field, `${field} cannot be null`);
  }
}

/** Filters both posting lists share. */
function applyCommonFilters(qb: SelectQueryBuilder<Posting>, ctx: RequestContext, query: PostingListQueryBase): void {
  if (query.status?.length) qb.andWhere('p.status = ANY(:statuses)', { statuses: query.status });
  if (query.organizationId) qb.andWhere('p.organization_id = :orgId', { orgId: query.organizationId });
  if (query.mine) {
    qb.andWhere('p.organization_id = :mineOrg', { mineOrg: ctx.actor?.organizationId ?? NO_ORGANIZATION });
  }
  if (query.q) {
    // search_text is normalised like skills; the trigram index serves ILIKE '%…%' (Chinese included).
    qb.andWhere(`p.search_text ILIKE :q ESCAPE '\\'`, { q: `%${escapeLike(canonicalSkill(query.q, new Map()))}%` });
  }
  if (query.publishedFrom) qb.andWhere('p.published_at >= :pubFrom', { pubFrom: chinaStartOfDay(query.publishedFrom) });
  if (query.publishedTo) {
    qb.andWhere('p.published_at < :pubTo', { pubTo: chinaStartOfDay(addDays(query.publishedTo, 1)) });
  }
  if (query.validOn) qb.andWhere('(p.valid_until IS NULL OR p.valid_until >= :validOn)', { validOn: query.validOn });
}
