import type { VersionStatus } from '../../api/authoring-api';
import { Icon } from '../../design/icons';

const STEPS = [
  { status: 'draft', label: 'Draft', hint: 'The design team writes it' },
  { status: 'in_review', label: 'In review', hint: 'Employers and educators sign off' },
  { status: 'published', label: 'Published', hint: 'In the catalogue; learners can earn it' },
] as const;

const STEP_INDEX: Record<VersionStatus, number> = {
  draft: 0,
  in_review: 1,
  published: 2,
  superseded: 2,
  retired: 2,
};

/**
 * Where a version is in draft → in review → published; later states are noted after the last step.
 * Pathways go the same way and say what publishing means for them.
 */
export function WorkflowStepper({
  status,
  publishedHint,
}: {
  status: VersionStatus;
  publishedHint?: string;
}) {
  const current = STEP_INDEX[status];
  const ended = status === 'superseded' || status === 'retired';
  return (
    <div className="stepper-wrap">
      <ol className="stepper" aria-label="Workflow">
        {STEPS.map((step, index) => {
          const state =
            index < current || (index === current && ended) ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step.status}
              className={`stepper__step stepper__step--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="stepper__marker" aria-hidden="true">
                {state === 'done' ? <Icon name="check" size={16} /> : index + 1}
              </span>
              <span className="stepper__text">
                <span className="stepper__label">
                  {step.label}
                  <span className="visually-hidden">
                    {state === 'done' ? ' (done)' : state === 'current' ? ' (current step)' : ' (to come)'}
                  </span>
                </span>
                <span className="stepper__hint">
                  {step.status === 'published' && publishedHint ? publishedHint : step.hint}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      {ended ? (
        <p className="stepper__after">
          {status === 'superseded'
            ? 'A newer version has since been published; this one stays on record for the badges issued from it.'
            : 'Retired: taken out of the catalogue. Badges already issued stay valid.'}
        </p>
      ) : null}
    </div>
  );
}
