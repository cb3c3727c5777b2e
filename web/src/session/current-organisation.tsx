import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useMatch, useNavigate } from 'react-router';
import type { Membership, Role } from '../api/types';
import { useMe } from './session-context';

const STORAGE_KEY = 'cairn.currentOrganisationId';

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be blocked; the URL still works
  }
}

/** Also used outside the shell, e.g. after accepting an invitation. */
export function rememberOrganisation(id: string) {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // ignore: see readStored
  }
}

interface CurrentOrganisationValue {
  /** null when the person belongs to no organisation and is not looking at one. */
  organisationId: string | null;
  membership: Membership | undefined;
  roles: Role[];
  /** keepPage: on an org-scoped page, show the same page for the new organisation. */
  switchTo: (organisationId: string, options?: { keepPage?: boolean }) => void;
}

const CurrentOrganisationContext = createContext<CurrentOrganisationValue | null>(null);

/**
 * The organisation the person is working in. Org-scoped pages carry it in the
 * URL (/orgs/:orgId/…); elsewhere the last choice is remembered in localStorage.
 */
export function CurrentOrganisationProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const orgMatch = useMatch('/orgs/:orgId/*');
  const urlOrgId = orgMatch?.params.orgId && orgMatch.params.orgId !== 'new' ? orgMatch.params.orgId : null;
  const [storedId, setStoredId] = useState<string | null>(readStored);

  const isMember = useCallback(
    (id: string | null) => id !== null && me.memberships.some((m) => m.organisation.id === id),
    [me.memberships],
  );

  // Platform admins may look after organisations they don't belong to.
  const storedUsable = storedId !== null && (isMember(storedId) || me.user.isPlatformAdmin);
  const organisationId = urlOrgId ?? (storedUsable ? storedId : (me.memberships[0]?.organisation.id ?? null));

  // Visiting an org-scoped URL makes that organisation the remembered one, so Home and
  // Account keep it after the person leaves the org-scoped page.
  if (urlOrgId && urlOrgId !== storedId) setStoredId(urlOrgId);
  useEffect(() => {
    if (urlOrgId && urlOrgId !== readStored()) rememberOrganisation(urlOrgId);
  }, [urlOrgId]);

  const switchTo = useCallback(
    (id: string, { keepPage = true }: { keepPage?: boolean } = {}) => {
      rememberOrganisation(id);
      setStoredId(id);
      if (!urlOrgId) return;
      if (!keepPage) {
        void navigate('/');
      } else {
        // Stay on the same kind of page in the new organisation.
        const rest = location.pathname.slice(`/orgs/${urlOrgId}`.length);
        void navigate(`/orgs/${encodeURIComponent(id)}${rest}`);
      }
    },
    [location.pathname, navigate, urlOrgId],
  );

  const value = useMemo<CurrentOrganisationValue>(() => {
    const membership = me.memberships.find((m) => m.organisation.id === organisationId);
    return { organisationId, membership, roles: membership?.roles ?? [], switchTo };
  }, [me.memberships, organisationId, switchTo]);

  return <CurrentOrganisationContext value={value}>{children}</CurrentOrganisationContext>;
}

export function useCurrentOrganisation(): CurrentOrganisationValue {
  const value = use(CurrentOrganisationContext);
  if (!value) throw new Error('useCurrentOrganisation needs a CurrentOrganisationProvider');
  return value;
}
