import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}

export function EmptyState({ title, children, actions, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state">
      <svg
        className="empty-state__art"
        viewBox="0 0 64 48"
        width="64"
        height="48"
        aria-hidden="true"
        focusable="false"
      >
        <ellipse cx="32" cy="42" rx="22" ry="4" fill="var(--slate-100)" />
        <ellipse cx="32" cy="36" rx="15" ry="5.5" fill="var(--slate-300)" />
        <ellipse cx="33" cy="26.5" rx="10.5" ry="4.6" fill="var(--teal-200)" />
        <ellipse cx="31.5" cy="18.5" rx="7" ry="3.8" fill="var(--slate-200)" />
        <ellipse cx="32.5" cy="11.8" rx="4.2" ry="3" fill="var(--teal-100)" />
      </svg>
      <Heading className="empty-state__title">{title}</Heading>
      {children ? <div className="empty-state__body">{children}</div> : null}
      {actions ? <div className="empty-state__actions">{actions}</div> : null}
    </div>
  );
}
