import type { ReactNode } from 'react';

export type ChipTone = 'neutral' | 'primary' | 'success' | 'warning' | 'danger' | 'info';

export interface ChipProps {
  tone?: ChipTone;
  children: ReactNode;
  title?: string;
}

/** A small status or category label (the "Badge" of the design system). */
export function Chip({ tone = 'neutral', children, title }: ChipProps) {
  return (
    <span className={`chip chip--${tone}`} title={title}>
      {children}
    </span>
  );
}
