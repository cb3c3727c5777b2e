import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor.js';
import type { Role } from '../domain/identity.js';
import {
  canCreateOrganisation,
  canManageApiKeys,
  canManageMembers,
  canReadAudit,
  canReadMembers,
  canReadOrganisation,
  canRemoveMember,
} from './organisations.js';
import { canReadOutbox, canReadPlatformAudit } from './platform.js';

const ORG = 'org-1';
const OTHER = 'org-2';

function person(roles: Role[] = [], opts: { platformAdmin?: boolean; id?: string } = {}): Actor {
  return {
    kind: 'user',
    user: {
      id: opts.id ?? 'u-1',
      email: 'p@example.org',
      name: 'P',
      isPlatformAdmin: opts.platformAdmin ?? false,
      createdAt: new Date(0),
    },
    rolesByOrganisation: new Map(roles.length > 0 ? [[ORG, roles]] : []),
  };
}
const key = (...scopes: ('organisation:read' | 'members:read' | 'members:write' | 'audit:read')[]): Actor => ({
  kind: 'api_key',
  keyId: 'k',
  name: 'LMS',
  organisationId: ORG,
  scopes: new Set(scopes),
});
const anonymous: Actor = { kind: 'anonymous' };

describe('organisation policies', () => {
  it.each([
    ['anonymous', anonymous, false, false, false, false, false],
    ['outsider', person(), false, false, false, false, false],
    ['learner', person(['learner']), true, true, false, false, false],
    ['assessor', person(['assessor']), true, true, false, false, false],
    ['org admin', person(['org_admin']), true, true, true, true, true],
    ['platform admin', person([], { platformAdmin: true }), true, true, true, true, true],
    ['key with members:read', key('members:read'), false, true, false, false, false],
    ['key with members:write', key('members:write'), false, false, true, false, false],
    ['key with audit:read', key('audit:read'), false, false, false, false, true],
    ['key with organisation:read', key('organisation:read'), true, false, false, false, false],
  ] as const)('%s', (_label, actor, readOrg, readMembers, manageMembers, manageKeys, readAudit) => {
    expect(canReadOrganisation(actor, ORG)).toBe(readOrg);
    expect(canReadMembers(actor, ORG)).toBe(readMembers);
    expect(canManageMembers(actor, ORG)).toBe(manageMembers);
    expect(canManageApiKeys(actor, ORG)).toBe(manageKeys);
    expect(canReadAudit(actor, ORG)).toBe(readAudit);
  });

  it('gives roles in one organisation no power in another', () => {
    const admin = person(['org_admin']);
    expect(canManageMembers(admin, OTHER)).toBe(false);
    expect(canReadMembers(admin, OTHER)).toBe(false);
    expect(canReadAudit(key('audit:read'), OTHER)).toBe(false);
  });

  it('lets anyone leave, but only admins remove others', () => {
    const learner = person(['learner'], { id: 'me' });
    expect(canRemoveMember(learner, ORG, 'me')).toBe(true);
    expect(canRemoveMember(learner, ORG, 'someone-else')).toBe(false);
    expect(canRemoveMember(person(['org_admin']), ORG, 'someone-else')).toBe(true);
  });

  it('keeps platform organisations for platform admins', () => {
    expect(canCreateOrganisation(person(), 'employer')).toBe(true);
    expect(canCreateOrganisation(person(), 'platform')).toBe(false);
    expect(canCreateOrganisation(person([], { platformAdmin: true }), 'platform')).toBe(true);
    expect(canCreateOrganisation(anonymous, 'employer')).toBe(false);
    expect(canCreateOrganisation(key('members:write'), 'employer')).toBe(false);
  });

  it('opens the outbox and platform audit to platform admins only', () => {
    for (const actor of [anonymous, person(['org_admin']), key('audit:read')]) {
      expect(canReadOutbox(actor)).toBe(false);
      expect(canReadPlatformAudit(actor)).toBe(false);
    }
    expect(canReadOutbox(person([], { platformAdmin: true }))).toBe(true);
  });
});
