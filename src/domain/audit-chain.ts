/**
 * The assessment audit log as a hash chain: each entry's hash covers its contents and the hash of
 * the entry before it, so altering, removing, inserting or reordering entries after the fact shows
 * up when the chain is walked again. It proves tampering happened, not who did it; an anchor kept
 * elsewhere (e.g. the latest hash in a signed export) also guards against truncating the end.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './version-workflow.js';

export const AUDIT_KINDS = [
  'enrolment_created',
  'enrolment_withdrawn',
  'submission_created',
  'evidence_added',
  'evidence_removed',
  'attestation_requested',
  'attestation_answered',
  'submission_submitted',
  'submission_withdrawn',
  'submission_resubmitted',
  'decision_recorded',
  'moderation_recorded',
  'appeal_lodged',
  'appeal_decided',
  'credential_issued',
  'credential_revoked',
  'credential_suspended',
  'credential_reinstated',
  'assessor_approved',
  'assessor_removed',
  'conflict_declared',
  'assessment_policy_changed',
] as const;
/** Stable strings: auditors and integrators filter on them. */
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntryBody {
  seq: number;
  occurredAt: Date;
  kind: AuditKind;
  actorId: string | null;
  /** The actor's name as it was then, so the log still reads right after a rename or deletion. */
  actorLabel: string | null;
  organisationId: string | null;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryBody {
  prevHash: string;
  hash: string;
}

/** What the first entry points back to. */
export const GENESIS_HASH = '0'.repeat(64);
export const FIRST_AUDIT_SEQ = 1;

/**
 * SHA-256 (hex) over the previous hash, a newline and the body as canonical JSON. The body goes
 * through a JSON round trip first, so it hashes exactly as it will read back from a JSON column:
 * Dates become ISO strings, undefined members vanish, key order does not matter.
 */
export function auditEntryHash(prevHash: string, body: AuditEntryBody): string {
  // Pick the body's fields by name: an AuditEntry passed in carries its own hashes too.
  const fields = {
    seq: body.seq,
    occurredAt: body.occurredAt.toISOString(),
    kind: body.kind,
    actorId: body.actorId,
    actorLabel: body.actorLabel,
    organisationId: body.organisationId,
    subjectType: body.subjectType,
    subjectId: body.subjectId,
    detail: body.detail,
  };
  const canonical = canonicalJson(JSON.parse(JSON.stringify(fields)) as unknown);
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

/** Where the next entry goes: its seq and the hash it must point back to. */
export function nextAuditPosition(last: { seq: number; hash: string } | null): {
  seq: number;
  prevHash: string;
} {
  return last ? { seq: last.seq + 1, prevHash: last.hash } : { seq: FIRST_AUDIT_SEQ, prevHash: GENESIS_HASH };
}

/** The entry as stored: the body with its link to the previous entry and its own hash. */
export function sealAuditEntry(prevHash: string, body: AuditEntryBody): AuditEntry {
  return { ...body, prevHash, hash: auditEntryHash(prevHash, body) };
}

export interface AuditBreak {
  seq: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';
  message: string;
}

/**
 * Walks a chain entry by entry (so a long log never has to be in memory at once), in seq order.
 * Once the chain is broken, nothing after it can be trusted, so every later push returns that
 * first break.
 */
export class AuditChainVerifier {
  private expectedSeq: number;
  private broken: AuditBreak | null = null;
  private count = 0;
  private last: string;

  /** @param startAfter the last entry already verified, to check only what came after it */
  constructor(startAfter?: { seq: number; hash: string }) {
    const position = nextAuditPosition(startAfter ?? null);
    this.expectedSeq = position.seq;
    this.last = position.prevHash;
  }

  /** Entries verified so far (not counting the one that broke the chain). */
  get checked(): number {
    return this.count;
  }

  /** Hash of the last verified entry (or of the starting point): the anchor to resume from later. */
  get lastHash(): string {
    return this.last;
  }

  /** The first break found, or null while the chain holds. */
  get firstBreak(): AuditBreak | null {
    return this.broken;
  }

  push(entry: AuditEntry): AuditBreak | null {
    if (this.broken) return this.broken;
    const found = this.check(entry);
    if (found) {
      this.broken = found;
      return found;
    }
    this.count++;
    this.expectedSeq = entry.seq + 1;
    this.last = entry.hash;
    return null;
  }

  private check(entry: AuditEntry): AuditBreak | null {
    const { seq } = entry;
    const expected = this.expectedSeq;
    if (seq !== expected) {
      let message: string;
      if (seq < expected)
        message =
          expected === FIRST_AUDIT_SEQ
            ? `Entry ${seq} is numbered before the start of the log.`
            : `Entry ${seq} appears after entry ${expected - 1}: the entries are out of order or repeated.`;
      else if (seq === expected + 1) message = `Entry ${expected} is missing: entry ${seq} comes next.`;
      else message = `Entries ${expected} to ${seq - 1} are missing: entry ${seq} comes next.`;
      return { seq, reason: 'sequence_gap', message };
    }
    if (entry.prevHash !== this.last) {
      return {
        seq,
        reason: 'prev_hash_mismatch',
        message:
          seq === FIRST_AUDIT_SEQ
            ? `Entry ${seq} does not point back to the start of the log: the log was replaced or cut short at the front.`
            : `Entry ${seq} does not follow on from entry ${seq - 1}: an earlier entry was altered, removed or replaced.`,
      };
    }
    if (auditEntryHash(entry.prevHash, entry) !== entry.hash) {
      return {
        seq,
        reason: 'hash_mismatch',
        message: `Entry ${seq} was altered: its stored hash does not match its contents.`,
      };
    }
    return null;
  }
}
