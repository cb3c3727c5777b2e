import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_KINDS,
  AuditChainVerifier,
  auditEntryHash,
  GENESIS_HASH,
  nextAuditPosition,
  sealAuditEntry,
  type AuditBreak,
  type AuditEntry,
  type AuditEntryBody,
} from './audit-chain.js';

const start = Date.UTC(2025, 0, 1);

function body(seq: number): AuditEntryBody {
  return {
    seq,
    occurredAt: new Date(start + seq * 60_000),
    kind: AUDIT_KINDS[seq % AUDIT_KINDS.length]!,
    actorId: seq % 5 === 0 ? null : `user-${seq % 7}`,
    actorLabel: seq % 5 === 0 ? null : `User ${seq % 7}`,
    organisationId: seq % 3 === 0 ? null : 'org-1',
    subjectType: 'submission',
    subjectId: `sub-${seq % 11}`,
    detail: { n: seq, note: `entry ${seq}`, nested: { list: [seq, 'x', null], flag: seq % 2 === 0 } },
  };
}

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let last: AuditEntry | null = null;
  for (let i = 0; i < length; i++) {
    const { seq, prevHash } = nextAuditPosition(last);
    last = sealAuditEntry(prevHash, body(seq));
    entries.push(last);
  }
  return entries;
}

/** The first break found walking the whole list, and how many entries passed before it. */
function verify(entries: readonly AuditEntry[], startAfter?: { seq: number; hash: string }) {
  const verifier = new AuditChainVerifier(startAfter);
  let first: AuditBreak | null = null;
  for (const entry of entries) {
    const found = verifier.push(entry);
    if (found && !first) first = found;
    if (first) expect(found).toEqual(first);
  }
  return { first, checked: verifier.checked, lastHash: verifier.lastHash, verifier };
}

describe('auditEntryHash', () => {
  it('is SHA-256 over the previous hash, a newline and the canonical body', () => {
    const b: AuditEntryBody = {
      seq: 1,
      occurredAt: new Date('2025-01-01T00:00:00Z'),
      kind: 'enrolment_created',
      actorId: 'u1',
      actorLabel: 'Aroha',
      organisationId: null,
      subjectType: 'enrolment',
      subjectId: 'e1',
      detail: { source: 'self' },
    };
    const canonical =
      '{"actorId":"u1","actorLabel":"Aroha","detail":{"source":"self"},"kind":"enrolment_created",' +
      '"occurredAt":"2025-01-01T00:00:00.000Z","organisationId":null,"seq":1,"subjectId":"e1","subjectType":"enrolment"}';
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex');
    expect(auditEntryHash(GENESIS_HASH, b)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, and hashes as the body reads back from JSON', () => {
    const b = body(3);
    const reordered = {
      ...b,
      detail: { nested: { flag: false, list: [3, 'x', null] }, note: 'entry 3', n: 3 },
    };
    expect(auditEntryHash('a', reordered)).toBe(auditEntryHash('a', b));
    // A Date inside detail is stored as its ISO string; both hash alike.
    const at = new Date('2025-02-03T04:05:06Z');
    expect(auditEntryHash('a', { ...b, detail: { at } })).toBe(
      auditEntryHash('a', { ...b, detail: { at: at.toISOString() } }),
    );
    expect(auditEntryHash('a', { ...b, detail: { gone: undefined } })).toBe(
      auditEntryHash('a', { ...b, detail: {} }),
    );
  });

  it('ignores the hashes an entry carries', () => {
    const [entry] = chain(1);
    expect(auditEntryHash(GENESIS_HASH, entry!)).toBe(entry!.hash);
    const rehashed: AuditEntry = { ...entry!, hash: 'f'.repeat(64) };
    expect(auditEntryHash(GENESIS_HASH, rehashed)).toBe(entry!.hash);
  });

  it('changes with the previous hash and with every field', () => {
    const b = body(4);
    const h = auditEntryHash(GENESIS_HASH, b);
    expect(auditEntryHash('1'.repeat(64), b)).not.toBe(h);
    const changes: Partial<AuditEntryBody>[] = [
      { seq: 5 },
      { occurredAt: new Date(b.occurredAt.getTime() + 1) },
      { kind: 'credential_revoked' },
      { actorId: 'someone' },
      { actorLabel: 'Someone' },
      { organisationId: 'org-2' },
      { subjectType: 'appeal' },
      { subjectId: 'other' },
      { detail: { ...b.detail, n: 5 } },
    ];
    for (const change of changes) expect(auditEntryHash(GENESIS_HASH, { ...b, ...change })).not.toBe(h);
  });
});

describe('AuditChainVerifier', () => {
  const entries = chain(100);

  it('passes a valid chain of 100 entries', () => {
    const { first, checked, lastHash } = verify(entries);
    expect(first).toBeNull();
    expect(checked).toBe(100);
    expect(lastHash).toBe(entries[99]!.hash);
    expect(entries[0]).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
  });

  it('starts from the genesis hash when empty', () => {
    const verifier = new AuditChainVerifier();
    expect(verifier.checked).toBe(0);
    expect(verifier.lastHash).toBe(GENESIS_HASH);
    expect(verifier.firstBreak).toBeNull();
  });

  it('resumes after an entry already verified', () => {
    const anchor = entries[59]!;
    const { first, checked, lastHash } = verify(entries.slice(60), { seq: anchor.seq, hash: anchor.hash });
    expect(first).toBeNull();
    expect(checked).toBe(40);
    expect(lastHash).toBe(entries[99]!.hash);
    expect(verify(entries.slice(61), { seq: anchor.seq, hash: anchor.hash }).first?.reason).toBe(
      'sequence_gap',
    );
    expect(verify(entries.slice(60), { seq: anchor.seq, hash: 'f'.repeat(64) }).first?.reason).toBe(
      'prev_hash_mismatch',
    );
  });

  const altered: [string, (e: AuditEntry) => AuditEntry][] = [
    ['detail', (e) => ({ ...e, detail: { ...e.detail, n: 999 } })],
    [
      'kind',
      (e) => ({ ...e, kind: e.kind === 'credential_issued' ? 'credential_revoked' : 'credential_issued' }),
    ],
    ['occurredAt', (e) => ({ ...e, occurredAt: new Date(e.occurredAt.getTime() + 1000) })],
    ['actorId', (e) => ({ ...e, actorId: 'intruder' })],
    ['subjectId', (e) => ({ ...e, subjectId: 'another' })],
  ];

  it.each(altered)('catches an altered %s at that entry', (_field, alter) => {
    const tampered = entries.map((e, i) => (i === 16 ? alter(e) : e));
    const { first, checked } = verify(tampered);
    expect(first).toEqual({
      seq: 17,
      reason: 'hash_mismatch',
      message: 'Entry 17 was altered: its stored hash does not match its contents.',
    });
    expect(checked).toBe(16);
  });

  it('catches a deleted entry', () => {
    const { first, checked } = verify(entries.filter((e) => e.seq !== 40));
    expect(first).toMatchObject({
      seq: 41,
      reason: 'sequence_gap',
      message: 'Entry 40 is missing: entry 41 comes next.',
    });
    expect(checked).toBe(39);
    expect(verify(entries.filter((e) => e.seq < 40 || e.seq > 44)).first?.message).toBe(
      'Entries 40 to 44 are missing: entry 45 comes next.',
    );
  });

  it('catches a deleted first entry', () => {
    expect(verify(entries.slice(1)).first).toMatchObject({ seq: 2, reason: 'sequence_gap' });
  });

  it('catches a deletion hidden by renumbering the entries after it', () => {
    const renumbered = entries
      .filter((e) => e.seq !== 40)
      .map((e) => (e.seq > 40 ? { ...e, seq: e.seq - 1 } : e));
    expect(verify(renumbered).first).toMatchObject({ seq: 40, reason: 'prev_hash_mismatch' });
  });

  it('catches reordered entries', () => {
    const swapped = [...entries];
    [swapped[20], swapped[21]] = [swapped[21]!, swapped[20]!];
    expect(verify(swapped).first).toMatchObject({ seq: 22, reason: 'sequence_gap' });
  });

  it('catches entries swapped with their numbers swapped back', () => {
    const a = entries[20]!;
    const b = entries[21]!;
    const swapped = [...entries];
    swapped[20] = { ...b, seq: a.seq };
    swapped[21] = { ...a, seq: b.seq };
    expect(verify(swapped).first).toMatchObject({ seq: 21, reason: 'prev_hash_mismatch' });
  });

  it('catches an entry repeated', () => {
    const repeated = [...entries.slice(0, 30), entries[29]!, ...entries.slice(30)];
    expect(verify(repeated).first).toMatchObject({
      seq: 30,
      reason: 'sequence_gap',
      message: 'Entry 30 appears after entry 30: the entries are out of order or repeated.',
    });
  });

  it('catches an entry inserted with a fresh hash', () => {
    const forged = sealAuditEntry(entries[49]!.hash, { ...body(51), detail: { forged: true } });
    const inserted = [...entries.slice(0, 50), forged, ...entries.slice(50)];
    // The forgery itself links properly; the real entry 51 then repeats its number.
    expect(verify(inserted).first).toMatchObject({ seq: 51, reason: 'sequence_gap' });
  });

  it('catches an altered entry whose hash was recomputed at the next entry', () => {
    const original = entries[16]!;
    const rehashed = sealAuditEntry(original.prevHash, {
      ...original,
      detail: { ...original.detail, n: 999 },
    });
    const tampered = entries.map((e, i) => (i === 16 ? rehashed : e));
    const { first, checked, lastHash } = verify(tampered);
    expect(first).toEqual({
      seq: 18,
      reason: 'prev_hash_mismatch',
      message:
        'Entry 18 does not follow on from entry 17: an earlier entry was altered, removed or replaced.',
    });
    expect(checked).toBe(17);
    expect(lastHash).toBe(rehashed.hash);
  });

  it('catches a chain that does not start at genesis', () => {
    const [first, ...rest] = entries;
    const reanchored = [sealAuditEntry('1'.repeat(64), first!), ...rest];
    expect(verify(reanchored).first).toMatchObject({ seq: 1, reason: 'prev_hash_mismatch' });
    expect(verify([{ ...first!, seq: 0 }]).first).toMatchObject({ seq: 0, reason: 'sequence_gap' });
  });

  it('keeps returning the first break', () => {
    const tampered = entries.map((e, i) => (i === 5 ? { ...e, detail: {} } : e));
    const verifier = new AuditChainVerifier();
    const results = tampered.map((e) => verifier.push(e));
    expect(results.slice(0, 5)).toEqual([null, null, null, null, null]);
    const brk = results[5];
    expect(brk).toMatchObject({ seq: 6, reason: 'hash_mismatch' });
    expect(results.slice(6).every((r) => r === brk)).toBe(true);
    expect(verifier.firstBreak).toBe(brk);
    expect(verifier.checked).toBe(5);
    expect(verifier.lastHash).toBe(entries[4]!.hash);
  });
});
