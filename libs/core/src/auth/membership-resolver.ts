import { ConsortiumRole, RequestContext } from '../context/request-context';

export interface UserAccessState {
  active: boolean;
  platformAdmin: boolean;
  /** Still on a one-time password: only the routes to change it are open. */
  mustChangePassword: boolean;
  /** The active membership in the consortium asked about, if any. */
  membership?: ResolvedMembership;
}

export interface ResolvedMembership {
  role: ConsortiumRole;
  organizationId?: string;
}

/**
 * What the access guard needs to know about users; implemented by the identity
 * context (core never imports a context, so the dependency points this way).
 */
export abstract class MembershipResolver {
  /**
   * Current state of `ctx.actor` and its session (an access token outlives role changes,
   * disabling and sign-out) and, when `ctx.consortiumId` is set, the membership in it —
   * one statement, since the guard asks on every request. Called inside the request's
   * transaction, already pinned to `ctx` (tenant and user): runs in it through
   * `TransactionService.run(ctx, …)`.
   */
  abstract userState(ctx: RequestContext): Promise<UserAccessState | undefined>;
  /** The user's active membership in a consortium, if any. */
  abstract membership(userId: string, consortiumId: string, requestId: string): Promise<ResolvedMembership | undefined>;
  /** Whether the consortium exists (platform admins act in any existing consortium). */
  abstract consortiumExists(consortiumId: string, requestId: string): Promise<boolean>;
}
