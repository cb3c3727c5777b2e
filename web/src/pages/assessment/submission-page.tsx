import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { assessmentApi, type Submission } from '../../api/assessment-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { ConfirmDialog } from '../../design/confirm-dialog';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { TextAreaField } from '../../design/text-area-field';
import { fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate, formatDateTime } from '../../labels/dates';
import {
  ROUTE_LABELS,
  SUBMISSION_STATE_HELP,
  SUBMISSION_STATE_LABELS,
  SUBMISSION_STATE_TONES,
} from './assessment-labels';
import { DecisionView } from './decision-view';
import { CriterionBuilder } from './evidence-builder';
import { EvidenceByCriterion } from './evidence-view';
import { SubmissionTimeline } from './submission-timeline';
import './assessment.css';

const STATE_PROBLEMS = {
  'submission-state-conflict':
    'The submission moved on since this page loaded (someone may have acted on it). Reload to see where it is.',
};

/** `/submissions/:id`: the learner's evidence builder while a draft, and its status afterwards. */
export function SubmissionPage() {
  const { id = '' } = useParams();
  const query = useApiQuery(`submission:${id}`, (signal) => assessmentApi.getSubmission(id, signal));
  const data = query.status === 'success' ? query.data : null;

  return (
    <>
      <PageHeader
        title={data ? data.achievement.title : 'Submission'}
        documentTitle={data ? `Submission · ${data.achievement.title}` : 'Submission'}
        eyebrow={
          data ? (
            <>
              <Link to="/learning">My learning</Link> <span aria-hidden="true">›</span>{' '}
              <span className="mono">{data.achievement.code}</span> · version {data.achievement.version}
            </>
          ) : (
            <Link to="/learning">My learning</Link>
          )
        }
        description={
          data ? (
            <p className="cluster cluster--tight">
              <Chip tone={SUBMISSION_STATE_TONES[data.state]}>{SUBMISSION_STATE_LABELS[data.state]}</Chip>
              <span>{ROUTE_LABELS[data.route]}</span>
              <span aria-hidden="true">·</span>
              <span>Attempt {data.attempt}</span>
            </p>
          ) : undefined
        }
        actions={
          data ? (
            <LinkButton
              to={`/catalogue/${encodeURIComponent(data.achievement.versionId)}`}
              variant="secondary"
            >
              About this micro-credential
            </LinkButton>
          ) : undefined
        }
      />
      <QueryView query={query} loadingLabel="Loading your submission…">
        {(submission) => (
          <SubmissionView
            submission={submission}
            onChanged={query.reload}
            refreshing={query.status === 'success' && query.refreshing}
          />
        )}
      </QueryView>
    </>
  );
}

function SubmissionView({
  submission,
  onChanged,
  refreshing,
}: {
  submission: Submission;
  onChanged: () => void;
  refreshing: boolean;
}) {
  const decisions = [...submission.decisions].sort((a, b) => b.attempt - a.attempt);
  const latest = decisions[0];
  return (
    <div className="stack stack-lg" aria-busy={refreshing || undefined}>
      <StatusNotice submission={submission} />

      {submission.abilities.resubmit && latest ? (
        <ResubmitCard submission={submission} onChanged={onChanged} />
      ) : null}

      {decisions.length > 0 ? (
        <section aria-labelledby="decisions-heading" className="stack">
          <h2 id="decisions-heading">Assessment decisions</h2>
          {decisions.map((decision) => (
            <DecisionView key={decision.id} decision={decision} criteria={submission.achievement.criteria} />
          ))}
        </section>
      ) : null}

      {submission.abilities.appeal ? <AppealForm submission={submission} onChanged={onChanged} /> : null}

      {submission.abilities.edit ? (
        <EvidenceBuilder submission={submission} onChanged={onChanged} />
      ) : (
        <EvidenceByCriterion submission={submission} />
      )}

      {submission.abilities.withdraw ? <WithdrawCard submission={submission} onChanged={onChanged} /> : null}

      <SubmissionTimeline entries={submission.timeline} />
    </div>
  );
}

function StatusNotice({ submission }: { submission: Submission }) {
  const tone =
    submission.state === 'competent'
      ? 'success'
      : submission.state === 'not_yet_competent'
        ? 'warning'
        : 'info';
  return (
    <Alert
      tone={tone}
      title={SUBMISSION_STATE_LABELS[submission.state]}
      actions={
        submission.credential ? (
          <LinkButton
            size="sm"
            to={submission.credential.url || `/credentials/${encodeURIComponent(submission.credential.id)}`}
            icon={<Icon name="badge" size={16} />}
          >
            View your credential
          </LinkButton>
        ) : undefined
      }
    >
      <p>{SUBMISSION_STATE_HELP[submission.state]}</p>
      {submission.submittedAt ? (
        <p className="small">
          Submitted <time dateTime={submission.submittedAt}>{formatDateTime(submission.submittedAt)}</time>
        </p>
      ) : null}
      {submission.state === 'competent' && !submission.credential ? (
        <p className="small">Your credential is being issued; it appears in My credentials shortly.</p>
      ) : null}
    </Alert>
  );
}

// Draft: the builder

function EvidenceBuilder({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const criteria = submission.achievement.criteria;
  const covered = criteria.filter((criterion) => !submission.missingCriteria.includes(criterion.id)).length;
  return (
    <section aria-labelledby="builder-heading" className="stack">
      <h2 id="builder-heading">Your evidence</h2>
      {submission.route === 'rpl' ? (
        <Card tone="muted" title="Recognition of prior learning" headingLevel={3}>
          <div className="stack stack-sm">
            <p>
              Show what you already know and can do: for each piece of evidence, say what kind it is (a CV, a
              reference, a work sample, an earlier qualification or an imported credential).
            </p>
            {submission.achievement.rplEvidence ? (
              <>
                <p className="small">
                  <strong>The provider asks for:</strong>
                </p>
                <p className="pre-line">{submission.achievement.rplEvidence}</p>
              </>
            ) : null}
          </div>
        </Card>
      ) : null}
      <CompletenessMeter covered={covered} total={criteria.length} />
      <ol className="criterion-list">
        {criteria.map((criterion, index) => (
          <li key={criterion.id}>
            <CriterionBuilder
              submission={submission}
              criterion={criterion}
              index={index}
              onChanged={onChanged}
            />
          </li>
        ))}
      </ol>
      <SubmitCard submission={submission} onChanged={onChanged} />
    </section>
  );
}

export function CompletenessMeter({ covered, total }: { covered: number; total: number }) {
  const fraction = total === 0 ? 1 : covered / total;
  const text = `${covered} of ${total} criteria have evidence`;
  return (
    <div className="meter">
      <div className="meter__label">
        <span id="completeness-label">
          <strong>Completeness</strong>
        </span>
        <span>{text}</span>
      </div>
      <div
        className="meter__track"
        role="meter"
        aria-labelledby="completeness-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={covered}
        aria-valuetext={text}
      >
        <div className="meter__fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
    </div>
  );
}

function SubmitCard({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const announce = useAnnounce();
  const submit = useAction(async () => {
    await assessmentApi.submit(submission.id);
    announce('Submitted for assessment. We will let you know when an assessor decides.');
    onChanged();
  });
  const missing = submission.achievement.criteria.filter((criterion) =>
    submission.missingCriteria.includes(criterion.id),
  );
  const blocked = missing.length > 0 || !submission.abilities.submit;
  const reason =
    missing.length > 0
      ? `Add evidence for ${missing.length === 1 ? 'this criterion' : `these ${missing.length} criteria`} first: ${missing.map((criterion) => criterion.title.trim().replace(/[.!?]$/, '')).join('; ')}.`
      : !submission.abilities.submit
        ? 'This submission cannot be submitted now.'
        : 'Every criterion has evidence. Once submitted, you cannot change it unless you withdraw it.';
  return (
    <Card title="Submit for assessment" headingLevel={3}>
      <div className="stack">
        <ProblemAlert
          problem={submit.problem}
          messages={{
            ...STATE_PROBLEMS,
            'submission-incomplete':
              'Some criteria still need usable evidence. Reload the page to see which.',
          }}
        />
        <p id="submit-reason" className={blocked ? 'field__hint' : undefined}>
          {reason}
        </p>
        <div className="form__actions">
          <Button
            disabled={blocked}
            aria-describedby="submit-reason"
            pending={submit.pending}
            onClick={() => void submit.run()}
          >
            Submit for assessment
          </Button>
        </div>
      </div>
    </Card>
  );
}

function WithdrawCard({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  return (
    <Card
      title="Withdraw"
      headingLevel={2}
      tone="muted"
      description="Withdrawing stops the assessment. You can start a new submission later."
      actions={
        <Button
          variant="danger"
          size="sm"
          onClick={() => {
            setConfirming(true);
          }}
        >
          Withdraw submission
        </Button>
      }
    >
      <ConfirmDialog
        open={confirming}
        title="Withdraw this submission?"
        confirmLabel="Withdraw"
        onClose={() => {
          setConfirming(false);
        }}
        onConfirm={async () => {
          await assessmentApi.withdraw(submission.id);
          announce('Your submission was withdrawn.', 'info');
          onChanged();
        }}
        problemMessages={STATE_PROBLEMS}
        testId="withdraw-dialog"
      >
        <p>
          Your submission for “{submission.achievement.title}” leaves the assessors’ queue. Your evidence
          stays here for you to read, but you would start a new submission to try again.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

// After a decision

function ResubmitCard({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const announce = useAnnounce();
  const navigate = useNavigate();
  const resubmit = useAction(async () => {
    const next = await assessmentApi.resubmit(submission.id);
    announce('A new attempt has started. Your evidence is carried over; change what the feedback asks for.');
    if (next.id && next.id !== submission.id) void navigate(`/submissions/${encodeURIComponent(next.id)}`);
    else onChanged();
  });
  return (
    <Card
      title="Try again"
      tone="accent"
      description="Read the assessor’s feedback below, then start your next attempt. The feedback stays on this page while you work."
    >
      <div className="stack">
        <ProblemAlert problem={resubmit.problem} messages={STATE_PROBLEMS} />
        <div className="form__actions">
          <Button
            pending={resubmit.pending}
            onClick={() => void resubmit.run()}
            icon={<Icon name="rotate" />}
          >
            Resubmit
          </Button>
        </div>
      </div>
    </Card>
  );
}

function AppealForm({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const announce = useAnnounce();
  const [grounds, setGrounds] = useState('');
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const appeal = useAction(async () => {
    await assessmentApi.appeal(submission.id, grounds.trim());
    announce('Your appeal was lodged. A moderator will review it.');
    setGrounds('');
    onChanged();
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: ClientErrors = grounds.trim() ? {} : { grounds: 'Say why you think the decision is wrong.' };
    setErrors(next);
    if (Object.keys(next).length > 0 || !(await appeal.run())) focusFirstInvalid(formRef.current);
  }

  return (
    <Card
      title="Appeal the decision"
      description={
        submission.appealDeadline ? (
          <>
            You can appeal until{' '}
            <time dateTime={submission.appealDeadline}>{formatDate(submission.appealDeadline)}</time>. A
            moderator who did not make the decision reviews it.
          </>
        ) : (
          'A moderator who did not make the decision reviews it.'
        )
      }
    >
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert
          problem={appeal.problem}
          fields={['grounds']}
          messages={{
            ...STATE_PROBLEMS,
            'appeal-window-closed': 'The time to appeal this decision has passed.',
          }}
        />
        <TextAreaField
          label="Grounds for appeal"
          name="grounds"
          rows={5}
          maxLength={10000}
          hint="Which criteria you think were judged wrongly, and why. Point to your evidence."
          value={grounds}
          onChange={(event) => {
            setGrounds(event.target.value);
          }}
          error={fieldError('grounds', errors, appeal.problem)}
          required
        />
        <div className="form__actions">
          <Button type="submit" pending={appeal.pending}>
            Lodge appeal
          </Button>
        </div>
      </form>
    </Card>
  );
}
