import { useCallback, useRef, useState } from 'react';
import { toProblem, type ApiProblem } from '../api/client';

export interface ActionState<A extends unknown[], R> {
  /** Runs the action; resolves to its result, or undefined when it failed. */
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  problem: ApiProblem | null;
  reset: () => void;
}

/** Pending and problem state for one mutation; repeated clicks while pending are ignored. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): ActionState<A, R> {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(
    async (...args: A) => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setPending(true);
      setProblem(null);
      try {
        return await action(...args);
      } catch (error) {
        setProblem(toProblem(error));
        return undefined;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [action],
  );

  const reset = useCallback(() => {
    setProblem(null);
  }, []);
  return { run, pending, problem, reset };
}
