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
