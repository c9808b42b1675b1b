import { ConsortiumRole, RequestContext } from '@chanjiao/core';

/** The organization a member user acts for; undefined for the secretariat and platform admins (whole consortium). */
export function memberOrganizationOf(ctx: RequestContext): string | undefined {
  if (ctx.actor?.role === ConsortiumRole.Member && !ctx.actor.platformAdmin) return ctx.actor.organizationId ?? '';
  return undefined;
}
