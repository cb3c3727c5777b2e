import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import {
  pathwaysApi,
  type BlockedBy,
  type GapRow,
  type Guidance,
  type LearnerTarget,
  type PathwaySummary,
  type Recommendation,
  type RoleProfile,
  type SelfAssessmentItem,
} from '../../api/pathways-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { GapChart } from './gap-chart';
import { cataloguePath, pathwayPath } from './pathway-labels';
import './pathways.css';

interface Setup {
  roles: RoleProfile[];
  target: LearnerTarget | null;
  pathways: PathwaySummary[];
}

/** Pick a role, see the gap, say where you stand, and get ranked next steps and mentors. */
export function GuidancePage() {
  const setup = useApiQuery<Setup>('guidance-setup', async (signal) => {
    const [roles, target, pathways] = await Promise.all([
      pathwaysApi.listRoles(signal),
      pathwaysApi.getMyTarget(signal).catch(() => null),
      pathwaysApi.listPathways(signal).catch(() => ({ items: [] as PathwaySummary[] })),
    ]);
    return { roles: roles.items, target, pathways: pathways.items };
  });
  return (
    <>
      <PageHeader
        title="Guidance"
        eyebrow={<Link to="/learning">My learning</Link>}
        description={
          <p>
            Choose the role you are working towards. Cairn compares what it needs with what your credentials
            show and suggests the micro-credentials that close the gap fastest.
          </p>
        }
      />
      <QueryView query={setup} loadingLabel="Loading roles…">
        {(data) =>
          data.roles.length === 0 ? (
            <EmptyState title="No roles yet">
              <p>Guidance compares you with a role profile. None has been published yet.</p>
            </EmptyState>
          ) : (
            <GuidanceForRoles
              setup={data}
              onTargetSaved={(target) => {
                setup.update((current) => ({ ...current, target }));
              }}
            />
          )
        }
      </QueryView>
    </>
  );
}

function GuidanceForRoles({
  setup,
  onTargetSaved,
}: {
  setup: Setup;
  onTargetSaved: (t: LearnerTarget) => void;
}) {
  const announce = useAnnounce();
  const [roleId, setRoleId] = useState(setup.target?.roleId ?? '');
  const role = setup.roles.find((r) => r.id === roleId);
  const isTarget = setup.target?.roleId === roleId && roleId !== '';
  const save = useAction(async (chosen: RoleProfile) => {
    // Keep the target pathway when it still leads to the chosen role.
    const current = setup.pathways.find((p) => p.id === setup.target?.pathwayId);
    const pathwayId = current?.targetRole?.id === chosen.id ? current.id : null;
    return pathwaysApi.setMyTarget({ roleId: chosen.id, pathwayId });
  });

  async function makeTarget() {
    if (!role) return;
    const saved = await save.run(role);
    if (!saved) return;
    onTargetSaved(saved);
    announce(`${role.title} is now your target role.`);
  }

  return (
    <div className="stack stack-lg">
      <Card title="Target role">
        <div className="stack">
          <div className="role-picker">
            <Select
              label="Role"
              value={roleId}
              placeholder="Choose a role"
              options={setup.roles.map((r) => ({ value: r.id, label: `${r.title} (${r.careerLevel})` }))}
              onChange={(event) => {
                setRoleId(event.target.value);
                save.reset();
              }}
            />
          </div>
          {role ? (
            <>
              {role.summary ? <p>{role.summary}</p> : null}
              <div className="cluster">
                {isTarget ? (
                  <Chip tone="primary">Your target role</Chip>
                ) : (
                  <Button variant="secondary" pending={save.pending} onClick={() => void makeTarget()}>
                    Set as my target
                  </Button>
                )}
              </div>
              <ProblemAlert problem={save.problem} />
              <PathwaysToRole pathways={setup.pathways.filter((p) => p.targetRole?.id === role.id)} />
            </>
          ) : null}
        </div>
      </Card>
      {role ? <RoleGuidance key={role.id} role={role} /> : null}
    </div>
  );
}

function PathwaysToRole({ pathways }: { pathways: PathwaySummary[] }) {
  if (pathways.length === 0)
    return <p className="muted small">No published pathway leads to this role yet.</p>;
  return (
    <div className="stack stack-sm">
      <h3 className="small">Pathways to this role</h3>
      <ul className="plain-list">
        {pathways.map((p) => (
          <li key={p.id}>
            <Link to={pathwayPath(p.id)}>{p.title}</Link>{' '}
            <span className="muted small">{p.credits.required} credits</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RoleGuidance({ role }: { role: RoleProfile }) {
  const guidance = useApiQuery(`guidance:${role.id}`, (signal) => pathwaysApi.getMyGuidance(role.id, signal));
  const self = useApiQuery('self-assessment', (signal) => pathwaysApi.getMySelfAssessment(signal));
  return (
    <QueryView query={guidance} loadingLabel="Working out your gap…">
      {(data) => (
        <div className="stack stack-lg">
          <Card title="Competency gap">
            {data.gap.length === 0 ? (
              <p className="muted">This role lists no competencies.</p>
            ) : (
              <GapChart rows={data.gap} roleTitle={role.title} />
            )}
          </Card>
          <Card
            title="Self-assessment"
            description="Where do you think you are? Level 1 is just starting, 5 is expert. It guides the suggestions; it never counts as evidence."
          >
            <QueryView query={self} loadingLabel="Loading your self-assessment…">
              {(saved) => (
                <SelfAssessmentForm
                  rows={data.gap}
                  saved={saved.items}
                  onSaved={(items) => {
                    self.update(() => ({ items }));
                    guidance.reload();
                  }}
                />
              )}
            </QueryView>
          </Card>
          <Card
            title="Recommended next steps"
            description="Ranked by how much of your gap each closes for the time it takes."
          >
            <Recommendations items={data.recommendations} />
          </Card>
          <Card title="Mentors">
            <Mentors guidance={data} />
          </Card>
        </div>
      )}
    </QueryView>
  );
}

const LEVEL_OPTIONS = [
  { value: '', label: 'Not assessed' },
  ...[1, 2, 3, 4, 5].map((level) => ({ value: String(level), label: `Level ${level}` })),
];

const keyOf = (item: { frameworkId: string; code: string }) => `${item.frameworkId}:${item.code}`;

function SelfAssessmentForm({
  rows,
  saved,
  onSaved,
}: {
  rows: GapRow[];
  saved: SelfAssessmentItem[];
  onSaved: (items: SelfAssessmentItem[]) => void;
}) {
  const announce = useAnnounce();
  const [levels, setLevels] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      rows.map((row) => [keyOf(row), String(saved.find((s) => keyOf(s) === keyOf(row))?.level ?? '')]),
    ),
  );
  const save = useAction(async () => {
    const mine = new Set(rows.map(keyOf));
    // Competencies of other roles keep their levels.
    const others = saved.filter((item) => !mine.has(keyOf(item)));
    const these = rows.flatMap((row) => {
      const level = Number(levels[keyOf(row)] ?? '');
      return level >= 1 ? [{ frameworkId: row.frameworkId, code: row.code, level }] : [];
    });
    return pathwaysApi.setMySelfAssessment({ items: [...others, ...these] });
  });

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await save.run();
    if (!result) return;
    onSaved(result.items);
    announce('Self-assessment saved. The gap and suggestions are updated.');
  }

  if (rows.length === 0) return <p className="muted">Nothing to assess for this role.</p>;
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label="Self-assessment">
      <div className="self-assessment__rows">
        {rows.map((row) => (
          <Select
            key={keyOf(row)}
            label={`${row.code} ${row.name}`}
            value={levels[keyOf(row)] ?? ''}
            options={LEVEL_OPTIONS}
            onChange={(event) => {
              const value = event.target.value;
              setLevels((current) => ({ ...current, [keyOf(row)]: value }));
            }}
          />
        ))}
      </div>
      <ProblemAlert problem={save.problem} />
      <div>
        <Button type="submit" pending={save.pending}>
          Save self-assessment
        </Button>
      </div>
    </form>
  );
}

function blockedName(item: BlockedBy): string {
  if (typeof item === 'string') return item;
  return [item.code, item.title].filter(Boolean).join(' ') || item.achievementId || 'another step';
}

function gapClosedLabel(value: number): string {
  if (value > 0 && value < 1) return `Closes ${Math.round(value * 100)}% of your gap`;
  return value === 1 ? 'Closes 1 level of your gap' : `Closes ${value} levels of your gap`;
}

function Recommendations({ items }: { items: Recommendation[] }) {
  if (items.length === 0) {
    return (
      <p className="muted">
        No suggestions: your credentials already cover this role, or nothing published closes the gap yet.
      </p>
    );
  }
  return (
    <ol className="recommendations" data-testid="recommendations">
      {items.map((item) => (
        <li key={item.achievementId} className="recommendation">
          <h3 className="recommendation__title">
            <Link to={cataloguePath(item.achievementId)}>
              <span className="mono">{item.code}</span> {item.title}
            </Link>
          </h3>
          <p className="small">
            {item.hours} hours · {item.credits} credits · {gapClosedLabel(item.gapClosed)}
          </p>
          {item.rplLikely || item.blockedBy.length > 0 ? (
            <p className="cluster">
              {item.rplLikely ? <Chip tone="success">RPL likely</Chip> : null}
              {item.blockedBy.length > 0 ? (
                <Chip tone="warning">Blocked by {item.blockedBy.map(blockedName).join(', ')}</Chip>
              ) : null}
            </p>
          ) : null}
          {item.reason ? <p className="muted small">{item.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function Mentors({ guidance }: { guidance: Guidance }) {
  return (
    <div className="stack">
      <p className="muted small">Mentor matching grows later; these mentors are registered on Cairn.</p>
      {guidance.mentors.length === 0 ? (
        <p className="muted">No mentors are registered yet.</p>
      ) : (
        <ul className="mentor-list" aria-label="Mentors">
          {guidance.mentors.map((mentor) => (
            <li key={mentor.id}>
              <strong>{mentor.name}</strong>
              <br />
              <span className="muted small">{mentor.organisation}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
