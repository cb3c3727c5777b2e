import { useId, useRef, useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  authoringApi,
  type AchievementDetail,
  type VersionBump,
  type VersionSummary,
  type WorkflowAction,
} from '../../api/authoring-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { Dialog } from '../../design/dialog';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useAction } from '../../hooks/use-action';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { VersionEyebrow } from './achievement-editor-pages';
import { diffPath, editPath, reviewPath } from './authoring-paths';
import {
  achievementTypeLabel,
  BUMP_LABELS,
  bumpVersion,
  KIND_PHRASES,
  LANGUAGE_LABELS,
  STATUS_LABELS,
  STATUS_TONES,
} from './authoring-labels';
import { OverlapWarning } from './overlap-warning';
import { ReviewComments, ReviewHistory } from './review-threads';
import { SignOffPanel } from './sign-off-panel';
import { TextAreaField } from '../../design/text-area-field';
import { useFrameworks, levelLabel } from './use-frameworks';
import { WorkflowStepper } from './workflow-stepper';
import './authoring.css';

/** The version to compare with: the published one, else the one just before this. */
export function comparisonFor(detail: AchievementDetail): VersionSummary | undefined {
  const others = detail.versions.filter((v) => v.id !== detail.versionId);
  const published = others.find((v) => v.status === 'published');
  if (published) return published;
  const index = detail.versions.findIndex((v) => v.id === detail.versionId);
  return detail.versions[index + 1] ?? others[0];
}

export function VersionReviewPage() {
  const { versionId = '' } = useParams();
  const detail = useApiQuery(`authoring-version:${versionId}`, (signal) =>
    authoringApi.getVersion(versionId, signal),
  );
  const loaded = detail.status === 'success' ? detail.data : undefined;
  const compareWith = loaded ? comparisonFor(loaded) : undefined;

  return (
    <>
      <PageHeader
        title={loaded?.title ?? 'Micro-credential'}
        documentTitle={loaded ? `Review ${loaded.title}` : 'Review'}
        eyebrow={loaded ? <VersionEyebrow detail={loaded} /> : undefined}
        actions={
          loaded ? (
            <>
              {loaded.abilities.edit ? (
                <LinkButton to={editPath(loaded.versionId)} variant="secondary" icon={<Icon name="pencil" />}>
                  Edit
                </LinkButton>
              ) : null}
              {compareWith ? (
                <LinkButton
                  to={diffPath(loaded.versionId, compareWith.id)}
                  variant="ghost"
                  className="btn--wrap"
                >
                  {compareWith.status === 'published'
                    ? 'Compare with the published version'
                    : `Compare with version ${compareWith.version}`}
                </LinkButton>
              ) : null}
            </>
          ) : undefined
        }
      />
      <QueryView query={detail} loadingLabel="Loading the micro-credential…">
        {(data) => <ReviewContent detail={data} query={detail} />}
      </QueryView>
    </>
  );
}

function ReviewContent({
  detail,
  query,
}: {
  detail: AchievementDetail;
  query: QueryResult<AchievementDetail>;
}) {
  const replace = (next: AchievementDetail) => {
    query.update(() => next);
  };
  const editable = detail.status === 'draft' || detail.status === 'in_review';
  return (
    <div className="stack stack-lg">
      {editable ? <OverlapWarning versionId={detail.versionId} updatedAt={detail.updatedAt} /> : null}
      <Card title="Review status" tone="accent" className="review-status" data-testid="review-status">
        <WorkflowStepper status={detail.status} />
        {detail.changeNote ? (
          <p className="change-note">
            <span className="muted">Change note:</span> {detail.changeNote}
          </p>
        ) : null}
        <SignOffPanel
          review={{
            status: detail.status,
            teamIds: [detail.provider.id, ...detail.collaborators.map((c) => c.id)],
            signOffs: detail.signOffs,
            requiredSignOffKinds: detail.requiredSignOffKinds,
            missingSignOffKinds: detail.missingSignOffKinds,
            canSignOff: detail.abilities.signOff,
          }}
          sign={async (organisationId) => {
            replace(await authoringApi.signOff(detail.versionId, organisationId));
          }}
        />
        <WorkflowActions detail={detail} onChanged={replace} />
      </Card>
      <div className="review-layout">
        <div className="stack stack-lg review-layout__main">
          <ContentSummary detail={detail} />
          <ReviewComments
            comments={detail.comments}
            status={detail.status}
            canComment={detail.abilities.comment}
            post={(text) => authoringApi.comment(detail.versionId, text)}
            onAdded={(comment) => {
              query.update((d) => ({ ...d, comments: [...d.comments, comment] }));
            }}
          />
        </div>
        <div className="stack stack-lg review-layout__aside">
          <ReviewHistory history={detail.history} />
          <Versions detail={detail} />
        </div>
      </div>
    </div>
  );
}

interface ActionSpec {
  action: WorkflowAction;
  label: string;
  title: string;
  body: string;
  variant: 'primary' | 'secondary' | 'danger';
  done: string;
}

function actionSpecs(detail: AchievementDetail): ActionSpec[] {
  const a = detail.abilities;
  const specs: ActionSpec[] = [];
  if (a.submit) {
    specs.push({
      action: 'submit',
      label: 'Submit for review',
      title: 'Submit for review?',
      body: 'The design team can still edit it while it is in review, but every edit asks for sign-offs again.',
      variant: 'primary',
      done: 'Submitted for review.',
    });
  }
  if (a.publish) {
    specs.push({
      action: 'publish',
      label: 'Publish',
      title: `Publish version ${detail.version}?`,
      body: 'It goes into the public catalogue and can be awarded. Published versions never change; the version published before is superseded.',
      variant: 'primary',
      done: `Version ${detail.version} is published.`,
    });
  }
  if (a.returnToDraft) {
    specs.push({
      action: 'return_to_draft',
      label: 'Return to draft',
      title: 'Return to draft?',
      body: 'Use this when it needs more than small changes. Say what needs doing in the note.',
      variant: 'secondary',
      done: 'Returned to draft.',
    });
  }
  if (a.retire) {
    specs.push({
      action: 'retire',
      label: 'Retire',
      title: `Retire ${detail.code}?`,
      body: 'It leaves the catalogue and can no longer be awarded. Badges already issued stay valid.',
      variant: 'danger',
      done: `${detail.code} is retired.`,
    });
  }
  return specs;
}

function WorkflowActions({
  detail,
  onChanged,
}: {
  detail: AchievementDetail;
  onChanged: (detail: AchievementDetail) => void;
}) {
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const [newVersionOpen, setNewVersionOpen] = useState(false);
  const specs = actionSpecs(detail);
  const retire = specs.find((spec) => spec.action === 'retire');
  const missing = detail.missingSignOffKinds;
  // Only one version is in the making at a time: offer to continue it rather than start another.
  const openDraft = detail.versions.find((v) => v.status === 'draft' || v.status === 'in_review');
  const publishBlockedId = useId();
  if (specs.length === 0 && !detail.abilities.startNewVersion) return null;

  return (
    <section className="review-section" aria-labelledby="actions-heading">
      <h3 id="actions-heading" className="review-section__title">
        Next steps
      </h3>
      <div className="cluster">
        {specs
          .filter((spec) => spec.action !== 'retire')
          .map((spec) => {
            const blocked = spec.action === 'publish' && missing.length > 0;
            return (
              <Button
                key={spec.action}
                variant={spec.variant}
                disabled={blocked}
                aria-describedby={blocked ? publishBlockedId : undefined}
                onClick={() => {
                  setOpen(spec);
                }}
              >
                {spec.label}
              </Button>
            );
          })}
        {detail.abilities.startNewVersion && openDraft ? (
          <LinkButton to={reviewPath(openDraft.id)} variant="primary" icon={<Icon name="pencil" />}>
            Continue version {openDraft.version} ({STATUS_LABELS[openDraft.status].toLowerCase()})
          </LinkButton>
        ) : detail.abilities.startNewVersion ? (
          <Button
            variant="primary"
            icon={<Icon name="plus" />}
            onClick={() => {
              setNewVersionOpen(true);
            }}
          >
            Start new version
          </Button>
        ) : null}
        {retire ? (
          <Button
            variant={retire.variant}
            onClick={() => {
              setOpen(retire);
            }}
          >
            {retire.label}
          </Button>
        ) : null}
      </div>
      {detail.abilities.publish && missing.length > 0 ? (
        <p className="muted small" id={publishBlockedId}>
          Publishing waits for a sign-off from {missing.map((k) => KIND_PHRASES[k]).join(' and ')}.
        </p>
      ) : null}
      <TransitionDialog
        detail={detail}
        spec={open}
        onClose={() => {
          setOpen(null);
        }}
        onDone={onChanged}
      />
      {detail.abilities.startNewVersion && !openDraft ? (
        <StartVersionDialog
          detail={detail}
          open={newVersionOpen}
          onClose={() => {
            setNewVersionOpen(false);
          }}
        />
      ) : null}
    </section>
  );
}

function TransitionDialog({
  detail,
  spec,
  onClose,
  onDone,
}: {
  detail: AchievementDetail;
  spec: ActionSpec | null;
  onClose: () => void;
  onDone: (detail: AchievementDetail) => void;
}) {
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const move = useAction(async (action: ActionSpec) => {
    const updated = await authoringApi.moveVersion(detail.versionId, action.action, note.trim() || undefined);
    onDone(updated);
    announce(action.done);
    setNote('');
    onClose();
    return updated;
  });

  function close() {
    move.reset();
    setNote('');
    onClose();
  }

  const formId = `transition-${spec?.action ?? 'none'}`;
  return (
    <Dialog
      open={spec !== null}
      onClose={close}
      title={spec?.title ?? ''}
      size="sm"
      testId="transition-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button
            type="submit"
            form={formId}
            variant={spec?.variant === 'danger' ? 'danger' : 'primary'}
            pending={move.pending}
          >
            {spec?.label ?? 'Confirm'}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event: SubmitEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (spec) void move.run(spec);
        }}
      >
        <p>{spec?.body}</p>
        <ProblemAlert problem={move.problem} fields={['note']} />
        <TextAreaField
          label="Note for the history"
          optional
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
          }}
          error={move.problem?.fieldMessage('note')}
        />
      </form>
    </Dialog>
  );
}

function highestVersion(versions: readonly VersionSummary[]): string {
  const parse = (v: string) => v.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return (
    versions
      .map((v) => v.version)
      .sort((a, b) => {
        const [x, y] = [parse(a), parse(b)];
        for (let i = 0; i < 3; i++) {
          const diff = (x[i] ?? 0) - (y[i] ?? 0);
          if (diff !== 0) return diff;
        }
        return 0;
      })
      .at(-1) ?? '0.0.0'
  );
}

function StartVersionDialog({
  detail,
  open,
  onClose,
}: {
  detail: AchievementDetail;
  open: boolean;
  onClose: () => void;
}) {
  const id = useId();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [bump, setBump] = useState<VersionBump>('minor');
  const [changeNote, setChangeNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const from = highestVersion(detail.versions);

  const start = useAction(async () => {
    const created = await authoringApi.startNewVersion(detail.id, { bump, changeNote: changeNote.trim() });
    announce(`Version ${created.version} started as a draft.`);
    void navigate(editPath(created.versionId));
    return created;
  });

  function close() {
    start.reset();
    setNoteError(undefined);
    onClose();
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!changeNote.trim()) {
      setNoteError('Say what the new version changes.');
      noteRef.current?.focus();
      return;
    }
    setNoteError(undefined);
    await start.run();
  }

  const openDraft = detail.versions.find((v) => v.status === 'draft' || v.status === 'in_review');
  const formId = `${id}-form`;
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Start a new version"
      description={<p>It starts as a draft copy of version {detail.version}. This version stays as it is.</p>}
      testId="start-version-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={formId} pending={start.pending}>
            Start version {bumpVersion(from, bump) ?? ''}
          </Button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert
          problem={start.problem}
          fields={['changeNote', 'bump']}
          actions={
            start.problem?.is('draft-already-open') && openDraft ? (
              <LinkButton variant="secondary" size="sm" to={editPath(openDraft.id)}>
                Continue version {openDraft.version}
              </LinkButton>
            ) : undefined
          }
        />
        <fieldset className="checkbox-group">
          <legend className="field__label">Kind of change</legend>
          <div className="checkbox-group__options">
            {(['major', 'minor', 'patch'] as const).map((value) => (
              <div className="checkbox" key={value}>
                <input
                  type="radio"
                  id={`${id}-${value}`}
                  name={`${id}-bump`}
                  value={value}
                  checked={bump === value}
                  onChange={() => {
                    setBump(value);
                  }}
                  aria-describedby={`${id}-${value}-hint`}
                />
                <div className="checkbox__text">
                  <label htmlFor={`${id}-${value}`}>
                    {BUMP_LABELS[value].label}: {bumpVersion(from, value)}
                  </label>
                  <span className="checkbox__hint" id={`${id}-${value}-hint`}>
                    {BUMP_LABELS[value].hint}
                  </span>
                </div>
              </div>
            ))}
          </div>
        </fieldset>
        <TextAreaField
          ref={noteRef}
          label="Change note"
          hint="What changes and why; reviewers read this first."
          rows={3}
          maxLength={2000}
          required
          value={changeNote}
          onChange={(event) => {
            setChangeNote(event.target.value);
          }}
          error={noteError ?? start.problem?.fieldMessage('changeNote')}
        />
      </form>
    </Dialog>
  );
}

function ContentSummary({ detail }: { detail: AchievementDetail }) {
  const c = detail.content;
  const cache = useFrameworks(detail.competencies.map((x) => x.frameworkId));
  return (
    <Card title="What is being reviewed" data-testid="content-summary">
      <div className="content-summary__top">
        <img
          className="content-summary__badge"
          src={`${detail.imageUrl}?v=${encodeURIComponent(detail.updatedAt)}`}
          width={112}
          height={112}
          alt={`Badge for ${detail.code}`}
        />
        <div className="stack stack-sm">
          <p className="content-summary__summary">{c.summary}</p>
          <dl className="definition-list">
            <dt>Type</dt>
            <dd>{achievementTypeLabel(c.achievementType)}</dd>
            <dt>NZQF level</dt>
            <dd>Level {c.nzqfLevel}</dd>
            <dt>Credits</dt>
            <dd>
              {c.credits} ({detail.notionalHours} notional learning hours)
            </dd>
            <dt>Provider</dt>
            <dd>{detail.provider.name}</dd>
            <dt>Co-designers</dt>
            <dd>{detail.collaborators.map((o) => o.name).join(', ') || 'None'}</dd>
          </dl>
        </div>
      </div>
      {c.description ? (
        <section className="content-block" aria-labelledby="content-description">
          <h3 id="content-description">Description</h3>
          <p className="pre-line">{c.description}</p>
        </section>
      ) : null}
      <section className="content-block" aria-labelledby="content-competencies">
        <h3 id="content-competencies">Competencies</h3>
        <ul className="plain-list">
          {detail.competencies.map((x) => (
            <li key={`${x.frameworkId}:${x.code}`}>
              <span className="mono">{x.code}</span> {x.name}{' '}
              <Chip tone="primary">{levelLabel(cache.frameworks.get(x.frameworkId), x.targetLevel)}</Chip>
            </li>
          ))}
        </ul>
      </section>
      <section className="content-block" aria-labelledby="content-assessment">
        <h3 id="content-assessment">Assessment</h3>
        <p className="pre-line">{c.criteriaNarrative}</p>
        {c.assessmentMethods.length > 0 ? (
          <p>
            <span className="muted">Methods:</span> {c.assessmentMethods.join(', ')}
          </p>
        ) : null}
        <ol className="criteria-list">
          {c.criteria.map((criterion) => (
            <li key={criterion.id}>
              <p>
                <span className="mono muted">{criterion.id}</span> {criterion.title}
              </p>
              <ul>
                {criterion.evidenceRequirements.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
        <p>
          <span className="muted">Recognition of prior learning:</span>{' '}
          {c.rplAllowed ? `allowed. ${c.rplEvidence}` : 'not offered.'}
        </p>
      </section>
      <section className="content-block" aria-labelledby="content-listing">
        <h3 id="content-listing">Listing</h3>
        <dl className="definition-list">
          <dt>Valid for</dt>
          <dd>{c.validityDays === undefined ? 'Does not expire' : `${String(c.validityDays)} days`}</dd>
          <dt>Language</dt>
          <dd>{LANGUAGE_LABELS[c.language] ?? c.language}</dd>
          <dt>Tags</dt>
          <dd>{c.tags.join(', ') || 'None'}</dd>
          <dt>NZSCED code</dt>
          <dd>{c.nzqa.nzscedCode ?? 'Not set'}</dd>
          <dt>NZQA review</dt>
          <dd>
            {c.nzqa.reviewPeriodYears === undefined
              ? 'Not set'
              : `Every ${c.nzqa.reviewPeriodYears === 1 ? 'year' : `${String(c.nzqa.reviewPeriodYears)} years`}`}
          </dd>
          {c.nzqa.purposeStatement ? (
            <>
              <dt>Purpose</dt>
              <dd>{c.nzqa.purposeStatement}</dd>
            </>
          ) : null}
        </dl>
      </section>
    </Card>
  );
}

function Versions({ detail }: { detail: AchievementDetail }) {
  return (
    <Card title="Versions" data-testid="versions">
      <ul className="version-list">
        {detail.versions.map((v) => (
          <li key={v.id} className="version-list__item">
            <span className="version-list__name">
              {v.id === detail.versionId ? (
                <strong aria-current="page">{v.version}</strong>
              ) : (
                <Link to={reviewPath(v.id)}>Version {v.version}</Link>
              )}{' '}
              <Chip tone={STATUS_TONES[v.status]}>{STATUS_LABELS[v.status]}</Chip>
            </span>
            <span className="muted small">
              {v.publishedAt
                ? `Published ${formatDate(v.publishedAt)}`
                : `Started ${formatDate(v.createdAt)}`}
            </span>
            {v.id === detail.versionId ? null : (
              <Link className="small" to={diffPath(detail.versionId, v.id)}>
                Compare with {v.version}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {detail.versions.length === 1 ? <Alert tone="info">This is the first version.</Alert> : null}
    </Card>
  );
}
