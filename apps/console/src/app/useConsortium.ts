import { useCallback, useMemo } from 'react';
import { useParams } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { permissionsOf, type Permission, type Role } from '../auth/permissions';

export interface CurrentConsortium {
  consortiumId: string;
  /** The signed-in user's role here; undefined for a platform admin who is not a member. */
  role: Role | undefined;
  /** The member organization a `member` user is bound to. */
  organizationId: string | null;
  can(permission: Permission): boolean;
}

/** The consortium in the URL (/c/:consortiumId/…) and what the signed-in user may do in it. */
export function useConsortium(): CurrentConsortium {
  const { consortiumId = '' } = useParams();
  const { me } = useAuth();
  const membership = me?.memberships.find((m) => m.consortiumId === consortiumId);
  const platformAdmin = me?.user.platformAdmin ?? false;
  const permissions = useMemo(() => permissionsOf(membership?.role, platformAdmin), [membership?.role, platformAdmin]);
  const can = useCallback((permission: Permission) => permissions.has(permission), [permissions]);
  return { consortiumId, role: membership?.role, organizationId: membership?.organizationId ?? null, can };
}
