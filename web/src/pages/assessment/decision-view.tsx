import type { Decision, SubmissionCriterion } from '../../api/assessment-api';
import { Chip } from '../../design/chip';
import { formatDate, formatDateTime } from '../../labels/dates';
import {
  APPEAL_STATE_LABELS,
  MODERATION_OUTCOME_LABELS,
  OUTCOME_LABELS,
  OUTCOME_TONES,
  SELECTION_LABELS,
} from './assessment-labels';

/** An assessor's decision: outcome, the rubric per criterion, and any moderation or appeal. */
export function DecisionView({
  decision,
  criteria,
  headingLevel = 3,
  showAssessor = true,
}: {
  decision: Decision;
  criteria: readonly SubmissionCriterion[];
  headingLevel?: 2 | 3;
  showAssessor?: boolean;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const titleOf = (criterionId: string) =>
    criteria.find((criterion) => criterion.id === criterionId)?.title ?? criterionId;
  return (
    <article className="decision-block" data-testid={`decision-${decision.id}`}>
      <div className="decision-block__head">
        <Heading className="decision-block__title">Attempt {decision.attempt}: decision</Heading>
        <Chip tone={OUTCOME_TONES[decision.outcome]}>{OUTCOME_LABELS[decision.outcome]}</Chip>
      </div>
      <p className="muted small">
        {showAssessor ? `${decision.assessor.name}, ` : ''}
        <time dateTime={decision.decidedAt}>{formatDateTime(decision.decidedAt)}</time>
      </p>
      {decision.feedback ? (
        <div>
          <Sub className="small">Overall feedback</Sub>
          <p className="pre-line">{decision.feedback}</p>
        </div>
      ) : null}
      {decision.rubric.length > 0 ? (
        <div>
          <Sub className="small">Criteria</Sub>
          <ul className="rubric-results" aria-label={`Rubric for attempt ${decision.attempt}`}>
            {decision.rubric.map((row) => (
              <li key={row.criterionId} className={row.met ? 'rubric-results__met' : 'rubric-results__unmet'}>
                <span className="rubric-results__head">
                  <strong>{titleOf(row.criterionId)}</strong>
                  <Chip tone={row.met ? 'success' : 'warning'}>{row.met ? 'Met' : 'Not yet met'}</Chip>
                </span>
                {row.feedback ? <span className="pre-line small">{row.feedback}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {decision.moderation ? (
        <div className="stack stack-sm">
          <Sub className="small">Moderation</Sub>
          <p className="cluster cluster--tight small">
            <Chip tone="info">Selected: {SELECTION_LABELS[decision.moderation.selection]}</Chip>
            {decision.moderation.outcome ? (
              <Chip tone={decision.moderation.outcome === 'confirmed' ? 'success' : 'danger'}>
                {MODERATION_OUTCOME_LABELS[decision.moderation.outcome]}
              </Chip>
            ) : (
              <Chip>Waiting for a moderator</Chip>
            )}
            {decision.moderation.moderatedAt ? (
              <span>
                {decision.moderation.moderator ? `${decision.moderation.moderator.name}, ` : ''}
                <time dateTime={decision.moderation.moderatedAt}>
                  {formatDate(decision.moderation.moderatedAt)}
                </time>
              </span>
            ) : null}
          </p>
          {decision.moderation.reason ? <p className="pre-line small">{decision.moderation.reason}</p> : null}
        </div>
      ) : null}
      {decision.appeal ? (
        <div className="stack stack-sm">
          <Sub className="small">Appeal</Sub>
          <p className="cluster cluster--tight small">
            <Chip
              tone={
                decision.appeal.state === 'upheld'
                  ? 'success'
                  : decision.appeal.state === 'dismissed'
                    ? 'neutral'
                    : 'primary'
              }
            >
              {APPEAL_STATE_LABELS[decision.appeal.state]}
            </Chip>
            <span>
              Lodged <time dateTime={decision.appeal.lodgedAt}>{formatDate(decision.appeal.lodgedAt)}</time>
            </span>
          </p>
          <p className="pre-line small">
            <strong>Grounds:</strong> {decision.appeal.grounds}
          </p>
          {decision.appeal.reason ? (
            <p className="pre-line small">
              <strong>Moderator’s reason:</strong> {decision.appeal.reason}
            </p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
