import { useState } from 'react';
import { useParams } from 'react-router';
import { assessmentApi, type AttestationRequest } from '../../api/assessment-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { useDocumentTitle } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { TextAreaField } from '../../design/text-area-field';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { PublicPanel } from '../../layout/public-layout';
import './assessment.css';

/** Problems the supervisor's link may answer, in plain words. */
const LINK_PROBLEMS = {
  'attestation-expired': 'This link has expired. Ask the learner to send a new request.',
  'attestation-answered': 'This request has already been answered. Thank you.',
  'attestation-not-found': 'The link may be mistyped or out of date. Ask the learner to send it again.',
};

/** `/attest/:token`: a supervisor, without an account, confirms or declines a learner's statement. */
export function AttestationPage() {
  const { token = '' } = useParams();
  useDocumentTitle('Confirm a statement');
  const query = useApiQuery(`attestation:${token}`, (signal) =>
    assessmentApi.getAttestationRequest(token, signal),
  );

  if (query.status === 'success') return <AttestationForm token={token} request={query.data} />;
  if (query.status === 'error') {
    const problem = query.problem;
    const slug = Object.keys(LINK_PROBLEMS).find((key) => problem.is(key)) as
      keyof typeof LINK_PROBLEMS | undefined;
    if (slug || problem.status === 404 || problem.status === 409 || problem.status === 410) {
      return (
        <PublicPanel title="This link can’t be used">
          <Alert tone="warning" title={problem.title}>
            <p>{slug ? LINK_PROBLEMS[slug] : (problem.detail ?? LINK_PROBLEMS['attestation-not-found'])}</p>
          </Alert>
        </PublicPanel>
      );
    }
  }
  return (
    <PublicPanel title="Confirm a statement">
      <QueryView query={query} loadingLabel="Loading the request…">
        {() => null}
      </QueryView>
    </PublicPanel>
  );
}

function AttestationForm({ token, request }: { token: string; request: AttestationRequest }) {
  const [comment, setComment] = useState('');
  const [answered, setAnswered] = useState<boolean | null>(null);
  const answer = useAction(async (confirm: boolean) => {
    await assessmentApi.answerAttestation(token, {
      confirm,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    setAnswered(confirm);
  });

  const closed = request.state !== 'requested';
  const achievement = request.achievementTitle;

  return (
    <PublicPanel
      title="Confirm a statement"
      intro={
        <p>
          <strong>{request.learnerName}</strong> is working towards the micro-credential{' '}
          <strong>{achievement}</strong> and named you as someone who can confirm their work.
        </p>
      }
    >
      <dl className="definition-list">
        <dt>Learner</dt>
        <dd>{request.learnerName}</dd>
        <dt>Micro-credential</dt>
        <dd>{achievement}</dd>
        <dt>Criterion</dt>
        <dd>{request.criterionTitle}</dd>
        {request.expiresAt && !closed ? (
          <>
            <dt>Answer by</dt>
            <dd>
              <time dateTime={request.expiresAt}>{formatDate(request.expiresAt)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="statement-heading" className="stack stack-sm">
        <h2 id="statement-heading" className="small">
          The statement
        </h2>
        <blockquote className="evidence-item__text card card--muted">{request.statement}</blockquote>
      </section>

      {answered !== null ? (
        <div role="status">
          <Alert
            tone="success"
            title={
              answered ? 'Thank you: you confirmed the statement' : 'Thank you: you declined the statement'
            }
          >
            <p>
              {request.learnerName} and their assessor can see your answer
              {comment.trim() ? ' and comment' : ''}. You can close this page.
            </p>
          </Alert>
        </div>
      ) : closed ? (
        <Alert tone="info" title="This request has already been answered">
          <p>Thank you. Nothing more is needed.</p>
        </Alert>
      ) : request.expired ? (
        <Alert tone="warning" title="This link has expired">
          <p>{LINK_PROBLEMS['attestation-expired']}</p>
        </Alert>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <ProblemAlert problem={answer.problem} fields={['comment']} messages={LINK_PROBLEMS} />
          <TextAreaField
            label="Comment"
            name="comment"
            optional
            rows={4}
            maxLength={5000}
            hint="Anything the assessor should know, such as what you saw yourself. Needed if you decline."
            value={comment}
            onChange={(event) => {
              setComment(event.target.value);
            }}
            error={answer.problem?.fieldMessage('comment')}
          />
          <p className="small muted">
            By confirming, you say the statement is true to your knowledge. The assessor may contact you.
          </p>
          <div className="form__actions">
            <Button pending={answer.pending} onClick={() => void answer.run(true)}>
              Confirm statement
            </Button>
            <Button variant="secondary" pending={answer.pending} onClick={() => void answer.run(false)}>
              Decline
            </Button>
          </div>
        </form>
      )}
    </PublicPanel>
  );
}
