import { useRef, useState, type SubmitEvent } from 'react';
import { useParams } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import type { ApiKey, ApiKeyScope, CreatedApiKey, Organisation } from '../../api/types';
import { Alert, ProblemAlert } from '../../design/alert';
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
import { Table } from '../../design/table';
import { TextField } from '../../design/text-field';
import { compactErrors, fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { useOrganisation } from '../../hooks/use-organisation';
import { formatDate, formatDateTime } from '../../labels/dates';

export function ApiKeysPage() {
  const { orgId = '' } = useParams();
  const organisation = useOrganisation(orgId);
  const orgName = organisation.status === 'success' ? organisation.data.name : undefined;

  return (
    <>
      <PageHeader
        title="API keys"
        eyebrow={orgName}
        documentTitle={orgName ? `API keys · ${orgName}` : 'API keys'}
        description={
          <p>
            Keys let your own systems (an HR platform, an asset management system) talk to Cairn for this
            organisation. Give each key only the scopes it needs.
          </p>
        }
      />
      <QueryView query={organisation} loadingLabel="Loading organisation…">
        {(org) => <ApiKeysContent organisation={org} />}
      </QueryView>
    </>
  );
}

function ApiKeysContent({ organisation }: { organisation: Organisation }) {
  const orgId = organisation.id;
  const keys = useApiQuery(
    `api-keys:${orgId}`,
    async (signal) => (await cairnApi.listApiKeys(orgId, signal)).items,
  );
  const canManage = organisation.abilities.manageApiKeys;
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <div className="stack stack-lg">
      <section aria-labelledby="keys-heading" className="stack">
        <h2 id="keys-heading">Keys</h2>
        <QueryView query={keys} loadingLabel="Loading API keys…">
          {(items) => (
            <ApiKeyTable organisation={organisation} keys={items} query={keys} canManage={canManage} />
          )}
        </QueryView>
      </section>

      {canManage ? (
        <CreateKeyForm
          organisation={organisation}
          onCreated={(result) => {
            keys.update((list) => [result.apiKey, ...list]);
            setCreated(result);
          }}
        />
      ) : null}

      <SecretDialog
        created={created}
        onClose={() => {
          setCreated(null);
        }}
      />
    </div>
  );
}

function ApiKeyTable({
  organisation,
  keys,
  query,
  canManage,
}: {
  organisation: Organisation;
  keys: ApiKey[];
  query: QueryResult<ApiKey[]>;
  canManage: boolean;
}) {
  const announce = useAnnounce();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (keys.length === 0) {
    return (
      <EmptyState title="No API keys yet" headingLevel={3}>
        <p>
          {canManage
            ? 'Create one below when a system needs to connect.'
            : 'An organisation admin can create one.'}
        </p>
      </EmptyState>
    );
  }

  async function revoke(key: ApiKey) {
    await cairnApi.revokeApiKey(organisation.id, key.id);
    const revokedAt = new Date().toISOString();
    query.update((list) => list.map((k) => (k.id === key.id ? { ...k, revokedAt } : k)));
    announce(`API key “${key.name}” revoked.`);
  }

  // Active keys first, newest first within each group.
  const sorted = [...keys].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <>
      <Table caption={`API keys for ${organisation.name}`} testId="api-keys-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((key) => (
            <tr key={key.id} data-testid={`api-key-row-${key.name}`}>
              <th scope="row" className="cell-primary" id={`api-key-name-${key.id}`}>
                {key.name}
              </th>
              <td className="cell-nowrap">
                <code>{key.prefix}…</code>
              </td>
              <td>
                <ul className="chip-list" aria-label={`Scopes of ${key.name}`}>
                  {key.scopes.map((scope) => (
                    <li key={scope}>
                      <Chip>{scope}</Chip>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <time dateTime={key.createdAt}>{formatDate(key.createdAt)}</time>
                <span className="cell-secondary">by {key.createdBy.name}</span>
              </td>
              <td className="cell-nowrap">
                {key.lastUsedAt ? (
                  <time dateTime={key.lastUsedAt}>{formatDateTime(key.lastUsedAt)}</time>
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
              <td>
                {key.revokedAt ? (
                  <Chip tone="danger" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                    Revoked
                  </Chip>
                ) : (
                  <Chip tone="success">Active</Chip>
                )}
              </td>
              <td className="cell-actions">
                {canManage && !key.revokedAt ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      setRevoking(key);
                    }}
                    aria-describedby={`api-key-name-${key.id}`}
                  >
                    Revoke
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}”?` : 'Revoke key?'}
        confirmLabel="Revoke"
        onClose={() => {
          setRevoking(null);
        }}
        onConfirm={() => (revoking ? revoke(revoking) : Promise.resolve())}
        testId="revoke-api-key-dialog"
      >
        <p>
          Anything using this key stops working straight away. This can’t be undone; create a new key if you
          need one.
        </p>
      </ConfirmDialog>
    </>
  );
}

function CreateKeyForm({
  organisation,
  onCreated,
}: {
  organisation: Organisation;
  onCreated: (created: CreatedApiKey) => void;
}) {
  const scopes = useApiQuery(
    'api-key-scopes',
    async (signal) => (await cairnApi.listApiKeyScopes(signal)).items,
  );
  return (
    <Card
      title="Create a key"
      description="Name it after the system that will use it, so you know what breaks if you revoke it."
    >
      <QueryView query={scopes} loadingLabel="Loading scopes…">
        {(items) => <CreateKeyFields organisation={organisation} scopes={items} onCreated={onCreated} />}
      </QueryView>
    </Card>
  );
}

function CreateKeyFields({
  organisation,
  scopes,
  onCreated,
}: {
  organisation: Organisation;
  scopes: ApiKeyScope[];
  onCreated: (created: CreatedApiKey) => void;
}) {
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const create = useAction(async (body: { name: string; scopes: string[] }) => {
    const created = await cairnApi.createApiKey(organisation.id, body);
    setName('');
    setSelected([]);
    onCreated(created);
    return created;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      name: name.trim() ? undefined : 'Give the key a name.',
      scopes: selected.length === 0 ? 'Choose at least one scope.' : undefined,
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      create.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const ok = await create.run({ name: name.trim(), scopes: selected });
    if (!ok) focusFirstInvalid(formRef.current);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert problem={create.problem} fields={['name', 'scopes']} />
      <TextField
        label="Key name"
        name="name"
        autoComplete="off"
        hint="For example: Payroll sync, or Asset register (SAP)."
        value={name}
        onChange={(event) => {
          setName(event.target.value);
        }}
        error={fieldError('name', clientErrors, create.problem)}
        required
      />
      {scopes.length === 0 ? (
        <Alert tone="info" title="No scopes available">
          <p>The server offers no API scopes yet, so there is nothing a key could do.</p>
        </Alert>
      ) : (
        <CheckboxGroup
          legend="Scopes"
          hint="What the key may do. Fewer is safer."
          options={scopes.map((scope) => ({
            value: scope.scope,
            label: scope.scope,
            hint: scope.description,
          }))}
          value={selected}
          onChange={setSelected}
          error={fieldError('scopes', clientErrors, create.problem)}
          columns={2}
        />
      )}
      <div className="form__actions">
        <Button type="submit" pending={create.pending} icon={<Icon name="key" />}>
          Create key
        </Button>
      </div>
    </form>
  );
}

function SecretDialog({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const announce = useAnnounce();
  const [copied, setCopied] = useState(false);
  const secretRef = useRef<HTMLElement>(null);

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
      announce('Secret copied to the clipboard.');
    } catch {
      // Clipboard can be blocked (http, permissions): select the text for a manual copy.
      const selection = window.getSelection();
      if (secretRef.current && selection) {
        const range = document.createRange();
        range.selectNodeContents(secretRef.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      announce('Copying was blocked. The secret is selected: press Ctrl+C or ⌘C to copy it.', 'info');
    }
  }

  function close() {
    setCopied(false);
    onClose();
  }

  return (
    <Dialog
      open={created !== null}
      onClose={close}
      title="Copy your new API key"
      size="lg"
      testId="api-key-secret-dialog"
      footer={<Button onClick={close}>I’ve stored it safely</Button>}
    >
      {created ? (
        <div className="stack">
          <Alert tone="warning" title="You will only see this secret once">
            <p>
              Store it in your password manager or secret store now. Cairn can’t show it again: if you lose
              it, revoke “{created.apiKey.name}” and create another key.
            </p>
          </Alert>
          <div className="secret">
            <code className="secret__value" ref={secretRef} data-testid="api-key-secret">
              {created.secret}
            </code>
            <Button
              variant="secondary"
              onClick={() => void copy()}
              icon={<Icon name={copied ? 'check' : 'copy'} />}
              data-autofocus
            >
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
