import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  assessmentApi,
  type DecisionOutcome,
  type RubricRow,
  type Submission,
} from '../../api/assessment-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { TextAreaField } from '../../design/text-area-field';
import { focusFirstInvalid } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDateTime } from '../../labels/dates';
import { ROUTE_LABELS, SUBMISSION_STATE_LABELS, SUBMISSION_STATE_TONES } from './assessment-labels';
import { ChoiceRow } from './choice-row';
import { DecisionView } from './decision-view';
import { EvidenceByCriterion } from './evidence-view';
import './assessment.css';

/** `/assess/:submissionId`: the evidence on the left, the rubric on the right. */
export function AssessSubmissionPage() {
  const { submissionId = '' } = useParams();
  const query = useApiQuery(`submission:${submissionId}`, (signal) =>
    assessmentApi.getSubmission(submissionId, signal),
  );
  const data = query.status === 'success' ? query.data : null;
  return (
    <>
      <PageHeader
        title={data ? `Assess ${data.learner.name}` : 'Assess a submission'}
        eyebrow={
          data ? (
            <>
              <Link to="/assess">Assess</Link> <span aria-hidden="true">›</span>{' '}
              <span className="mono">{data.achievement.code}</span> {data.achievement.title} · version{' '}
              {data.achievement.version}
            </>
          ) : (
            <Link to="/assess">Assess</Link>
          )
        }
        description={
          data ? (
            <p className="cluster cluster--tight">
              <Chip tone={SUBMISSION_STATE_TONES[data.state]}>{SUBMISSION_STATE_LABELS[data.state]}</Chip>
              <span>{ROUTE_LABELS[data.route]}</span>
              <span aria-hidden="true">·</span>
              <span>Attempt {data.attempt}</span>
              {data.submittedAt ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span>
                    Submitted <time dateTime={data.submittedAt}>{formatDateTime(data.submittedAt)}</time>
                  </span>
                </>
              ) : null}
            </p>
          ) : undefined
        }
      />
      <QueryView query={query} loadingLabel="Loading the submission…">
        {(submission) => (
          <div className="assess-layout">
            <div className="stack stack-lg">
              <EvidenceByCriterion submission={submission} />
              <EarlierDecisions submission={submission} />
            </div>
            <div>
              <DecisionPanel submission={submission} onDecided={query.reload} />
            </div>
          </div>
        )}
      </QueryView>
    </>
  );
}

function EarlierDecisions({ submission }: { submission: Submission }) {
  if (submission.decisions.length === 0) return null;
  const sorted = [...submission.decisions].sort((a, b) => b.attempt - a.attempt);
  return (
    <section aria-labelledby="earlier-heading" className="stack">
      <h2 id="earlier-heading">Decisions</h2>
      {sorted.map((decision) => (
        <DecisionView key={decision.id} decision={decision} criteria={submission.achievement.criteria} />
      ))}
    </section>
  );
}

function DecisionPanel({ submission, onDecided }: { submission: Submission; onDecided: () => void }) {
  const [decided, setDecided] = useState<DecisionOutcome | null>(null);
  if (decided) {
    return (
      <Card title="Decision recorded">
        <div className="stack">
          <Alert tone="success" title="Thank you">
            <p>
              You judged this attempt {decided === 'competent' ? 'competent' : 'not yet competent'}. The
              learner is told now
              {decided === 'competent' ? '; the credential is issued unless moderation holds it' : ''}.
            </p>
          </Alert>
          <LinkButton to="/assess" variant="secondary">
            Back to the queue
          </LinkButton>
        </div>
      </Card>
    );
  }
  if (!submission.abilities.decide) {
    return (
      <Card title="Decision">
        <Alert tone="info" title="You can’t decide this submission">
          <p>
            {submission.state === 'submitted'
              ? 'You are not an assessor for this micro-credential, or you have a conflict of interest with this learner.'
              : `It is ${SUBMISSION_STATE_LABELS[submission.state].toLowerCase()}, so it is not waiting for a decision.`}
          </p>
        </Alert>
      </Card>
    );
  }
  return (
    <RubricForm
      submission={submission}
      onDecided={(outcome) => {
        setDecided(outcome);
        onDecided();
      }}
    />
  );
}

interface RowDraft {
  met: boolean | null;
  feedback: string;
}

function RubricForm({
  submission,
  onDecided,
}: {
  submission: Submission;
  onDecided: (outcome: DecisionOutcome) => void;
}) {
  const announce = useAnnounce();
  const criteria = submission.achievement.criteria;
  const [rows, setRows] = useState<Record<string, RowDraft>>(() =>
    Object.fromEntries(criteria.map((criterion) => [criterion.id, { met: null, feedback: '' }])),
  );
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const [feedback, setFeedback] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);

  const rowOf = (id: string): RowDraft => rows[id] ?? { met: null, feedback: '' };
  const unmet = criteria.filter((criterion) => rowOf(criterion.id).met !== true);
  const allMet = unmet.length === 0;
  // Competent needs every criterion met; if a row changes to "not yet met", the outcome follows.
  const effectiveOutcome = outcome === 'competent' && !allMet ? null : outcome;

  const decide = useAction(
    async (body: { outcome: DecisionOutcome; feedback: string; rubric: RubricRow[] }) => {
      await assessmentApi.decide(submission.id, body);
      announce(`Decision recorded: ${body.outcome === 'competent' ? 'competent' : 'not yet competent'}.`);
      onDecided(body.outcome);
      return true;
    },
  );

  function setRow(id: string, change: Partial<RowDraft>) {
    setRows((current) => ({ ...current, [id]: { ...rowOf(id), ...(current[id] ?? {}), ...change } }));
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const criterion of criteria) {
      const row = rowOf(criterion.id);
      if (row.met === null) next[`met-${criterion.id}`] = 'Choose met or not yet met.';
      else if (!row.met && !row.feedback.trim())
        next[`feedback-${criterion.id}`] = 'Say what is still needed for this criterion.';
    }
    if (!effectiveOutcome) next['outcome'] = 'Choose the overall outcome.';
    if (!feedback.trim()) next['feedback'] = 'Write overall feedback for the learner.';
    setErrors(next);
    if (Object.keys(next).length > 0 || !effectiveOutcome) {
      decide.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const ok = await decide.run({
      outcome: effectiveOutcome,
      feedback: feedback.trim(),
      rubric: criteria.map((criterion) => ({
        criterionId: criterion.id,
        met: rowOf(criterion.id).met === true,
        feedback: rowOf(criterion.id).feedback.trim(),
      })),
    });
    if (!ok) focusFirstInvalid(formRef.current);
  }

  const competentHint = allMet
    ? 'Every criterion is met, so competent is possible.'
    : `Competent is possible only when every criterion is met: ${unmet.length === 1 ? '1 criterion is' : `${unmet.length} criteria are`} not marked met yet.`;

  return (
    <Card
      title="Rubric"
      description="Judge each criterion against its evidence, then record the overall outcome."
    >
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert
          problem={decide.problem}
          fields={['outcome', 'feedback']}
          messages={{
            'submission-state-conflict':
              decide.problem?.detail ??
              'Someone else decided this submission first. Reload to see their decision.',
            'assessor-conflict':
              decide.problem?.detail ?? 'You may not assess this submission (a conflict of interest).',
          }}
          actions={
            decide.problem && (decide.problem.status === 409 || decide.problem.status === 403) ? (
              <LinkButton to="/assess" variant="secondary" size="sm">
                Back to the queue
              </LinkButton>
            ) : undefined
          }
        />
        {criteria.map((criterion, index) => {
          const row = rowOf(criterion.id);
          return (
            <fieldset key={criterion.id} className="rubric-row" data-testid={`rubric-${criterion.id}`}>
              <legend>
                {index + 1}. {criterion.title}
              </legend>
              <ChoiceRow
                legend={`Is “${criterion.title}” met?`}
                legendHidden
                name={`met-${criterion.id}`}
                choices={[
                  { value: 'met', label: 'Met' },
                  { value: 'not_met', label: 'Not yet met' },
                ]}
                value={row.met === null ? null : row.met ? 'met' : 'not_met'}
                onChange={(value) => {
                  setRow(criterion.id, { met: value === 'met' });
                }}
                error={errors[`met-${criterion.id}`]}
              />
              <TextAreaField
                label="Feedback"
                aria-label={`Feedback on ${criterion.title}`}
                name={`feedback-${criterion.id}`}
                rows={3}
                maxLength={5000}
                optional={row.met !== false}
                value={row.feedback}
                onChange={(event) => {
                  setRow(criterion.id, { feedback: event.target.value });
                }}
                error={errors[`feedback-${criterion.id}`]}
              />
            </fieldset>
          );
        })}
        <ChoiceRow
          legend="Overall outcome"
          name="outcome"
          choices={[
            { value: 'competent', label: 'Competent', disabled: !allMet },
            { value: 'not_yet_competent', label: 'Not yet competent' },
          ]}
          value={effectiveOutcome}
          onChange={setOutcome}
          hint={competentHint}
          error={errors['outcome'] ?? decide.problem?.fieldMessage('outcome')}
        />
        <TextAreaField
          label="Overall feedback"
          name="feedback"
          rows={4}
          maxLength={10000}
          hint="The learner reads this with the rubric."
          value={feedback}
          onChange={(event) => {
            setFeedback(event.target.value);
          }}
          error={errors['feedback'] ?? decide.problem?.fieldMessage('feedback')}
          required
        />
        <div className="form__actions">
          <Button type="submit" pending={decide.pending}>
            Record decision
          </Button>
        </div>
      </form>
    </Card>
  );
}
