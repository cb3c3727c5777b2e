import { useState } from 'react';
import { Link } from 'react-router';
import {
  assessmentApi,
  type AppealQueueItem,
  type ModerationQueueItem,
  type Paged,
} from '../../api/assessment-api';
import { Button } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { AgreementSection } from './agreement-section';
import {
  OUTCOME_LABELS,
  OUTCOME_TONES,
  ROUTE_SHORT_LABELS,
  SELECTION_LABELS,
  SUBMISSION_STATE_LABELS,
} from './assessment-labels';
import './assessment.css';

const PAGE_SIZE = 20;

/** `/moderation`: sampled decisions, appeals, and how often each assessor's decisions are confirmed. */
export function ModerationPage() {
  return (
    <>
      <PageHeader
        title="Moderation"
        description={
          <p>
            Check a sample of assessors’ decisions, decide appeals, and watch how often moderators agree with
            each assessor. You never moderate your own decisions.
          </p>
        }
      />
      <div className="stack stack-lg">
        <nav aria-label="On this page">
          <ul className="section-nav">
            <li>
              <a href="#sample-queue">Sample queue</a>
            </li>
            <li>
              <a href="#appeals">Appeals</a>
            </li>
            <li>
              <a href="#agreement">Assessor agreement</a>
            </li>
          </ul>
        </nav>
        <SampleQueue />
        <AppealsQueue />
        <AgreementSection />
      </div>
    </>
  );
}

function SampleQueue() {
  const [offset, setOffset] = useState(0);
  const query = useApiQuery(`moderation-queue:${offset}`, (signal) =>
    assessmentApi.listModerationQueue({ limit: PAGE_SIZE, offset }, signal),
  );
  return (
    <section id="sample-queue" aria-labelledby="sample-heading" className="stack">
      <h2 id="sample-heading">Sample queue</h2>
      <QueryView query={query} loadingLabel="Loading decisions to moderate…">
        {(page) => <SampleTable page={page} offset={offset} onOffset={setOffset} />}
      </QueryView>
    </section>
  );
}

function SampleTable({
  page,
  offset,
  onOffset,
}: {
  page: Paged<ModerationQueueItem>;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  if (page.items.length === 0) {
    return (
      <EmptyState title="No decisions to moderate" headingLevel={3}>
        <p>Decisions selected for moderation (by sample, a new assessor, RPL or policy) appear here.</p>
      </EmptyState>
    );
  }
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const current = Math.floor(offset / PAGE_SIZE) + 1;
  return (
    <>
      <Table caption="Decisions selected for moderation" testId="moderation-queue">
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Micro-credential</th>
            <th scope="col">Decision</th>
            <th scope="col">Assessor</th>
            <th scope="col">Selected because</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => (
            <tr key={item.id} data-testid={`moderation-${item.id}`}>
              <th scope="row" className="cell-primary" id={`moderation-${item.id}-learner`}>
                {item.learner.name}
                <span className="cell-secondary">
                  {ROUTE_SHORT_LABELS[item.route]} · {SUBMISSION_STATE_LABELS[item.state]}
                </span>
              </th>
              <td>
                {item.achievement.title}
                <span className="cell-secondary">
                  <span className="mono">{item.achievement.code}</span> · v{item.achievement.version}
                </span>
              </td>
              <td>
                <Chip tone={OUTCOME_TONES[item.decision.outcome]}>
                  {OUTCOME_LABELS[item.decision.outcome]}
                </Chip>
                <span className="cell-secondary">
                  <time dateTime={item.decision.decidedAt}>{formatDate(item.decision.decidedAt)}</time>
                </span>
              </td>
              <td className="cell-nowrap">{item.decision.assessor.name}</td>
              <td>
                <Chip tone="info">{SELECTION_LABELS[item.selection]}</Chip>
              </td>
              <td className="cell-actions">
                <Link
                  to={`/moderation/submissions/${encodeURIComponent(item.submissionId)}`}
                  aria-describedby={`moderation-${item.id}-learner`}
                >
                  Review
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {pages > 1 ? (
        <nav className="pager" aria-label="Moderation queue pages">
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
            Page {current} of {pages} ({page.total} decisions)
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

function AppealsQueue() {
  const query = useApiQuery('appeals', async (signal) => (await assessmentApi.listAppeals(signal)).items);
  return (
    <section id="appeals" aria-labelledby="appeals-heading" className="stack">
      <h2 id="appeals-heading">Appeals</h2>
      <QueryView query={query} loadingLabel="Loading appeals…">
        {(items) => <AppealsTable items={items} />}
      </QueryView>
    </section>
  );
}

function AppealsTable({ items }: { items: AppealQueueItem[] }) {
  if (items.length === 0) {
    return (
      <EmptyState title="No open appeals" headingLevel={3}>
        <p>When a learner appeals a “not yet competent” decision, it appears here.</p>
      </EmptyState>
    );
  }
  return (
    <Table caption="Open appeals" testId="appeals-queue">
      <thead>
        <tr>
          <th scope="col">Learner</th>
          <th scope="col">Micro-credential</th>
          <th scope="col">Grounds</th>
          <th scope="col">Decision appealed</th>
          <th scope="col">Lodged</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-testid={`appeal-${item.id}`}>
            <th scope="row" className="cell-primary" id={`appeal-${item.id}-learner`}>
              {item.learner.name}
            </th>
            <td>
              {item.achievement.title}
              <span className="cell-secondary">
                <span className="mono">{item.achievement.code}</span> · v{item.achievement.version}
              </span>
            </td>
            <td className="cell-wrap">
              {item.grounds.length > 160 ? `${item.grounds.slice(0, 160)}…` : item.grounds}
            </td>
            <td>
              <Chip tone={OUTCOME_TONES[item.decision.outcome]}>{OUTCOME_LABELS[item.decision.outcome]}</Chip>
              <span className="cell-secondary">{item.decision.assessor.name}</span>
            </td>
            <td className="cell-nowrap">
              <time dateTime={item.lodgedAt}>{formatDate(item.lodgedAt)}</time>
            </td>
            <td className="cell-actions">
              <Link
                to={`/moderation/submissions/${encodeURIComponent(item.submissionId)}#appeal`}
                aria-describedby={`appeal-${item.id}-learner`}
              >
                Review appeal
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
