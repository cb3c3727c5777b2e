import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { isAbort, toProblem, type ApiProblem } from '../api/client';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; problem: ApiProblem }
  | { status: 'success'; data: T; refreshing: boolean };

export type QueryResult<T> = QueryState<T> & {
  /** Fetches again, keeping the current data on screen meanwhile. */
  reload: () => void;
  /** Applies a local change (after a mutation) without a round trip. */
  update: (change: (data: T) => T) => void;
};

interface Settled<T> {
  key: string;
  version: number;
  outcome: { ok: true; data: T } | { ok: false; problem: ApiProblem };
}

/**
 * Loads data for a page. `key` names what is loaded (e.g. `members:${orgId}`);
 * a new key starts a fresh load, and stale responses are dropped by aborting.
 */
export function useApiQuery<T>(key: string, load: (signal: AbortSignal) => Promise<T>): QueryResult<T> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const runLoad = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    runLoad(controller.signal).then(
      (data) => {
        setSettled({ key, version, outcome: { ok: true, data } });
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        setSettled({ key, version, outcome: { ok: false, problem: toProblem(error) } });
      },
    );
    return () => {
      controller.abort();
    };
  }, [key, version]);

  const reload = useCallback(() => {
    setVersion((current) => current + 1);
  }, []);
  const update = useCallback((change: (data: T) => T) => {
    setSettled((current) =>
      current && current.outcome.ok
        ? { ...current, outcome: { ok: true, data: change(current.outcome.data) } }
        : current,
    );
  }, []);

  let state: QueryState<T>;
  if (!settled || settled.key !== key) state = { status: 'loading' };
  else if (!settled.outcome.ok) {
    state =
      settled.version === version
        ? { status: 'error', problem: settled.outcome.problem }
        : { status: 'loading' };
  } else state = { status: 'success', data: settled.outcome.data, refreshing: settled.version !== version };

  return { ...state, reload, update };
}
