import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { AchievementContent } from '../../domain/achievements.js';
import { buildAchievement, type PublicUrls } from './achievement.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, 'schemas/ob_v3p0_achievementcredential_schema.json'), 'utf8'),
) as { $defs: Record<string, unknown> };

/** The official Achievement definition, validated on its own. */
function validateAchievement(value: unknown) {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile({ $defs: schema.$defs, $ref: '#/$defs/Achievement' });
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const urls: PublicUrls = {
  achievement: (id) => `https://cairn.example/api/v1/achievements/${id}`,
  image: (id) => `https://cairn.example/api/v1/achievement-versions/${id}/image`,
  profile: (id) => `https://cairn.example/api/v1/issuers/${id}`,
  competency: (fw, code) => `https://cairn.example/frameworks/${fw}#${code}`,
  criteria: (id) => `https://cairn.example/catalogue/${id}#criteria`,
};

const content: AchievementContent = {
  title: 'Risk and Criticality for Infrastructure',
  summary: 'Assess criticality and manage risk.',
  description: '',
  criteriaNarrative: 'Completes a criticality assessment.',
  achievementType: 'MicroCredential',
  code: 'IAM-203',
  competencies: [{ frameworkId: 'fw', code: 'RSK-01', targetLevel: 3 }],
  nzqfLevel: 5,
  credits: 5,
  assessmentMethods: ['Workplace project'],
  criteria: [{ id: 'c1', title: 'Criticality', evidenceRequirements: ['A criticality register'] }],
  rplAllowed: false,
  rplEvidence: '',
  tags: ['core_am'],
  language: 'en-NZ',
  badge: { shape: 'hexagon', colour: '#0f766e' },
  nzqa: { nzscedCode: '030999' },
};

describe('buildAchievement', () => {
  const built = buildAchievement(
    {
      versionId: 'v2',
      version: '1.1.0',
      content,
      creator: { id: 'org', name: 'IAMSA' },
      competencies: [
        {
          code: 'RSK-01',
          name: 'Asset criticality',
          frameworkId: 'fw',
          frameworkTitle: 'IAM',
          targetLevel: 3,
        },
      ],
      otherVersions: [{ versionId: 'v1', version: '1.0.0' }],
    },
    urls,
  );

  it('is a valid Open Badges 3.0 Achievement by the official JSON Schema', () => {
    expect(validateAchievement(built)).toEqual([]);
  });

  it('names the exact version and links the others through related', () => {
    expect(built.version).toBe('1.1.0');
    expect(built.id).toBe(urls.achievement('v2'));
    expect(built.related).toEqual([{ id: urls.achievement('v1'), type: ['Related'], version: '1.0.0' }]);
  });

  it('aligns each competency and keeps the NZQA facts', () => {
    expect(built.alignment?.[0]).toMatchObject({ targetCode: 'RSK-01', targetFramework: 'IAM' });
    expect(built.creditsAvailable).toBe(5);
    expect(built.fieldOfStudy).toBe('NZSCED 030999');
  });

  it('marks unknown achievement types as extensions so validators accept them', () => {
    const other = buildAchievement(
      {
        versionId: 'v',
        version: '1.0.0',
        content: { ...content, achievementType: 'Micro' },
        creator: { id: 'o', name: 'O' },
        competencies: [],
        otherVersions: [],
      },
      urls,
    );
    expect(other.achievementType).toBe('ext:Micro');
    expect(validateAchievement(other)).toEqual([]);
  });

  it('is refused by the schema when a required field is missing (the check can fail)', () => {
    const { criteria: _c, ...withoutCriteria } = built;
    expect(validateAchievement(withoutCriteria).join()).toMatch(/criteria/);
  });
});
