import { ConsortiumRole } from '../context/request-context';

export interface UserAccessState {
  active: boolean;
  platformAdmin: boolean;
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
  /** Current state of the user and session: an access token outlives role changes, disabling and sign-out. */
  abstract userState(userId: string, requestId: string, sessionId?: string): Promise<UserAccessState | undefined>;
  /** The user's active membership in a consortium, if any. */
  abstract membership(userId: string, consortiumId: string, requestId: string): Promise<ResolvedMembership | undefined>;
  /** Whether the consortium exists (platform admins act in any existing consortium). */
  abstract consortiumExists(consortiumId: string, requestId: string): Promise<boolean>;
}
