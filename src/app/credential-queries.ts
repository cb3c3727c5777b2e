/** Reading issued credentials: the holder's wallet, the issuer's register, the public page, downloads. */
import type { Actor } from '../domain/actor.js';
import { credentialState, type CredentialRecord } from '../domain/credentials.js';
import { NotFound, SignInRequired } from '../domain/errors.js';
import { ensure } from '../policies/ensure.js';
import { bakePng, bakeSvg } from '../credentials/bake.js';
import { renderSvgToPng } from '../credentials/render-png.js';
import {
  canChangeCredentialStatus,
  canListIssuedCredentials,
  canSeeCredentialRecord,
  isCredentialHolder,
} from '../policies/credentials.js';
import { badgeImage } from './badge-images.js';
import type { Deps } from './ports.js';

export type CredentialFormat = 'json' | 'jwt' | 'jwt-es256' | 'png' | 'svg';

/** What anyone may see of a credential: its public page shows this, never the recipient's email. */
export function publicView(c: CredentialRecord, now: Date) {
  return {
    id: c.id,
    title: c.title,
    achievementId: c.achievementId,
    versionId: c.versionId,
    issuer: c.organisation,
    recipientName: c.recipientName,
    route: c.route,
    awardedAt: c.awardedAt,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    issuedAt: c.issuedAt,
    state: credentialState(c, now),
    revocationReason: c.revocationReason,
    suspensionReason: c.suspensionReason,
    public: c.public,
    renewalOf: c.renewalOf,
  };
}

async function find(deps: Deps, id: string) {
  const c = await deps.store.credentials.findById(id);
  if (!c) throw new NotFound('credential', id);
  return c;
}

/**
 * One credential: the public view for anyone while it is public, plus the record (recipient
 * email, status history) for its holder and its issuer's staff. A private credential is
 * not found for everyone else.
 */
export async function getCredential(deps: Deps, actor: Actor, id: string) {
  const c = await find(deps, id);
  const insider = canSeeCredentialRecord(actor, {
    organisationId: c.organisation.id,
    recipientEmail: c.recipientEmail,
    recipientUserId: c.recipientUserId,
  });
  if (!c.public && !insider) throw new NotFound('credential', id);
  const view = publicView(c, deps.clock.now());
  if (!insider) return { ...view, record: undefined, credential: c.document };
  return {
    ...view,
    credential: c.document,
    record: {
      recipientEmail: c.recipientEmail,
      statusListId: c.statusListId,
      statusIndex: c.statusIndex,
      history: await deps.store.credentials.statusChanges(c.id),
      isHolder: isCredentialHolder(actor, c),
      canChangeStatus: canChangeCredentialStatus(actor, c.organisation.id),
    },
  };
}

/** A credential's public view, or undefined when there is none to show (unknown or private). */
export async function findPublicCredential(deps: Deps, id: string) {
  const c = await deps.store.credentials.findById(id);
  return c?.public ? publicView(c, deps.clock.now()) : undefined;
}

/** The signed-in person's wallet: everything awarded to their email or account. */
export async function listMyCredentials(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') throw new SignInRequired();
  const found = await deps.store.credentials.listForRecipient({
    email: actor.user.email,
    userId: actor.user.id,
  });
  const now = deps.clock.now();
  return found.map((c) => publicView(c, now));
}

export async function listIssuedCredentials(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  page: { limit: number; offset: number },
) {
  ensure(canListIssuedCredentials(actor, organisationId), actor, "list this organisation's credentials");
  const { items, total } = await deps.store.credentials.listForOrganisation(organisationId, page);
  const now = deps.clock.now();
  return { total, items: items.map((c) => ({ ...publicView(c, now), recipientEmail: c.recipientEmail })) };
}

/** Only the holder decides whether their credential has a public page. */
export async function setCredentialVisibility(deps: Deps, actor: Actor, id: string, isPublic: boolean) {
  const c = await find(deps, id);
  ensure(isCredentialHolder(actor, c), actor, 'change who sees this credential');
  await deps.store.credentials.setPublic(id, isPublic);
  return publicView({ ...c, public: isPublic }, deps.clock.now());
}

/**
 * The credential as a file: Data Integrity JSON, a VC-JWT (EdDSA, or ES256 for 1EdTech's
 * validator), or baked into the badge image (PNG rendered from the badge when it is an SVG).
 */
export async function downloadCredential(deps: Deps, actor: Actor, id: string, format: CredentialFormat) {
  const c = await find(deps, id);
  const insider = canSeeCredentialRecord(actor, {
    organisationId: c.organisation.id,
    recipientEmail: c.recipientEmail,
    recipientUserId: c.recipientUserId,
  });
  if (!c.public && !insider) throw new NotFound('credential', id);
  return credentialFile(deps, c, format);
}

/** `proof` decides what a baked image carries: the Data Integrity JSON or the EdDSA VC-JWT. */
export async function credentialFile(
  deps: Deps,
  c: CredentialRecord,
  format: CredentialFormat,
  proof: 'ldp' | 'jwt' = 'ldp',
) {
  const base = `${
    c.title
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'credential'
  }-${c.id.slice(0, 8)}`;
  const json = JSON.stringify(c.document, null, 2);
  switch (format) {
    case 'json':
      return {
        filename: `${base}.json`,
        mediaType: 'application/vc+ld+json',
        bytes: new TextEncoder().encode(json),
      };
    case 'jwt':
      return {
        filename: `${base}.jwt`,
        mediaType: 'text/plain',
        bytes: new TextEncoder().encode(c.jwtEdDsa),
      };
    case 'jwt-es256':
      return {
        filename: `${base}.es256.jwt`,
        mediaType: 'text/plain',
        bytes: new TextEncoder().encode(c.jwtEs256),
      };
    case 'svg':
    case 'png': {
      const image = await badgeImage(deps, { kind: 'anonymous' }, c.versionId);
      const baked = proof === 'jwt' ? c.jwtEdDsa : c.document;
      if (format === 'svg') {
        if (image.mediaType !== 'image/svg+xml') {
          throw new NotFound('SVG badge image (this badge is a PNG; download the PNG)', c.versionId);
        }
        const svg = bakeSvg(new TextDecoder().decode(image.bytes), baked);
        return { filename: `${base}.svg`, mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(svg) };
      }
      const png =
        image.mediaType === 'image/png' ? image.bytes : renderSvgToPng(new TextDecoder().decode(image.bytes));
      return { filename: `${base}.png`, mediaType: 'image/png', bytes: bakePng(png, baked) };
    }
  }
}
