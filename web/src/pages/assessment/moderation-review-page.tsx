import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  assessmentApi,
  type Appeal,
  type Decision,
  type Moderation,
  type Submission,
} from '../../api/assessment-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { TextAreaField } from '../../design/text-area-field';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDateTime } from '../../labels/dates';
import {
  MODERATION_OUTCOME_LABELS,
  ROUTE_LABELS,
  SELECTION_LABELS,
  SUBMISSION_STATE_LABELS,
  SUBMISSION_STATE_TONES,
} from './assessment-labels';
import { DecisionView } from './decision-view';
import { EvidenceByCriterion } from './evidence-view';
import './assessment.css';

/** `/moderation/submissions/:submissionId`: evidence beside the decision, to confirm or overturn it, or decide an appeal. */
export function ModerationReviewPage() {
  const { submissionId = '' } = useParams();
  const query = useApiQuery(`submission:${submissionId}`, (signal) =>
    assessmentApi.getSubmission(submissionId, signal),
  );
  const data = query.status === 'success' ? query.data : null;
  return (
    <>
      <PageHeader
        title={data ? `Review the decision for ${data.learner.name}` : 'Review a decision'}
        eyebrow={
          data ? (
            <>
              <Link to="/moderation">Moderation</Link> <span aria-hidden="true">›</span>{' '}
              <span className="mono">{data.achievement.code}</span> {data.achievement.title}
            </>
          ) : (
            <Link to="/moderation">Moderation</Link>
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
      />
      <QueryView query={query} loadingLabel="Loading the submission…">
        {(submission) => (
          <div className="assess-layout">
            <EvidenceByCriterion submission={submission} />
            <div>
              <ReviewPanel submission={submission} onChanged={query.reload} />
            </div>
          </div>
        )}
      </QueryView>
    </>
  );
}

function ReviewPanel({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const decisions = [...submission.decisions].sort((a, b) => b.attempt - a.attempt);
  const pendingModeration = decisions.find((decision) => decision.moderation && !decision.moderation.outcome);
  const openAppeal = decisions.find((decision) => decision.appeal?.state === 'open');
  return (
    <div className="stack">
      {pendingModeration?.moderation ? (
        <ModerateForm moderation={pendingModeration.moderation} onChanged={onChanged} />
      ) : null}
      {openAppeal?.appeal ? <AppealDecisionForm appeal={openAppeal.appeal} onChanged={onChanged} /> : null}
      {!pendingModeration && !openAppeal ? <NothingToDecide latest={decisions[0]} /> : null}
      <section aria-labelledby="review-decisions-heading" className="stack">
        <h2 id="review-decisions-heading">Assessor’s decisions</h2>
        {decisions.length === 0 ? <p className="muted">No decisions yet.</p> : null}
        {decisions.map((decision) => (
          <DecisionView key={decision.id} decision={decision} criteria={submission.achievement.criteria} />
        ))}
      </section>
    </div>
  );
}

/** No moderation or appeal waits: say how the last one ended, if there was one. */
function NothingToDecide({ latest }: { latest: Decision | undefined }) {
  const moderation = latest?.moderation;
  if (moderation?.outcome && moderation.moderatedAt) {
    return (
      <Card title="Moderation recorded" tone="muted">
        <div className="stack stack-sm">
          <p className="cluster cluster--tight">
            <Chip tone={moderation.outcome === 'confirmed' ? 'success' : 'danger'}>
              {MODERATION_OUTCOME_LABELS[moderation.outcome]}
            </Chip>
            <span>
              {moderation.moderator ? `${moderation.moderator.name}, ` : ''}
              <time dateTime={moderation.moderatedAt}>{formatDateTime(moderation.moderatedAt)}</time>
            </span>
          </p>
          <p>Nothing else waits here: no decision for moderation and no open appeal.</p>
        </div>
      </Card>
    );
  }
  return (
    <Card title="Nothing to decide" tone="muted">
      <p>This submission has no decision waiting for moderation and no open appeal.</p>
    </Card>
  );
}

function ModerateForm({ moderation, onChanged }: { moderation: Moderation; onChanged: () => void }) {
  const announce = useAnnounce();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const moderate = useAction(async (outcome: 'confirmed' | 'overturned') => {
    await assessmentApi.moderate(moderation.id, { outcome, reason: reason.trim() });
    announce(outcome === 'confirmed' ? 'Decision confirmed.' : 'Decision overturned.');
    onChanged();
  });

  function run(outcome: 'confirmed' | 'overturned') {
    if (outcome === 'overturned' && !reason.trim()) {
      setError('Give a reason for overturning the decision.');
      return;
    }
    setError(undefined);
    void moderate.run(outcome);
  }

  return (
    <Card
      title="Moderate this decision"
      description={
        <>
          Selected: <Chip tone="info">{SELECTION_LABELS[moderation.selection]}</Chip>. Confirming issues a
          waiting credential; overturning a competent decision revokes an issued one.
        </>
      }
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <ProblemAlert problem={moderate.problem} fields={['reason']} />
        <TextAreaField
          label="Moderation reason"
          name="reason"
          rows={4}
          maxLength={5000}
          hint="Needed to overturn. The assessor and the learner read it."
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
          }}
          error={error ?? moderate.problem?.fieldMessage('reason')}
        />
        <div className="form__actions">
          <Button
            pending={moderate.pending}
            onClick={() => {
              run('confirmed');
            }}
          >
            Confirm decision
          </Button>
          <Button
            variant="danger"
            pending={moderate.pending}
            onClick={() => {
              run('overturned');
            }}
          >
            Overturn decision
          </Button>
        </div>
      </form>
    </Card>
  );
}

function AppealDecisionForm({ appeal, onChanged }: { appeal: Appeal; onChanged: () => void }) {
  const announce = useAnnounce();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const decide = useAction(async (outcome: 'upheld' | 'dismissed') => {
    await assessmentApi.decideAppeal(appeal.id, { outcome, reason: reason.trim() });
    announce(outcome === 'upheld' ? 'Appeal upheld: the learner is competent.' : 'Appeal dismissed.');
    onChanged();
  });

  function run(outcome: 'upheld' | 'dismissed') {
    if (!reason.trim()) {
      setError('Give a reason; the learner reads it.');
      return;
    }
    setError(undefined);
    void decide.run(outcome);
  }

  return (
    <Card
      id="appeal"
      title="Decide the appeal"
      description="Upholding makes the learner competent and issues the credential."
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <div>
          <p className="small">
            <strong>Grounds</strong>
          </p>
          <p className="pre-line">{appeal.grounds}</p>
        </div>
        <ProblemAlert problem={decide.problem} fields={['reason']} />
        <TextAreaField
          label="Appeal reason"
          name="appealReason"
          rows={4}
          maxLength={5000}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
          }}
          error={error ?? decide.problem?.fieldMessage('reason')}
          required
        />
        <div className="form__actions">
          <Button
            pending={decide.pending}
            onClick={() => {
              run('upheld');
            }}
          >
            Uphold appeal
          </Button>
          <Button
            variant="secondary"
            pending={decide.pending}
            onClick={() => {
              run('dismissed');
            }}
          >
            Dismiss appeal
          </Button>
        </div>
      </form>
    </Card>
  );
}
