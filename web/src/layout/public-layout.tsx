import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { CairnLogo } from '../design/cairn-logo';
import { focusMain } from './app-shell';
import { SiteFooter } from './site-footer';

/** Centred single-column layout for signing in, invitations and the like. */
export function PublicLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="public">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to main content
      </a>
      <header className="public__header">
        <Link to="/" className="public__brand" aria-label="Cairn home">
          <CairnLogo />
        </Link>
      </header>
      <main id="main" className={wide ? 'public__main public__main--wide' : 'public__main'} tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}

/** The white panel that holds a public form, with its heading. */
export function PublicPanel({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="public-panel">
      <div className="public-panel__heading">
        <h1 tabIndex={-1} data-page-heading>
          {title}
        </h1>
        {intro ? <div className="public-panel__intro">{intro}</div> : null}
      </div>
      {children}
    </div>
  );
}
