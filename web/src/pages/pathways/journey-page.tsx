import { type MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { credentialsApi, type CredentialSummary } from '../../api/credentials-api';
import { pathwaysApi } from '../../api/pathways-api';
import { LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { STATE_LABELS as CREDENTIAL_STATE_LABELS } from '../credentials/credential-labels';
import { clip } from './pathway-graph';
import { credentialPath, pathwayPath } from './pathway-labels';
import { PathwayMap } from './pathway-map';
import { ProgressMeter } from './progress-meter';
import './pathways.css';

/** The learner's credentials over time, and how far along their target pathway they are. */
export function JourneyPage() {
  const credentials = useApiQuery(
    'my-credentials',
    async (signal) => (await credentialsApi.listMine(signal)).items,
  );
  return (
    <>
      <PageHeader
        title="My journey"
        eyebrow={<Link to="/learning">My learning</Link>}
        description={
          <p>The micro-credentials you have earned, in the order you earned them, and your target pathway.</p>
        }
      />
      <div className="stack stack-lg">
        <Card title="Credentials over time">
          <QueryView query={credentials} loadingLabel="Loading your credentials…">
            {(items) => <Timeline items={items} />}
          </QueryView>
        </Card>
        <TargetPathway />
      </div>
    </>
  );
}

const DAY = 24 * 60 * 60 * 1000;
const LANES = [-1, 1, -2, 2] as const;

function Timeline({ items }: { items: CredentialSummary[] }) {
  const navigate = useNavigate();
  const dated = items
    .map((c) => ({ credential: c, at: new Date(c.awardedAt).getTime() }))
    .filter((e) => Number.isFinite(e.at))
    .sort((a, b) => a.at - b.at);
  if (dated.length === 0) {
    return (
      <EmptyState
        title="No credentials yet"
        headingLevel={3}
        actions={<LinkButton to="/pathways">Explore pathways</LinkButton>}
      >
        <p>Your journey starts with your first micro-credential. Pathways show which ones lead to a role.</p>
      </EmptyState>
    );
  }
  const first = dated[0]?.at ?? 0;
  const last = dated[dated.length - 1]?.at ?? first;
  const start = first - 30 * DAY;
  const end = Math.max(last, first + DAY) + 30 * DAY;
  const width = Math.max(720, dated.length * 130);
  const height = 260;
  const axisY = height / 2;
  const margin = 40;
  const xOf = (t: number) => margin + ((t - start) / (end - start)) * (width - 2 * margin);
  const ticks = axisTicks(start, end);

  function go(event: MouseEvent<HTMLAnchorElement>, href: string) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(href);
  }

  return (
    <figure className="stack" aria-labelledby="timeline-caption" data-testid="journey-timeline">
      <figcaption id="timeline-caption" className="muted small">
        {dated.length === 1 ? '1 credential' : `${dated.length} credentials`} from{' '}
        {formatDate(new Date(first).toISOString())} to {formatDate(new Date(last).toISOString())}, earliest on
        the left. Each one links to the credential.
      </figcaption>
      <div className="timeline__scroll">
        <svg
          className="timeline__svg"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-label="Timeline of your credentials"
        >
          <g aria-hidden="true">
            <line x1={margin / 2} y1={axisY} x2={width - margin / 2} y2={axisY} className="timeline__axis" />
            {ticks.map((tick) => (
              <g key={tick.at}>
                <line
                  x1={xOf(tick.at)}
                  y1={axisY - 6}
                  x2={xOf(tick.at)}
                  y2={axisY + 6}
                  className="timeline__tick"
                />
                <text x={xOf(tick.at)} y={axisY + 20} textAnchor="middle" className="timeline__tick-label">
                  {tick.label}
                </text>
              </g>
            ))}
          </g>
          {dated.map(({ credential, at }, index) => {
            const lane = LANES[index % LANES.length] ?? 1;
            const x = xOf(at);
            const labelY = axisY + lane * 48 + (lane < 0 ? -6 : 18);
            const href = credentialPath(credential.id);
            const date = formatDate(credential.awardedAt);
            const label = `${credential.title}, awarded ${date}, ${CREDENTIAL_STATE_LABELS[credential.state].toLowerCase()}`;
            return (
              <a
                key={credential.id}
                href={href}
                className="timeline__event"
                data-state={credential.state}
                aria-label={label}
                onClick={(event) => {
                  go(event, href);
                }}
              >
                <title>{label}</title>
                <line
                  x1={x}
                  y1={axisY}
                  x2={x}
                  y2={labelY + (lane < 0 ? 18 : -14)}
                  className="timeline__stem"
                />
                <circle cx={x} cy={axisY} r={8} className="timeline__dot" />
                <text x={x} y={labelY} textAnchor="middle" className="timeline__label">
                  {clip(credential.title, 20)}
                </text>
                <text x={x} y={labelY + 14} textAnchor="middle" className="timeline__date">
                  {date}
                  {credential.state !== 'active' ? ` · ${CREDENTIAL_STATE_LABELS[credential.state]}` : ''}
                </text>
              </a>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

/** Month ticks for spans under two years, year ticks beyond. */
function axisTicks(start: number, end: number): { at: number; label: string }[] {
  const months = (end - start) / (30 * DAY);
  const byYear = months > 24;
  const step = byYear ? 12 : months > 12 ? 3 : 1;
  const cursor = new Date(start);
  cursor.setUTCDate(1);
  cursor.setUTCHours(0, 0, 0, 0);
  if (byYear) cursor.setUTCMonth(0);
  const format = new Intl.DateTimeFormat(
    'en-NZ',
    byYear ? { year: 'numeric' } : { month: 'short', year: '2-digit' },
  );
  const ticks: { at: number; label: string }[] = [];
  while (cursor.getTime() <= end && ticks.length < 60) {
    if (cursor.getTime() >= start) ticks.push({ at: cursor.getTime(), label: format.format(cursor) });
    cursor.setUTCMonth(cursor.getUTCMonth() + step);
  }
  return ticks;
}

function TargetPathway() {
  const query = useApiQuery('journey-target', async (signal) => {
    const target = await pathwaysApi.getMyTarget(signal).catch(() => null);
    if (!target?.pathwayId) return null;
    const [pathway, progress] = await Promise.all([
      pathwaysApi.getPathway(target.pathwayId, signal),
      pathwaysApi.getMyPathwayProgress(target.pathwayId, signal),
    ]);
    return { pathway, progress };
  });
  return (
    <Card title="Target pathway" data-testid="journey-target">
      <QueryView query={query} loadingLabel="Loading your target pathway…">
        {(data) =>
          data ? (
            <div className="stack">
              <p>
                <Link to={pathwayPath(data.pathway.id)}>
                  <strong>{data.pathway.title}</strong>
                </Link>
                {data.pathway.targetRole ? ` leads to ${data.pathway.targetRole.title}.` : null}
              </p>
              <ProgressMeter
                percent={data.progress.percentComplete}
                label={`Your progress on ${data.pathway.title}`}
              />
              <PathwayMap
                title={data.pathway.title}
                requirements={data.pathway.requirements}
                sequence={data.pathway.sequence}
                prerequisites={data.pathway.prerequisites}
                stack={data.pathway.stack}
                targetRole={data.pathway.targetRole}
                progress={data.progress}
              />
            </div>
          ) : (
            <EmptyState
              title="No target pathway yet"
              headingLevel={3}
              actions={
                <>
                  <LinkButton to="/pathways">Choose a pathway</LinkButton>
                  <LinkButton to="/learning/guidance" variant="secondary">
                    Get guidance
                  </LinkButton>
                </>
              }
            >
              <p>Pick a pathway and press “Set as my target” to follow your progress here.</p>
            </EmptyState>
          )
        }
      </QueryView>
    </Card>
  );
}
