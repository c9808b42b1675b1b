import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, RequestContext } from '../context/request-context';
import { CoreErrorCode, CoreException } from '../errors/domain.exception';
import { ACCESS_METADATA, AccessRule } from './access.decorators';
import { AccessTokenService } from './access-token.service';
import { TransactionService } from '../database/transaction.service';
import { SPREADSHEET_UPLOAD } from '../uploads/spreadsheet-uploads';
import { MembershipResolver, ResolvedMembership } from './membership-resolver';
import { roleHas } from './permissions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route whose handler reads the request body as a stream (spreadsheet uploads). */
function isStreamingUpload(request: FastifyRequest): boolean {
  return (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[SPREADSHEET_UPLOAD] === true;
}

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
    private readonly tx: TransactionService,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!rule) {
      throw new UndeclaredAccessError(CoreErrorCode.Forbidden, 'This route declares no access rule');
    }
    if (rule.kind === 'public') return true;
    const http = execution.switchToHttp();
    const request = http.getRequest<FastifyRequest>();

    // The token first: no database work for a caller without a valid one.
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new CoreException(CoreErrorCode.Unauthenticated, 'A bearer access token is required');
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw new CoreException(CoreErrorCode.Unauthenticated, 'The access token is invalid or expired');

    const requestId = String(request.id);
    const actor: Actor = { userId: claims.sub, platformAdmin: false, sessionId: claims.sid };
    const param = (request.params as Record<string, string | undefined>).consortiumId;
    // Not even an id: answered like any consortium the caller cannot see (after authentication).
    const malformed = param !== undefined && !UUID.test(param);
    const consortiumId = malformed ? undefined : param;
    const base: RequestContext = { requestId, ip: request.ip, consortiumId, actor };

    // The request's transaction: tenant and user pinned, the access check in it, and the
    // handler's first TransactionService.run continues it (one pool checkout per request).
    const opened = await this.tx.openForRequest(base, async () => {
      const state = await this.memberships.userState(base);
      if (!state?.active) {
        throw new CoreException(CoreErrorCode.Unauthenticated, 'This session has ended or the account is disabled');
      }
      if (malformed) throw this.consortiumNotFound(param);
      if (state.mustChangePassword && !(rule.kind === 'authenticated' && rule.allowPendingPasswordChange)) {
        throw new CoreException(
          CoreErrorCode.PasswordChangeRequired,
          'Change your one-time password first: POST /api/v1/auth/change-password',
        );
      }
      const resolved = await this.resolveTenant(
        { ...actor, platformAdmin: state.platformAdmin },
        state.membership,
        consortiumId,
        requestId,
      );
      this.assertRule(rule, resolved, consortiumId);
      return resolved;
    });
    request.chanjiaoContext = { ...base, actor: opened.result };
    if (isStreamingUpload(request)) {
      // The body is still arriving: hold no connection while it does.
      await opened.close();
    } else {
      // Ended when the response is (a no-op once a run continued and committed it).
      http.getResponse<FastifyReply>().raw.once('close', () => void opened.close());
    }
    return true;
  }

  private async resolveTenant(
    actor: Actor,
    membership: ResolvedMembership | undefined,
    consortiumId: string | undefined,
    requestId: string,
  ): Promise<Actor> {
    if (consortiumId === undefined) return actor;
    if (membership) return { ...actor, role: membership.role, organizationId: membership.organizationId };
    // Joins the request's transaction (same tenant).
    if (actor.platformAdmin && (await this.memberships.consortiumExists(consortiumId, requestId))) return actor;
    throw this.consortiumNotFound(consortiumId);
  }

  private assertRule(rule: AccessRule, actor: Actor, consortiumId: string | undefined): void {
    if (rule.kind === 'platform_admin' && !actor.platformAdmin) {
      throw new CoreException(CoreErrorCode.Forbidden, 'Only platform administrators may do this');
    }
    if (rule.kind === 'permission') {
      if (consortiumId === undefined) {
        throw new CoreException(CoreErrorCode.Forbidden, 'A permission rule needs a :consortiumId route');
      }
      const role = actor.role;
      if (!actor.platformAdmin && !(role && roleHas(role, rule.permission))) {
        throw new CoreException(CoreErrorCode.Forbidden, `Your role (${role}) lacks ${rule.permission}`, {
          permission: rule.permission,
        });
      }
    }
  }

  private consortiumNotFound(consortiumId: string): CoreException {
    return new CoreException(CoreErrorCode.NotFound, `Consortium ${consortiumId} not found`);
  }
}
