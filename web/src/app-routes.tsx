import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter, Outlet, useMatches, type RouteObject } from 'react-router';
import { AppShell } from './layout/app-shell';
import { PublicLayout } from './layout/public-layout';
import { FullPageLoading, RequireSession } from './layout/require-session';
import { SignInPage } from './pages/auth/sign-in-page';
import { PublicBrowseLayout } from './pages/catalogue/public-browse-layout';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
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

/**
 * A page loaded the first time it is visited, so the first load carries the shell and the page
 * asked for, not every page of the app. The router waits for it before leaving the current page.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

/** Marks routes anyone may see (catalogue, pathways, frameworks, reports, verify, credential pages); visitors get the browse layout. */
const OPEN_TO_VISITORS = { openToVisitors: true } as const;

function SignedInArea() {
  const { state } = useSession();
  // One route element for signed-in and open pages, so moving between them keeps the shell.
  const open = useMatches().some((match) => match.handle === OPEN_TO_VISITORS);
  if (open && (state.status === 'signed-out' || state.status === 'error')) {
    return (
      <PublicBrowseLayout>
        <Outlet />
      </PublicBrowseLayout>
    );
  }
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
    HydrateFallback: FullPageLoading,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-up', lazy: page(() => import('./pages/auth/sign-up-page'), 'SignUpPage') },
      {
        path: 'forgot-password',
        lazy: page(() => import('./pages/auth/forgot-password-page'), 'ForgotPasswordPage'),
      },
      {
        path: 'reset-password',
        lazy: page(() => import('./pages/auth/reset-password-page'), 'ResetPasswordPage'),
      },
      { path: 'invitations/:token', lazy: page(() => import('./pages/invitation-page'), 'InvitationPage') },
      // A supervisor's attestation link: no account needed.
      {
        path: 'attest/:token',
        lazy: page(() => import('./pages/assessment/attestation-page'), 'AttestationPage'),
      },
    ],
  },
  {
    element: <SignedInArea />,
    HydrateFallback: FullPageLoading,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'account', lazy: page(() => import('./pages/account-page'), 'AccountPage') },
      {
        path: 'orgs/new',
        lazy: page(() => import('./pages/organisations/create-organisation-page'), 'CreateOrganisationPage'),
      },
      {
        path: 'orgs/:orgId/members',
        lazy: page(() => import('./pages/organisations/members-page'), 'MembersPage'),
      },
      {
        path: 'orgs/:orgId/api-keys',
        lazy: page(() => import('./pages/organisations/api-keys-page'), 'ApiKeysPage'),
      },
      {
        path: 'orgs/:orgId/audit',
        lazy: page(() => import('./pages/audit/organisation-audit-page'), 'OrganisationAuditPage'),
      },
      {
        path: 'orgs/:orgId/credentials',
        lazy: page(() => import('./pages/credentials/issued-credentials-page'), 'IssuedCredentialsPage'),
      },
      { path: 'wallet', lazy: page(() => import('./pages/credentials/wallet-page'), 'WalletPage') },
      { path: 'admin/outbox', lazy: page(() => import('./pages/admin/outbox-page'), 'OutboxPage') },
      {
        path: 'admin/audit',
        lazy: page(() => import('./pages/admin/platform-audit-page'), 'PlatformAuditPage'),
      },
      {
        path: 'frameworks/import',
        lazy: page(() => import('./pages/frameworks/import-framework-page'), 'ImportFrameworkPage'),
      },
      {
        path: 'authoring',
        lazy: page(() => import('./pages/authoring/my-achievements-page'), 'MyAchievementsPage'),
      },
      {
        path: 'authoring/new',
        lazy: page(() => import('./pages/authoring/achievement-editor-pages'), 'NewAchievementPage'),
      },
      {
        path: 'authoring/versions/:versionId',
        lazy: page(() => import('./pages/authoring/version-review-page'), 'VersionReviewPage'),
      },
      {
        path: 'authoring/versions/:versionId/edit',
        lazy: page(() => import('./pages/authoring/achievement-editor-pages'), 'EditAchievementPage'),
      },
      {
        path: 'authoring/versions/:versionId/diff/:otherVersionId',
        lazy: page(() => import('./pages/authoring/version-diff-page'), 'VersionDiffPage'),
      },
      { path: 'learning', lazy: page(() => import('./pages/assessment/my-learning-page'), 'MyLearningPage') },
      { path: 'learning/journey', lazy: page(() => import('./pages/pathways/journey-page'), 'JourneyPage') },
      {
        path: 'learning/guidance',
        lazy: page(() => import('./pages/pathways/guidance-page'), 'GuidancePage'),
      },
      {
        path: 'pathways/new',
        lazy: page(() => import('./pages/pathways/pathway-editor-pages'), 'NewPathwayPage'),
      },
      {
        path: 'pathways/:id/edit',
        lazy: page(() => import('./pages/pathways/pathway-editor-pages'), 'EditPathwayPage'),
      },
      {
        path: 'submissions/:id',
        lazy: page(() => import('./pages/assessment/submission-page'), 'SubmissionPage'),
      },
      {
        path: 'assess',
        lazy: page(() => import('./pages/assessment/assessor-queue-page'), 'AssessorQueuePage'),
      },
      {
        path: 'assess/:submissionId',
        lazy: page(() => import('./pages/assessment/assess-submission-page'), 'AssessSubmissionPage'),
      },
      {
        path: 'moderation',
        lazy: page(() => import('./pages/assessment/moderation-page'), 'ModerationPage'),
      },
      {
        path: 'moderation/submissions/:submissionId',
        lazy: page(() => import('./pages/assessment/moderation-review-page'), 'ModerationReviewPage'),
      },
      {
        path: 'achievements/:id/assessment',
        lazy: page(() => import('./pages/assessment/assessment-settings-page'), 'AssessmentSettingsPage'),
      },
      {
        path: 'notifications',
        lazy: page(() => import('./pages/assessment/notifications-page'), 'NotificationsPage'),
      },
      {
        path: 'audit-log',
        lazy: page(() => import('./pages/audit/assessment-audit-page'), 'AssessmentAuditPage'),
      },
      {
        handle: OPEN_TO_VISITORS,
        children: [
          {
            path: 'catalogue',
            lazy: page(() => import('./pages/catalogue/catalogue-page'), 'CataloguePage'),
          },
          {
            path: 'catalogue/:id',
            lazy: page(() => import('./pages/catalogue/achievement-page'), 'AchievementPage'),
          },
          { path: 'pathways', lazy: page(() => import('./pages/pathways/pathways-page'), 'PathwaysPage') },
          { path: 'pathways/:id', lazy: page(() => import('./pages/pathways/pathway-page'), 'PathwayPage') },
          {
            path: 'frameworks',
            lazy: page(() => import('./pages/frameworks/frameworks-page'), 'FrameworksPage'),
          },
          {
            path: 'frameworks/:frameworkId',
            lazy: page(() => import('./pages/frameworks/framework-page'), 'FrameworkPage'),
          },
          { path: 'reports', lazy: page(() => import('./pages/reports/reports-page'), 'ReportsPage') },
          {
            path: 'reports/overlap',
            lazy: page(() => import('./pages/reports/overlap-page'), 'OverlapPage'),
          },
          {
            path: 'reports/coverage',
            lazy: page(() => import('./pages/reports/coverage-page'), 'CoveragePage'),
          },
          { path: 'verify', lazy: page(() => import('./pages/credentials/verify-page'), 'VerifyPage') },
          {
            path: 'credentials/:id',
            lazy: page(() => import('./pages/credentials/credential-page'), 'CredentialPage'),
          },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
