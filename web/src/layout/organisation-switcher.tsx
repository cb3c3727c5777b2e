import { useId } from 'react';
import { useLocation } from 'react-router';
import { cairnApi } from '../api/cairn-api';
import type { OrganisationSummary } from '../api/types';
import { useApiQuery } from '../hooks/use-api-query';
import { useCurrentOrganisation } from '../session/current-organisation';
import { useMe } from '../session/session-context';
import { canSee, orgScopedItemForPath } from './navigation';

/**
 * A labelled native <select>: the most robust switcher for keyboards, screen
 * readers and phones. Platform admins also see every other organisation.
 */
export function OrganisationSwitcher() {
  const me = useMe();
  const { organisationId, switchTo } = useCurrentOrganisation();
  const location = useLocation();
  const id = useId();
  const isPlatformAdmin = me.user.isPlatformAdmin;

  const everyOrganisation = useApiQuery(`switcher:${isPlatformAdmin ? 'all' : 'none'}`, async (signal) =>
    isPlatformAdmin ? (await cairnApi.listOrganisations(signal)).items : [],
  );

  const mine = me.memberships.map((m) => m.organisation);
  const mineIds = new Set(mine.map((o) => o.id));
  const others: OrganisationSummary[] =
    everyOrganisation.status === 'success' ? everyOrganisation.data.filter((o) => !mineIds.has(o.id)) : [];
  const known =
    organisationId !== null && (mineIds.has(organisationId) || others.some((o) => o.id === organisationId));

  if (mine.length === 0 && others.length === 0 && !organisationId) return null;

  function handleChange(nextId: string) {
    const membership = me.memberships.find((m) => m.organisation.id === nextId);
    // Stay on e.g. Members only if the person may see Members in the new organisation.
    const item = orgScopedItemForPath(location.pathname);
    const keepPage =
      !item || canSee(item, { roles: membership?.roles ?? [], isPlatformAdmin, organisationId: nextId });
    switchTo(nextId, { keepPage });
  }

  return (
    <div className="org-switcher">
      <label className="org-switcher__label" htmlFor={id}>
        Organisation
      </label>
      <div className="select org-switcher__select">
        <select
          id={id}
          className="select__control"
          value={organisationId ?? ''}
          onChange={(event) => {
            handleChange(event.target.value);
          }}
          data-testid="organisation-switcher"
        >
          {organisationId === null ? (
            <option value="" disabled>
              Choose an organisation
            </option>
          ) : null}
          {!known && organisationId ? <option value={organisationId}>Other organisation</option> : null}
          {others.length > 0 ? (
            <>
              <optgroup label="Your organisations">
                {mine.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="All organisations">
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </optgroup>
            </>
          ) : (
            mine.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))
          )}
        </select>
        <svg
          className="select__chevron"
          viewBox="0 0 16 16"
          width="16"
          height="16"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </div>
    </div>
  );
}
