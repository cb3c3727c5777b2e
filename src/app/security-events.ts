import type { Actor } from '../domain/actor.js';
import type { SecurityEvent } from '../domain/audit.js';
import { ensure } from '../policies/ensure.js';
import { canReadAudit } from '../policies/organisations.js';
import { canReadPlatformAudit } from '../policies/platform.js';
import type { Deps } from './ports.js';

export interface EventPage {
  items: SecurityEvent[];
  nextBefore: string | null;
}

async function page(deps: Deps, organisationId: string | null, before: string | undefined, limit: number) {
  const items = await deps.store.securityEvents.list({ organisationId, before, limit: limit + 1 });
  const more = items.length > limit;
  const shown = items.slice(0, limit);
  return { items: shown, nextBefore: more ? (shown.at(-1)?.id ?? null) : null };
}

/** @throws NotAllowed | SignInRequired */
export async function listOrganisationEvents(
  deps: Deps,
  actor: Actor,
  query: { organisationId: string; before?: string; limit: number },
): Promise<EventPage> {
  ensure(canReadAudit(actor, query.organisationId), actor, 'read the audit log of this organisation');
  return page(deps, query.organisationId, query.before, query.limit);
}

/** @throws NotAllowed | SignInRequired */
export async function listPlatformEvents(
  deps: Deps,
  actor: Actor,
  query: { before?: string; limit: number },
): Promise<EventPage> {
  ensure(canReadPlatformAudit(actor), actor, 'read the platform audit log');
  return page(deps, null, query.before, query.limit);
}
