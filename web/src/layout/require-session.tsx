import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '../design/alert';
import { Button } from '../design/button';
import { LoadingBlock } from '../design/spinner';
import { useSession } from '../session/session-context';
import { PublicLayout } from './public-layout';

/** Renders children only when signed in; otherwise sends the person to sign in and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return <FullPageLoading />;
    case 'error':
      return (
        <PublicLayout>
          <Alert
            tone="danger"
            title="Cairn could not load your session"
            assertive
            actions={<Button onClick={() => void refresh()}>Try again</Button>}
          >
            <p>{state.problem.detail ?? state.problem.title}</p>
          </Alert>
        </PublicLayout>
      );
    case 'signed-out': {
      const next = `${location.pathname}${location.search}`;
      const params = new URLSearchParams();
      // After a deliberate sign-out the next person should start at Home.
      if (next !== '/' && state.reason !== 'signed-out') params.set('next', next);
      if (state.reason === 'expired') params.set('expired', '1');
      const query = params.toString();
      return <Navigate to={`/sign-in${query ? `?${query}` : ''}`} replace />;
    }
    case 'signed-in':
      return children;
  }
}

export function FullPageLoading() {
  return (
    <div className="full-page-loading">
      <LoadingBlock label="Loading Cairn…" />
    </div>
  );
}
