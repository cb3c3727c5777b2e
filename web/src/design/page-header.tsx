import { useEffect, type ReactNode } from 'react';

export interface PageHeaderProps {
  title: string;
  /** Small line above the title, e.g. the organisation a page belongs to. */
  eyebrow?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Defaults to the title. */
  documentTitle?: string;
}

export function PageHeader({ title, eyebrow, description, actions, documentTitle }: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? title);
  return (
    <header className="page-header">
      <div className="page-header__text">
        {eyebrow ? <p className="page-header__eyebrow">{eyebrow}</p> : null}
        {/* tabIndex lets the shell move focus here after client-side navigation. */}
        <h1 className="page-header__title" tabIndex={-1} data-page-heading>
          {title}
        </h1>
        {description ? <div className="page-header__description">{description}</div> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Cairn` : 'Cairn';
  }, [title]);
}
