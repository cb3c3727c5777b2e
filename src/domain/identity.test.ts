import { describe, expect, it } from 'vitest';
import { InvalidInput } from './errors.js';
import { checkEmail, checkPassword, normaliseRoles, slugify } from './identity.js';
import { invitationStatus, type Invitation } from './invitations.js';
import { nextAttemptDelayMs } from './email.js';

describe('checkEmail', () => {
  it('normalises case and surrounding space', () => {
    expect(checkEmail('  Aroha.Tipene@Kowhai-DC.example ')).toBe('aroha.tipene@kowhai-dc.example');
  });
  it.each(['', 'no-at-sign', 'a@b', 'two@@example.org', 'space in@example.org'])('refuses %j', (email) => {
    expect(() => checkEmail(email)).toThrow(InvalidInput);
  });
});

describe('checkPassword', () => {
  it('accepts a long, varied password', () => {
    expect(() => {
      checkPassword('correct horse battery');
    }).not.toThrow();
  });
  it.each([
    ['short', 'at least 10'],
    ['aaaaaaaaaaaaaaaa', 'more variety'],
    ['x'.repeat(300) + 'abcd', 'at most 256'],
  ])('refuses %j with a reason', (password, reason) => {
    expect(() => {
      checkPassword(password);
    }).toThrow(reason);
  });
  it('names the field it checked', () => {
    try {
      checkPassword('short', 'newPassword');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInput);
      expect((err as InvalidInput).field).toBe('newPassword');
    }
  });
});

describe('normaliseRoles', () => {
  it('keeps each role once, in the canonical order', () => {
    expect(normaliseRoles(['org_admin', 'learner', 'org_admin', 'assessor'])).toEqual([
      'learner',
      'assessor',
      'org_admin',
    ]);
  });
  it('refuses no roles at all', () => {
    expect(() => normaliseRoles([])).toThrow(InvalidInput);
  });
});

describe('slugify', () => {
  it.each([
    ['Kōwhai District Council', 'kowhai-district-council'],
    ['Tōtara Polytechnic', 'totara-polytechnic'],
    ['  !!!  ', 'organisation'],
    ['A'.repeat(80), 'a'.repeat(48)],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('invitationStatus', () => {
  const base: Invitation = {
    id: 'i',
    organisationId: 'o',
    email: 'a@b.org',
    roles: ['learner'],
    invitedBy: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date('2026-01-15T00:00:00Z'),
    acceptedAt: null,
    revokedAt: null,
  };
  const before = new Date('2026-01-10T00:00:00Z');
  const after = new Date('2026-01-20T00:00:00Z');
  it('is pending until it expires', () => {
    expect(invitationStatus(base, before)).toBe('pending');
    expect(invitationStatus(base, base.expiresAt)).toBe('expired');
    expect(invitationStatus(base, after)).toBe('expired');
  });
  it('stays accepted or revoked after expiry', () => {
    expect(invitationStatus({ ...base, acceptedAt: before }, after)).toBe('accepted');
    expect(invitationStatus({ ...base, revokedAt: before }, after)).toBe('revoked');
  });
});

describe('email retry backoff', () => {
  it('doubles from 30 s and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map(nextAttemptDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(nextAttemptDelayMs(30)).toBe(3_600_000);
  });
});
