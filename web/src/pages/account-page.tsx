import { useRef, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { cairnApi } from '../api/cairn-api';
import { Alert, ProblemAlert } from '../design/alert';
import { Button } from '../design/button';
import { Card } from '../design/card';
import { Chip } from '../design/chip';
import { useAnnounce } from '../design/live-announcer';
import { PageHeader } from '../design/page-header';
import { RoleChips } from '../design/role-chips';
import { TextField } from '../design/text-field';
import {
  checkNewPassword,
  compactErrors,
  fieldError,
  focusFirstInvalid,
  MIN_PASSWORD_LENGTH,
  type ClientErrors,
} from '../hooks/form-errors';
import { useAction } from '../hooks/use-action';
import { useApiQuery } from '../hooks/use-api-query';
import { formatDate } from '../labels/dates';
import { ORGANISATION_KIND_LABELS } from '../labels/organisation-kinds';
import { useMe } from '../session/session-context';

export function AccountPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="Account" description={<p>Your profile, your organisations and your password.</p>} />
      <div className="account-grid">
        <Card title="Profile">
          <dl className="definition-list">
            <dt>Name</dt>
            <dd>{me.user.name}</dd>
            <dt>Email</dt>
            <dd>{me.user.email}</dd>
            <dt>Joined Cairn</dt>
            <dd>
              <time dateTime={me.user.createdAt}>{formatDate(me.user.createdAt)}</time>
            </dd>
            {me.user.isPlatformAdmin ? (
              <>
                <dt>Access</dt>
                <dd>
                  <Chip tone="primary">Platform admin</Chip>
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card title="Organisations">
          {me.memberships.length === 0 ? (
            <p className="muted">
              You don’t belong to an organisation yet.{' '}
              {me.abilities.createOrganisation ? (
                <Link to="/orgs/new">Create one</Link>
              ) : (
                'Ask for an invitation.'
              )}
            </p>
          ) : (
            <ul className="membership-list">
              {me.memberships.map((membership) => (
                <li key={membership.organisation.id}>
                  <div>
                    <span className="membership-list__name">{membership.organisation.name}</span>
                    <span className="muted small">
                      {' '}
                      · {ORGANISATION_KIND_LABELS[membership.organisation.kind]}
                    </span>
                  </div>
                  <RoleChips
                    roles={membership.roles}
                    label={`Your roles in ${membership.organisation.name}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <DidCard />
        <ChangePasswordCard />
      </div>
    </>
  );
}

const FIELDS = ['currentPassword', 'newPassword'];

/** The learner's own DID: credentials issued from now on name it, so a wallet can prove holding them. */
function DidCard() {
  const announce = useAnnounce();
  const query = useApiQuery('my-did', (signal) => cairnApi.myDid(signal));
  const [draft, setDraft] = useState<string | null>(null);
  const saved = query.status === 'success' ? query.data.did : null;
  const value = draft ?? saved ?? '';
  const save = useAction(async (did: string | null) => {
    const result = await cairnApi.setMyDid(did);
    query.update(() => result);
    setDraft(null);
    announce(result.did ? 'Your DID is saved.' : 'Your DID is removed.');
    return true;
  });
  return (
    <Card title="Your DID" className="account-grid__wide">
      <p className="muted">
        A decentralised identifier from your digital wallet. Credentials issued to you from now on name it as
        their subject (as well as your hashed email), so your wallet can prove they are yours.
      </p>
      {query.status === 'error' ? <ProblemAlert problem={query.problem} /> : null}
      <form
        className="form form--narrow"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save.run(value.trim() === '' ? null : value.trim());
        }}
      >
        <ProblemAlert problem={save.problem} fields={['did']} />
        <TextField
          label="DID"
          name="did"
          placeholder="did:key:z6Mk…"
          value={value}
          onChange={(event) => {
            setDraft(event.target.value);
          }}
          error={fieldError('did', {}, save.problem)}
        />
        <div className="form__actions">
          <Button type="submit" disabled={save.pending}>
            Save DID
          </Button>
          {saved ? (
            <Button
              type="button"
              variant="secondary"
              disabled={save.pending}
              onClick={() => {
                void save.run(null);
              }}
            >
              Remove
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}

function ChangePasswordCard() {
  const announce = useAnnounce();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [changed, setChanged] = useState(false);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const change = useAction(async () => {
    await cairnApi.changePassword({ currentPassword, newPassword });
    setCurrentPassword('');
    setNewPassword('');
    setChanged(true);
    announce('Your password has been changed.');
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    const errors = compactErrors({
      currentPassword: currentPassword ? undefined : 'Enter your current password.',
      newPassword:
        checkNewPassword(newPassword) ??
        (newPassword === currentPassword ? 'Choose a password you are not using now.' : undefined),
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      change.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const ok = await change.run();
    if (!ok) focusFirstInvalid(formRef.current);
  }

  // A wrong current password comes back as invalid-credentials: show it on that field.
  const wrongCurrent = change.problem?.is('invalid-credentials')
    ? 'That isn’t your current password.'
    : undefined;

  return (
    <Card title="Change password" className="account-grid__wide">
      <form
        ref={formRef}
        className="form form--narrow"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
      >
        {changed ? (
          <Alert tone="success" title="Password changed">
            <p>Use your new password next time you sign in.</p>
          </Alert>
        ) : null}
        <ProblemAlert problem={change.problem} fields={FIELDS} />
        <TextField
          label="Current password"
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => {
            setCurrentPassword(event.target.value);
          }}
          error={wrongCurrent ?? fieldError('currentPassword', clientErrors, change.problem)}
          required
        />
        <TextField
          label="New password"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={newPassword}
          onChange={(event) => {
            setNewPassword(event.target.value);
          }}
          error={fieldError('newPassword', clientErrors, change.problem)}
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
        <div className="form__actions">
          <Button type="submit" pending={change.pending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
