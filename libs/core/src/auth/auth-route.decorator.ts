import { SetMetadata } from '@nestjs/common';

export const AUTH_ROUTE_METADATA = 'chanjiao:auth-route';

/** Marks a route of the sign-in family: it gets the stricter request limit. */
export const AuthRateLimited = () => SetMetadata(AUTH_ROUTE_METADATA, true);
