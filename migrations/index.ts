import { PlatformFoundation1764201600000 } from './1764201600000-platform-foundation';

/** Every migration, in order. The only way the schema changes (synchronize is never on). */
export const MIGRATIONS = [PlatformFoundation1764201600000];
