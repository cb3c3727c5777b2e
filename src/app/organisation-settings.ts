import type { Actor } from '../domain/actor.js';
import { DEFAULT_REQUIRED_SIGN_OFF_KINDS } from '../domain/version-workflow.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../domain/identity.js';
import { ensure } from '../policies/ensure.js';
import { canReadOrganisation, canUpdateOrganisation } from '../policies/organisations.js';
import type { Deps } from './ports.js';

export interface OrganisationSettings {
  /** Organisation kinds whose authors must sign off before this organisation's micro-credentials publish. */
  requiredSignOffKinds: OrganisationKind[];
}

/** @throws NotFound | NotAllowed */
export async function getOrganisationSettings(
  deps: Deps,
  actor: Actor,
  organisationId: string,
): Promise<OrganisationSettings> {
  if (!(await deps.store.organisations.findById(organisationId)))
    throw new NotFound('organisation', organisationId);
  ensure(canReadOrganisation(actor, organisationId), actor, 'read the settings of this organisation');
  const kinds = await deps.store.organisations.requiredSignOffKinds(organisationId);
  return { requiredSignOffKinds: kinds.length > 0 ? kinds : [...DEFAULT_REQUIRED_SIGN_OFF_KINDS] };
}

/** @throws NotFound | NotAllowed | InvalidInput */
export async function updateOrganisationSettings(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  settings: OrganisationSettings,
): Promise<OrganisationSettings> {
  if (!(await deps.store.organisations.findById(organisationId)))
    throw new NotFound('organisation', organisationId);
  ensure(canUpdateOrganisation(actor, organisationId), actor, 'change the settings of this organisation');
  const kinds = ORGANISATION_KINDS.filter(
    (k) => settings.requiredSignOffKinds.includes(k) && k !== 'platform',
  );
  if (kinds.length === 0) {
    throw new InvalidInput(
      'requiredSignOffKinds',
      'Require a sign-off from at least one kind of organisation.',
    );
  }
  await deps.store.organisations.setRequiredSignOffKinds(organisationId, kinds);
  return { requiredSignOffKinds: kinds };
}
