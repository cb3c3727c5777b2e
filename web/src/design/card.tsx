import type { HTMLAttributes, ReactNode } from 'react';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  /** Heading level for the title; pages use h2 for sections. */
  headingLevel?: 2 | 3;
  description?: ReactNode;
  actions?: ReactNode;
  tone?: 'default' | 'accent' | 'muted';
}

export function Card({
  title,
  headingLevel = 2,
  description,
  actions,
  tone = 'default',
  className,
  children,
  ...rest
}: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section {...rest} className={['card', `card--${tone}`, className ?? ''].filter(Boolean).join(' ')}>
      {title || actions ? (
        <header className="card__header">
          <div className="card__heading">
            {title ? <Heading className="card__title">{title}</Heading> : null}
            {description ? <p className="card__description">{description}</p> : null}
          </div>
          {actions ? <div className="card__actions">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}
