import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor.js';
import type { Role } from '../domain/identity.js';
import { canReadAuditLog, canVerifyAuditLog, readableAuditOrganisations } from './audit-log.js';

const ORG = 'org-1';
const OTHER = 'org-2';

function person(roles: Role[] = [], opts: { platformAdmin?: boolean; otherRoles?: Role[] } = {}): Actor {
  const byOrg = new Map<string, Role[]>();
  if (roles.length > 0) byOrg.set(ORG, roles);
  if (opts.otherRoles) byOrg.set(OTHER, opts.otherRoles);
  return {
    kind: 'user',
    user: {
      id: 'u-1',
      email: 'p@example.org',
      name: 'P',
      isPlatformAdmin: opts.platformAdmin ?? false,
      createdAt: new Date(0),
    },
    rolesByOrganisation: byOrg,
  };
}
const key: Actor = {
  kind: 'api_key',
  keyId: 'k',
  name: 'LMS',
  organisationId: ORG,
  scopes: new Set(['audit:read']),
};
const anonymous: Actor = { kind: 'anonymous' };

describe('audit log policies', () => {
  it.each([
    // label, actor, own organisation, another organisation, platform-wide entries, verify the chain
    ['anonymous', anonymous, false, false, false, false],
    ['outsider', person(), false, false, false, false],
    ['learner', person(['learner']), false, false, false, false],
    ['assessor', person(['assessor']), false, false, false, false],
    ['author', person(['author']), false, false, false, false],
    ['moderator', person(['moderator']), true, false, false, false],
    ['org admin', person(['org_admin']), true, false, false, false],
    [
      'org admin and learner elsewhere',
      person(['org_admin'], { otherRoles: ['learner'] }),
      true,
      false,
      false,
      false,
    ],
    ['platform admin', person([], { platformAdmin: true }), true, true, true, true],
    ['API key', key, false, false, false, false],
  ] as const)('%s', (_label, actor, own, other, platformWide, verify) => {
    expect(canReadAuditLog(actor, ORG)).toBe(own);
    expect(canReadAuditLog(actor, OTHER)).toBe(other);
    expect(canReadAuditLog(actor, null)).toBe(platformWide);
    expect(canVerifyAuditLog(actor)).toBe(verify);
  });

  it('lists the organisations a person may read, or null for everything', () => {
    expect(readableAuditOrganisations(person([], { platformAdmin: true }))).toBeNull();
    expect(readableAuditOrganisations(person(['moderator'], { otherRoles: ['org_admin'] }))).toEqual([
      ORG,
      OTHER,
    ]);
    expect(readableAuditOrganisations(person(['org_admin'], { otherRoles: ['assessor'] }))).toEqual([ORG]);
    expect(readableAuditOrganisations(person(['learner']))).toEqual([]);
    expect(readableAuditOrganisations(anonymous)).toEqual([]);
    expect(readableAuditOrganisations(key)).toEqual([]);
  });
});
