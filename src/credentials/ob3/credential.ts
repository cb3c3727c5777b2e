/**
 * Open Badges 3.0 credentials in the plain JSON form the 1EdTech schemas check: every 0..*
 * property an array, no nulls, no empty arrays (see the checklist in SOURCES.md).
 */
import { createHash } from 'node:crypto';
import { CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT } from './achievement.js';

export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const ENDORSEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json';

/** `credentialSchema` uses 1EdTechJsonSchemaValidator2019, a term only the extensions context defines. */
export const OB_CONTEXTS = [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT, OB_EXTENSIONS_CONTEXT] as const;

type Json = Record<string, unknown>;

/** RFC 3339 without milliseconds: what `validFrom` and friends look like everywhere else. */
export const dateTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The recipient as a salted SHA-256 of their email (an IdentityObject), so the credential names
 * them without publishing their address. Anyone told the email can check it.
 */
export function hashedEmailIdentity(email: string, salt: string) {
  const hash = createHash('sha256').update(`${email.trim().toLowerCase()}${salt}`, 'utf8').digest('hex');
  return {
    type: 'IdentityObject',
    identityHash: `sha256$${hash}`,
    identityType: 'emailAddress',
    hashed: true,
    salt,
  } as const;
}

/** True when `email` is the one an IdentityObject was made from. */
export function identityMatchesEmail(
  identity: { identityHash: string; salt?: string },
  email: string,
): boolean {
  const [algorithm, hash] = identity.identityHash.split('$', 2);
  if (algorithm !== 'sha256' || hash === undefined) return false;
  const mine = createHash('sha256')
    .update(`${email.trim().toLowerCase()}${identity.salt ?? ''}`, 'utf8')
    .digest('hex');
  return mine === hash.toLowerCase();
}

export interface IssuerProfile {
  /** The DID (or URL) that controls the signing key. */
  id: string;
  name: string;
  /** The stable public profile page. */
  url: string;
  description?: string;
}

export const profileJson = (issuer: IssuerProfile) => ({
  id: issuer.id,
  type: ['Profile'],
  name: issuer.name,
  url: issuer.url,
  ...(issuer.description ? { description: issuer.description } : {}),
});

export interface EvidenceItem {
  id?: string;
  name: string;
  description?: string;
  narrative?: string;
  genre?: string;
}

export interface ResultItem {
  /** A ResultDescription id in the achievement, when there is one. */
  resultDescription?: string;
  value?: string;
  status?: 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew';
  alignment?: { targetName: string; targetUrl: string; targetCode?: string }[];
}

export interface AchievementCredentialInput {
  /** `urn:uuid:…` */
  id: string;
  issuer: IssuerProfile;
  /** buildAchievement's output for the exact version earned. */
  achievement: Json;
  recipient: { did?: string; email: string; salt: string; name?: string };
  awardedDate: Date;
  validFrom: Date;
  validUntil?: Date;
  creditsEarned?: number;
  /** How it was earned: 'assessed', 'rpl' (recognition of prior learning) or 'direct'. */
  route: string;
  evidence: EvidenceItem[];
  results: ResultItem[];
  /** Signed EndorsementCredentials of the achievement version. */
  endorsements: Json[];
  credentialStatus: Json;
  image?: { id: string; caption?: string };
}

/** An unsigned OpenBadgeCredential (AchievementCredential) ready for a proof. */
export function buildAchievementCredential(input: AchievementCredentialInput): Json {
  const name = typeof input.achievement.name === 'string' ? input.achievement.name : 'Achievement';
  const routeNote =
    input.route === 'rpl'
      ? 'Awarded by recognition of prior learning.'
      : input.route === 'assessed'
        ? 'Awarded after assessment.'
        : '';
  return {
    '@context': [...OB_CONTEXTS],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    ...(routeNote ? { description: routeNote } : {}),
    ...(input.image
      ? {
          image: {
            id: input.image.id,
            type: 'Image',
            ...(input.image.caption ? { caption: input.image.caption } : {}),
          },
        }
      : {}),
    issuer: profileJson(input.issuer),
    validFrom: dateTime(input.validFrom),
    ...(input.validUntil ? { validUntil: dateTime(input.validUntil) } : {}),
    awardedDate: dateTime(input.awardedDate),
    credentialSubject: {
      ...(input.recipient.did ? { id: input.recipient.did } : {}),
      type: ['AchievementSubject'],
      identifier: [hashedEmailIdentity(input.recipient.email, input.recipient.salt)],
      achievement: input.achievement,
      ...(input.creditsEarned !== undefined ? { creditsEarned: input.creditsEarned } : {}),
      ...(input.results.length > 0
        ? {
            result: input.results.map((r) => ({
              type: ['Result'],
              ...(r.resultDescription ? { resultDescription: r.resultDescription } : {}),
              ...(r.value ? { value: r.value } : {}),
              ...(r.status ? { status: r.status } : {}),
              ...(r.alignment?.length
                ? { alignment: r.alignment.map((a) => ({ type: ['Alignment'], ...a })) }
                : {}),
            })),
          }
        : {}),
    },
    ...(input.evidence.length > 0
      ? {
          evidence: input.evidence.map((e) => ({
            ...(e.id ? { id: e.id } : {}),
            type: ['Evidence'],
            name: e.name,
            ...(e.description ? { description: e.description } : {}),
            ...(e.narrative ? { narrative: e.narrative } : {}),
            ...(e.genre ? { genre: e.genre } : {}),
          })),
        }
      : {}),
    ...(input.endorsements.length > 0 ? { endorsement: input.endorsements } : {}),
    credentialSchema: [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: input.credentialStatus,
  };
}

export interface EndorsementCredentialInput {
  id: string;
  issuer: IssuerProfile;
  /** The endorsed thing: an Achievement's id (its public OB 3.0 URL). */
  subjectId: string;
  comment: string;
  validFrom: Date;
  name: string;
}

/** A professional body's endorsement of an achievement version, unsigned. */
export function buildEndorsementCredential(input: EndorsementCredentialInput): Json {
  return {
    '@context': [...OB_CONTEXTS],
    id: input.id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: input.name,
    issuer: profileJson(input.issuer),
    validFrom: dateTime(input.validFrom),
    credentialSubject: {
      id: input.subjectId,
      type: ['EndorsementSubject'],
      endorsementComment: input.comment,
    },
    credentialSchema: [{ id: ENDORSEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

/**
 * CLR 2.0 context. It is not bundled (only the OB 3.0 and W3C contexts are), so a ClrCredential is
 * signed as a VC-JWT, which signs the JSON bytes and needs no JSON-LD processing.
 */
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

export interface ClrInput {
  id: string;
  issuer: IssuerProfile;
  learner: { email: string; salt: string; name?: string; did?: string };
  /** The learner's signed AchievementCredentials, as issued. */
  credentials: Json[];
  validFrom: Date;
}

/** A learner's transcript: a ClrCredential bundling their credentials, unsigned. */
export function buildClrCredential(input: ClrInput): Json {
  const who = input.learner.name ?? 'the learner';
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'ClrCredential'],
    name: `Comprehensive Learner Record of ${who}`,
    description: `${input.credentials.length} credential(s) held by ${who}, each signed by its own issuer.`,
    issuer: profileJson(input.issuer),
    validFrom: dateTime(input.validFrom),
    credentialSubject: {
      ...(input.learner.did ? { id: input.learner.did } : {}),
      type: ['ClrSubject'],
      identifier: [hashedEmailIdentity(input.learner.email, input.learner.salt)],
      verifiableCredential: input.credentials,
    },
  };
}
