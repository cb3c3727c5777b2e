import type { OrganisationSummary } from '../../api/types';
import { useSession } from '../../session/session-context';

/**
 * The organisations the signed-in person may import frameworks for: authors and organisation
 * admins (the server's canImportFramework). Empty when signed out.
 */
export function useImportableOrganisations(): OrganisationSummary[] {
  const { state } = useSession();
  if (state.status !== 'signed-in') return [];
  const { me } = state;
  return me.memberships
    .filter((m) => me.user.isPlatformAdmin || m.roles.includes('author') || m.roles.includes('org_admin'))
    .map((m) => m.organisation);
}
