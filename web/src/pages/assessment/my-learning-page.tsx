import { Link } from 'react-router';
import { assessmentApi, type Enrolment } from '../../api/assessment-api';
import { LinkButton } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { SUBMISSION_STATE_LABELS, SUBMISSION_STATE_TONES } from './assessment-labels';
import './assessment.css';

const SOURCE_LABELS: Record<Enrolment['source'], string> = {
  self: 'You enrolled',
  employer: 'Your employer enrolled you',
  lms: 'Enrolled by a learning system',
};

/** `/learning`: the micro-credentials the learner is working towards, with where each submission is. */
export function MyLearningPage() {
  const query = useApiQuery(
    'my-enrolments',
    async (signal) => (await assessmentApi.listMyEnrolments(signal)).items,
  );
  return (
    <>
      <PageHeader
        title="My learning"
        description={
          <p>
            The micro-credentials you are working towards. Open a submission to add evidence, see feedback or
            follow its assessment.
          </p>
        }
        actions={
          <LinkButton to="/catalogue" variant="secondary">
            Browse the catalogue
          </LinkButton>
        }
      />
      <QueryView query={query} loadingLabel="Loading your learning…">
        {(items) => <EnrolmentTable items={items} />}
      </QueryView>
    </>
  );
}

function EnrolmentTable({ items }: { items: Enrolment[] }) {
  if (items.length === 0) {
    return (
      <EmptyState
        title="You are not enrolled in anything yet"
        actions={<LinkButton to="/catalogue">Browse the catalogue</LinkButton>}
      >
        <p>
          Find a micro-credential in the catalogue and choose “Enrol and start”, or claim it by recognition of
          prior learning if you already have the skills.
        </p>
      </EmptyState>
    );
  }
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Table caption="Your enrolments" testId="enrolments-table">
      <thead>
        <tr>
          <th scope="col">Micro-credential</th>
          <th scope="col">Enrolled</th>
          <th scope="col">Submission</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((enrolment) => (
          <tr key={enrolment.id} data-testid={`enrolment-${enrolment.id}`}>
            <th scope="row" className="cell-primary" id={`enrolment-${enrolment.id}-title`}>
              <Link to={`/catalogue/${encodeURIComponent(enrolment.achievement.id)}`}>
                {enrolment.achievement.title}
              </Link>
              <span className="cell-secondary">
                <span className="mono">{enrolment.achievement.code}</span> · version{' '}
                {enrolment.achievement.version}
              </span>
            </th>
            <td className="cell-nowrap">
              <time dateTime={enrolment.createdAt}>{formatDate(enrolment.createdAt)}</time>
              <span className="cell-secondary">{SOURCE_LABELS[enrolment.source]}</span>
            </td>
            <td>
              {enrolment.submission ? (
                <span className="cluster cluster--tight">
                  <Chip tone={SUBMISSION_STATE_TONES[enrolment.submission.state]}>
                    {SUBMISSION_STATE_LABELS[enrolment.submission.state]}
                  </Chip>
                  <span className="small muted">Attempt {enrolment.submission.attempt}</span>
                </span>
              ) : (
                <Chip>Not started</Chip>
              )}
            </td>
            <td className="cell-actions">
              <div className="cluster cluster--tight">
                {enrolment.submission ? (
                  <Link
                    to={`/submissions/${encodeURIComponent(enrolment.submission.id)}`}
                    aria-describedby={`enrolment-${enrolment.id}-title`}
                  >
                    {enrolment.submission.state === 'draft' ? 'Continue submission' : 'Open submission'}
                  </Link>
                ) : (
                  <Link
                    to={`/catalogue/${encodeURIComponent(enrolment.achievement.id)}#enrol`}
                    aria-describedby={`enrolment-${enrolment.id}-title`}
                  >
                    Start a submission
                  </Link>
                )}
                {enrolment.credentialId ? (
                  <Link
                    to={`/credentials/${encodeURIComponent(enrolment.credentialId)}`}
                    aria-describedby={`enrolment-${enrolment.id}-title`}
                  >
                    View credential
                  </Link>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
