import { useRef, useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../api/types';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { Select } from '../../design/select';
import { TextField } from '../../design/text-field';
import { compactErrors, fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { ORGANISATION_KIND_HINTS, ORGANISATION_KIND_LABELS } from '../../labels/organisation-kinds';
import { useCurrentOrganisation } from '../../session/current-organisation';
import { useMe, useSession } from '../../session/session-context';

const FIELDS = ['name', 'kind'];

export function CreateOrganisationPage() {
  const me = useMe();
  const { refresh } = useSession();
  const { switchTo } = useCurrentOrganisation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  // Only platform admins may create a "platform" organisation.
  const kinds = ORGANISATION_KINDS.filter((k) => k !== 'platform' || me.user.isPlatformAdmin);

  const create = useAction(async (body: { name: string; kind: OrganisationKind }) => {
    const organisation = await cairnApi.createOrganisation(body);
    await refresh();
    switchTo(organisation.id);
    announce(`${organisation.name} is set up. Invite your team next.`);
    void navigate(`/orgs/${encodeURIComponent(organisation.id)}/members`);
  });

  if (!me.abilities.createOrganisation) {
    return (
      <>
        <PageHeader title="Create an organisation" />
        <Alert tone="warning" title="You can’t create organisations">
          <p>Ask a platform admin to set up your organisation, or to invite you to an existing one.</p>
        </Alert>
      </>
    );
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      name: name.trim() ? undefined : 'Enter the organisation’s name.',
      kind: kind ? undefined : 'Choose the type of organisation.',
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !kind) {
      create.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const ok = await create.run({ name: name.trim(), kind });
    if (ok === undefined) focusFirstInvalid(formRef.current);
  }

  return (
    <>
      <PageHeader
        title="Create an organisation"
        description={
          <p>You’ll become its first Organisation admin, so you can invite people and give them roles.</p>
        }
      />
      <Card className="form-card">
        <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
          <ProblemAlert problem={create.problem} fields={FIELDS} />
          <TextField
            label="Organisation name"
            name="name"
            autoComplete="organization"
            hint="The name people will recognise, e.g. Kōwhai District Council."
            value={name}
            onChange={(event) => {
              setName(event.target.value);
            }}
            error={fieldError('name', clientErrors, create.problem)}
            required
          />
          <Select
            label="Organisation type"
            name="kind"
            placeholder="Choose a type"
            options={kinds.map((value) => ({ value, label: ORGANISATION_KIND_LABELS[value] }))}
            hint={
              kind ? ORGANISATION_KIND_HINTS[kind] : 'This decides which tools Cairn offers the organisation.'
            }
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as OrganisationKind);
            }}
            error={fieldError('kind', clientErrors, create.problem)}
            required
          />
          <div className="form__actions">
            <Button type="submit" pending={create.pending}>
              Create organisation
            </Button>
            <LinkButton to="/" variant="ghost">
              Cancel
            </LinkButton>
          </div>
        </form>
      </Card>
    </>
  );
}
