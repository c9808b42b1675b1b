import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Actor, RequestContext } from '../context/request-context';
import { CoreErrorCode, CoreException } from '../errors/domain.exception';
import { ACCESS_METADATA, AccessRule } from './access.decorators';
import { AccessTokenService } from './access-token.service';
import { MembershipResolver, ResolvedMembership } from './membership-resolver';
import { roleHas } from './permissions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown for a route that declares no access rule: closed by default, and caught by a test. */
export class UndeclaredAccessError extends CoreException {}

/**
 * The one gate of the API. Reads the route's access rule, authenticates the
 * bearer token, and for tenant routes (`:consortiumId`) resolves the caller's
 * membership. A consortium the caller does not belong to answers 404, exactly
 * like one that does not exist. Builds the request context services receive.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly memberships: MembershipResolver,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    const requestId = String(request.id);
    if (!rule) {
      throw new UndeclaredAccessError(CoreErrorCode.Forbidden, 'This route declares no access rule');
    }
    if (rule.kind === 'public') return true;

    const consortiumId = (request.params as Record<string, string | undefined>).consortiumId;
    if (consortiumId !== undefined && !UUID.test(consortiumId)) {
      // Not even an id: answered like any consortium the caller cannot see (after authentication).
      await this.authenticate(request, requestId);
      throw this.consortiumNotFound(consortiumId);
    }
    const { actor, membership, mustChangePassword } = await this.authenticate(request, requestId, consortiumId);
    if (mustChangePassword && !(rule.kind === 'authenticated' && rule.allowPendingPasswordChange)) {
      throw new CoreException(
        CoreErrorCode.PasswordChangeRequired,
        'Change your one-time password first: POST /api/v1/auth/change-password',
      );
    }
    let ctx: RequestContext = { requestId, ip: request.ip, actor };
    if (consortiumId !== undefined) {
      ctx = { ...ctx, consortiumId, actor: await this.resolveTenant(actor, membership, consortiumId, requestId) };
    }
    request.chanjiaoContext = ctx;

    if (rule.kind === 'platform_admin' && !actor.platformAdmin) {
      throw new CoreException(CoreErrorCode.Forbidden, 'Only platform administrators may do this');
    }
    if (rule.kind === 'permission') {
      if (consortiumId === undefined) {
        throw new CoreException(CoreErrorCode.Forbidden, 'A permission rule needs a :consortiumId route');
      }
      const role = ctx.actor?.role;
      if (!actor.platformAdmin && !(role && roleHas(role, rule.permission))) {
        throw new CoreException(CoreErrorCode.Forbidden, `Your role (${role}) lacks ${rule.permission}`, {
          permission: rule.permission,
        });
      }
    }
    return true;
  }

  private async authenticate(
    request: FastifyRequest,
    requestId: string,
    consortiumId?: string,
  ): Promise<{ actor: Actor; membership?: ResolvedMembership; mustChangePassword: boolean }> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new CoreException(CoreErrorCode.Unauthenticated, 'A bearer access token is required');
    const claims = this.tokens.verify(match[1]);
    if (!claims) throw new CoreException(CoreErrorCode.Unauthenticated, 'The access token is invalid or expired');
    const state = await this.memberships.userState(claims.sub, requestId, claims.sid, consortiumId);
    if (!state?.active) {
      throw new CoreException(CoreErrorCode.Unauthenticated, 'This session has ended or the account is disabled');
    }
    return {
      actor: { userId: claims.sub, platformAdmin: state.platformAdmin, sessionId: claims.sid },
      membership: state.membership,
      mustChangePassword: state.mustChangePassword,
    };
  }

  private async resolveTenant(
    actor: Actor,
    membership: ResolvedMembership | undefined,
    consortiumId: string,
    requestId: string,
  ): Promise<Actor> {
    if (membership) return { ...actor, role: membership.role, organizationId: membership.organizationId };
    if (actor.platformAdmin && (await this.memberships.consortiumExists(consortiumId, requestId))) return actor;
    throw this.consortiumNotFound(consortiumId);
  }

  private consortiumNotFound(consortiumId: string): CoreException {
    return new CoreException(CoreErrorCode.NotFound, `Consortium ${consortiumId} not found`);
  }
}
