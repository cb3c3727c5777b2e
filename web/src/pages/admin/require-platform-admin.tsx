import type { ReactNode } from 'react';
import { Alert } from '../../design/alert';
import { PageHeader } from '../../design/page-header';
import { useMe } from '../../session/session-context';

/** The server enforces this too; here it just avoids showing a page of errors. */
export function RequirePlatformAdmin({ title, children }: { title: string; children: ReactNode }) {
  const me = useMe();
  if (me.user.isPlatformAdmin) return children;
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="warning" title="Platform admins only">
        <p>This page is for the people who run Cairn itself.</p>
      </Alert>
    </>
  );
}
