import { useEffect, useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
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
import { useMe } from '../../session/session-context';
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
] as const;

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
    if (loaded.status === 'draft') return loaded;
    const draft = loaded.versions.find((v) => v.status === 'draft');
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
          pathway.status === 'draft' && pathway.abilities.edit ? (
            <QueryView query={roles} loadingLabel="Loading roles…">
              {(items) => (
                <PathwayForm
                  key={pathway.versionId}
                  roles={items}
                  existing={pathway}
                  onSaved={(saved) => {
                    query.update(() => saved);
                    announce('Draft saved.');
                  }}
                  onPublished={(published) => {
                    announce(`${published.title} version ${published.version} is published.`);
                    void navigate(pathwayPath(published.id));
                  }}
                />
              )}
            </QueryView>
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
  if (pathway.status === 'draft') {
    return (
      <Alert tone="warning" title="You can’t edit this pathway">
        <p>Authors and admins of {pathway.owner.name} edit it.</p>
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
        <p className="muted">Only the owner’s authors and admins can start a new version.</p>
      )}
    </Card>
  );
}

/** Organisations where the person may create pathways (the server decides; 403 otherwise). */
function ownerChoices(me: ReturnType<typeof useMe>) {
  const authoring = me.memberships.filter((m) => m.roles.includes('author') || m.roles.includes('org_admin'));
  return (authoring.length > 0 ? authoring : me.memberships).map((m) => m.organisation);
}

function PathwayForm({
  roles,
  existing,
  onSaved,
  onPublished,
}: {
  roles: RoleProfile[];
  existing: Pathway | null;
  onSaved: (saved: Pathway) => void;
  onPublished?: (published: Pathway) => void;
}) {
  const me = useMe();
  const owners = ownerChoices(me);
  const [ownerId, setOwnerId] = useState(owners[0]?.id ?? '');
  const [draft, setDraft] = useState<PathwayDraft>(() =>
    existing ? draftFromPathway(existing) : emptyDraft(),
  );
  const content = contentOf(draft);
  const preview = usePathwayCheck(content);

  const save = useAction(async () =>
    existing
      ? pathwaysApi.updatePathwayVersion(existing.versionId, content)
      : pathwaysApi.createPathway({ organisationId: ownerId, ...content }),
  );
  const publish = useAction(async () => {
    if (!existing) throw new Error('Save the draft first.');
    await pathwaysApi.updatePathwayVersion(existing.versionId, content);
    return pathwaysApi.publishPathwayVersion(existing.versionId);
  });
  const problem = save.problem ?? publish.problem;
  const fieldError = (field: string) => problem?.fieldMessage(field) ?? preview.fieldErrors.get(field);
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
          {!existing && owners.length > 1 ? (
            <Select
              label="Owning organisation"
              value={ownerId}
              options={owners.map((o) => ({ value: o.id, label: o.name }))}
              onChange={(event) => {
                setOwnerId(event.target.value);
              }}
              error={fieldError('organisationId')}
            />
          ) : null}
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
          <ProblemAlert problem={problem} fields={FIELDS} />
          <div className="editor-actions">
            <Button type="submit" pending={save.pending}>
              Save draft
            </Button>
            {existing?.abilities.publish ? (
              <Button
                variant="secondary"
                pending={publish.pending}
                onClick={() => {
                  void publish.run().then((published) => {
                    if (published) onPublished?.(published);
                  });
                }}
              >
                Publish
              </Button>
            ) : null}
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
