import type { ReactNode } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { AppShell } from './layout/app-shell';
import { PublicLayout } from './layout/public-layout';
import { FullPageLoading, RequireSession } from './layout/require-session';
import { AccountPage } from './pages/account-page';
import { OutboxPage } from './pages/admin/outbox-page';
import { PlatformAuditPage } from './pages/admin/platform-audit-page';
import { OrganisationAuditPage } from './pages/audit/organisation-audit-page';
import { ForgotPasswordPage } from './pages/auth/forgot-password-page';
import { ResetPasswordPage } from './pages/auth/reset-password-page';
import { SignInPage } from './pages/auth/sign-in-page';
import { SignUpPage } from './pages/auth/sign-up-page';
import { HomePage } from './pages/home-page';
import { InvitationPage } from './pages/invitation-page';
import { NotFoundPage } from './pages/not-found-page';
import { ApiKeysPage } from './pages/organisations/api-keys-page';
import { CreateOrganisationPage } from './pages/organisations/create-organisation-page';
import { MembersPage } from './pages/organisations/members-page';
import { CurrentOrganisationProvider } from './session/current-organisation';
import { useSession } from './session/session-context';

function PublicArea() {
  return (
    <PublicLayout>
      <Outlet />
    </PublicLayout>
  );
}

function SignedInShell({ children }: { children: ReactNode }) {
  return (
    <RequireSession>
      <CurrentOrganisationProvider>
        <AppShell>{children}</AppShell>
      </CurrentOrganisationProvider>
    </RequireSession>
  );
}

function SignedInArea() {
  return (
    <SignedInShell>
      <Outlet />
    </SignedInShell>
  );
}

/** Unknown addresses get a 404 inside the shell when signed in, on the public layout otherwise. */
function NotFoundRoute() {
  const { state } = useSession();
  if (state.status === 'loading') return <FullPageLoading />;
  if (state.status === 'signed-in') {
    return (
      <SignedInShell>
        <NotFoundPage />
      </SignedInShell>
    );
  }
  return (
    <PublicLayout>
      <NotFoundPage />
    </PublicLayout>
  );
}

export const routes: RouteObject[] = [
  {
    element: <PublicArea />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'invitations/:token', element: <InvitationPage /> },
    ],
  },
  {
    element: <SignedInArea />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'orgs/new', element: <CreateOrganisationPage /> },
      { path: 'orgs/:orgId/members', element: <MembersPage /> },
      { path: 'orgs/:orgId/api-keys', element: <ApiKeysPage /> },
      { path: 'orgs/:orgId/audit', element: <OrganisationAuditPage /> },
      { path: 'admin/outbox', element: <OutboxPage /> },
      { path: 'admin/audit', element: <PlatformAuditPage /> },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
