import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/client';
import { formatWait } from '../labels/dates';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** role="alert" interrupts the screen reader; use for errors the user just caused. */
  assertive?: boolean;
  actions?: ReactNode;
  id?: string;
  tabIndex?: number;
}

const ICON_PATHS: Record<AlertTone, ReactNode> = {
  info: (
    <>
      <circle cx="10" cy="10" r="9" fill="currentColor" />
      <rect x="9" y="8.5" width="2" height="6" rx="1" fill="#fff" />
      <circle cx="10" cy="5.8" r="1.2" fill="#fff" />
    </>
  ),
  success: (
    <>
      <circle cx="10" cy="10" r="9" fill="currentColor" />
      <path d="M6 10.4l2.6 2.6L14 7.6" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </>
  ),
  warning: (
    <>
      <path d="M10 1.8l8.6 15.4H1.4z" fill="currentColor" strokeLinejoin="round" />
      <rect x="9" y="7" width="2" height="5.4" rx="1" fill="#fff" />
      <circle cx="10" cy="14.6" r="1.15" fill="#fff" />
    </>
  ),
  danger: (
    <>
      <circle cx="10" cy="10" r="9" fill="currentColor" />
      <rect x="9" y="5" width="2" height="6.4" rx="1" fill="#fff" />
      <circle cx="10" cy="14.2" r="1.2" fill="#fff" />
    </>
  ),
};

export function Alert({
  tone = 'info',
  title,
  children,
  assertive = false,
  actions,
  id,
  tabIndex,
}: AlertProps) {
  return (
    <div
      className={`alert alert--${tone}`}
      role={assertive ? 'alert' : undefined}
      id={id}
      tabIndex={tabIndex}
    >
      <svg
        className="alert__icon"
        viewBox="0 0 20 20"
        width="20"
        height="20"
        aria-hidden="true"
        focusable="false"
      >
        {ICON_PATHS[tone]}
      </svg>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__content">{children}</div> : null}
        {actions ? <div className="alert__actions">{actions}</div> : null}
      </div>
    </div>
  );
}

export interface ProblemAlertProps {
  problem: ApiProblem | null | undefined;
  /** Fields shown on the form; their errors appear beside them, not here. */
  fields?: readonly string[];
  /** Overrides for well-known problem types, keyed by slug. */
  messages?: Record<string, ReactNode>;
  actions?: ReactNode;
  assertive?: boolean;
}

/** Renders an RFC 9457 problem as a readable error next to the form. */
export function ProblemAlert({
  problem,
  fields = [],
  messages,
  actions,
  assertive = true,
}: ProblemAlertProps) {
  if (!problem) return null;
  const custom = messages ? Object.entries(messages).find(([slug]) => problem.is(slug))?.[1] : undefined;
  const loose = problem.unclaimedErrors(fields);
  const claimed = problem.errors.length - loose.length;
  const retry = problem.retryAfterSeconds;
  return (
    <Alert tone="danger" title={problem.title} assertive={assertive} actions={actions}>
      {custom ?? (problem.detail ? <p>{problem.detail}</p> : null)}
      {retry !== undefined ? <p>You can try again in {formatWait(retry)}.</p> : null}
      {claimed > 0 && loose.length === 0 && !problem.detail ? (
        <p>Check the highlighted fields below.</p>
      ) : null}
      {loose.length > 0 ? (
        <ul className="alert__list">
          {loose.map((error) => (
            <li key={`${error.path}:${error.message}`}>
              {error.path && error.path !== '/' ? <code>{error.path.replace(/^\//, '')}</code> : null}{' '}
              {error.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
