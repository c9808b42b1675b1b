import { Injectable } from '@nestjs/common';
import { AuditService, ConsortiumRole, queryRows, RequestContext, TransactionService } from '@chanjiao/core';
import { PasswordService } from './password.service';

/** Demo accounts with a known password (demo mode only). */
@Injectable()
export class DemoUsersService {
  constructor(
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  /** Creates the account and its membership when missing; true when anything was created. */
  async ensure(
    ctx: RequestContext,
    user: { email: string; displayName: string; role: ConsortiumRole; organizationId: string | null },
    password: string,
  ): Promise<boolean> {
    const hash = await this.passwords.hash(password);
    return this.tx.run(ctx, async (m) => {
      const inserted = await queryRows<{ id: string }>(
        m,
        `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [user.email, user.displayName, hash],
      );
      const [{ id }] = inserted.length
        ? inserted
        : await queryRows<{ id: string }>(m, `SELECT id FROM app_user WHERE email = $1`, [user.email]);
      const member = await queryRows<{ id: string }>(
        m,
        `INSERT INTO consortium_membership (consortium_id, user_id, role, organization_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (consortium_id, user_id) DO NOTHING RETURNING id`,
        [ctx.consortiumId, id, user.role, user.organizationId],
      );
      if (member.length > 0) {
        await this.audit.record(ctx, {
          action: 'identity.membership.created',
          entityType: 'user',
          entityId: id,
          changes: { role: user.role, demo: true },
        });
      }
      return inserted.length > 0 || member.length > 0;
    });
  }
}
