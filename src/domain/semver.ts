/**
 * Version numbers of micro-credentials: plain MAJOR.MINOR.PATCH (`0.9.0`, `1.1.0`). Pre-release and
 * build suffixes are refused because a published version is what a learner earned; "1.0.0-rc.1"
 * would invite two published versions that differ only by a label nobody can order at a glance.
 */
import { InvalidInput } from './errors.js';

export interface Semver {
  major: number;
  minor: number;
  patch: number;
}

export type VersionBump = 'major' | 'minor' | 'patch';

const SEMVER_SHAPE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const EXAMPLE = 'e.g. 0.9.0 or 1.1.0';
/** Keeps error messages short when someone pastes a paragraph into the version box. */
const QUOTED_MAX = 40;

/** @throws InvalidInput (field `version`) naming what is wrong with the text. */
export function parseSemver(text: string): Semver {
  const match = SEMVER_SHAPE.exec(text);
  if (match === null) throw new InvalidInput('version', explainBadVersion(text));
  const parts = [match[1], match[2], match[3]].map(Number);
  const [major = 0, minor = 0, patch = 0] = parts;
  if (!parts.every(Number.isSafeInteger)) {
    throw new InvalidInput('version', `Version ${quote(text)} has a number too large to count; ${EXAMPLE}.`);
  }
  return { major, minor, patch };
}

export function isValidSemver(text: string): boolean {
  try {
    parseSemver(text);
    return true;
  } catch {
    return false;
  }
}

export function formatSemver({ major, minor, patch }: Semver): string {
  return `${major}.${minor}.${patch}`;
}

/** Negative when `a` is older, positive when newer, 0 when equal; usable with Array#sort. @throws InvalidInput */
export function compareSemver(a: string | Semver, b: string | Semver): -1 | 0 | 1 {
  const x = typeof a === 'string' ? parseSemver(a) : a;
  const y = typeof b === 'string' ? parseSemver(b) : b;
  const difference = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/** The version after `current`; lower parts reset to 0 (1.4.2 + minor = 1.5.0). @throws InvalidInput */
export function nextVersion(current: string, bump: VersionBump): string {
  const { major, minor, patch } = parseSemver(current);
  const next: Semver =
    bump === 'major'
      ? { major: major + 1, minor: 0, patch: 0 }
      : bump === 'minor'
        ? { major, minor: minor + 1, patch: 0 }
        : { major, minor, patch: patch + 1 };
  if (![next.major, next.minor, next.patch].every(Number.isSafeInteger)) {
    throw new InvalidInput('version', `Version ${quote(current)} cannot be bumped any further.`);
  }
  return formatSemver(next);
}

/** The most specific reason we can give, so authors know what to type instead. */
function explainBadVersion(text: string): string {
  const shown = quote(text);
  if (text.trim() === '') return `Enter a version, ${EXAMPLE}.`;
  if (text !== text.trim()) return `Version ${shown} has spaces around it; ${EXAMPLE}.`;
  if (/^[vV]\d/.test(text)) return `Write version ${shown} without the leading "v", ${EXAMPLE}.`;
  if (/^\d+\.\d+\.\d+[-+]/.test(text)) {
    return `Version ${shown} has a pre-release or build suffix; Cairn versions are MAJOR.MINOR.PATCH only, ${EXAMPLE}.`;
  }
  if (/^\d+\.\d+\.\d+$/.test(text)) return `Version ${shown} has a leading zero; ${EXAMPLE}.`;
  return `Version ${shown} is not MAJOR.MINOR.PATCH, ${EXAMPLE}.`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX)}…` : text);
}
