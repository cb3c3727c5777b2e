import { useLocation } from 'react-router';
import { LinkButton } from '../design/button';
import { EmptyState } from '../design/empty-state';
import { PageHeader } from '../design/page-header';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There’s nothing at this address"
        actions={<LinkButton to="/">Go to Home</LinkButton>}
      >
        <p>
          <code>{location.pathname}</code> isn’t a page in Cairn. The link may be mistyped, or the page may
          have moved.
        </p>
      </EmptyState>
    </>
  );
}
