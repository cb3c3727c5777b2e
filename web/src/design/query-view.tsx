import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/client';
import type { QueryResult } from '../hooks/use-api-query';
import { Alert } from './alert';
import { Button } from './button';
import { LoadingBlock } from './spinner';

/** A failed load, with a way to try again. */
export function ErrorState({
  problem,
  onRetry,
  title,
}: {
  problem: ApiProblem;
  onRetry?: () => void;
  title?: string;
}) {
  const forbidden = problem.status === 403;
  const missing = problem.status === 404;
  return (
    <Alert
      tone={forbidden || missing ? 'warning' : 'danger'}
      title={title ?? problem.title}
      actions={
        onRetry && !forbidden && !missing ? (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : undefined
      }
    >
      <p>
        {problem.detail ??
          (forbidden
            ? 'Your roles in this organisation do not include this page. An organisation admin can change that.'
            : missing
              ? 'It may have been removed, or the link is out of date.'
              : 'Try again in a moment.')}
      </p>
    </Alert>
  );
}

/** Loading, error and success for one query, so every page handles all three. */
export function QueryView<T>({
  query,
  loadingLabel,
  children,
}: {
  query: QueryResult<T>;
  loadingLabel: string;
  children: (data: T) => ReactNode;
}) {
  switch (query.status) {
    case 'loading':
      return <LoadingBlock label={loadingLabel} />;
    case 'error':
      return <ErrorState problem={query.problem} onRetry={query.reload} />;
    case 'success':
      return children(query.data);
  }
}
