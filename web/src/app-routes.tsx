import type { ReactNode } from 'react';
import { createBrowserRouter, Outlet, useMatches, type RouteObject } from 'react-router';
import { AppShell } from './layout/app-shell';
import { PublicLayout } from './layout/public-layout';
import { FullPageLoading, RequireSession } from './layout/require-session';
import { AccountPage } from './pages/account-page';
import { OutboxPage } from './pages/admin/outbox-page';
import { PlatformAuditPage } from './pages/admin/platform-audit-page';
import { AssessSubmissionPage } from './pages/assessment/assess-submission-page';
import { AssessmentSettingsPage } from './pages/assessment/assessment-settings-page';
import { AssessorQueuePage } from './pages/assessment/assessor-queue-page';
import { AttestationPage } from './pages/assessment/attestation-page';
import { ModerationPage } from './pages/assessment/moderation-page';
import { ModerationReviewPage } from './pages/assessment/moderation-review-page';
import { MyLearningPage } from './pages/assessment/my-learning-page';
import { NotificationsPage } from './pages/assessment/notifications-page';
import { SubmissionPage } from './pages/assessment/submission-page';
import { AssessmentAuditPage } from './pages/audit/assessment-audit-page';
import { OrganisationAuditPage } from './pages/audit/organisation-audit-page';
import { ForgotPasswordPage } from './pages/auth/forgot-password-page';
import { ResetPasswordPage } from './pages/auth/reset-password-page';
import { SignInPage } from './pages/auth/sign-in-page';
import { SignUpPage } from './pages/auth/sign-up-page';
import { EditAchievementPage, NewAchievementPage } from './pages/authoring/achievement-editor-pages';
import { MyAchievementsPage } from './pages/authoring/my-achievements-page';
import { VersionDiffPage } from './pages/authoring/version-diff-page';
import { VersionReviewPage } from './pages/authoring/version-review-page';
import { AchievementPage } from './pages/catalogue/achievement-page';
import { CataloguePage } from './pages/catalogue/catalogue-page';
import { CredentialPage } from './pages/credentials/credential-page';
import { IssuedCredentialsPage } from './pages/credentials/issued-credentials-page';
import { VerifyPage } from './pages/credentials/verify-page';
import { WalletPage } from './pages/credentials/wallet-page';
import { PublicBrowseLayout } from './pages/catalogue/public-browse-layout';
import { FrameworkPage } from './pages/frameworks/framework-page';
import { FrameworksPage } from './pages/frameworks/frameworks-page';
import { ImportFrameworkPage } from './pages/frameworks/import-framework-page';
import { HomePage } from './pages/home-page';
import { InvitationPage } from './pages/invitation-page';
import { NotFoundPage } from './pages/not-found-page';
import { ApiKeysPage } from './pages/organisations/api-keys-page';
import { GuidancePage } from './pages/pathways/guidance-page';
import { JourneyPage } from './pages/pathways/journey-page';
import { EditPathwayPage, NewPathwayPage } from './pages/pathways/pathway-editor-pages';
import { PathwayPage } from './pages/pathways/pathway-page';
import { PathwaysPage } from './pages/pathways/pathways-page';
import { CreateOrganisationPage } from './pages/organisations/create-organisation-page';
import { MembersPage } from './pages/organisations/members-page';
import { CoveragePage } from './pages/reports/coverage-page';
import { OverlapPage } from './pages/reports/overlap-page';
import { ReportsPage } from './pages/reports/reports-page';
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
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'invitations/:token', element: <InvitationPage /> },
      // A supervisor's attestation link: no account needed.
      { path: 'attest/:token', element: <AttestationPage /> },
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
      { path: 'orgs/:orgId/credentials', element: <IssuedCredentialsPage /> },
      { path: 'wallet', element: <WalletPage /> },
      { path: 'admin/outbox', element: <OutboxPage /> },
      { path: 'admin/audit', element: <PlatformAuditPage /> },
      { path: 'frameworks/import', element: <ImportFrameworkPage /> },
      { path: 'authoring', element: <MyAchievementsPage /> },
      { path: 'authoring/new', element: <NewAchievementPage /> },
      { path: 'authoring/versions/:versionId', element: <VersionReviewPage /> },
      { path: 'authoring/versions/:versionId/edit', element: <EditAchievementPage /> },
      { path: 'authoring/versions/:versionId/diff/:otherVersionId', element: <VersionDiffPage /> },
      { path: 'learning', element: <MyLearningPage /> },
      { path: 'learning/journey', element: <JourneyPage /> },
      { path: 'learning/guidance', element: <GuidancePage /> },
      { path: 'pathways/new', element: <NewPathwayPage /> },
      { path: 'pathways/:id/edit', element: <EditPathwayPage /> },
      { path: 'submissions/:id', element: <SubmissionPage /> },
      { path: 'assess', element: <AssessorQueuePage /> },
      { path: 'assess/:submissionId', element: <AssessSubmissionPage /> },
      { path: 'moderation', element: <ModerationPage /> },
      { path: 'moderation/submissions/:submissionId', element: <ModerationReviewPage /> },
      { path: 'achievements/:id/assessment', element: <AssessmentSettingsPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'audit-log', element: <AssessmentAuditPage /> },
      {
        handle: OPEN_TO_VISITORS,
        children: [
          { path: 'catalogue', element: <CataloguePage /> },
          { path: 'catalogue/:id', element: <AchievementPage /> },
          { path: 'pathways', element: <PathwaysPage /> },
          { path: 'pathways/:id', element: <PathwayPage /> },
          { path: 'frameworks', element: <FrameworksPage /> },
          { path: 'frameworks/:frameworkId', element: <FrameworkPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'reports/overlap', element: <OverlapPage /> },
          { path: 'reports/coverage', element: <CoveragePage /> },
          { path: 'verify', element: <VerifyPage /> },
          { path: 'credentials/:id', element: <CredentialPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
