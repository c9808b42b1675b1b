import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { api, session, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type Me = components['schemas']['MeDto'];

interface Auth {
  /** Undefined while loading or when signed out. */
  me: Me | undefined;
  signedIn: boolean;
  loading: boolean;
  /** Why GET /auth/me failed (other than an ended session), to offer a retry. */
  error: unknown;
  retry(): void;
  signIn(email: string, password: string): Promise<{ mustChangePassword: boolean }>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | undefined>(undefined);

/** Who is signed in (GET /auth/me), and the sign-in, password change and sign-out actions. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // Follows the session wherever it changes: sign-in here, a refused refresh, another request's 401.
  const signedIn = useSyncExternalStore(session.subscribe, () => session.signedIn);
  const me = useQuery({
    queryKey: ['auth', 'me'],
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    // Nothing read under one session is shown to the next.
    if (!signedIn) queryClient.clear();
  }, [signedIn, queryClient]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const pair = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      session.start(pair);
      queryClient.clear();
      await queryClient.fetchQuery({ queryKey: ['auth', 'me'], queryFn: () => unwrap(api.GET('/api/v1/auth/me')) });
      return { mustChangePassword: pair.mustChangePassword };
    },
    [queryClient],
  );

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      await unwrap(api.POST('/api/v1/auth/change-password', { body: { currentPassword, newPassword } }));
      await queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    // Ends the refresh-token family on the server; the local session ends whatever it answers.
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    session.end();
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<Auth>(
    () => ({
      me: signedIn ? me.data : undefined,
      signedIn,
      loading: signedIn && me.isPending && me.fetchStatus !== 'idle',
      error: me.error,
      retry: () => void me.refetch(),
      signIn,
      changePassword,
      signOut,
    }),
    [signedIn, me, signIn, changePassword, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
