import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { cairnApi } from '../api/cairn-api';
import { ApiProblem, isAbort, onSessionLost, toProblem } from '../api/client';
import type { Me } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' | 'signed-out' }
  | { status: 'signed-in'; me: Me }
  | { status: 'error'; problem: ApiProblem };

interface SessionValue {
  state: SessionState;
  /** Re-reads /me, e.g. after signing in or accepting an invitation. */
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function loadMe(signal?: AbortSignal): Promise<SessionState> {
  try {
    return { status: 'signed-in', me: await cairnApi.me(signal) };
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return { status: 'signed-out' };
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    loadMe(controller.signal).then(setState, (error: unknown) => {
      if (!isAbort(error)) setState({ status: 'error', problem: toProblem(error) });
    });
    return () => {
      controller.abort();
    };
  }, []);

  // Any 401 from a signed-in call means the cookie is gone: send the person to sign in.
  useEffect(
    () =>
      onSessionLost(() => {
        setState((current) =>
          current.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : current,
        );
      }),
    [],
  );

  const refresh = useCallback(async () => {
    try {
      const next = await loadMe();
      setState(next);
      return next.status === 'signed-in' ? next.me : null;
    } catch (error) {
      setState({ status: 'error', problem: toProblem(error) });
      return null;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await cairnApi.signOut();
    } finally {
      // Even if the request failed, forget the session locally.
      setState({ status: 'signed-out', reason: 'signed-out' });
    }
  }, []);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** For components that only render inside the signed-in shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe used outside the signed-in shell');
  return state.me;
}
