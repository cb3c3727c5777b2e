import { describe, expect, it } from 'vitest';
import { VERSION_STATUSES, type VersionStatus } from './achievements.js';
import {
  canonicalJson,
  isEditable,
  missingSignOffKinds,
  nextStatus,
  requiredSignOffKinds,
  TransitionNotAllowed,
  WORKFLOW_ACTIONS,
  type SignOff,
  type WorkflowAction,
} from './version-workflow.js';

const ALLOWED: Record<WorkflowAction, Partial<Record<VersionStatus, VersionStatus>>> = {
  submit: { draft: 'in_review' },
  return_to_draft: { in_review: 'draft' },
  publish: { in_review: 'published' },
  retire: { published: 'retired' },
};

describe('version workflow', () => {
  const cases = WORKFLOW_ACTIONS.flatMap((action) =>
    VERSION_STATUSES.map((status) => [action, status] as const),
  );

  it.each(cases)('%s from %s', (action, status) => {
    const expected = ALLOWED[action][status];
    if (expected) {
      expect(nextStatus(status, action)).toBe(expected);
    } else {
      expect(() => nextStatus(status, action)).toThrow(TransitionNotAllowed);
    }
  });

  it('keeps published, superseded and retired versions immutable', () => {
    expect(VERSION_STATUSES.filter(isEditable)).toEqual(['draft', 'in_review']);
  });
});

describe('sign-offs', () => {
  const signOff = (kind: SignOff['organisationKind'], contentHash = 'h1'): SignOff => ({
    userId: 'u',
    organisationId: 'o',
    organisationKind: kind,
    contentHash,
    at: new Date(0),
  });
  const required = ['employer', 'education_provider'] as const;

  it('needs one sign-off of each required kind', () => {
    expect(missingSignOffKinds(required, [], 'h1')).toEqual(['employer', 'education_provider']);
    expect(missingSignOffKinds(required, [signOff('employer')], 'h1')).toEqual(['education_provider']);
    expect(missingSignOffKinds(required, [signOff('employer'), signOff('education_provider')], 'h1')).toEqual(
      [],
    );
  });

  it('ignores sign-offs on earlier content', () => {
    expect(
      missingSignOffKinds(required, [signOff('employer', 'old'), signOff('education_provider')], 'h1'),
    ).toEqual(['employer']);
  });

  it('falls back to an employer and an education provider when the owner chose none', () => {
    expect(requiredSignOffKinds([])).toEqual(['employer', 'education_provider']);
    expect(requiredSignOffKinds(['professional_body'])).toEqual(['professional_body']);
  });

  it('counts a sign-off only for its own kind', () => {
    expect(missingSignOffKinds(required, [signOff('professional_body'), signOff('employer')], 'h1')).toEqual([
      'education_provider',
    ]);
  });
});

describe('canonicalJson', () => {
  it('is independent of key order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: 'x' }] })).toBe(
      canonicalJson({ a: [{ e: 'x', d: 2 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
