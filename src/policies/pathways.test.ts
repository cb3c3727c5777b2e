import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor.js';
import type { Role } from '../domain/identity.js';
import { canSignOffFor } from './design-team.js';
import {
  canCreatePathway,
  canEditPathway,
  canRetirePathway,
  canViewPathwayVersion,
  pathwayAbilities,
} from './pathways.js';

const OWNER = 'org-owner';
const PARTNER = 'org-partner';
const OUTSIDER = 'org-outsider';
const team = { ownerId: OWNER, collaboratorIds: [PARTNER] };

function person(memberships: Record<string, Role[]>, platformAdmin = false): Actor {
  return {
    kind: 'user',
    user: {
      id: 'u-1',
      email: 'p@example.org',
      name: 'P',
      isPlatformAdmin: platformAdmin,
      createdAt: new Date(0),
    },
    rolesByOrganisation: new Map(Object.entries(memberships)),
  };
}
const anonymous: Actor = { kind: 'anonymous' };

describe('pathway policies', () => {
  it('lets the owner’s authors and admins and the collaborators’ authors edit, nobody else', () => {
    expect(canEditPathway(person({ [OWNER]: ['author'] }), team)).toBe(true);
    expect(canEditPathway(person({ [OWNER]: ['org_admin'] }), team)).toBe(true);
    expect(canEditPathway(person({ [PARTNER]: ['author'] }), team)).toBe(true);
    // A collaborator's admin speaks for their organisation's membership, not its designs.
    expect(canEditPathway(person({ [PARTNER]: ['org_admin'] }), team)).toBe(false);
    expect(canEditPathway(person({ [OUTSIDER]: ['author'] }), team)).toBe(false);
    expect(canEditPathway(person({}, true), team)).toBe(true);
    expect(canEditPathway(anonymous, team)).toBe(false);
    expect(canCreatePathway(person({ [PARTNER]: ['author'] }), OWNER)).toBe(false);
  });

  it('signs off only for a team organisation where the person is an author', () => {
    const partnerAuthor = person({ [PARTNER]: ['author'], [OUTSIDER]: ['author'] });
    expect(canSignOffFor(partnerAuthor, team, PARTNER)).toBe(true);
    expect(canSignOffFor(partnerAuthor, team, OUTSIDER)).toBe(false);
    expect(canSignOffFor(partnerAuthor, team, OWNER)).toBe(false);
    expect(canSignOffFor(person({ [OWNER]: ['org_admin'] }), team, OWNER)).toBe(false);
  });

  it('keeps drafts and reviews to the team and moderators; the rest is public', () => {
    const moderator = person({ [PARTNER]: ['moderator'] });
    expect(canViewPathwayVersion(moderator, team, 'in_review')).toBe(true);
    expect(canViewPathwayVersion(anonymous, team, 'in_review')).toBe(false);
    expect(canViewPathwayVersion(anonymous, team, 'draft')).toBe(false);
    for (const status of ['published', 'superseded', 'retired'] as const) {
      expect(canViewPathwayVersion(anonymous, team, status)).toBe(true);
    }
  });

  it('offers the workflow buttons the state allows', () => {
    const author = person({ [PARTNER]: ['author'] });
    expect(pathwayAbilities(author, team, 'draft', true)).toEqual({
      edit: true,
      submit: true,
      returnToDraft: false,
      signOff: true,
      publish: false,
      comment: true,
      newVersion: false,
      retire: false,
    });
    expect(pathwayAbilities(author, team, 'in_review', true)).toMatchObject({
      edit: true,
      submit: false,
      returnToDraft: true,
      publish: true,
    });
    expect(pathwayAbilities(author, team, 'published', false)).toMatchObject({
      edit: false,
      signOff: false,
      comment: false,
      newVersion: true,
      retire: false,
    });
    expect(pathwayAbilities(author, team, 'published', true).newVersion).toBe(false);
    expect(canRetirePathway(author, team)).toBe(false);
    expect(pathwayAbilities(person({ [OWNER]: ['org_admin'] }), team, 'published', false).retire).toBe(true);
  });
});
