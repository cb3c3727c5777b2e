import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Icon } from '../design/icons';
import { useAnnounce } from '../design/live-announcer';
import { useMe, useSession } from '../session/session-context';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return (
    letters
      .map((part) => part?.charAt(0) ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

/** A disclosure (not an ARIA menu): Tab moves through it, Escape closes it. */
export function UserMenu() {
  const me = useMe();
  const { signOut } = useSession();
  const announce = useAnnounce();
  const location = useLocation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Close when the route changes (a link inside was followed).
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    function onFocusOut(event: FocusEvent) {
      const next = event.relatedTarget;
      if (next instanceof Node && rootRef.current && !rootRef.current.contains(next)) setOpen(false);
    }
    const root = rootRef.current;
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    root?.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
      root?.removeEventListener('focusout', onFocusOut);
    };
  }, [open]);

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
      announce('You have signed out.', 'info');
      void navigate('/sign-in', { replace: true });
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((value) => !value);
        }}
        aria-label={`Your account: ${me.user.name}`}
        data-testid="user-menu-button"
      >
        <span className="avatar" aria-hidden="true">
          {initials(me.user.name)}
        </span>
        <span className="user-menu__name" aria-hidden="true">
          {me.user.name}
        </span>
        <Icon name="chevronDown" size={16} />
      </button>
      {open ? (
        <div className="user-menu__panel" id={panelId}>
          <div className="user-menu__who">
            <span className="user-menu__who-name">{me.user.name}</span>
            <span className="user-menu__who-email">{me.user.email}</span>
          </div>
          <ul className="user-menu__list">
            <li>
              <Link to="/account" className="user-menu__item">
                <Icon name="user" />
                Account
              </Link>
            </li>
            {me.abilities.createOrganisation ? (
              <li>
                <Link to="/orgs/new" className="user-menu__item">
                  <Icon name="building" />
                  New organisation
                </Link>
              </li>
            ) : null}
            <li>
              <button
                type="button"
                className="user-menu__item"
                onClick={() => void handleSignOut()}
                aria-disabled={signingOut || undefined}
              >
                <Icon name="signOut" />
                Sign out
              </button>
            </li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}
