import { useEffect, useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { authoringApi } from '../../api/authoring-api';
import { cairnApi } from '../../api/cairn-api';
import { isAbort, toProblem, type ApiProblem, type ProblemFieldError } from '../../api/client';
import {
  pathwaysApi,
  REVOCATION_POLICIES,
  type Pathway,
  type PathwayCheck,
  type PathwayContent,
  type RoleProfile,
} from '../../api/pathways-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { Spinner } from '../../design/spinner';
import { TextAreaField } from '../../design/text-area-field';
import { TextField } from '../../design/text-field';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import type { Organisation } from '../../api/types';
import { useMe } from '../../session/session-context';
import { KIND_PHRASES } from '../authoring/authoring-labels';
import { DesignTeamFields, useTeamOptions, type TeamOption } from '../authoring/design-team-fields';
import { CoverageBars } from './coverage-bars';
import { contentOf, draftFromPathway, emptyDraft, routeErrors, type PathwayDraft } from './editor-draft';
import {
  PATHWAY_STATUS_LABELS,
  PATHWAY_STATUS_TONES,
  pathwayEditPath,
  pathwayPath,
  REVOCATION_POLICY_LABELS,
} from './pathway-labels';
import { indexTree, nodeName } from './pathway-graph';
import { PathwayMap } from './pathway-map';
import { PathwayReview } from './pathway-review';
import { RequirementEditor } from './requirement-editor';
import { useDebounced } from './step-pickers';
import './pathways.css';

const FIELDS = [
  'title',
  'summary',
  'audience',
  'targetRoleId',
  'stackTitle',
  'stackDescription',
  'revocationPolicy',
  'changeNote',
  'organisationId',
  'collaboratorIds',
] as const;

const isOpen = (p: Pathway) => p.status === 'draft' || p.status === 'in_review';

/** Organisations to offer as co-designers: partners from the person's micro-credentials, and for
 * platform admins every organisation. Both are suggestions: the editor works without them. */
function useTeamSupport() {
  const me = useMe();
  const isAdmin = me.user.isPlatformAdmin;
  return useApiQuery(`pathway-team-support:${String(isAdmin)}`, async (signal) => {
    const [mine, organisations] = await Promise.all([
      authoringApi.listMyAchievements(signal).catch(() => ({ items: [] })),
      isAdmin
        ? cairnApi.listOrganisations(signal).catch(() => ({ items: [] as Organisation[] }))
        : Promise.resolve({ items: [] as Organisation[] }),
    ]);
    return { mine: mine.items, organisations: organisations.items };
  });
}

function useRoles() {
  return useApiQuery('pathway-roles', async (signal) => (await pathwaysApi.listRoles(signal)).items);
}

export function NewPathwayPage() {
  const navigate = useNavigate();
  const announce = useAnnounce();
  const roles = useRoles();
  return (
    <>
      <PageHeader
        title="New pathway"
        eyebrow={<Link to="/pathways">Pathways</Link>}
        description={
          <p>
            Stack micro-credentials into a pathway towards a role. The preview checks it as you type:
            prerequisite loops, electives with too few options and how well it covers the role.
          </p>
        }
      />
      <QueryView query={roles} loadingLabel="Loading roles…">
        {(items) => (
          <PathwayForm
            roles={items}
            existing={null}
            onSaved={(saved) => {
              announce(`${saved.title} saved as a draft.`);
              void navigate(pathwayEditPath(saved.id), { replace: true });
            }}
          />
        )}
      </QueryView>
    </>
  );
}

/** Edits the pathway's draft; a published pathway offers to start one. */
export function EditPathwayPage() {
  const { id = '' } = useParams();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const roles = useRoles();
  const query = useApiQuery(`pathway-edit:${id}`, async (signal) => {
    const loaded = await pathwaysApi.getPathway(id, signal);
    if (isOpen(loaded)) return loaded;
    const draft = loaded.versions.find((v) => v.status === 'draft' || v.status === 'in_review');
    return draft ? pathwaysApi.getPathway(draft.id, signal) : loaded;
  });
  const loaded = query.status === 'success' ? query.data : null;
  return (
    <>
      <PageHeader
        title={loaded ? `Edit ${loaded.title}` : 'Edit pathway'}
        eyebrow={
          loaded ? (
            <>
              <Link to={pathwayPath(loaded.id)}>{loaded.title}</Link> · version {loaded.version}{' '}
              <Chip tone={PATHWAY_STATUS_TONES[loaded.status]}>{PATHWAY_STATUS_LABELS[loaded.status]}</Chip>
            </>
          ) : (
            <Link to="/pathways">Pathways</Link>
          )
        }
      />
      <QueryView query={query} loadingLabel="Loading the pathway…">
        {(pathway) =>
          isOpen(pathway) && pathway.abilities.edit ? (
            <div className="stack stack-lg">
              <QueryView query={roles} loadingLabel="Loading roles…">
                {(items) => (
                  <PathwayForm
                    key={pathway.versionId}
                    roles={items}
                    existing={pathway}
                    onSaved={(saved) => {
                      query.update(() => saved);
                      announce(
                        saved.status === 'in_review'
                          ? 'Changes saved. Sign-offs given before them no longer count.'
                          : 'Draft saved.',
                      );
                    }}
                  />
                )}
              </QueryView>
              <PathwayReview
                pathway={pathway}
                onChanged={(next) => {
                  if (next.status === 'published') {
                    announce(`${next.title} version ${next.version} is published.`);
                    void navigate(pathwayPath(next.id));
                  } else {
                    query.update(() => next);
                  }
                }}
              />
            </div>
          ) : (
            <NotEditable
              pathway={pathway}
              onStarted={(draft) => {
                query.update(() => draft);
                announce(`Version ${draft.version} started as a draft.`);
              }}
            />
          )
        }
      </QueryView>
    </>
  );
}

function NotEditable({ pathway, onStarted }: { pathway: Pathway; onStarted: (draft: Pathway) => void }) {
  const [changeNote, setChangeNote] = useState('');
  const start = useAction(() => pathwaysApi.newPathwayVersion(pathway.id, { changeNote: changeNote.trim() }));
  if (isOpen(pathway)) {
    return (
      <Alert tone="warning" title="You can’t edit this pathway">
        <p>
          Authors of {[pathway.owner, ...pathway.collaborators].map((o) => o.name).join(', ')} and admins of{' '}
          {pathway.owner.name} edit it.
        </p>
      </Alert>
    );
  }
  return (
    <Card
      title={`Version ${pathway.version} is ${PATHWAY_STATUS_LABELS[pathway.status].toLowerCase()}`}
      description="Published versions stay as learners earned them. Start a new version to change the pathway."
    >
      {pathway.abilities.newVersion ? (
        <form
          className="stack form--narrow"
          onSubmit={(event) => {
            event.preventDefault();
            void start.run().then((draft) => {
              if (draft) onStarted(draft);
            });
          }}
        >
          <TextField
            label="What will change"
            hint="A short change note for the new version."
            value={changeNote}
            required
            onChange={(event) => {
              setChangeNote(event.target.value);
            }}
            error={start.problem?.fieldMessage('changeNote')}
          />
          <ProblemAlert problem={start.problem} fields={['changeNote']} />
          <div className="cluster">
            <Button type="submit" pending={start.pending}>
              Start a new version
            </Button>
            <LinkButton to={pathwayPath(pathway.id)} variant="secondary">
              Back to the pathway
            </LinkButton>
          </div>
        </form>
      ) : (
        <p className="muted">
          Only the design team’s authors and the owner’s admins can start a new version.
        </p>
      )}
    </Card>
  );
}

/** Organisations where the person may create pathways (the server decides; 403 otherwise). */
function ownerChoices(me: ReturnType<typeof useMe>): TeamOption[] {
  const authoring = me.memberships.filter((m) => m.roles.includes('author') || m.roles.includes('org_admin'));
  return (authoring.length > 0 ? authoring : me.memberships).map((m) => ({
    ...m.organisation,
    source: 'member',
  }));
}

function PathwayForm({
  roles,
  existing,
  onSaved,
}: {
  roles: RoleProfile[];
  existing: Pathway | null;
  onSaved: (saved: Pathway) => void;
}) {
  const me = useMe();
  const owners = ownerChoices(me);
  const [ownerId, setOwnerId] = useState(existing?.owner.id ?? owners[0]?.id ?? '');
  const [collaboratorIds, setCollaboratorIds] = useState<string[]>(
    () => existing?.collaborators.map((c) => c.id) ?? [],
  );
  const support = useTeamSupport();
  const teamOptions = useTeamOptions(
    me,
    support.status === 'success' ? support.data.mine : NONE,
    existing ? [existing.owner, ...existing.collaborators] : NONE,
    support.status === 'success' ? support.data.organisations : NONE,
  );
  const [draft, setDraft] = useState<PathwayDraft>(() =>
    existing ? draftFromPathway(existing) : emptyDraft(),
  );
  const content = contentOf(draft);
  const preview = usePathwayCheck(content);

  const save = useAction(async () => {
    const team = collaboratorIds.filter((id) => id !== ownerId);
    return existing
      ? pathwaysApi.updatePathwayVersion(existing.versionId, { ...content, collaboratorIds: team })
      : pathwaysApi.createPathway({ organisationId: ownerId, ...content, collaboratorIds: team });
  });
  const problem = save.problem;
  const fieldError = (field: string) => problem?.fieldMessage(field) ?? preview.fieldErrors.get(field);
  const inReview = existing?.status === 'in_review';
  const saveErrors = problem ? routeErrors(problem.errors, content).byNode : new Map<string, string[]>();
  const nodeErrors = new Map(preview.byNode);
  for (const [id, messages] of saveErrors) nodeErrors.set(id, [...(nodeErrors.get(id) ?? []), ...messages]);

  function set<K extends keyof PathwayDraft>(key: K, value: PathwayDraft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await save.run();
    if (saved) onSaved(saved);
  }

  const role = roles.find((r) => r.id === draft.targetRoleId);
  const names = new Map([...indexTree(draft.requirements)].map(([id, node]) => [id, nodeName(node)]));

  return (
    <form className="pathway-editor" onSubmit={(event) => void submit(event)} noValidate aria-label="Pathway">
      <Card title="About the pathway">
        <div className="stack">
          <TextField
            label="Title"
            value={draft.title}
            required
            onChange={(event) => {
              set('title', event.target.value);
            }}
            error={fieldError('title')}
          />
          <TextAreaField
            label="Summary"
            rows={3}
            value={draft.summary}
            onChange={(event) => {
              set('summary', event.target.value);
            }}
            error={fieldError('summary')}
          />
          <TextField
            label="Audience"
            hint="Who it is for, e.g. school leavers with NCEA-level maths."
            value={draft.audience}
            onChange={(event) => {
              set('audience', event.target.value);
            }}
            error={fieldError('audience')}
          />
          <Select
            label="Target role"
            value={draft.targetRoleId}
            options={[
              { value: '', label: 'No target role' },
              ...roles.map((r) => ({ value: r.id, label: `${r.title} (${r.careerLevel})` })),
            ]}
            onChange={(event) => {
              set('targetRoleId', event.target.value);
            }}
            error={fieldError('targetRoleId')}
          />
        </div>
      </Card>

      <Card
        title="Design team"
        description={
          existing?.requiredSignOffKinds
            ? `Publishing needs sign-offs on the final content from an author of ${existing.requiredSignOffKinds.map((k) => KIND_PHRASES[k]).join(' and ')}.`
            : 'Publishing needs sign-offs on the final content, usually from an author of an employer and of an education provider.'
        }
      >
        <div className="stack">
          <DesignTeamFields
            {...(existing ? {} : { ownerOptions: owners })}
            subject="pathway"
            ownerId={ownerId}
            ownerName={existing?.owner.name ?? ''}
            onOwnerChange={setOwnerId}
            options={teamOptions}
            collaboratorIds={collaboratorIds}
            onCollaboratorsChange={setCollaboratorIds}
            errorFor={fieldError}
          />
        </div>
      </Card>

      <Card
        title="Stacked credential"
        description="Awarded automatically, once, when a learner meets every requirement."
      >
        <div className="stack">
          <TextField
            label="Stacked credential title"
            value={draft.stackTitle}
            onChange={(event) => {
              set('stackTitle', event.target.value);
            }}
            error={fieldError('stackTitle')}
          />
          <TextAreaField
            label="Stacked credential description"
            rows={3}
            value={draft.stackDescription}
            onChange={(event) => {
              set('stackDescription', event.target.value);
            }}
            error={fieldError('stackDescription')}
          />
          <Select
            label="When a component credential is revoked"
            value={draft.revocationPolicy}
            options={REVOCATION_POLICIES.map((p) => ({ value: p, label: REVOCATION_POLICY_LABELS[p] }))}
            onChange={(event) => {
              const value = REVOCATION_POLICIES.find((p) => p === event.target.value);
              if (value) set('revocationPolicy', value);
            }}
            error={fieldError('revocationPolicy')}
          />
        </div>
      </Card>

      <Card title="Requirements" description="The order of steps here is the recommended order learners see.">
        <RequirementEditor
          tree={draft.requirements}
          prerequisites={draft.prerequisites}
          errors={nodeErrors}
          onChange={(requirements, prerequisites) => {
            setDraft((current) => ({ ...current, requirements, prerequisites }));
          }}
        />
      </Card>

      <Card title="Live preview" data-testid="pathway-preview">
        <div className="stack">
          <p className="preview-status" role="status">
            {preview.checking ? (
              <>
                <Spinner size="sm" decorative /> Checking…
              </>
            ) : preview.failed ? (
              'The check could not run; the preview may be out of date.'
            ) : preview.problems.length === 0 && preview.checked ? (
              'No problems found.'
            ) : preview.problems.length > 0 ? (
              `${preview.problems.length === 1 ? '1 problem' : `${preview.problems.length} problems`} found.`
            ) : null}
          </p>
          <PathwayMap
            title={draft.title || 'the new pathway'}
            requirements={preview.requirements ?? draft.requirements}
            sequence={content.sequence}
            prerequisites={content.prerequisites}
            stack={{ title: draft.stackTitle, achievementId: null }}
            targetRole={role ? { id: role.id, title: role.title, careerLevel: role.careerLevel } : null}
            problems={nodeErrors}
            newTab
          />
          {preview.problems.length > 0 ? (
            <Alert tone="warning" title="Problems to fix before publishing">
              <ul className="alert__list" data-testid="preview-problems">
                {preview.problems.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    {p.nodeId && names.has(p.nodeId) ? <strong>{names.get(p.nodeId)}: </strong> : null}
                    {p.message}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {preview.failed ? <ProblemAlert problem={preview.failed} assertive={false} /> : null}
          <h3>Role coverage</h3>
          {preview.coverage && role ? (
            <CoverageBars coverage={preview.coverage} roleTitle={role.title} />
          ) : (
            <p className="muted">
              {role
                ? 'Coverage appears once the pathway checks out.'
                : 'Choose a target role to see coverage.'}
            </p>
          )}
        </div>
      </Card>

      <Card title={existing ? 'Save' : 'Create'}>
        <div className="stack">
          <TextField
            label="Change note"
            optional
            value={draft.changeNote}
            onChange={(event) => {
              set('changeNote', event.target.value);
            }}
            error={fieldError('changeNote')}
          />
          {inReview ? (
            <Alert tone="info" title="In review">
              <p>Saving changes asks for the sign-offs again: they speak for the content they saw.</p>
            </Alert>
          ) : existing ? (
            <p className="muted small">Save your changes, then submit the draft for review below.</p>
          ) : null}
          <ProblemAlert problem={problem} fields={FIELDS} />
          <div className="editor-actions">
            <Button type="submit" pending={save.pending}>
              {inReview ? 'Save changes' : 'Save draft'}
            </Button>
            {existing ? (
              <LinkButton to={pathwayPath(existing.versionId)} variant="ghost">
                View draft
              </LinkButton>
            ) : null}
          </div>
        </div>
      </Card>
    </form>
  );
}

const NONE: never[] = [];

interface PreviewState {
  /** The body the state describes; while it differs from the current content a check is due. */
  body: string;
  checking: boolean;
  checked: boolean;
  failed: ApiProblem | null;
  /** Messages by node id, for the map and the tree editor. */
  byNode: Map<string, string[]>;
  fieldErrors: Map<string, string>;
  problems: { path: string; message: string; nodeId: string | null }[];
  coverage: PathwayCheck['coverage'];
  requirements: PathwayCheck['requirements'];
}

const IDLE: PreviewState = {
  body: '',
  checking: false,
  checked: false,
  failed: null,
  byNode: new Map(),
  fieldErrors: new Map(),
  problems: [],
  coverage: null,
  requirements: undefined,
};

/** Runs checkPathway 600 ms after the content stops changing; a 422's field errors are results too. */
function usePathwayCheck(content: PathwayContent): PreviewState {
  const current = JSON.stringify(content);
  const body = useDebounced(current, 600);
  const [state, setState] = useState<PreviewState>(IDLE);

  useEffect(() => {
    const controller = new AbortController();
    const parsed = JSON.parse(body) as PathwayContent;
    pathwaysApi.checkPathway(parsed, controller.signal).then(
      (result) => {
        setState(summarise(body, parsed, [...(result.errors ?? []), ...(result.problems ?? [])], result));
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        const problem = toProblem(error);
        if (problem.status === 422 || problem.status === 400) {
          setState(
            summarise(
              body,
              parsed,
              problem.errors.length > 0
                ? problem.errors
                : [{ path: '', message: problem.detail ?? problem.title }],
              {},
            ),
          );
        } else {
          setState((previous) => ({ ...previous, body, failed: problem }));
        }
      },
    );
    return () => {
      controller.abort();
    };
  }, [body]);

  return { ...state, checking: state.body !== current };
}

function summarise(
  body: string,
  content: PathwayContent,
  errors: ProblemFieldError[],
  result: PathwayCheck,
): PreviewState {
  const fieldErrors = new Map<string, string>();
  const treeErrors: ProblemFieldError[] = [];
  for (const error of errors) {
    const field = FIELDS.find((f) => error.path === `/${f}` || error.path.endsWith(`/${f}`));
    if (field) fieldErrors.set(field, error.message);
    else treeErrors.push(error);
  }
  const { byNode } = routeErrors(treeErrors, content);
  const problems = errors.map((error) => {
    const { byNode: one } = routeErrors([error], content);
    return { path: error.path, message: error.message, nodeId: [...one.keys()][0] ?? null };
  });
  return {
    body,
    checking: false,
    checked: true,
    failed: null,
    byNode,
    fieldErrors,
    problems,
    coverage: result.coverage ?? null,
    requirements: result.requirements,
  };
}
