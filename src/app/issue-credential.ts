/**
 * Issuing: an award becomes a signed Open Badges 3.0 credential, exactly once per award, however
 * many processes try at the same moment.
 */
import { ANONYMOUS, type Actor } from '../domain/actor.js';
import {
  awardKeyFor,
  checkRecipientEmail,
  validUntilFor,
  type CredentialRecord,
  type CredentialRoute,
} from '../domain/credentials.js';
import { DomainError, NotFound } from '../domain/errors.js';
import { signCredentialForms, signDataIntegrityAs } from '../credentials/issuer.js';
import {
  buildAchievementCredential,
  buildEndorsementCredential,
  type EvidenceItem,
  type ResultItem,
} from '../credentials/ob3/credential.js';
import { statusEntry } from '../credentials/status-list.js';
import { canIssueCredentials } from '../policies/credentials.js';
import { ensure } from '../policies/ensure.js';
import { getAchievementOb3 } from './achievement-ob3.js';
import { recordAudit } from './audit-trail.js';
import { claimStatusSlot } from './credential-status.js';
import { refreshForCredential } from './pathway-progress.js';
import { issuerSigner } from './issuer-keys.js';
import type { Deps } from './ports.js';
import { publicUrls } from './public-urls.js';

export class AchievementNotIssuable extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'achievement-not-issuable';
  readonly title = 'This micro-credential version cannot be awarded';
}

export interface IssueInput {
  /** The micro-credential (its published version is awarded) or one published version's id. */
  achievementId: string;
  recipientEmail: string;
  recipientName?: string;
  /** Names the award (e.g. an assessment decision); by default one award per micro-credential and person. */
  awardId?: string;
  route?: CredentialRoute;
  awardedAt?: Date;
  evidence?: EvidenceItem[];
  results?: ResultItem[];
  /** Renewal: the credential this one replaces; its awardedDate carries over. */
  renewalOf?: string;
  /**
   * The learner was assessed against this exact version (`achievementId` is its id): award it even
   * if a newer version was published meanwhile, since that is what they earned.
   */
  versionEarned?: boolean;
}

/**
 * Signs the endorsements of a version that have no EndorsementCredential yet, as their endorsers,
 * and returns every live one. Endorsing signs at once; issuing calls it again in case an
 * endorsement predates its endorser's keys.
 */
export async function endorsementCredentials(deps: Deps, versionId: string, achievementUrl: string) {
  const endorsements = await deps.store.credentials.endorsementsToEmbed(versionId);
  const signed: Record<string, unknown>[] = [];
  for (const e of endorsements) {
    if (e.credential) {
      signed.push(e.credential);
      continue;
    }
    const endorser = await issuerSigner(deps, e.organisation.id);
    const body = buildEndorsementCredential({
      id: `urn:uuid:${e.id}`,
      issuer: {
        id: endorser.ed25519.did,
        name: e.organisation.name,
        url: publicUrls(deps.config.publicUrl).issuerPage(e.organisation.id),
      },
      subjectId: achievementUrl,
      comment: e.statement,
      validFrom: e.at,
      name: `Endorsement by ${e.organisation.name}`,
    });
    const credential = await signDataIntegrityAs(body, endorser.ed25519, deps.clock.now());
    await deps.store.credentials.saveEndorsementCredential(e.id, credential);
    // Another process may have signed it first; embed whichever was stored.
    const stored = (await deps.store.credentials.endorsementsToEmbed(versionId)).find((x) => x.id === e.id);
    signed.push(stored?.credential ?? credential);
  }
  return signed;
}

/**
 * Issues the credential for an award, or returns the one already issued for it (`created: false`).
 * `actor` undefined: the operator, from the command line.
 * @throws NotFound, NotAllowed, InvalidInput, AchievementNotIssuable
 */
export async function issueCredential(
  deps: Deps,
  actor: Actor | undefined,
  input: IssueInput,
): Promise<{ credential: CredentialRecord; created: boolean }> {
  const { detail, achievement } = await getAchievementOb3(deps, ANONYMOUS, input.achievementId);
  const organisationId = detail.achievement.owner.id;
  if (actor)
    ensure(
      canIssueCredentials(actor, organisationId),
      actor,
      `issue credentials for ${detail.achievement.owner.name}`,
    );
  const awardable =
    detail.version.status === 'published' ||
    (input.versionEarned === true && detail.version.status === 'superseded');
  if (!awardable) {
    throw new AchievementNotIssuable(
      `Version ${detail.version.version} of "${detail.version.content.title}" is ${detail.version.status}; ` +
        'only the published version is awarded.',
      { versionId: detail.version.id, status: detail.version.status },
    );
  }
  const email = checkRecipientEmail(input.recipientEmail);
  const awardKey = awardKeyFor({
    awardId: input.awardId,
    achievementId: detail.achievement.id,
    recipientEmail: email,
  });
  const existing = await deps.store.credentials.findByAwardKey(awardKey);
  if (existing) return { credential: existing, created: false };

  let renewed: CredentialRecord | undefined;
  if (input.renewalOf !== undefined) {
    renewed = await deps.store.credentials.findById(input.renewalOf);
    if (!renewed || renewed.achievementId !== detail.achievement.id || renewed.recipientEmail !== email) {
      throw new NotFound('credential to renew', input.renewalOf);
    }
  }

  const signer = await issuerSigner(deps, organisationId);
  const urls = publicUrls(deps.config.publicUrl);
  const endorsements = await endorsementCredentials(
    deps,
    detail.version.id,
    urls.achievement(detail.version.id),
  );
  const recipient = await deps.store.credentials.findRecipient(email);
  const now = deps.clock.now();
  const awardedAt = renewed?.awardedAt ?? input.awardedAt ?? now;
  const validFrom = now;
  const validUntil = validUntilFor(validFrom, detail.version.content.validityDays);
  const route = input.route ?? 'direct';
  const id = deps.secrets.uuid();

  const inserted = await deps.store.transaction(async (store) => {
    const slot = await claimStatusSlot(deps, store, signer);
    const body = buildAchievementCredential({
      id: `urn:uuid:${id}`,
      issuer: {
        id: signer.ed25519.did,
        name: signer.organisation.name,
        url: urls.issuerPage(organisationId),
      },
      achievement,
      recipient: {
        email,
        salt: deps.secrets.randomId(16),
        ...(recipient?.did ? { did: recipient.did } : {}),
      },
      awardedDate: awardedAt,
      validFrom,
      ...(validUntil ? { validUntil } : {}),
      creditsEarned: detail.version.content.credits,
      route,
      evidence: input.evidence ?? [],
      results: input.results ?? [],
      endorsements,
      credentialStatus: statusEntry({
        listUrl: urls.statusList(slot.statusListId, 'revocation'),
        index: slot.index,
        purpose: 'revocation',
      }) as unknown as Record<string, unknown>,
      image: {
        id: urls.image(detail.version.id),
        caption: `${detail.version.content.code} ${detail.version.content.title}`,
      },
    });
    const forms = await signCredentialForms(body, signer, now);
    const ok = await store.credentials.insert({
      id,
      awardKey,
      organisationId,
      achievementId: detail.achievement.id,
      versionId: detail.version.id,
      recipientEmail: email,
      recipientUserId: recipient?.userId ?? null,
      recipientName: input.recipientName?.trim() || recipient?.name || null,
      route,
      statusListId: slot.statusListId,
      statusIndex: slot.index,
      document: forms.document,
      jwtEdDsa: forms.jwtEdDsa,
      jwtEs256: forms.jwtEs256,
      signingKeyId: signer.ed25519.keyId,
      awardedAt,
      validFrom,
      validUntil,
      issuedAt: now,
      issuedBy: actor?.kind === 'user' ? actor.user.id : null,
      renewalOf: renewed?.id ?? null,
    });
    // Someone issued the same award meanwhile: give the index back and answer with theirs.
    if (!ok) await store.credentials.releaseStatusIndex(slot.statusListId, slot.index);
    else
      await recordAudit(deps, store, {
        kind: 'credential_issued',
        actor: actor ?? null,
        ...(input.awardId?.startsWith('submission:')
          ? { actorLabel: 'Cairn (after a competent decision)' }
          : {}),
        organisationId,
        subjectType: 'credential',
        subjectId: id,
        detail: { versionId: detail.version.id, route, awardKey },
      });
    return ok;
  });
  const credential = await deps.store.credentials.findByAwardKey(awardKey);
  if (!credential) throw new Error(`credential for award ${awardKey} not found after issuing`);
  // The holder's pathways move on (and a completed one issues its stacked credential).
  if (inserted) await refreshForCredential(deps, credential);
  return { credential, created: inserted };
}

/**
 * The signed EndorsementCredential of a live endorsement (public: it is embedded in every credential
 * of that version). @throws NotFound
 */
export async function getEndorsementCredential(deps: Deps, endorsementId: string) {
  const credential = await deps.store.credentials.findEndorsementCredential(endorsementId);
  if (!credential) throw new NotFound('endorsement credential', endorsementId);
  return credential;
}
