import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';
import { Permission } from './permissions';

export const ACCESS_METADATA = 'chanjiao:access';

/** How a route is opened. Every route declares exactly one; the guard denies the rest. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated'; allowPendingPasswordChange?: boolean }
  | { kind: 'platform_admin' }
  | { kind: 'permission'; permission: Permission };

const authResponses = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBody, description: 'Missing, invalid or expired access token' }),
  );

/** No token needed (health, docs, login). */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/**
 * Any signed-in user; the service scopes what they see. A user still holding a one-time
 * password reaches only routes marked `allowPendingPasswordChange` (me, change-password, logout).
 */
export const Authenticated = (options: { allowPendingPasswordChange?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'authenticated', ...options } satisfies AccessRule),
    authResponses(),
  );

/** Platform administrators only. */
export const PlatformAdminOnly = () =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'platform_admin' } satisfies AccessRule),
    authResponses(),
    ApiForbiddenResponse({ type: ErrorBody, description: 'Not a platform administrator' }),
  );

/** A permission of the caller's role in the route's consortium (`:consortiumId`). */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'permission', permission } satisfies AccessRule),
    authResponses(),
    ApiForbiddenResponse({ type: ErrorBody, description: `Requires ${permission}` }),
  );
