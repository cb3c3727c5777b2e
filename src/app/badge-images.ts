import type { Actor } from '../domain/actor.js';
import { isEditable, VersionNotEditable } from '../domain/version-workflow.js';
import { checkBadgeUpload } from '../domain/badge-upload.js';
import { renderBadgeSvg, checkBadgeDesign } from '../domain/badge-svg.js';
import type { BadgeDesign } from '../domain/achievements.js';
import { NotFound } from '../domain/errors.js';
import { canEditAchievement, canViewVersion } from '../policies/achievements.js';
import { ensure } from '../policies/ensure.js';
import { designTeam, loadVersion } from './achievement-authoring.js';
import type { Deps } from './ports.js';

export interface BadgeImage {
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * A version's badge: the uploaded image when there is one, else the generated default.
 * @throws NotFound (also for drafts the caller may not see)
 */
export async function badgeImage(deps: Deps, actor: Actor, versionId: string): Promise<BadgeImage> {
  const { version, achievement } = await loadVersion(deps.store, versionId);
  if (!canViewVersion(actor, designTeam(achievement), version.status)) {
    throw new NotFound('micro-credential version', versionId);
  }
  const uploaded = await deps.store.achievements.findBadgeImage(versionId);
  if (uploaded) return uploaded;
  const c = version.content;
  const svg = renderBadgeSvg({
    design: c.badge,
    title: c.title,
    code: c.code,
    level: c.nzqfLevel,
    credits: c.credits,
    issuerName: achievement.owner.name,
  });
  return { mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(svg) };
}

/** The default badge for what an author is typing, before anything is saved. @throws InvalidInput */
export function previewBadge(input: {
  design: BadgeDesign;
  title: string;
  code: string;
  level: number;
  credits: number;
  issuerName?: string;
}): string {
  return renderBadgeSvg({ ...input, design: checkBadgeDesign(input.design) });
}

/**
 * Replaces the generated badge with an uploaded PNG or SVG: the type is sniffed from the bytes,
 * size and dimensions are limited and SVG is sanitised before anything is stored.
 * @throws NotFound | NotAllowed | VersionNotEditable | ImageTypeNotAllowed | ImageTooLarge | ImageDimensionsOutOfRange | ImageCorrupt
 */
export async function uploadBadgeImage(
  deps: Deps,
  actor: Actor,
  versionId: string,
  upload: { bytes: Uint8Array; declaredType?: string },
): Promise<void> {
  const { version, achievement } = await loadVersion(deps.store, versionId);
  ensure(
    canEditAchievement(actor, designTeam(achievement)),
    actor,
    'change the badge of this micro-credential',
  );
  if (!isEditable(version.status)) throw new VersionNotEditable(version.version, version.status);
  const image = checkBadgeUpload(upload.bytes, upload.declaredType);
  await deps.store.achievements.saveBadgeImage(versionId, {
    mediaType: image.type,
    bytes: image.bytes,
    sha256: deps.secrets.sha256Hex(image.bytes),
    width: image.width,
    height: image.height,
  });
}
