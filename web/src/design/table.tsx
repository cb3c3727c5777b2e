import { useId, type ReactNode } from 'react';

export interface TableProps {
  /** Names the table for screen readers; shown unless captionHidden. */
  caption: string;
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * A data table in a scrollable, focusable region so wide tables stay usable
 * at 360px and keyboard users can scroll them.
 */
export function Table({ caption, captionHidden = true, children, className, testId }: TableProps) {
  const id = useId();
  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={['table', className ?? ''].filter(Boolean).join(' ')} data-testid={testId}>
        <caption id={id} className={captionHidden ? 'visually-hidden' : 'table__caption'}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
