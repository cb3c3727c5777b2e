import { describe, expect, it } from 'vitest';
import {
  AssessorConflict,
  checkConflictReason,
  findAssessorConflict,
  type ConflictReason,
} from './assessment-conflicts.js';
import { InvalidInput } from './errors.js';

type Input = Parameters<typeof findAssessorConflict>[0];

const clear: Input = {
  assessorId: 'assessor',
  learnerId: 'learner',
  declaredLearnerIds: new Set(['someone-else']),
  forbidOwnStaff: true,
  assessorOrganisationIds: ['org-a', 'org-b'],
  learnerOrganisationIds: ['org-c'],
  decidedThisAttempt: false,
};

describe('findAssessorConflict', () => {
  it('finds none when nothing links the two', () => {
    expect(findAssessorConflict(clear)).toBeNull();
    expect(
      findAssessorConflict({ ...clear, assessorOrganisationIds: [], learnerOrganisationIds: [] }),
    ).toBeNull();
  });

  it('refuses assessing oneself', () => {
    expect(findAssessorConflict({ ...clear, learnerId: 'assessor' })).toBe('self');
  });

  it('honours a declared conflict', () => {
    expect(findAssessorConflict({ ...clear, declaredLearnerIds: new Set(['learner']) })).toBe('declared');
  });

  it('refuses own staff only when the policy forbids it and an organisation is shared', () => {
    const shared = { ...clear, learnerOrganisationIds: ['org-x', 'org-b'] };
    expect(findAssessorConflict(shared)).toBe('own_staff');
    expect(findAssessorConflict({ ...shared, forbidOwnStaff: false })).toBeNull();
    expect(findAssessorConflict({ ...clear, forbidOwnStaff: true })).toBeNull();
  });

  it('refuses a second decision on the same attempt', () => {
    expect(findAssessorConflict({ ...clear, decidedThisAttempt: true })).toBe('already_decided');
  });

  it('checks in order: self, declared, own_staff, already_decided', () => {
    const everything: Input = {
      ...clear,
      learnerId: 'assessor',
      declaredLearnerIds: new Set(['assessor']),
      learnerOrganisationIds: ['org-a'],
      decidedThisAttempt: true,
    };
    expect(findAssessorConflict(everything)).toBe('self');
    const notSelf = { ...everything, learnerId: 'learner', declaredLearnerIds: new Set(['learner']) };
    expect(findAssessorConflict(notSelf)).toBe('declared');
    expect(findAssessorConflict({ ...notSelf, declaredLearnerIds: new Set<string>() })).toBe('own_staff');
    expect(
      findAssessorConflict({ ...notSelf, declaredLearnerIds: new Set<string>(), forbidOwnStaff: false }),
    ).toBe('already_decided');
  });
});

describe('AssessorConflict', () => {
  const reasons: ConflictReason[] = ['self', 'declared', 'own_staff', 'already_decided'];

  it.each(reasons)('explains %s in plain words', (reason) => {
    const err = new AssessorConflict(reason);
    expect(err).toMatchObject({
      kind: 'forbidden',
      slug: 'assessor-conflict',
      title: 'Conflict of interest',
      reason,
    });
    expect(err.detail).toEqual({ reason });
    expect(err.message).toMatch(/^You .+\.$/);
    expect(err.message).not.toContain('_');
  });

  it('says what self means', () => {
    expect(new AssessorConflict('self').message).toBe('You cannot assess your own submission.');
  });
});

describe('checkConflictReason', () => {
  it('trims and keeps 3 to 500 characters', () => {
    expect(checkConflictReason('  My nephew.  ')).toBe('My nephew.');
    expect(checkConflictReason('abc')).toBe('abc');
    expect(checkConflictReason('x'.repeat(500))).toHaveLength(500);
  });

  it.each(['', '  ', 'ab', 'x'.repeat(501)])('refuses %j', (text) => {
    expect(() => checkConflictReason(text)).toThrow(InvalidInput);
    try {
      checkConflictReason(text);
    } catch (err) {
      expect((err as InvalidInput).field).toBe('reason');
    }
  });
});
