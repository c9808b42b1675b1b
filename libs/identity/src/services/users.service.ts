import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  ConsortiumRole,
  CursorPage,
  escapeLike,
  isUniqueViolation,
  KeysetOrder,
  keysetPage,
  queryRows,
  RequestContext,
  systemContext,
  TransactionService,
  withoutTenant,
} from '@chanjiao/core';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ChangeMembershipDto, CreateConsortiumUserDto, CreateUserDto, UserListQueryDto } from '../dto/user.dto';
import { Membership } from '../entities/membership.entity';
import { User, UserStatus } from '../entities/user.entity';
import { IdentityErrorCode, IdentityException } from '../exceptions/identity.exception';
import { PasswordService } from './password.service';
import { OrganizationsService } from '@chanjiao/consortia';

export interface CreatedUser {
  user: User;
  initialPassword: string | null;
}

/** People by email (alias `u` is the user), optionally filtered by part of an email or name. */
const BY_EMAIL: KeysetOrder[] = [
  { expression: 'u.email', direction: 'ASC' },
  { expression: 'u.id', direction: 'ASC' },
];

function pageByEmail<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: UserListQueryDto,
): Promise<CursorPage<T>> {
  if (query.q) {
    qb.andWhere(`(u.email ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')`, {
      q: `%${escapeLike(query.q)}%`,
    });
  }
  return keysetPage(qb, BY_EMAIL, query);
}

/** Accounts (platform administration) and consortium memberships (secretariat administration). */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- platform level ----------------------------------------------------------------

  async list(ctx: RequestContext, query: UserListQueryDto): Promise<CursorPage<User>> {
    return this.tx.run(ctx, (m) => pageByEmail(m.createQueryBuilder(User, 'u'), query));
  }

  async get(ctx: RequestContext, userId: string): Promise<User> {
    const user = await this.tx.run(ctx, (m) => m.findOne(User, { where: { id: userId } }));
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, `User ${userId} not found`);
    return user;
  }

  /** Creates an account with a one-time initial password (the user must change it). */
  async create(
    ctx: RequestContext,
    dto: CreateUserDto,
    options: { platformAdmin?: boolean; password?: string } = {},
  ): Promise<CreatedUser> {
    const initialPassword = options.password ?? this.passwords.generateInitial();
    const hash = await this.passwords.hash(initialPassword);
    return this.translateDuplicates(dto.email, () =>
      this.tx.run(ctx, async (m) => {
        const user = await this.insertUser(
          m,
          dto,
          hash,
          options.platformAdmin ?? false,
          options.password === undefined,
        );
        await this.audit.record(ctx, {
          action: 'identity.user.created',
          entityType: 'user',
          entityId: user.id,
          changes: { email: user.email, displayName: user.displayName, platformAdmin: user.platformAdmin },
          consortiumId: null,
        });
        return { user, initialPassword: options.password === undefined ? initialPassword : null };
      }),
    );
  }

  async setStatus(ctx: RequestContext, userId: string, status: UserStatus): Promise<User> {
    this.refuseOwn(ctx, userId, 'change the status of your own account');
    return this.tx.run(ctx, async (m) => {
      const user = await this.get(ctx, userId);
      if (user.status === status) return user;
      await m.update(User, { id: userId }, { status });
      if (status === UserStatus.Disabled) {
        await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
          userId,
        ]);
      }
      await this.audit.record(ctx, {
        action: status === UserStatus.Disabled ? 'identity.user.disabled' : 'identity.user.enabled',
        entityType: 'user',
        entityId: userId,
        changes: { status: { from: user.status, to: status } },
        consortiumId: null,
      });
      return this.get(ctx, userId);
    });
  }

  async setPlatformAdmin(ctx: RequestContext, userId: string, platformAdmin: boolean): Promise<User> {
    this.refuseOwn(ctx, userId, 'change your own platform-admin flag');
    return this.tx.run(ctx, async (m) => {
      const user = await this.get(ctx, userId);
      if (user.platformAdmin === platformAdmin) return user;
      await m.update(User, { id: userId }, { platformAdmin });
      await this.audit.record(ctx, {
        action: platformAdmin ? 'identity.user.platform_admin_granted' : 'identity.user.platform_admin_revoked',
        entityType: 'user',
        entityId: userId,
        changes: { platformAdmin: { from: user.platformAdmin, to: platformAdmin } },
        consortiumId: null,
      });
      return this.get(ctx, userId);
    });
  }

  /** Creates the first platform administrator from configuration, once. */
  async bootstrapPlatformAdmin(): Promise<void> {
    const { email, password } = this.config.platformAdmin;
    if (!email || !password) return;
    const ctx = systemContext({ requestId: 'bootstrap' });
    const hash = await this.passwords.hash(password);
    await this.tx.run(ctx, async (m) => {
      const inserted = await queryRows<{ id: string }>(
        m,
        `INSERT INTO app_user (email, display_name, password_hash, platform_admin)
         VALUES ($1, $2, $3, true) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email.toLowerCase(), '平台管理员 Platform admin', hash],
      );
      if (inserted.length > 0) {
        await this.audit.record(ctx, {
          action: 'identity.user.created',
          entityType: 'user',
          entityId: inserted[0].id,
          changes: { email, platformAdmin: true, source: 'PLATFORM_ADMIN_EMAIL' },
          consortiumId: null,
        });
        this.logger.log(`Created the first platform administrator ${email}`);
      }
    });
  }

  // ---- consortium level (ctx.consortiumId is the tenant) ---------------------------------

  async listMembers(ctx: RequestContext, query: UserListQueryDto): Promise<CursorPage<Membership & { user: User }>> {
    return this.tx.run(
      ctx,
      (m) =>
        pageByEmail(
          m
            .createQueryBuilder(Membership, 'ms')
            .innerJoinAndSelect('ms.user', 'u')
            .where('ms.consortium_id = :cid', { cid: ctx.consortiumId }),
          query,
        ) as Promise<CursorPage<Membership & { user: User }>>,
    );
  }

  async getMember(ctx: RequestContext, userId: string): Promise<Membership & { user: User }> {
    const found = await this.tx.run(ctx, (m) =>
      m.findOne(Membership, { where: { consortiumId: ctx.consortiumId, userId }, relations: { user: true } }),
    );
    if (!found)
      throw new IdentityException(IdentityErrorCode.MembershipNotFound, `User ${userId} is not in this consortium`);
    return found as Membership & { user: User };
  }

  /**
   * Adds a person to the consortium: an existing account (matched by email) gets a
   * membership; a new one is created with a one-time initial password.
   */
  async addMember(
    ctx: RequestContext,
    dto: CreateConsortiumUserDto,
  ): Promise<{ membership: Membership & { user: User }; initialPassword: string | null }> {
    if (dto.role === ConsortiumRole.Member) await this.assertOrganization(ctx, dto.organizationId);
    const initialPassword = this.passwords.generateInitial();
    const hash = await this.passwords.hash(initialPassword);
    return this.translateDuplicates(dto.email, () =>
      this.tx.run(ctx, async (m) => {
        let user = await m.findOne(User, { where: { email: dto.email.toLowerCase() } });
        let created = false;
        if (!user) {
          user = await this.insertUser(m, dto, hash, false, true);
          created = true;
          await this.audit.record(ctx, {
            action: 'identity.user.created',
            entityType: 'user',
            entityId: user.id,
            changes: { email: user.email, displayName: user.displayName },
          });
        }
        const existing = await m.findOne(Membership, { where: { consortiumId: ctx.consortiumId, userId: user.id } });
        if (existing) {
          throw new IdentityException(IdentityErrorCode.AlreadyMember, `${dto.email} is already in this consortium`, {
            field: 'email',
          });
        }
        const membership = await m.save(
          m.create(Membership, {
            consortiumId: ctx.consortiumId,
            userId: user.id,
            role: dto.role,
            organizationId: dto.role === ConsortiumRole.Member ? (dto.organizationId ?? null) : null,
          }),
        );
        await this.audit.record(ctx, {
          action: 'identity.membership.created',
          entityType: 'user',
          entityId: user.id,
          changes: { role: dto.role, organizationId: membership.organizationId },
        });
        return { membership: { ...membership, user }, initialPassword: created ? initialPassword : null };
      }),
    );
  }

  /** Changes someone else's role; nobody changes (let alone raises) their own. */
  async changeMembership(
    ctx: RequestContext,
    userId: string,
    dto: ChangeMembershipDto,
  ): Promise<Membership & { user: User }> {
    this.refuseOwn(ctx, userId, 'change your own role');
    return this.tx.run(ctx, async (m) => {
      const current = await this.getMember(ctx, userId);
      const organizationId = dto.role === ConsortiumRole.Member ? (dto.organizationId ?? current.organizationId) : null;
      if (dto.role === ConsortiumRole.Member && !organizationId) {
        throw new IdentityException(IdentityErrorCode.OrganizationRequired, 'organizationId is required for members', {
          field: 'organizationId',
        });
      }
      if (organizationId) await this.assertOrganization(ctx, organizationId);
      await m.update(Membership, { id: current.id }, { role: dto.role, organizationId });
      await this.audit.record(ctx, {
        action: 'identity.membership.role_changed',
        entityType: 'user',
        entityId: userId,
        changes: {
          role: { from: current.role, to: dto.role },
          organizationId: { from: current.organizationId, to: organizationId },
        },
      });
      return this.getMember(ctx, userId);
    });
  }

  async setMembershipStatus(
    ctx: RequestContext,
    userId: string,
    status: UserStatus,
  ): Promise<Membership & { user: User }> {
    this.refuseOwn(ctx, userId, 'change your own membership');
    return this.tx.run(ctx, async (m) => {
      const current = await this.getMember(ctx, userId);
      if (current.status === status) return current;
      await m.update(Membership, { id: current.id }, { status });
      await this.audit.record(ctx, {
        action: status === UserStatus.Disabled ? 'identity.membership.disabled' : 'identity.membership.enabled',
        entityType: 'user',
        entityId: userId,
        changes: { status: { from: current.status, to: status } },
      });
      return this.getMember(ctx, userId);
    });
  }

  /** The caller's own consortia (outside any tenant, the policy shows a user their own memberships). */
  async myMemberships(
    ctx: RequestContext,
  ): Promise<
    Array<{ consortiumId: string; consortiumName: string; role: ConsortiumRole; organizationId: string | null }>
  > {
    return this.tx.run(withoutTenant(ctx), (m) =>
      m.query(
        `SELECT ms.consortium_id AS "consortiumId", c.name AS "consortiumName", ms.role, ms.organization_id AS "organizationId"
           FROM consortium_membership ms JOIN consortium c ON c.id = ms.consortium_id
          WHERE ms.user_id = $1 AND ms.status = 'active' ORDER BY c.name`,
        [ctx.actor?.userId],
      ),
    );
  }

  /** Two concurrent requests for the same email: the loser gets the same 409 a sequential one would. */
  private async translateDuplicates<T>(email: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_email_key')) {
        throw new IdentityException(IdentityErrorCode.EmailTaken, `An account with email ${email} already exists`, {
          field: 'email',
        });
      }
      if (isUniqueViolation(error, 'consortium_membership_user_key')) {
        throw new IdentityException(IdentityErrorCode.AlreadyMember, `${email} is already in this consortium`, {
          field: 'email',
        });
      }
      throw error;
    }
  }

  /** A member is bound to a member organization of this consortium. */
  private async assertOrganization(ctx: RequestContext, organizationId: string | undefined): Promise<void> {
    const known = organizationId
      ? await this.organizations.get(ctx, organizationId).then(
          () => true,
          () => false,
        )
      : false;
    if (!known) {
      throw new IdentityException(
        IdentityErrorCode.UnknownOrganization,
        'organizationId must be a member organization of this consortium',
        { field: 'organizationId' },
      );
    }
  }

  private refuseOwn(ctx: RequestContext, userId: string, what: string): void {
    if (ctx.actor?.userId === userId) {
      throw new IdentityException(IdentityErrorCode.OwnAccount, `You cannot ${what}`);
    }
  }

  private async insertUser(
    m: EntityManager,
    dto: CreateUserDto,
    hash: string,
    platformAdmin: boolean,
    mustChange: boolean,
  ): Promise<User> {
    const email = dto.email.toLowerCase();
    if (await m.exists(User, { where: { email } })) {
      throw new IdentityException(IdentityErrorCode.EmailTaken, `An account with email ${email} already exists`, {
        field: 'email',
      });
    }
    const result = await m.insert(User, {
      email,
      displayName: dto.displayName,
      phone: dto.phone ?? null,
      passwordHash: hash,
      platformAdmin,
      mustChangePassword: mustChange,
    });
    return m.findOneOrFail(User, { where: { id: result.identifiers[0].id as string } });
  }
}
