import { PlatformFoundation1764201600000 } from './1764201600000-platform-foundation';
import { IdentityAndTenancy1764288000000 } from './1764288000000-identity-and-tenancy';

/** Every migration, in order. The only way the schema changes (synchronize is never on). */
export const MIGRATIONS = [PlatformFoundation1764201600000, IdentityAndTenancy1764288000000];
