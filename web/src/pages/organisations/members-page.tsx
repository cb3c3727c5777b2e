import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import type { Invitation, Member, Organisation, Role } from '../../api/types';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { CheckboxGroup } from '../../design/checkbox-group';
import { Chip } from '../../design/chip';
import { ConfirmDialog } from '../../design/confirm-dialog';
import { Dialog } from '../../design/dialog';
import { EmptyState } from '../../design/empty-state';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { RoleChips } from '../../design/role-chips';
import { Table } from '../../design/table';
import { TextField } from '../../design/text-field';
import {
  checkEmail,
  compactErrors,
  fieldError,
  focusFirstInvalid,
  type ClientErrors,
} from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { useOrganisation } from '../../hooks/use-organisation';
import { formatDate } from '../../labels/dates';
import { useMe, useSession } from '../../session/session-context';
import { LAST_ADMIN_MESSAGE, ROLE_OPTIONS } from './role-options';

export function MembersPage() {
  const { orgId = '' } = useParams();
  const organisation = useOrganisation(orgId);
  const orgName = organisation.status === 'success' ? organisation.data.name : undefined;

  return (
    <>
      <PageHeader
        title="Members"
        eyebrow={orgName}
        documentTitle={orgName ? `Members · ${orgName}` : 'Members'}
        description={<p>Who belongs to this organisation, and what each person can do.</p>}
      />
      <QueryView query={organisation} loadingLabel="Loading organisation…">
        {(org) => <MembersContent organisation={org} />}
      </QueryView>
    </>
  );
}

function MembersContent({ organisation }: { organisation: Organisation }) {
  const orgId = organisation.id;
  const members = useApiQuery(
    `members:${orgId}`,
    async (signal) => (await cairnApi.listMembers(orgId, signal)).items,
  );
  const canManage = organisation.abilities.manageMembers;
  const invitations = useApiQuery(`invitations:${orgId}:${canManage}`, async (signal) =>
    canManage ? (await cairnApi.listInvitations(orgId, signal)).items : [],
  );

  return (
    <div className="stack stack-lg">
      <section aria-labelledby="members-heading" className="stack">
        <div className="section-title">
          <h2 id="members-heading">People</h2>
          {members.status === 'success' ? (
            <p className="muted small">
              {members.data.length === 1 ? '1 member' : `${members.data.length} members`}
            </p>
          ) : null}
        </div>
        <QueryView query={members} loadingLabel="Loading members…">
          {(items) => <MemberTable organisation={organisation} members={items} query={members} />}
        </QueryView>
      </section>

      {canManage ? (
        <>
          <InviteForm
            organisation={organisation}
            onInvited={(invitation) => {
              invitations.update((list) => [invitation, ...list]);
            }}
          />
          <section aria-labelledby="invitations-heading" className="stack">
            <h2 id="invitations-heading">Pending invitations</h2>
            <QueryView query={invitations} loadingLabel="Loading invitations…">
              {(items) => (
                <InvitationList organisation={organisation} invitations={items} query={invitations} />
              )}
            </QueryView>
          </section>
        </>
      ) : null}
    </div>
  );
}

function MemberTable({
  organisation,
  members,
  query,
}: {
  organisation: Organisation;
  members: Member[];
  query: QueryResult<Member[]>;
}) {
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [editing, setEditing] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  if (members.length === 0) {
    return (
      <EmptyState title="No members yet" headingLevel={3}>
        Invite people below to get started.
      </EmptyState>
    );
  }

  async function removeMember(member: Member) {
    await cairnApi.removeMember(organisation.id, member.user.id);
    const isSelf = member.user.id === me.user.id;
    announce(
      isSelf
        ? `You left ${organisation.name}.`
        : `${member.user.name} was removed from ${organisation.name}.`,
    );
    if (isSelf) {
      await refresh();
      void navigate('/');
      return;
    }
    query.update((list) => list.filter((m) => m.user.id !== member.user.id));
  }

  return (
    <>
      <Table caption={`Members of ${organisation.name}`} testId="members-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.user.id} data-testid={`member-row-${member.user.email}`}>
              <th scope="row" className="cell-primary" id={`member-name-${member.user.id}`}>
                {member.user.name}
                {member.user.id === me.user.id ? (
                  <>
                    {' '}
                    <Chip tone="info">You</Chip>
                  </>
                ) : null}
              </th>
              <td>{member.user.email}</td>
              <td>
                <RoleChips roles={member.roles} label={`Roles of ${member.user.name}`} />
              </td>
              <td className="cell-nowrap">
                <time dateTime={member.joinedAt}>{formatDate(member.joinedAt)}</time>
              </td>
              <td className="cell-actions">
                {member.abilities.changeRoles ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => {
                      setEditing(member);
                    }}
                    aria-describedby={`member-name-${member.user.id}`}
                  >
                    Edit roles
                  </Button>
                ) : null}
                {member.abilities.remove ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setRemoving(member);
                    }}
                    aria-describedby={`member-name-${member.user.id}`}
                  >
                    Remove
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      <EditRolesDialog
        organisation={organisation}
        member={editing}
        onClose={() => {
          setEditing(null);
        }}
        onSaved={(updated) => {
          query.update((list) => list.map((m) => (m.user.id === updated.user.id ? updated : m)));
          announce(`Roles updated for ${updated.user.name}.`);
          // Changing your own roles changes what the navigation offers.
          if (updated.user.id === me.user.id) void refresh();
        }}
      />

      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.user.name}?` : 'Remove member?'}
        confirmLabel="Remove"
        onClose={() => {
          setRemoving(null);
        }}
        onConfirm={() => (removing ? removeMember(removing) : Promise.resolve())}
        problemMessages={{ 'last-admin': <p>{LAST_ADMIN_MESSAGE}</p> }}
        testId="remove-member-dialog"
      >
        <p>
          {removing?.user.id === me.user.id
            ? `You will lose access to ${organisation.name} straight away.`
            : `${removing?.user.name ?? 'They'} will lose access to ${organisation.name}. Badges they have earned stay theirs.`}
        </p>
      </ConfirmDialog>
    </>
  );
}

function EditRolesDialog({
  organisation,
  member,
  onClose,
  onSaved,
}: {
  organisation: Organisation;
  member: Member | null;
  onClose: () => void;
  onSaved: (member: Member) => void;
}) {
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<string | undefined>();
  // Reset the draft each time a different member is opened.
  const [draftFor, setDraftFor] = useState<string | null>(null);
  const memberId = member?.user.id ?? null;
  if (draftFor !== memberId) {
    setDraftFor(memberId);
    setRoles(member?.roles ?? []);
    setError(undefined);
  }

  const save = useAction(async (target: Member, next: Role[]) => {
    const updated = await cairnApi.setMemberRoles(organisation.id, target.user.id, next);
    onSaved(updated);
    onClose();
  });

  function close() {
    save.reset();
    onClose();
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!member) return;
    if (roles.length === 0) {
      setError('Choose at least one role. To take someone out of the organisation, remove them instead.');
      return;
    }
    setError(undefined);
    await save.run(member, roles);
  }

  const formId = `edit-roles-${memberId ?? 'none'}`;
  return (
    <Dialog
      open={member !== null}
      onClose={close}
      title={member ? `Roles for ${member.user.name}` : 'Edit roles'}
      description={member ? <p>{member.user.email}</p> : undefined}
      testId="edit-roles-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={formId} pending={save.pending}>
            Save roles
          </Button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert
          problem={save.problem}
          fields={['roles']}
          messages={{ 'last-admin': <p>{LAST_ADMIN_MESSAGE}</p> }}
        />
        <CheckboxGroup
          legend="Roles"
          options={ROLE_OPTIONS}
          value={roles}
          onChange={setRoles}
          error={error ?? save.problem?.fieldMessage('roles')}
        />
      </form>
    </Dialog>
  );
}

function InviteForm({
  organisation,
  onInvited,
}: {
  organisation: Organisation;
  onInvited: (invitation: Invitation) => void;
}) {
  const announce = useAnnounce();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Role[]>(['learner']);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  // Home's "Invite people" link lands here: bring the form into view.
  useEffect(() => {
    if (location.hash !== '#invite') return;
    emailRef.current?.scrollIntoView({ block: 'center' });
    emailRef.current?.focus();
  }, [location.hash]);

  const invite = useAction(async (body: { email: string; roles: Role[] }) => {
    const invitation = await cairnApi.createInvitation(organisation.id, body);
    onInvited(invitation);
    announce(`Invitation sent to ${invitation.email}.`);
    setEmail('');
    setRoles(['learner']);
    return invitation;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      email: checkEmail(email),
      roles: roles.length === 0 ? 'Choose at least one role.' : undefined,
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      invite.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const sent = await invite.run({ email: email.trim(), roles });
    if (!sent) focusFirstInvalid(formRef.current);
  }

  const alreadyMember = invite.problem?.is('already-member')
    ? `${email.trim() || 'This person'} is already a member of ${organisation.name}. Change their roles in the table above instead.`
    : undefined;

  return (
    <Card
      id="invite"
      title="Invite someone"
      description="They’ll get an email with a link to join. Invitations expire, so send them when the person is ready."
    >
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert
          problem={invite.problem}
          fields={['email', 'roles']}
          messages={alreadyMember ? { 'already-member': <p>{alreadyMember}</p> } : undefined}
        />
        <TextField
          ref={emailRef}
          label="Email"
          type="email"
          name="email"
          autoComplete="off"
          inputMode="email"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
          error={
            clientErrors['email'] ??
            (alreadyMember ? 'Already a member.' : invite.problem?.fieldMessage('email'))
          }
          required
        />
        <CheckboxGroup
          legend="Roles"
          hint="Choose what they can do here. You can change this later."
          options={ROLE_OPTIONS}
          value={roles}
          onChange={setRoles}
          error={fieldError('roles', clientErrors, invite.problem)}
          columns={2}
        />
        <div className="form__actions">
          <Button type="submit" pending={invite.pending} icon={<Icon name="mail" />}>
            Send invitation
          </Button>
        </div>
      </form>
    </Card>
  );
}

function InvitationList({
  organisation,
  invitations,
  query,
}: {
  organisation: Organisation;
  invitations: Invitation[];
  query: QueryResult<Invitation[]>;
}) {
  const announce = useAnnounce();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const pending = invitations.filter((invitation) => invitation.status === 'pending');
  const past = invitations.filter((invitation) => invitation.status !== 'pending');

  async function revoke(invitation: Invitation) {
    await cairnApi.revokeInvitation(organisation.id, invitation.id);
    query.update((list) => list.map((i) => (i.id === invitation.id ? { ...i, status: 'revoked' } : i)));
    announce(`Invitation to ${invitation.email} revoked.`);
  }

  return (
    <>
      {pending.length === 0 ? (
        <EmptyState title="No pending invitations" headingLevel={3}>
          <p>Invitations you send appear here until they are accepted.</p>
        </EmptyState>
      ) : (
        <Table caption={`Pending invitations to ${organisation.name}`} testId="invitations-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Invited by</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pending.map((invitation) => (
              <tr key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
                <th scope="row" className="cell-primary" id={`invitation-email-${invitation.id}`}>
                  {invitation.email}
                </th>
                <td>
                  <RoleChips roles={invitation.roles} label={`Roles offered to ${invitation.email}`} />
                </td>
                <td>
                  {invitation.invitedBy.name}
                  <span className="cell-secondary">
                    <time dateTime={invitation.createdAt}>{formatDate(invitation.createdAt)}</time>
                  </span>
                </td>
                <td className="cell-nowrap">
                  <time dateTime={invitation.expiresAt}>{formatDate(invitation.expiresAt)}</time>
                </td>
                <td className="cell-actions">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setRevoking(invitation);
                    }}
                    aria-describedby={`invitation-email-${invitation.id}`}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {past.length > 0 ? (
        <details className="disclosure">
          <summary>Past invitations ({past.length})</summary>
          <ul className="plain-list">
            {past.map((invitation) => (
              <li key={invitation.id}>
                {invitation.email}{' '}
                <Chip tone={invitation.status === 'accepted' ? 'success' : 'neutral'}>
                  {invitation.status}
                </Chip>{' '}
                <span className="muted small">sent {formatDate(invitation.createdAt)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invitation?"
        confirmLabel="Revoke"
        onClose={() => {
          setRevoking(null);
        }}
        onConfirm={() => (revoking ? revoke(revoking) : Promise.resolve())}
        testId="revoke-invitation-dialog"
      >
        <p>The link sent to {revoking?.email} will stop working. You can invite them again later.</p>
      </ConfirmDialog>
    </>
  );
}
