import type { OrganisationKind, Role } from '../domain/identity.js';
import { withNewOrganisation } from './create-organisation.js';
import type { Deps } from './ports.js';

export interface DemoData {
  signInPassword: string;
  organisations: { key: string; slug: string; name: string; kind: OrganisationKind }[];
  people: {
    key: string;
    email: string;
    name: string;
    platformAdmin?: boolean;
    memberships: { organisation: string; roles: Role[] }[];
  }[];
}

export interface SeedReport {
  organisationsCreated: number;
  peopleCreated: number;
}

/**
 * Loads the demo organisations and people. Safe to run again: what exists (by slug or email) is
 * kept as it is and only what is missing is added.
 */
export async function seedDemo(
  deps: Deps,
  data: DemoData,
  onProgress: (done: number, total: number, label: string) => void = () => undefined,
): Promise<SeedReport> {
  const total = data.organisations.length + data.people.length;
  let done = 0;
  const orgIds = new Map<string, string>();
  let organisationsCreated = 0;
  for (const org of data.organisations) {
    const existing = await deps.store.organisations.findBySlug(org.slug);
    if (existing) {
      orgIds.set(org.key, existing.id);
    } else {
      const created = await withNewOrganisation(deps, org, async (_store, o) => o);
      orgIds.set(org.key, created.id);
      organisationsCreated++;
    }
    onProgress(++done, total, org.name);
  }
  // One hash serves every demo person: they share the documented demo password.
  const passwordHash = await deps.passwords.hash(data.signInPassword);
  let peopleCreated = 0;
  for (const person of data.people) {
    await deps.store.transaction(async (store) => {
      let user = await store.users.findByEmail(person.email);
      if (!user) {
        const inserted = await store.users.insert({
          email: person.email,
          name: person.name,
          passwordHash,
          isPlatformAdmin: person.platformAdmin ?? false,
        });
        if (!inserted) throw new Error(`Could not create demo person ${person.email}`);
        user = { ...inserted, passwordHash };
        peopleCreated++;
        for (const m of person.memberships) {
          const organisationId = orgIds.get(m.organisation);
          if (!organisationId) throw new Error(`Demo person ${person.key} names unknown ${m.organisation}`);
          await store.memberships.grant(organisationId, user.id, m.roles);
        }
      }
    });
    onProgress(++done, total, person.name);
  }
  return { organisationsCreated, peopleCreated };
}
