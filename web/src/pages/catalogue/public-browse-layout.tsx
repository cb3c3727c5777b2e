import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { LinkButton } from '../../design/button';
import { CairnLogo } from '../../design/cairn-logo';
import { Icon } from '../../design/icons';
import { focusMain } from '../../layout/app-shell';
import { publicNavigation } from '../../layout/navigation';
import { SiteFooter } from '../../layout/site-footer';

/**
 * The catalogue, frameworks and reports for someone who is not signed in: the public pages in
 * the header, a Sign in button that comes back here, and a full-width main area.
 */
export function PublicBrowseLayout({ children }: { children: ReactNode }) {
  const location = useLocation();
  const firstRender = useRef(true);
  const links = publicNavigation();
  const here = `${location.pathname}${location.search}`;

  // As in the signed-in shell: after client-side navigation, focus the new page's heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusMain();
  }, [location.pathname]);

  return (
    <div className="public browse">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to main content
      </a>
      <header className="browse-header">
        <div className="browse-header__inner">
          <Link to="/catalogue" className="browse-header__brand" aria-label="Cairn catalogue">
            <CairnLogo />
          </Link>
          <nav className="browse-header__nav" aria-label="Main">
            <ul className="browse-header__links">
              {links.map((link) => (
                <li key={link.id}>
                  <NavLink to={link.to} end={link.end} className="browse-header__link">
                    <Icon name={link.icon} size={18} />
                    <span>{link.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <LinkButton
            to={`/sign-in?next=${encodeURIComponent(here)}`}
            variant="secondary"
            size="sm"
            className="browse-header__sign-in"
          >
            Sign in
          </LinkButton>
        </div>
      </header>
      <main id="main" className="browse-main" tabIndex={-1}>
        <div className="browse-main__inner">{children}</div>
      </main>
      <SiteFooter />
    </div>
  );
}
