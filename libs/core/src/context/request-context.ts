import { randomUUID } from 'node:crypto';

/** Roles a user can hold in a consortium (see DESIGN.md, "Who uses it"). */
export enum ConsortiumRole {
  Secretariat = 'secretariat',
  Member = 'member',
  Observer = 'observer',
}

export interface Actor {
  userId: string;
  platformAdmin: boolean;
  /** Role in `RequestContext.consortiumId`, when the request is tenant-scoped. */
  role?: ConsortiumRole;
  /** The member organization a `member` user is bound to. */
  organizationId?: string;
  /** The sign-in session (refresh-token family) the access token belongs to. */
  sessionId?: string;
}

/**
 * Who is acting, for which consortium, under which request id. The first argument
 * of every service method; the database layer reads the tenant from it.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The tenant the work is scoped to; undefined for platform-level work. */
  readonly consortiumId?: string;
  readonly actor?: Actor;
  readonly ip?: string;
}

export function systemContext(fields: { consortiumId?: string; requestId?: string } = {}): RequestContext {
  return { requestId: fields.requestId ?? `system-${randomUUID()}`, consortiumId: fields.consortiumId };
}

export function forConsortium(ctx: RequestContext, consortiumId: string): RequestContext {
  return { ...ctx, consortiumId };
}

/**
 * The same caller outside any tenant, for reads across the caller's own consortia ("my
 * consortia", "my memberships"): row-level security shows a user their own rows only
 * while no tenant is set. Inside a tenant's transaction it throws (nested tenant change)
 * instead of silently seeing just that tenant.
 */
export function withoutTenant(ctx: RequestContext): RequestContext {
  const { actor } = ctx;
  return {
    requestId: ctx.requestId,
    ip: ctx.ip,
    // The role and organization are the tenant's: dropped with it.
    actor: actor && { userId: actor.userId, platformAdmin: actor.platformAdmin, sessionId: actor.sessionId },
  };
}
