import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { assessmentApi } from '../api/assessment-api';
import { CairnLogo } from '../design/cairn-logo';
import { Icon } from '../design/icons';
import { useApiQuery } from '../hooks/use-api-query';
import { useCurrentOrganisation } from '../session/current-organisation';
import { useMe } from '../session/session-context';
import { visibleNavigation } from './navigation';
import { NotificationBell } from './notification-bell';
import { OrganisationSwitcher } from './organisation-switcher';
import { SiteFooter } from './site-footer';
import { UserMenu } from './user-menu';

export function focusMain(event?: MouseEvent) {
  event?.preventDefault();
  const main = document.getElementById('main');
  const heading = main?.querySelector<HTMLElement>('[data-page-heading]');
  (heading ?? main)?.focus();
}

/** Header, role-aware navigation and the main landmark for signed-in pages. */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { organisationId, roles } = useCurrentOrganisation();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const navId = useId();
  const firstRender = useRef(true);

  // Assess and Moderation show only for people with such roles; if the call fails they stay hidden.
  const assessmentRoles = useApiQuery(`assessment-roles:${me.user.id}`, (signal) =>
    assessmentApi.getMyAssessmentRoles(signal),
  );
  const held = assessmentRoles.status === 'success' ? assessmentRoles.data : null;
  const sections = visibleNavigation({
    roles,
    isPlatformAdmin: me.user.isPlatformAdmin,
    organisationId,
    assessorOf: (held?.assessorOf.length ?? 0) > 0,
    moderatorOf: (held?.moderatorOf.length ?? 0) > 0 || held?.moderatesByRole === true,
  });

  // Close the mobile menu on navigation.
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setNavOpen(false);
  }

  // After client-side navigation, move focus to the new page's heading so
  // screen reader users hear where they are (a full load does this by itself).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusMain();
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <button
            type="button"
            className="app-header__nav-toggle"
            aria-expanded={navOpen}
            aria-controls={navId}
            onClick={() => {
              setNavOpen((open) => !open);
            }}
          >
            <Icon name={navOpen ? 'close' : 'menu'} />
            <span>Menu</span>
          </button>
          <Link to="/" className="app-header__brand" aria-label="Cairn home">
            <CairnLogo inverse />
          </Link>
          <div className="app-header__switcher">
            <OrganisationSwitcher />
          </div>
          <div className="app-header__user">
            <div className="header-tools">
              <NotificationBell />
              <UserMenu />
            </div>
          </div>
        </div>
      </header>
      <div className="app-body">
        <nav id={navId} className="app-nav" aria-label="Main" data-open={navOpen}>
          {sections.map((section) => (
            <div className="app-nav__section" key={section.id}>
              {/* Headings, not aria-labelledby, so "Organisation" stays the switcher's unique label. */}
              {section.label ? <h2 className="app-nav__heading">{section.label}</h2> : null}
              <ul className="app-nav__list">
                {section.links.map((link) => (
                  <li key={link.id}>
                    <NavLink to={link.to} end={link.end} className="app-nav__link">
                      <Icon name={link.icon} />
                      <span>{link.label}</span>
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          <div className="app-main__inner">{children}</div>
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
