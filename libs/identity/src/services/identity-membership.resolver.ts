import { Injectable } from '@nestjs/common';
import {
  ConsortiumRole,
  MembershipResolver,
  queryRow,
  RequestContext,
  ResolvedMembership,
  systemContext,
  TransactionService,
  UserAccessState,
} from '@chanjiao/core';
import { ConsortiaService } from '@chanjiao/consortia';
import { Membership } from '../entities/membership.entity';
import { UserStatus } from '../entities/user.entity';

/** Answers the access guard's questions from users, sessions and memberships. */
@Injectable()
export class IdentityMembershipResolver extends MembershipResolver {
  constructor(
    private readonly tx: TransactionService,
    private readonly consortia: ConsortiaService,
  ) {
    super();
  }

  async userState(ctx: RequestContext): Promise<UserAccessState | undefined> {
    const userId = ctx.actor?.userId;
    // In the request's transaction: with a tenant pinned, its tenant policy shows the
    // consortium's memberships (the user's own is filtered for); without one, no
    // membership is asked about. app_user and refresh_token are platform tables.
    const row = await this.tx.run(ctx, (m) =>
      queryRow<{
        status: UserStatus;
        platform_admin: boolean;
        must_change_password: boolean;
        role: ConsortiumRole | null;
        organization_id: string | null;
        session_open: boolean;
      }>(
        m,
        `SELECT u.status, u.platform_admin, u.must_change_password, ms.role, ms.organization_id,
                EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = $2 AND t.revoked_at IS NULL) AS session_open
           FROM app_user u
           LEFT JOIN consortium_membership ms
             ON ms.user_id = u.id AND ms.consortium_id = $3 AND ms.status = 'active'
          WHERE u.id = $1`,
        [userId, ctx.actor?.sessionId ?? null, ctx.consortiumId ?? null],
      ),
    );
    if (!row) return undefined;
    return {
      active: row.status === UserStatus.Active && row.session_open,
      platformAdmin: row.platform_admin,
      mustChangePassword: row.must_change_password,
      membership: row.role ? { role: row.role, organizationId: row.organization_id ?? undefined } : undefined,
    };
  }

  async membership(userId: string, consortiumId: string, requestId: string): Promise<ResolvedMembership | undefined> {
    // Runs as the user (not yet in the tenant): the policy shows a user their own memberships.
    const found = await this.tx.run({ requestId, actor: { userId, platformAdmin: false } }, (m) =>
      m.findOne(Membership, { where: { userId, consortiumId, status: UserStatus.Active } }),
    );
    return found
      ? { role: found.role as ConsortiumRole, organizationId: found.organizationId ?? undefined }
      : undefined;
  }

  consortiumExists(consortiumId: string, requestId: string): Promise<boolean> {
    return this.consortia.exists(systemContext({ requestId }), consortiumId);
  }
}
