import { describe, expect, it } from 'vitest';
import {
  SUBMISSION_STATES,
  type RubricRow,
  type SubmissionAction,
  type SubmissionState,
} from './assessment.js';
import { InvalidFields, InvalidInput } from './errors.js';
import {
  allowedSubmissionActions,
  appealDeadline,
  AppealWindowClosed,
  checkAppealGrounds,
  checkCriterion,
  checkDecisionFeedback,
  checkEvidenceLink,
  checkEvidenceText,
  checkRubric,
  checkSupervisor,
  ensureAppealOpen,
  ensureComplete,
  isFinalSubmissionState,
  missingEvidence,
  nextSubmissionState,
  SUBMISSION_ACTIONS,
  SubmissionIncomplete,
  SubmissionStateConflict,
} from './submission-workflow.js';

/** The brief's table, written out independently of the implementation's. */
const ALLOWED: Record<SubmissionAction, Partial<Record<SubmissionState, SubmissionState>>> = {
  submit: { draft: 'submitted' },
  withdraw: { draft: 'withdrawn', submitted: 'withdrawn' },
  decide_competent: { submitted: 'competent' },
  decide_not_yet_competent: { submitted: 'not_yet_competent' },
  moderation_confirm: {
    awaiting_moderation: 'competent',
    competent: 'competent',
    not_yet_competent: 'not_yet_competent',
  },
  moderation_overturn: {
    awaiting_moderation: 'not_yet_competent',
    competent: 'not_yet_competent',
    not_yet_competent: 'competent',
  },
  resubmit: { not_yet_competent: 'draft' },
  appeal: { not_yet_competent: 'appealed' },
  appeal_upheld: { appealed: 'competent' },
  appeal_dismissed: { appealed: 'not_yet_competent' },
};

/** Catches the thrown error so a test can look at more than its class. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** expect.stringContaining, typed as the string it stands for. */
const containing = (text: string): string => expect.stringContaining(text) as string;

function fieldErrors(fn: () => unknown): { path: string; message: string }[] {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(InvalidFields);
  return [...(err as InvalidFields).errors];
}

describe('submission state machine', () => {
  const cases = SUBMISSION_STATES.flatMap((state) =>
    SUBMISSION_ACTIONS.map((action) => [state, action] as const),
  );

  it('covers every state and action', () => {
    expect(cases).toHaveLength(7 * 10);
  });

  it.each(cases)('from %s, %s', (state, action) => {
    const expected = ALLOWED[action][state];
    if (expected) {
      expect(nextSubmissionState(state, action)).toBe(expected);
    } else {
      const err = thrown(() => nextSubmissionState(state, action));
      expect(err).toBeInstanceOf(SubmissionStateConflict);
      expect((err as SubmissionStateConflict).detail).toEqual({ submissionState: state, action });
    }
  });

  it.each(cases)('holding for moderation, from %s, %s', (state, action) => {
    const expected =
      action === 'decide_competent' && state === 'submitted' ? 'awaiting_moderation' : ALLOWED[action][state];
    if (expected) {
      expect(nextSubmissionState(state, action, { holdForModeration: true })).toBe(expected);
    } else {
      expect(() => nextSubmissionState(state, action, { holdForModeration: true })).toThrow(
        SubmissionStateConflict,
      );
    }
  });

  it('takes effect at once when not held', () => {
    expect(nextSubmissionState('submitted', 'decide_competent', { holdForModeration: false })).toBe(
      'competent',
    );
    expect(nextSubmissionState('submitted', 'decide_competent', {})).toBe('competent');
  });

  it('says in plain words what was refused', () => {
    const err = thrown(() =>
      nextSubmissionState('awaiting_moderation', 'withdraw'),
    ) as SubmissionStateConflict;
    expect(err.message).toBe('A submission that is awaiting moderation cannot be withdrawn.');
    expect(err).toMatchObject({
      kind: 'conflict',
      slug: 'submission-state-conflict',
      title: 'The submission is not in a state that allows this',
    });
    expect(() => nextSubmissionState('withdrawn', 'submit')).toThrow(
      'A submission that is withdrawn cannot be submitted.',
    );
    expect(() => nextSubmissionState('draft', 'appeal')).toThrow(
      'A submission that is still a draft cannot be appealed.',
    );
  });

  it.each(SUBMISSION_STATES)('lists exactly the allowed actions from %s', (state) => {
    const expected = SUBMISSION_ACTIONS.filter((a) => ALLOWED[a][state] !== undefined);
    expect(allowedSubmissionActions(state)).toEqual(expected);
  });

  it('leaves withdrawn as the only dead end', () => {
    expect(SUBMISSION_STATES.filter(isFinalSubmissionState)).toEqual(['withdrawn']);
  });
});

describe('checkRubric', () => {
  const criteria = [
    { id: 'c1', title: 'Plans the work' },
    { id: 'c2', title: 'Works safely' },
    { id: 'c3', title: 'Reports back' },
  ];
  const row = (criterionId: string, met = true, feedback = ''): RubricRow => ({ criterionId, met, feedback });

  it('returns rows in the criteria order with trimmed feedback', () => {
    const out = checkRubric(
      criteria,
      [row('c3', true, '  good  '), row('c1'), row('c2', true, '\nok\n')],
      'competent',
    );
    expect(out).toEqual([row('c1', true, ''), row('c2', true, 'ok'), row('c3', true, 'good')]);
  });

  it('accepts a not-yet-competent decision with feedback on each unmet criterion', () => {
    const out = checkRubric(
      criteria,
      [row('c1'), row('c2', false, ' Wear gloves. '), row('c3', false, 'Send the report.')],
      'not_yet_competent',
    );
    expect(out.map((r) => r.feedback)).toEqual(['', 'Wear gloves.', 'Send the report.']);
  });

  it('names an unknown criterion by its row', () => {
    const errors = fieldErrors(() =>
      checkRubric(criteria, [row('c1'), row('c2'), row('c3'), row('c9')], 'competent'),
    );
    expect(errors).toEqual([{ path: '/rubric/3/criterionId', message: 'No criterion c9 in this version.' }]);
  });

  it('refuses a criterion judged twice', () => {
    const errors = fieldErrors(() =>
      checkRubric(criteria, [row('c1'), row('c2'), row('c1', false, 'x'), row('c3')], 'competent'),
    );
    expect(errors).toEqual([
      {
        path: '/rubric/2/criterionId',
        message: containing('“Plans the work” is judged more than once'),
      },
    ]);
  });

  it('needs a row for every criterion', () => {
    const errors = fieldErrors(() => checkRubric(criteria, [row('c2')], 'competent'));
    expect(errors.map((e) => e.path)).toEqual(['/rubric', '/rubric']);
    expect(errors[0]!.message).toContain('“Plans the work”');
    expect(errors[1]!.message).toContain('“Reports back”');
    expect(fieldErrors(() => checkRubric(criteria, [], 'not_yet_competent'))).toHaveLength(3);
  });

  it('refuses a competent outcome with a criterion not met', () => {
    const errors = fieldErrors(() =>
      checkRubric(criteria, [row('c1'), row('c2', false, 'Wear gloves.'), row('c3')], 'competent'),
    );
    expect(errors).toEqual([{ path: '/rubric/1/met', message: containing('“Works safely” is not') }]);
  });

  it('needs feedback on a criterion not met', () => {
    const errors = fieldErrors(() =>
      checkRubric(criteria, [row('c1'), row('c2', false, '   '), row('c3')], 'not_yet_competent'),
    );
    expect(errors).toEqual([{ path: '/rubric/1/feedback', message: containing('“Works safely”') }]);
  });

  it('limits feedback to 4000 characters', () => {
    expect(
      checkRubric(criteria, [row('c1', true, 'x'.repeat(4000)), row('c2'), row('c3')], 'competent')[0]!
        .feedback,
    ).toHaveLength(4000);
    const errors = fieldErrors(() =>
      checkRubric(criteria, [row('c1', true, 'x'.repeat(4001)), row('c2'), row('c3')], 'competent'),
    );
    expect(errors).toEqual([{ path: '/rubric/0/feedback', message: containing('4000 characters') }]);
  });

  it('lists every problem at once', () => {
    const errors = fieldErrors(() =>
      checkRubric(
        criteria,
        [row('c9'), row('c1', false, ''), row('c1'), row('c2', true, 'y'.repeat(4001))],
        'competent',
      ),
    );
    expect(errors.map((e) => e.path)).toEqual([
      '/rubric/0/criterionId',
      '/rubric/1/met',
      '/rubric/1/feedback',
      '/rubric/2/criterionId',
      '/rubric/3/feedback',
      '/rubric',
    ]);
  });
});

describe('checkDecisionFeedback', () => {
  it('trims and keeps 3 to 8000 characters', () => {
    expect(checkDecisionFeedback('  Well done.  ')).toBe('Well done.');
    expect(checkDecisionFeedback('abc')).toBe('abc');
    expect(checkDecisionFeedback('a'.repeat(8000))).toHaveLength(8000);
  });

  it.each(['', '   ', 'ab', ' ab ', 'a'.repeat(8001)])('refuses %j', (text) => {
    const err = thrown(() => checkDecisionFeedback(text));
    expect(err).toBeInstanceOf(InvalidInput);
    expect((err as InvalidInput).field).toBe('feedback');
  });
});

describe('evidence completeness', () => {
  const criteria = [
    { id: 'c1', title: 'Plans the work' },
    { id: 'c2', title: 'Works safely' },
    { id: 'c3', title: 'Reports back' },
  ];

  it('counts text, links and files', () => {
    expect(
      missingEvidence(criteria, [
        { criterionId: 'c1', kind: 'text' },
        { criterionId: 'c2', kind: 'link' },
        { criterionId: 'c3', kind: 'file' },
      ]),
    ).toEqual([]);
  });

  it('counts an attestation only once confirmed', () => {
    const attestation = (attestationState?: 'requested' | 'confirmed' | 'declined') => ({
      criterionId: 'c2',
      kind: 'attestation' as const,
      ...(attestationState ? { attestationState } : {}),
    });
    const others = [
      { criterionId: 'c1', kind: 'text' as const },
      { criterionId: 'c3', kind: 'file' as const },
    ];
    expect(missingEvidence(criteria, [...others, attestation('requested')])).toEqual([criteria[1]]);
    expect(missingEvidence(criteria, [...others, attestation('declined')])).toEqual([criteria[1]]);
    expect(missingEvidence(criteria, [...others, attestation()])).toEqual([criteria[1]]);
    expect(missingEvidence(criteria, [...others, attestation('declined'), attestation('confirmed')])).toEqual(
      [],
    );
  });

  it('lists missing criteria in order and ignores evidence for unknown ones', () => {
    expect(
      missingEvidence(criteria, [
        { criterionId: 'c9', kind: 'text' },
        { criterionId: 'c2', kind: 'text' },
      ]),
    ).toEqual([criteria[0], criteria[2]]);
  });

  it('ensureComplete names what is missing', () => {
    expect(() => {
      ensureComplete(
        criteria,
        criteria.map((c) => ({ criterionId: c.id, kind: 'text' as const })),
      );
    }).not.toThrow();
    const err = thrown(() => {
      ensureComplete(criteria, [{ criterionId: 'c2', kind: 'file' }]);
    }) as SubmissionIncomplete;
    expect(err).toBeInstanceOf(SubmissionIncomplete);
    expect(err).toMatchObject({ kind: 'invalid', slug: 'submission-incomplete' });
    expect(err.message).toContain('“Plans the work”, “Reports back”');
    expect(err.detail).toEqual({ missingCriterionIds: 'c1,c3' });
    expect(err.extensions).toEqual({ missingCriteria: [criteria[0], criteria[2]] });
  });
});

describe('appeal window', () => {
  const decidedAt = new Date('2025-03-01T10:00:00Z');

  it('closes windowDays × 24 h after the decision', () => {
    expect(appealDeadline(decidedAt, 28).toISOString()).toBe('2025-03-29T10:00:00.000Z');
    expect(appealDeadline(decidedAt, 0)).toEqual(decidedAt);
  });

  it('is open until just before the deadline', () => {
    expect(() => {
      ensureAppealOpen(decidedAt, 28, decidedAt);
    }).not.toThrow();
    expect(() => {
      ensureAppealOpen(decidedAt, 28, new Date('2025-03-29T09:59:59.999Z'));
    }).not.toThrow();
  });

  it('is closed from the deadline on', () => {
    const err = thrown(() => {
      ensureAppealOpen(decidedAt, 28, new Date('2025-03-29T10:00:00Z'));
    }) as AppealWindowClosed;
    expect(err).toBeInstanceOf(AppealWindowClosed);
    expect(err).toMatchObject({ kind: 'conflict', slug: 'appeal-window-closed' });
    expect(err.message).toContain('28 days');
    expect(err.detail).toEqual({ appealDeadline: '2025-03-29T10:00:00.000Z', appealWindowDays: 28 });
    expect(() => {
      ensureAppealOpen(decidedAt, 28, new Date('2026-01-01T00:00:00Z'));
    }).toThrow(AppealWindowClosed);
  });

  it('never opens with a zero-day window', () => {
    expect(() => {
      ensureAppealOpen(decidedAt, 0, decidedAt);
    }).toThrow('does not accept appeals');
  });
});

describe('input checks', () => {
  const fieldOf = (fn: () => unknown): string => {
    const err = thrown(fn);
    expect(err).toBeInstanceOf(InvalidInput);
    return (err as InvalidInput).field;
  };

  it('checkEvidenceText keeps 1 to 20000 characters', () => {
    expect(checkEvidenceText('  I did it.\n')).toBe('I did it.');
    expect(checkEvidenceText('x'.repeat(20_000))).toHaveLength(20_000);
    expect(fieldOf(() => checkEvidenceText(' \n '))).toBe('text');
    expect(fieldOf(() => checkEvidenceText('x'.repeat(20_001)))).toBe('text');
  });

  it.each(['https://example.org/portfolio', 'http://example.org/a?b=c#d', ' https://EXAMPLE.org '])(
    'checkEvidenceLink accepts %j',
    (url) => {
      expect(checkEvidenceLink(url)).toBe(url.trim());
    },
  );

  it.each([
    '',
    'example.org',
    '/relative/path',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    'ftp://example.org/file',
    'https://user:secret@example.org/',
    'https:example.org',
    `https://example.org/${'a'.repeat(2000)}`,
  ])('checkEvidenceLink refuses %j', (url) => {
    expect(fieldOf(() => checkEvidenceLink(url))).toBe('url');
  });

  it('checkCriterion knows the version’s criteria', () => {
    expect(() => {
      checkCriterion([{ id: 'c1' }], 'c1');
    }).not.toThrow();
    expect(
      fieldOf(() => {
        checkCriterion([{ id: 'c1' }], 'c9');
      }),
    ).toBe('criterionId');
    expect(() => {
      checkCriterion([{ id: 'c1' }], 'c9');
    }).toThrow('No criterion c9 in this version.');
  });

  it('checkAppealGrounds keeps 10 to 8000 characters', () => {
    expect(checkAppealGrounds('  The assessor missed my video.  ')).toBe('The assessor missed my video.');
    expect(checkAppealGrounds('x'.repeat(10))).toHaveLength(10);
    expect(checkAppealGrounds('x'.repeat(8000))).toHaveLength(8000);
    expect(fieldOf(() => checkAppealGrounds('too short'))).toBe('grounds');
    expect(fieldOf(() => checkAppealGrounds('x'.repeat(8001)))).toBe('grounds');
  });

  it('checkSupervisor normalises the email and the name', () => {
    expect(checkSupervisor({ email: '  Kiri.Smith@Example.ORG ', name: '  Kiri   Smith ' })).toEqual({
      email: 'kiri.smith@example.org',
      name: 'Kiri Smith',
    });
    expect(checkSupervisor({ email: 'a@b.co', name: 'x'.repeat(200) }).name).toHaveLength(200);
  });

  it('checkSupervisor marks each bad field', () => {
    expect(
      fieldErrors(() => checkSupervisor({ email: 'not an email', name: '' })).map((e) => e.path),
    ).toEqual(['/supervisorEmail', '/supervisorName']);
    expect(
      fieldErrors(() => checkSupervisor({ email: 'a@b.co', name: 'x'.repeat(201) })).map((e) => e.path),
    ).toEqual(['/supervisorName']);
    expect(
      fieldErrors(() => checkSupervisor({ email: 'a@b.co', name: 'Kiri\u0000' })).map((e) => e.path),
    ).toEqual(['/supervisorName']);
  });
});
