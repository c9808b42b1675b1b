import { ConsortiumRole, Permission, RequestContext, roleHas } from '@chanjiao/core';

/** Who the caller is for the posting rules: a moderator (secretariat, platform admin) or an organization's member. */
export interface PostingViewer {
  moderator: boolean;
  /** The member organization a member user is bound to. */
  organizationId?: string;
}

export function viewerOf(ctx: RequestContext): PostingViewer {
  const actor = ctx.actor;
  const moderator = Boolean(
    actor?.platformAdmin || (actor?.role && roleHas(actor.role, Permission.TalentModerate)),
  );
  return {
    moderator,
    organizationId: actor?.role === ConsortiumRole.Member ? actor.organizationId : undefined,
  };
}
