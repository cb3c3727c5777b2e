import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

export interface TableProps {
  /** Names the table for screen readers; shown unless captionHidden. */
  caption: string;
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * A data table. On wide screens it scrolls sideways inside a focusable region;
 * below 40rem each row becomes a card, with each cell labelled by its column
 * header (copied into data-label so the CSS can show it).
 */
export function Table({ caption, captionHidden = true, children, className, testId }: TableProps) {
  const id = useId();
  const tableRef = useRef<HTMLTableElement>(null);

  // Runs after every render so rows added later get their labels too.
  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!table) return;
    const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent.trim());
    for (const row of Array.from(table.tBodies).flatMap((body) => Array.from(body.rows))) {
      Array.from(row.cells).forEach((cell, index) => {
        const label = headers[index] ?? '';
        if (cell.dataset['label'] !== label) cell.dataset['label'] = label;
      });
    }
  });

  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table
        ref={tableRef}
        className={['table', 'table--stack', className ?? ''].filter(Boolean).join(' ')}
        data-testid={testId}
      >
        <caption id={id} className={captionHidden ? 'visually-hidden' : 'table__caption'}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
