import { useState } from 'react';
import { Link } from 'react-router';
import {
  assessmentApi,
  SUBMISSION_ROUTES,
  type AchievementRef,
  type Paged,
  type QueueItem,
  type SubmissionRoute,
} from '../../api/assessment-api';
import { Button } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDateTime } from '../../labels/dates';
import {
  achievementLabel,
  conflictLabel,
  ROUTE_SHORT_LABELS,
  waitingDays,
  waitingLabel,
} from './assessment-labels';
import { ConflictsCard } from './conflicts-card';
import './assessment.css';

const PAGE_SIZE = 20;

/** `/assess`: submissions waiting for a decision on the micro-credentials this person assesses. */
export function AssessorQueuePage() {
  const [achievementId, setAchievementId] = useState('');
  const [route, setRoute] = useState<SubmissionRoute | ''>('');
  const [offset, setOffset] = useState(0);
  // Micro-credentials seen in the queue, so the filter keeps offering them while one is chosen.
  const [known, setKnown] = useState<Map<string, AchievementRef>>(new Map());

  const query = useApiQuery(`assessment-queue:${achievementId}:${route}:${offset}`, async (signal) => {
    const page = await assessmentApi.listAssessmentQueue(
      { ...(achievementId ? { achievementId } : {}), ...(route ? { route } : {}), limit: PAGE_SIZE, offset },
      signal,
    );
    setKnown((current) => {
      const missing = page.items.filter((item) => !current.has(item.achievement.id));
      if (missing.length === 0) return current;
      const next = new Map(current);
      for (const item of missing) next.set(item.achievement.id, item.achievement);
      return next;
    });
    return page;
  });

  return (
    <>
      <PageHeader
        title="Assess"
        description={
          <p>
            Submissions waiting for a decision, oldest first. You only see micro-credentials whose owner
            approved you as an assessor.
          </p>
        }
      />
      <div className="stack stack-lg">
        <section aria-labelledby="queue-heading" className="stack">
          <h2 id="queue-heading">Waiting for a decision</h2>
          <div className="toolbar" role="search" aria-label="Filter the queue">
            <Select
              label="Micro-credential"
              name="achievementId"
              options={[
                { value: '', label: 'All micro-credentials' },
                ...[...known.values()]
                  .sort((a, b) => a.code.localeCompare(b.code))
                  .map((achievement) => ({ value: achievement.id, label: achievementLabel(achievement) })),
              ]}
              value={achievementId}
              onChange={(event) => {
                setAchievementId(event.target.value);
                setOffset(0);
              }}
            />
            <Select
              label="Route"
              name="route"
              options={[
                { value: '', label: 'All routes' },
                ...SUBMISSION_ROUTES.map((value) => ({ value, label: ROUTE_SHORT_LABELS[value] })),
              ]}
              value={route}
              onChange={(event) => {
                setRoute(event.target.value as SubmissionRoute | '');
                setOffset(0);
              }}
            />
          </div>
          <QueryView query={query} loadingLabel="Loading the queue…">
            {(page) => (
              <QueueTable
                page={page}
                offset={offset}
                onOffset={setOffset}
                filtered={Boolean(achievementId || route)}
              />
            )}
          </QueryView>
        </section>
        <ConflictsCard />
      </div>
    </>
  );
}

function QueueTable({
  page,
  offset,
  onOffset,
  filtered,
}: {
  page: Paged<QueueItem>;
  offset: number;
  onOffset: (offset: number) => void;
  filtered: boolean;
}) {
  if (page.total === 0 || page.items.length === 0) {
    return (
      <EmptyState title={filtered ? 'Nothing matches these filters' : 'Nothing is waiting'} headingLevel={3}>
        <p>
          {filtered
            ? 'Choose “All” to see every submission waiting for you.'
            : 'When a learner submits evidence for a micro-credential you assess, it appears here.'}
        </p>
      </EmptyState>
    );
  }
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const current = Math.floor(offset / PAGE_SIZE) + 1;
  return (
    <>
      <Table
        caption="Submissions waiting for a decision, oldest first"
        testId="assessment-queue"
        className="queue-table"
      >
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Micro-credential</th>
            <th scope="col">Route</th>
            <th scope="col">Waiting</th>
            <th scope="col">Evidence</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => {
            const rowId = `queue-${item.submissionId}`;
            const submittedAt = item.submittedAt ?? '';
            const days = waitingDays(submittedAt);
            return (
              <tr key={item.submissionId} data-testid={rowId}>
                <th scope="row" className="cell-primary cell-nowrap" id={`${rowId}-learner`}>
                  {item.learner.name}
                  {item.attempt > 1 ? <span className="cell-secondary">Attempt {item.attempt}</span> : null}
                </th>
                <td className="queue-table__title">
                  {item.achievement.title}
                  <span className="cell-secondary">
                    <span className="mono">{item.achievement.code}</span> · v{item.achievement.version}
                  </span>
                </td>
                <td>
                  <Chip tone={item.route === 'rpl' ? 'primary' : 'neutral'}>
                    {ROUTE_SHORT_LABELS[item.route]}
                  </Chip>
                </td>
                <td className="cell-nowrap">
                  <span title={submittedAt ? `Submitted ${formatDateTime(submittedAt)}` : undefined}>
                    {days >= 7 ? (
                      <Chip tone="warning">{waitingLabel(submittedAt)}</Chip>
                    ) : (
                      waitingLabel(submittedAt)
                    )}
                  </span>
                </td>
                <td>{item.evidenceCount === 1 ? '1 item' : `${item.evidenceCount} items`}</td>
                <td className="cell-actions">
                  {item.conflict ? (
                    <span className="queue-table__conflict">
                      <Chip tone="danger" title="You may not decide this submission">
                        Conflict
                      </Chip>
                      <span className="cell-secondary small">{conflictLabel(item.conflict)}</span>
                      <span className="visually-hidden">You cannot assess this submission.</span>
                    </span>
                  ) : (
                    <Link
                      to={`/assess/${encodeURIComponent(item.submissionId)}`}
                      aria-describedby={`${rowId}-learner`}
                    >
                      Assess
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {pages > 1 ? (
        <nav className="pager" aria-label="Queue pages">
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
            Page {current} of {pages} ({page.total} submissions)
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
    </>
  );
}
