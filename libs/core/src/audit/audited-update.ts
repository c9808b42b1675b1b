import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { findOneOrThrow } from '../database/queries';
import { AuditService } from './audit.service';
import { fieldChanges } from './field-changes';

export interface AuditedUpdate<E extends ObjectLiteral> {
  entity: EntityTarget<E>;
  /** The row's tenant-scoped key. */
  where: FindOptionsWhere<E>;
  notFound: () => Error;
  /** The requested values (a PATCH body): undefined fields are left alone. */
  patch: object;
  /** `<context>.<entity>.<verb>` and the entity type of the audit entry. */
  action: string;
  entityType: string;
  entityId: string;
  /** Rules on the locked row and the fields that really change; throws to refuse. */
  check?: (current: E, changes: Partial<E>) => Promise<void> | void;
}

/**
 * The one way to change a row from a request: lock it, compute what really
 * changes, check the rules against the locked row, update and write the audit
 * entry — all in the caller's transaction. Returns the row as it is now and
 * whether anything changed (a PATCH that changes nothing writes nothing).
 */
export async function updateAudited<E extends ObjectLiteral>(
  m: EntityManager,
  audit: AuditService,
  ctx: RequestContext,
  spec: AuditedUpdate<E>,
): Promise<{ row: E; changed: boolean }> {
  const current = await findOneOrThrow(m, spec.entity, spec.where, spec.notFound, { lock: 'update' });
  const { changes, diff } = fieldChanges(current, spec.patch);
  await spec.check?.(current, changes as Partial<E>);
  if (Object.keys(changes).length === 0) return { row: current, changed: false };
  await m.update(spec.entity, spec.where, changes as never);
  await audit.record(ctx, { action: spec.action, entityType: spec.entityType, entityId: spec.entityId, changes: diff });
  return { row: await findOneOrThrow(m, spec.entity, spec.where, spec.notFound), changed: true };
}
