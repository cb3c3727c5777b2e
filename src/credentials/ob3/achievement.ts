import type { AchievementContent } from '../../domain/achievements.js';

export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const OB_ACHIEVEMENT_TYPES = new Set([
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
]);

export interface AchievementSource {
  versionId: string;
  version: string;
  content: AchievementContent;
  /** The organisation that owns (and issues) the micro-credential. */
  creator: { id: string; name: string };
  /** Aligned competencies resolved to names, in content order. */
  competencies: {
    code: string;
    name: string;
    frameworkId: string;
    frameworkTitle: string;
    targetLevel: number;
  }[];
  /** The other versions of the same micro-credential. */
  otherVersions: { versionId: string; version: string }[];
  /** For a stacked credential: the micro-credentials it stacks, linked so a verifier sees what it stands for. */
  components?: { versionId: string; code: string; title: string }[];
}

/** Where things live on this server; credentials carry absolute URLs. */
export interface PublicUrls {
  achievement(versionId: string): string;
  image(versionId: string): string;
  profile(organisationId: string): string;
  competency(frameworkId: string, code: string): string;
  criteria(versionId: string): string;
}

/**
 * One micro-credential version as an Open Badges 3.0 Achievement, in the plain JSON form: every
 * 0..* property is an array and empty values are left out. Versions link each other through
 * `related`, so a credential for an earlier version still says what came after it.
 */
export function buildAchievement(src: AchievementSource, urls: PublicUrls) {
  const c = src.content;
  const type =
    c.achievementType.startsWith('ext:') || OB_ACHIEVEMENT_TYPES.has(c.achievementType)
      ? c.achievementType
      : `ext:${c.achievementType}`;
  const criteria = [
    c.criteriaNarrative,
    ...c.criteria.map((cr) => `**${cr.title}**\n${cr.evidenceRequirements.map((e) => `- ${e}`).join('\n')}`),
  ].join('\n\n');
  return {
    id: urls.achievement(src.versionId),
    type: ['Achievement'],
    name: c.title,
    description: c.description.trim() === '' ? c.summary : `${c.summary}\n\n${c.description}`,
    criteria: { id: urls.criteria(src.versionId), narrative: criteria },
    achievementType: type,
    humanCode: c.code,
    version: src.version,
    creditsAvailable: c.credits,
    inLanguage: c.language,
    image: { id: urls.image(src.versionId), type: 'Image', caption: `${c.code} ${c.title} badge` },
    creator: { id: urls.profile(src.creator.id), type: ['Profile'], name: src.creator.name },
    ...(c.tags.length > 0 ? { tag: c.tags } : {}),
    ...(src.competencies.length > 0 || (src.components?.length ?? 0) > 0
      ? {
          alignment: [
            ...src.competencies.map((k) => ({
              type: ['Alignment'],
              targetName: `${k.code} ${k.name} (level ${k.targetLevel})`,
              targetUrl: urls.competency(k.frameworkId, k.code),
              targetCode: k.code,
              targetFramework: k.frameworkTitle,
              targetDescription: `Target proficiency level ${k.targetLevel}.`,
            })),
            ...(src.components ?? []).map((m) => ({
              type: ['Alignment'],
              targetName: `${m.code} ${m.title}`,
              targetUrl: urls.achievement(m.versionId),
              targetCode: m.code,
              targetType: 'ext:MicroCredential',
              targetDescription: 'A micro-credential this stacked credential is made of.',
            })),
          ],
        }
      : {}),
    ...(src.otherVersions.length > 0
      ? {
          related: src.otherVersions.map((v) => ({
            id: urls.achievement(v.versionId),
            type: ['Related'],
            version: v.version,
          })),
        }
      : {}),
    ...(c.nzqa.nzscedCode ? { fieldOfStudy: `NZSCED ${c.nzqa.nzscedCode}` } : {}),
    otherIdentifier: [
      { type: 'IdentifierEntry', identifier: `NZQF level ${c.nzqfLevel}`, identifierType: 'ext:NZQFLevel' },
    ],
  };
}
