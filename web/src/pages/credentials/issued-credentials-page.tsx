import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Organisation } from '../../api/types';
import { catalogueApi, type CatalogueItem } from '../../api/catalogue-api';
import {
  credentialsApi,
  CREDENTIAL_ROUTES,
  type CredentialRoute,
  type IssueCredentialBody,
  type IssueResult,
  type IssuedCredential,
  type IssuedPage,
  type IssuerKey,
  type StatusAction,
} from '../../api/credentials-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { ConfirmDialog } from '../../design/confirm-dialog';
import { EmptyState } from '../../design/empty-state';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { Table } from '../../design/table';
import { TextAreaField } from '../../design/text-area-field';
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
import { formatDate, formatDateTime } from '../../labels/dates';
import { useCurrentOrganisation } from '../../session/current-organisation';
import { useMe } from '../../session/session-context';
import { ACTION_LABELS, ROUTE_LABELS, STATE_LABELS, STATE_TONES, statusActions } from './credential-labels';
import { StatusDialog, type StatusTarget } from './status-dialog';
import './credentials.css';

const PAGE_SIZE = 20;

/** Mirrors the server's policies (src/policies/credentials.ts), only to decide what to show. */
interface CredentialAbilities {
  issue: boolean;
  changeStatus: boolean;
  manageKeys: boolean;
}

function useCredentialAbilities(orgId: string): CredentialAbilities {
  const me = useMe();
  const { organisationId, roles } = useCurrentOrganisation();
  const held = organisationId === orgId ? roles : [];
  const admin = me.user.isPlatformAdmin || held.includes('org_admin');
  return {
    issue: admin || held.includes('assessor'),
    changeStatus: admin || held.includes('moderator'),
    manageKeys: admin,
  };
}

export function IssuedCredentialsPage() {
  const { orgId = '' } = useParams();
  const organisation = useOrganisation(orgId);
  const orgName = organisation.status === 'success' ? organisation.data.name : undefined;

  return (
    <>
      <PageHeader
        title="Credentials"
        eyebrow={orgName}
        documentTitle={orgName ? `Credentials · ${orgName}` : 'Credentials'}
        description={
          <p>
            Open Badges 3.0 credentials this organisation has issued for its micro-credentials. Each is signed
            with the organisation’s keys, so anyone can verify it.
          </p>
        }
      />
      <QueryView query={organisation} loadingLabel="Loading organisation…">
        {(org) => <IssuedContent organisation={org} />}
      </QueryView>
    </>
  );
}

function IssuedContent({ organisation }: { organisation: Organisation }) {
  const abilities = useCredentialAbilities(organisation.id);
  const [offset, setOffset] = useState(0);
  // Issuing the first credential makes the organisation's keys, so the keys list loads again after each.
  const [issuedCount, setIssuedCount] = useState(0);
  const issued = useApiQuery(`issued-credentials:${organisation.id}:${offset}`, (signal) =>
    credentialsApi.listIssued(organisation.id, PAGE_SIZE, offset, signal),
  );

  return (
    <div className="stack stack-lg">
      {abilities.issue ? (
        <IssueCard
          organisation={organisation}
          onIssued={() => {
            setIssuedCount((count) => count + 1);
            if (offset === 0) issued.reload();
            else setOffset(0);
          }}
        />
      ) : null}

      <section aria-labelledby="issued-heading" className="stack">
        <h2 id="issued-heading">Issued credentials</h2>
        <QueryView query={issued} loadingLabel="Loading issued credentials…">
          {(page) => (
            <IssuedTable
              organisation={organisation}
              page={page}
              query={issued}
              offset={offset}
              onOffset={setOffset}
              canChangeStatus={abilities.changeStatus}
            />
          )}
        </QueryView>
      </section>

      {abilities.manageKeys ? <SigningKeys organisation={organisation} refresh={issuedCount} /> : null}
    </div>
  );
}

// Issuing

function IssueCard({ organisation, onIssued }: { organisation: Organisation; onIssued: () => void }) {
  const achievements = useApiQuery(`issuable:${organisation.id}`, async (signal) => {
    const page = await catalogueApi.searchCatalogue(
      { provider: organisation.id, sort: 'title', limit: 100 },
      signal,
    );
    return page.items;
  });
  return (
    <Card
      title="Issue a credential"
      description="Award one of this organisation’s published micro-credentials to a person, by email. If they have no Cairn account yet, it waits in their wallet until they sign up with that address."
    >
      <QueryView query={achievements} loadingLabel="Loading published micro-credentials…">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="Nothing to issue yet" headingLevel={3}>
              <p>
                Only published micro-credentials can be awarded, and {organisation.name} has none published.{' '}
                <Link to="/authoring">Go to Authoring</Link>.
              </p>
            </EmptyState>
          ) : (
            <IssueForm achievements={items} onIssued={onIssued} />
          )
        }
      </QueryView>
    </Card>
  );
}

function IssueForm({ achievements, onIssued }: { achievements: CatalogueItem[]; onIssued: () => void }) {
  const [achievementId, setAchievementId] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [route, setRoute] = useState<CredentialRoute>('assessed');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const [result, setResult] = useState<IssueResult | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const issue = useAction(async (body: IssueCredentialBody) => {
    const issued = await credentialsApi.issue(body);
    setResult(issued);
    setEmail('');
    setName('');
    setNote('');
    onIssued();
    requestAnimationFrame(() => resultRef.current?.focus());
    return issued;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      achievementId: achievementId ? undefined : 'Choose the micro-credential to award.',
      recipientEmail: checkEmail(email),
    });
    setClientErrors(errors);
    setResult(null);
    if (Object.keys(errors).length > 0) {
      issue.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const trimmedNote = note.trim();
    const ok = await issue.run({
      achievementId,
      recipientEmail: email.trim(),
      ...(name.trim() ? { recipientName: name.trim() } : {}),
      route,
      ...(trimmedNote ? { evidence: [{ name: 'Assessor’s note', narrative: trimmedNote }] } : {}),
    });
    if (!ok) focusFirstInvalid(formRef.current);
  }

  return (
    <div className="stack">
      {result ? (
        <div ref={resultRef} tabIndex={-1} className="focus-target">
          <Alert
            tone={result.created ? 'success' : 'info'}
            title={result.created ? 'Credential issued' : 'Already issued'}
          >
            <p>
              {result.created
                ? `“${result.credential.title}” was issued to ${result.credential.recipientName ?? result.credential.record?.recipientEmail ?? 'the recipient'} and signed.`
                : `${result.credential.recipientName ?? result.credential.record?.recipientEmail ?? 'This person'} already holds “${result.credential.title}”, issued ${formatDate(result.credential.issuedAt)}. Nothing new was issued.`}{' '}
              <Link
                to={`/credentials/${encodeURIComponent(result.credential.id)}`}
                data-testid="issued-credential-link"
              >
                Open the credential page
              </Link>
            </p>
          </Alert>
        </div>
      ) : null}
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert
          problem={issue.problem}
          fields={['achievementId', 'recipientEmail', 'recipientName', 'route', 'evidence']}
          messages={{
            'achievement-not-issuable':
              'That micro-credential version can’t be awarded now (it may have been retired). Reload the page to see what is published.',
          }}
        />
        <Select
          label="Micro-credential"
          name="achievementId"
          placeholder="Choose a micro-credential"
          options={achievements.map((item) => ({
            value: item.id,
            label: `${item.code} ${item.title} (v${item.version})`,
          }))}
          value={achievementId}
          onChange={(event) => {
            setAchievementId(event.target.value);
          }}
          error={fieldError('achievementId', clientErrors, issue.problem)}
          required
        />
        <TextField
          label="Recipient email"
          name="recipientEmail"
          type="email"
          autoComplete="off"
          hint="The credential is tied to this address (stored as a hash inside the credential)."
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
          error={fieldError('recipientEmail', clientErrors, issue.problem)}
          required
        />
        <TextField
          label="Recipient name"
          name="recipientName"
          autoComplete="off"
          optional
          hint="As it should appear on the credential."
          value={name}
          onChange={(event) => {
            setName(event.target.value);
          }}
          error={fieldError('recipientName', clientErrors, issue.problem)}
        />
        <Select
          label="How it was earned"
          name="route"
          options={CREDENTIAL_ROUTES.map((value) => ({ value, label: ROUTE_LABELS[value] }))}
          value={route}
          onChange={(event) => {
            setRoute(event.target.value as CredentialRoute);
          }}
          error={fieldError('route', clientErrors, issue.problem)}
        />
        <TextAreaField
          label="Evidence note"
          name="evidence"
          optional
          rows={3}
          maxLength={10000}
          hint="What the assessor saw, in a sentence or two. It is included in the credential as evidence."
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
          }}
          error={fieldError('evidence', clientErrors, issue.problem)}
        />
        <div className="form__actions">
          <Button type="submit" pending={issue.pending} icon={<Icon name="badge" />}>
            Issue credential
          </Button>
        </div>
      </form>
    </div>
  );
}

// The issued list

function IssuedTable({
  organisation,
  page,
  query,
  offset,
  onOffset,
  canChangeStatus,
}: {
  organisation: Organisation;
  page: IssuedPage;
  query: QueryResult<IssuedPage>;
  offset: number;
  onOffset: (offset: number) => void;
  canChangeStatus: boolean;
}) {
  const announce = useAnnounce();
  const [target, setTarget] = useState<{ row: IssuedCredential; action: StatusAction } | null>(null);
  const [lastAction, setLastAction] = useState<StatusAction>('revoke');

  if (page.total === 0) {
    return (
      <EmptyState title="No credentials issued yet" headingLevel={3}>
        <p>Credentials {organisation.name} issues are listed here, newest first.</p>
      </EmptyState>
    );
  }

  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const current = Math.floor(offset / PAGE_SIZE) + 1;
  const statusTarget: StatusTarget | null = target
    ? {
        id: target.row.id,
        title: target.row.title,
        recipient: target.row.recipientName ?? target.row.recipientEmail,
      }
    : null;

  return (
    <>
      <Table caption={`Credentials issued by ${organisation.name}`} testId="issued-credentials-table">
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col">Credential</th>
            <th scope="col">Issued</th>
            <th scope="col">Status</th>
            {canChangeStatus ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {page.items.map((row) => (
            <tr key={row.id} data-testid={`issued-row-${row.id}`}>
              <th scope="row" className="cell-primary" id={`issued-recipient-${row.id}`}>
                {row.recipientName ?? row.recipientEmail}
                {row.recipientName ? <span className="cell-secondary">{row.recipientEmail}</span> : null}
              </th>
              <td>
                <Link to={`/credentials/${encodeURIComponent(row.id)}`}>{row.title}</Link>
                <span className="cell-secondary">{ROUTE_LABELS[row.route]}</span>
              </td>
              <td className="cell-nowrap">
                <time dateTime={row.issuedAt}>{formatDate(row.issuedAt)}</time>
              </td>
              <td>
                <Chip
                  tone={STATE_TONES[row.state]}
                  title={row.revocationReason ?? row.suspensionReason ?? undefined}
                >
                  {STATE_LABELS[row.state]}
                </Chip>
              </td>
              {canChangeStatus ? (
                <td className="cell-actions">
                  <div className="cluster cluster--tight">
                    {statusActions(row.state).map((action) => (
                      <Button
                        key={action}
                        variant="ghost"
                        size="sm"
                        aria-describedby={`issued-recipient-${row.id}`}
                        onClick={() => {
                          setLastAction(action);
                          setTarget({ row, action });
                        }}
                      >
                        {ACTION_LABELS[action]}
                      </Button>
                    ))}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {pages > 1 ? (
        <nav className="pager" aria-label="Issued credential pages">
          {current > 1 ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                onOffset(Math.max(0, offset - PAGE_SIZE));
              }}
            >
              Previous<span className="visually-hidden"> page</span>
            </Button>
          ) : (
            <span />
          )}
          <span className="pager__status">
            Page {current} of {pages} ({page.total} credentials)
          </span>
          {current < pages ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                onOffset(offset + PAGE_SIZE);
              }}
            >
              Next<span className="visually-hidden"> page</span>
            </Button>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
      <StatusDialog
        target={statusTarget}
        action={target?.action ?? lastAction}
        onClose={() => {
          setTarget(null);
        }}
        onChanged={(view) => {
          query.update((data) => ({
            ...data,
            items: data.items.map((item) =>
              item.id === view.id
                ? {
                    ...item,
                    state: view.state,
                    revocationReason: view.revocationReason,
                    suspensionReason: view.suspensionReason,
                  }
                : item,
            ),
          }));
          announce(`“${view.title}” is now ${STATE_LABELS[view.state].toLowerCase()}.`);
        }}
      />
    </>
  );
}

// Signing keys

function SigningKeys({ organisation, refresh }: { organisation: Organisation; refresh: number }) {
  const announce = useAnnounce();
  const keys = useApiQuery(
    `issuer-keys:${organisation.id}:${refresh}`,
    async (signal) => (await credentialsApi.listKeys(organisation.id, signal)).items,
  );
  const [confirming, setConfirming] = useState(false);

  async function rotate() {
    const rotated = await credentialsApi.rotateKeys(organisation.id);
    keys.update(() => rotated.items);
    announce('New signing keys are in use. Credentials signed before still verify.');
  }

  return (
    <Card
      title="Signing keys"
      description="Credentials are signed with these keys: Ed25519 for Data Integrity proofs and JWTs, P-256 for ES256 JWTs. Verifiers find the public halves through the organisation’s DID."
      actions={
        <Button
          variant="secondary"
          size="sm"
          icon={<Icon name="rotate" />}
          onClick={() => {
            setConfirming(true);
          }}
        >
          Rotate keys
        </Button>
      }
    >
      <QueryView query={keys} loadingLabel="Loading signing keys…">
        {(items) => <KeyTable organisation={organisation} keys={items} />}
      </QueryView>
      <ConfirmDialog
        open={confirming}
        title="Rotate the signing keys?"
        confirmLabel="Rotate keys"
        tone="primary"
        onClose={() => {
          setConfirming(false);
        }}
        onConfirm={rotate}
        testId="rotate-keys-dialog"
      >
        <p>
          New keys sign every credential from now on. The current keys are retired, not deleted: credentials
          they signed still verify.
        </p>
        <p>Rotate when a key may have been exposed, or on your organisation’s regular schedule.</p>
      </ConfirmDialog>
    </Card>
  );
}

function KeyTable({ organisation, keys }: { organisation: Organisation; keys: IssuerKey[] }) {
  if (keys.length === 0) {
    return (
      <EmptyState title="No keys yet" headingLevel={3}>
        <p>Keys are made when {organisation.name} issues its first credential.</p>
      </EmptyState>
    );
  }
  const sorted = [...keys].sort(
    (a, b) =>
      Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <Table caption={`Signing keys of ${organisation.name}`} testId="issuer-keys-table">
      <thead>
        <tr>
          <th scope="col">Algorithm</th>
          <th scope="col">Verification method</th>
          <th scope="col">Created</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((key) => (
          <tr key={key.id}>
            <th scope="row" className="cell-primary cell-nowrap">
              {key.algorithm}
            </th>
            <td>
              <code className="break-anywhere small">{key.verificationMethod}</code>
              <span className="cell-secondary">
                DID <code className="break-anywhere">{key.did}</code>
              </span>
            </td>
            <td className="cell-nowrap">
              <time dateTime={key.createdAt}>{formatDateTime(key.createdAt)}</time>
            </td>
            <td>
              {key.retiredAt ? (
                <Chip tone="neutral" title={`Retired ${formatDateTime(key.retiredAt)}`}>
                  Retired {formatDate(key.retiredAt)}
                </Chip>
              ) : (
                <Chip tone="success">In use</Chip>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
