import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  pathwaysApi,
  type AchievementOption,
  type Pathway,
  type PathwayProgress,
  type ProgressNode,
} from '../../api/pathways-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { LoadingBlock } from '../../design/spinner';
import { useAction } from '../../hooks/use-action';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { useSession } from '../../session/session-context';
import { CoverageBars } from './coverage-bars';
import {
  cataloguePath,
  credentialPath,
  PATHWAY_STATUS_LABELS,
  PATHWAY_STATUS_TONES,
  pathwayEditPath,
  pathwayPath,
  REVOCATION_POLICY_LABELS,
} from './pathway-labels';
import { groupName, indexTree } from './pathway-graph';
import { PathwayMap } from './pathway-map';
import { PathwayReview } from './pathway-review';
import { ProgressMeter } from './progress-meter';
import { RequirementList } from './requirement-list';
import './pathways.css';

export function PathwayPage() {
  const { id = '' } = useParams();
  const query = useApiQuery(`pathway:${id}`, (signal) => pathwaysApi.getPathway(id, signal));
  const data = query.status === 'success' ? query.data : null;
  return (
    <>
      <PageHeader
        title={data?.title ?? 'Pathway'}
        eyebrow={
          data ? (
            <>
              <Link to="/pathways">Pathways</Link> <span aria-hidden="true">›</span> {data.owner.name} ·
              version {data.version}{' '}
              <Chip tone={PATHWAY_STATUS_TONES[data.status]}>{PATHWAY_STATUS_LABELS[data.status]}</Chip>
            </>
          ) : (
            <Link to="/pathways">Pathways</Link>
          )
        }
        description={data?.summary ? <p>{data.summary}</p> : undefined}
        actions={
          data && (data.abilities.edit || data.abilities.newVersion) ? (
            <LinkButton
              to={pathwayEditPath(data.id)}
              variant="secondary"
              icon={<Icon name="pencil" size={18} />}
            >
              {data.status === 'draft' || data.status === 'in_review' ? 'Edit draft' : 'Edit pathway'}
            </LinkButton>
          ) : undefined
        }
      />
      <QueryView query={query} loadingLabel="Loading pathway…">
        {(pathway) => (
          <PathwayView
            pathway={pathway}
            onChanged={(next) => {
              query.update(() => next);
            }}
          />
        )}
      </QueryView>
    </>
  );
}

function PathwayView({ pathway, onChanged }: { pathway: Pathway; onChanged: (next: Pathway) => void }) {
  const { state } = useSession();
  const signedIn = state.status === 'signed-in';
  const review = <PathwayReview pathway={pathway} onChanged={onChanged} />;
  // While a version is drafted or reviewed its review comes first; afterwards, its history closes the page.
  const open = pathway.status === 'draft' || pathway.status === 'in_review';
  return (
    <div className="stack stack-lg">
      {signedIn && pathway.status === 'published' ? (
        <LearnerPathway pathway={pathway} />
      ) : (
        <PathwayBody pathway={pathway} progress={null} learner={null} review={open ? review : null} />
      )}
      {open ? null : review}
    </div>
  );
}

function LearnerPathway({ pathway }: { pathway: Pathway }) {
  const progress = useApiQuery(`pathway-progress:${pathway.id}`, (signal) =>
    pathwaysApi.getMyPathwayProgress(pathway.id, signal),
  );
  if (progress.status === 'loading') {
    return (
      <div className="stack stack-lg">
        <LoadingBlock label="Loading your progress…" />
      </div>
    );
  }
  return (
    <PathwayBody
      pathway={pathway}
      progress={progress.status === 'success' ? progress.data : null}
      learner={progress}
    />
  );
}

function PathwayBody({
  pathway,
  progress,
  learner,
  review = null,
}: {
  pathway: Pathway;
  progress: PathwayProgress | null;
  /** The progress query, for learners; null for visitors and for drafts. */
  learner: QueryResult<PathwayProgress> | null;
  /** The design team's review of a version in the making, shown before the pathway itself. */
  review?: ReactNode;
}) {
  return (
    <div className="stack stack-lg">
      <VersionNotice pathway={pathway} />
      {review}
      {progress?.stackCredentialId ? (
        <div data-testid="stack-earned">
          <Alert
            tone="success"
            title={`You earned ${pathway.stack.title}`}
            actions={
              <LinkButton to={credentialPath(progress.stackCredentialId)} size="sm">
                View your stacked credential
              </LinkButton>
            }
          >
            <p>Every requirement is met. The stacked credential is in your wallet.</p>
          </Alert>
        </div>
      ) : null}
      {learner ? <LearnerPanel pathway={pathway} query={learner} /> : null}

      <Card title="Pathway map" className="pathway-section">
        <PathwayMap
          title={pathway.title}
          requirements={pathway.requirements}
          sequence={pathway.sequence}
          prerequisites={pathway.prerequisites}
          stack={pathway.stack}
          targetRole={pathway.targetRole}
          progress={progress}
        />
      </Card>

      <div className="pathway-columns">
        <Card title="Requirements" className="pathway-section">
          <RequirementList
            requirements={pathway.requirements}
            prerequisites={pathway.prerequisites}
            progress={progress}
          />
        </Card>
        <Card title="About this pathway" className="pathway-section pathway-about">
          <dl className="definition-list">
            <dt>Target role</dt>
            <dd>
              {pathway.targetRole
                ? `${pathway.targetRole.title} (${pathway.targetRole.careerLevel})`
                : 'None'}
            </dd>
            <dt>Audience</dt>
            <dd>{pathway.audience || '—'}</dd>
            <dt>Credits</dt>
            <dd>{pathway.credits.required}</dd>
            <dt>Stacked credential</dt>
            <dd>
              {pathway.stack.achievementId ? (
                <Link to={cataloguePath(pathway.stack.achievementId)}>{pathway.stack.title}</Link>
              ) : (
                pathway.stack.title
              )}
              {pathway.stack.description ? <p className="muted small">{pathway.stack.description}</p> : null}
            </dd>
            <dt>If a component is revoked</dt>
            <dd>{REVOCATION_POLICY_LABELS[pathway.revocationPolicy]}</dd>
          </dl>
        </Card>
      </div>

      {progress ? <RemainingCard pathway={pathway} progress={progress} /> : null}

      <Card title="Role coverage" className="pathway-section">
        {pathway.coverage && pathway.targetRole ? (
          <CoverageBars coverage={pathway.coverage} roleTitle={pathway.targetRole.title} />
        ) : (
          <p className="muted">This pathway has no target role, so there is no coverage to show.</p>
        )}
      </Card>

      <Card title="Versions" className="pathway-section">
        <VersionList pathway={pathway} />
      </Card>
    </div>
  );
}

function LearnerPanel({ pathway, query }: { pathway: Pathway; query: QueryResult<PathwayProgress> }) {
  const announce = useAnnounce();
  const target = useApiQuery('my-target', (signal) => pathwaysApi.getMyTarget(signal).catch(() => null));
  const setTarget = useAction(() =>
    pathwaysApi.setMyTarget({ roleId: pathway.targetRole?.id ?? null, pathwayId: pathway.id }),
  );
  const isTarget = target.status === 'success' && target.data?.pathwayId === pathway.id;

  async function makeTarget() {
    const saved = await setTarget.run();
    if (!saved) return;
    target.update(() => saved);
    announce(`${pathway.title} is now your target pathway.`);
  }

  return (
    <Card title="Your progress" className="pathway-section" data-testid="pathway-progress">
      <div className="stack">
        {query.status === 'error' ? (
          query.problem.status === 404 ? (
            <p className="muted">No progress recorded on this pathway yet.</p>
          ) : (
            <ProblemAlert problem={query.problem} assertive={false} />
          )
        ) : query.status === 'success' ? (
          <ProgressMeter percent={query.data.percentComplete} label={`Your progress on ${pathway.title}`} />
        ) : null}
        <div className="cluster">
          {isTarget ? (
            <Chip tone="primary">
              <Icon name="check" size={14} /> Your target pathway
            </Chip>
          ) : (
            <Button variant="secondary" pending={setTarget.pending} onClick={() => void makeTarget()}>
              Set as my target
            </Button>
          )}
          <Link to="/learning/guidance">Guidance for this role</Link>
        </div>
        <ProblemAlert problem={setTarget.problem} />
      </div>
    </Card>
  );
}

interface RemainingEntry {
  id: string;
  /** A group's name ("Choose 1 of: Elective"), or null for a single step. */
  heading: string | null;
  options: AchievementOption[];
  /** A step no published micro-credential meets. */
  unmeetable: string | null;
}

/**
 * What is left, one entry per thing to do: the server lists every unmet leaf, so the options of an
 * unmet "Choose N of" group (IAM-201 or IAM-205) are gathered under the group instead of reading
 * as two separate steps.
 */
function remainingEntries(pathway: Pathway, progress: PathwayProgress): RemainingEntry[] {
  const parents = new Map<string, ProgressNode>();
  const walk = (node: ProgressNode) => {
    for (const child of node.children) {
      parents.set(child.id, node);
      walk(child);
    }
  };
  walk(progress.tree);
  const groups = indexTree(pathway.requirements);
  const entries: RemainingEntry[] = [];
  const byGroup = new Map<string, RemainingEntry>();
  for (const item of progress.remaining) {
    const parent = parents.get(item.id);
    const group = parent ? groups.get(parent.id) : undefined;
    if (parent && parent.kind === 'n_of' && group?.kind === 'n_of') {
      let entry = byGroup.get(parent.id);
      if (!entry) {
        entry = { id: parent.id, heading: groupName(group), options: [], unmeetable: null };
        byGroup.set(parent.id, entry);
        entries.push(entry);
      }
      for (const option of item.options)
        if (!entry.options.some((o) => o.achievementId === option.achievementId)) entry.options.push(option);
      continue;
    }
    entries.push({
      id: item.id,
      heading: item.options.length === 1 ? null : item.title,
      options: item.options,
      unmeetable: item.options.length === 0 ? item.title : null,
    });
  }
  return entries;
}

function RemainingCard({ pathway, progress }: { pathway: Pathway; progress: PathwayProgress }) {
  const entries = remainingEntries(pathway, progress);
  return (
    <Card title="Remaining" className="pathway-section" data-testid="pathway-remaining">
      {entries.length === 0 ? (
        <p>Nothing remains: every requirement is met.</p>
      ) : (
        <ul className="remaining-list">
          {entries.map((entry) => (
            <li key={entry.id} className="remaining-list__item">
              {entry.heading ? <p className="remaining-list__title">{entry.heading}</p> : null}
              {entry.unmeetable ? (
                <p className="muted small">No published micro-credential meets it yet.</p>
              ) : (
                <ul
                  className="plain-list"
                  aria-label={entry.heading ? `Options for ${entry.heading}` : undefined}
                >
                  {entry.options.map((option) => (
                    <li key={option.achievementId}>
                      <Link to={cataloguePath(option.achievementId)}>
                        <span className="mono">{option.code}</span> {option.title}
                      </Link>{' '}
                      <span className="muted small">{option.credits} credits</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function VersionNotice({ pathway }: { pathway: Pathway }) {
  const published = pathway.versions.find((v) => v.status === 'published' && v.id !== pathway.versionId);
  const link: ReactNode = published ? (
    <Link to={pathwayPath(published.id)}>See version {published.version}</Link>
  ) : null;
  switch (pathway.status) {
    case 'published':
      return null;
    case 'draft':
      return (
        <Alert tone="info" title="Draft: learners cannot see it yet">
          <p>Only its design team sees this version. Submit it for review when it is ready. {link}</p>
        </Alert>
      );
    case 'in_review':
      return (
        <Alert tone="info" title="In review: learners cannot see it yet">
          <p>The design team signs off this exact content before it is published. {link}</p>
        </Alert>
      );
    case 'superseded':
      return (
        <Alert tone="warning" title={`Version ${pathway.version} has been replaced`}>
          <p>Progress counts towards the current version. {link}</p>
        </Alert>
      );
    case 'retired':
      return (
        <Alert tone="warning" title="No longer offered">
          <p>This pathway was retired. Stacked credentials already awarded stay valid. {link}</p>
        </Alert>
      );
  }
}

function VersionList({ pathway }: { pathway: Pathway }) {
  if (pathway.versions.length === 0) return <p className="muted">No other versions.</p>;
  return (
    <ol className="plain-list pathway-versions">
      {pathway.versions.map((version) => {
        const viewing = version.id === pathway.versionId;
        return (
          <li key={version.id} className="cluster">
            {viewing ? (
              <span aria-current="page">
                Version {version.version} <span className="muted small">(this page)</span>
              </span>
            ) : (
              <Link to={pathwayPath(version.id)}>Version {version.version}</Link>
            )}
            <Chip tone={PATHWAY_STATUS_TONES[version.status]}>{PATHWAY_STATUS_LABELS[version.status]}</Chip>
            {version.publishedAt ? (
              <span className="muted small">
                Published <time dateTime={version.publishedAt}>{formatDate(version.publishedAt)}</time>
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
