import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { cairnApi } from '../api/cairn-api';
import type { PublicInvitation } from '../api/types';
import { Alert, ProblemAlert } from '../design/alert';
import { Button, LinkButton } from '../design/button';
import { useAnnounce } from '../design/live-announcer';
import { useDocumentTitle } from '../design/page-header';
import { QueryView } from '../design/query-view';
import { RoleChips } from '../design/role-chips';
import { useAction } from '../hooks/use-action';
import { useApiQuery } from '../hooks/use-api-query';
import { formatDate } from '../labels/dates';
import { ORGANISATION_KIND_LABELS } from '../labels/organisation-kinds';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, sortRoles } from '../labels/roles';
import { PublicPanel } from '../layout/public-layout';
import { rememberOrganisation } from '../session/current-organisation';
import { useSession } from '../session/session-context';

const CLOSED_MESSAGES: Record<
  Exclude<PublicInvitation['status'], 'pending'>,
  { title: string; body: string }
> = {
  accepted: {
    title: 'This invitation has been accepted',
    body: 'It can only be used once. If that was you, sign in to carry on.',
  },
  revoked: {
    title: 'This invitation was withdrawn',
    body: 'Ask the organisation’s admin to send you a new one.',
  },
  expired: {
    title: 'This invitation has expired',
    body: 'Ask the organisation’s admin to send you a new one.',
  },
};

export function InvitationPage() {
  const { token = '' } = useParams();
  useDocumentTitle('Invitation');
  const query = useApiQuery(`invitation:${token}`, (signal) => cairnApi.getInvitation(token, signal));

  if (query.status === 'success') return <InvitationDetails token={token} invitation={query.data} />;
  return (
    <PublicPanel title="Your invitation">
      {query.status === 'error' && query.problem.status === 404 ? (
        <Alert tone="warning" title="We can’t find this invitation">
          <p>The link may be mistyped or out of date. Ask the person who invited you to send it again.</p>
        </Alert>
      ) : (
        <QueryView query={query} loadingLabel="Loading your invitation…">
          {() => null}
        </QueryView>
      )}
    </PublicPanel>
  );
}

function InvitationDetails({ token, invitation }: { token: string; invitation: PublicInvitation }) {
  const { state, refresh, signOut } = useSession();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [signingOut, setSigningOut] = useState(false);
  const here = `/invitations/${encodeURIComponent(token)}`;
  const organisationName = invitation.organisation.name;

  const accept = useAction(async () => {
    const accepted = await cairnApi.acceptInvitation(token);
    rememberOrganisation(accepted.organisation.id);
    await refresh();
    announce(`You have joined ${accepted.organisation.name}.`);
    void navigate('/', { replace: true });
  });

  const signedInAs = state.status === 'signed-in' ? state.me.user : null;
  const emailMismatch =
    signedInAs !== null && signedInAs.email.toLowerCase() !== invitation.email.toLowerCase();
  const closed = invitation.status === 'pending' ? null : CLOSED_MESSAGES[invitation.status];
  const roleList = sortRoles(invitation.roles)
    .map((role) => ROLE_LABELS[role])
    .join(', ');

  async function switchAccount() {
    setSigningOut(true);
    try {
      await signOut();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <PublicPanel
      title={`Join ${organisationName} on Cairn`}
      intro={
        <p>
          {organisationName} has invited <strong>{invitation.email}</strong> to join as {roleList}.
        </p>
      }
    >
      <dl className="definition-list">
        <dt>Organisation</dt>
        <dd>
          {organisationName}
          <span className="muted"> · {ORGANISATION_KIND_LABELS[invitation.organisation.kind]}</span>
        </dd>
        <dt>Invited email</dt>
        <dd>{invitation.email}</dd>
        <dt>Roles</dt>
        <dd>
          <RoleChips roles={invitation.roles} />
        </dd>
        <dt>{closed ? 'Expiry' : 'Expires'}</dt>
        <dd>{formatDate(invitation.expiresAt)}</dd>
      </dl>

      <ul className="role-explainer">
        {sortRoles(invitation.roles).map((role) => (
          <li key={role}>
            <strong>{ROLE_LABELS[role]}:</strong> {ROLE_DESCRIPTIONS[role]}
          </li>
        ))}
      </ul>

      {closed ? (
        <Alert tone="warning" title={closed.title}>
          <p>{closed.body}</p>
        </Alert>
      ) : state.status === 'loading' ? null : signedInAs ? (
        <div className="stack">
          {emailMismatch ? (
            <Alert
              tone="warning"
              title="This invitation is for a different email"
              actions={
                <Button
                  variant="secondary"
                  size="sm"
                  pending={signingOut}
                  onClick={() => void switchAccount()}
                >
                  Sign out and switch account
                </Button>
              }
            >
              <p>
                You are signed in as <strong>{signedInAs.email}</strong>, but the invitation was sent to{' '}
                <strong>{invitation.email}</strong>. Sign in with that address to accept it.
              </p>
            </Alert>
          ) : null}
          <ProblemAlert
            problem={accept.problem}
            messages={{
              'invitation-email-mismatch': (
                <p>
                  This invitation belongs to {invitation.email}. Sign out, then sign in or create an account
                  with that email.
                </p>
              ),
            }}
          />
          <div className="form__actions">
            <Button pending={accept.pending} onClick={() => void accept.run()}>
              Accept invitation
            </Button>
            <LinkButton to="/" variant="ghost">
              Not now
            </LinkButton>
          </div>
        </div>
      ) : (
        <div className="stack">
          <p>Sign in or create an account with {invitation.email} to accept. We’ll bring you back here.</p>
          <div className="form__actions">
            <LinkButton
              to={`/sign-in?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
            >
              Sign in to accept
            </LinkButton>
            <LinkButton
              variant="secondary"
              to={`/sign-up?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
            >
              Create an account
            </LinkButton>
          </div>
        </div>
      )}
    </PublicPanel>
  );
}
