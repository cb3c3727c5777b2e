import { describe, expect, it } from 'vitest';
import { checkAchievementContent, type FrameworkLookup } from './achievement-rules.js';
import type { AchievementContent } from './achievements.js';

const frameworks: FrameworkLookup = {
  scaleSize: (id) => (id === 'fw' ? 5 : undefined),
  competencyExists: (id, code) => id === 'fw' && ['RSK-01', 'RSK-02'].includes(code),
};

function content(overrides: Partial<AchievementContent> = {}): AchievementContent {
  return {
    title: 'Risk and Criticality for Infrastructure',
    summary: 'Assess criticality and manage risk.',
    description: '',
    criteriaNarrative: 'Completes a criticality assessment.',
    achievementType: 'MicroCredential',
    code: 'IAM-203',
    competencies: [{ frameworkId: 'fw', code: 'RSK-01', targetLevel: 3 }],
    nzqfLevel: 5,
    credits: 5,
    assessmentMethods: ['workplace project'],
    criteria: [{ id: 'c1', title: 'Criticality', evidenceRequirements: ['A criticality register'] }],
    rplAllowed: false,
    rplEvidence: '',
    tags: ['core_am'],
    language: 'en-NZ',
    badge: { shape: 'hexagon', colour: '#0f766e' },
    nzqa: {},
    ...overrides,
  };
}

const paths = (c: AchievementContent) => checkAchievementContent(c, frameworks).map((i) => i.path);

describe('checkAchievementContent', () => {
  it('accepts a well-formed micro-credential', () => {
    expect(checkAchievementContent(content(), frameworks)).toEqual([]);
  });

  it.each([0, 41, 2.5, -3])('refuses %s credits with the NZQA rule in the message', (credits) => {
    const issues = checkAchievementContent(content({ credits }), frameworks);
    expect(issues.map((i) => i.path)).toEqual(['/credits']);
    expect(issues[0]?.message).toMatch(/1 to 40/);
  });

  it('accepts the credit bounds', () => {
    expect(paths(content({ credits: 1 }))).toEqual([]);
    expect(paths(content({ credits: 40 }))).toEqual([]);
  });

  it.each([0, 11])('refuses NZQF level %s', (nzqfLevel) => {
    expect(paths(content({ nzqfLevel }))).toEqual(['/nzqfLevel']);
  });

  it('refuses a target level outside the framework scale', () => {
    expect(paths(content({ competencies: [{ frameworkId: 'fw', code: 'RSK-01', targetLevel: 6 }] }))).toEqual(
      ['/competencies/0/targetLevel'],
    );
  });

  it('refuses unknown competencies, unknown frameworks and duplicates', () => {
    expect(
      paths(
        content({
          competencies: [
            { frameworkId: 'fw', code: 'NOPE-1', targetLevel: 2 },
            { frameworkId: 'other', code: 'RSK-01', targetLevel: 2 },
            { frameworkId: 'fw', code: 'RSK-02', targetLevel: 2 },
            { frameworkId: 'fw', code: 'rsk-02', targetLevel: 3 },
          ],
        }),
      ),
    ).toEqual([
      '/competencies/0/code',
      '/competencies/1/frameworkId',
      '/competencies/3',
      '/competencies/3/code',
    ]);
  });

  it('needs RPL evidence when RPL is allowed', () => {
    expect(paths(content({ rplAllowed: true }))).toEqual(['/rplEvidence']);
    expect(paths(content({ rplAllowed: true, rplEvidence: 'A recent AM plan' }))).toEqual([]);
  });

  it('checks criteria, badge, NZQA listing and language', () => {
    expect(
      paths(
        content({
          criteria: [{ id: 'c1', title: '', evidenceRequirements: [] }],
          badge: { shape: 'hexagon', colour: 'teal' },
          nzqa: { nzscedCode: '0309', reviewPeriodYears: 5 },
          language: 'English',
        }),
      ),
    ).toEqual([
      '/criteria/0/title',
      '/criteria/0/evidenceRequirements',
      '/language',
      '/badge/colour',
      '/nzqa/nzscedCode',
      '/nzqa/reviewPeriodYears',
    ]);
  });
});
