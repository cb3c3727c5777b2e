import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { authoringApi, type FrameworkDetail } from '../../api/authoring-api';
import { isAbort, toProblem, type ApiProblem } from '../../api/client';

export interface FrameworkCache {
  /** Loaded frameworks by id; ids still loading (or failed) are absent. */
  frameworks: ReadonlyMap<string, FrameworkDetail>;
  problem: ApiProblem | null;
  retry: () => void;
}

/**
 * The frameworks a micro-credential aligns to (their scales name the target levels, their
 * competencies the codes). Adding an id loads just that one; those already here stay on screen.
 */
export function useFrameworks(ids: readonly string[]): FrameworkCache {
  const [frameworks, setFrameworks] = useState<ReadonlyMap<string, FrameworkDetail>>(new Map());
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const wanted = [...new Set(ids.filter(Boolean))].sort().join(',');

  const missing = useEffectEvent(() => wanted.split(',').filter((id) => id && !frameworks.has(id)));

  useEffect(() => {
    const controller = new AbortController();
    const ids = missing();
    if (ids.length === 0) return;
    Promise.all(ids.map((id) => authoringApi.getFramework(id, controller.signal))).then(
      (loaded) => {
        setProblem(null);
        setFrameworks((current) => {
          const next = new Map(current);
          for (const framework of loaded) next.set(framework.id, framework);
          return next;
        });
      },
      (error: unknown) => {
        if (!isAbort(error)) setProblem(toProblem(error));
      },
    );
    return () => {
      controller.abort();
    };
  }, [wanted, attempt]);

  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  return { frameworks, problem, retry };
}

/** "3 · Practitioner" when the framework's scale is known, else "Level 3". */
export function levelLabel(framework: FrameworkDetail | undefined, level: number): string {
  const name = framework?.scale.find((l) => l.level === level)?.name;
  return name ? `${level} · ${name}` : `Level ${level}`;
}
