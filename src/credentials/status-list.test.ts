import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  Bitstring,
  InvalidStatusList,
  MIN_STATUS_LIST_BITS,
  StatusListFull,
  decode,
  randomFreeIndex,
  statusEntry,
  statusListCredentialBody,
} from './status-list.js';

const encodeBytes = (bytes: Uint8Array) => 'u' + Buffer.from(gzipSync(bytes)).toString('base64url');

describe('Bitstring', () => {
  it('puts bit 0 in the most significant bit of byte 0', () => {
    const list = new Bitstring();
    list.set(0, true);
    list.set(9, true);
    list.set(15, true);
    const bytes = list.bytes();
    expect(bytes[0]).toBe(0b1000_0000);
    expect(bytes[1]).toBe(0b0100_0001);
  });

  it('reads a hand-made bitstring the way the spec does', () => {
    const bytes = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
    bytes[0] = 0b0010_0000; // index 2
    bytes[2] = 0b0000_0001; // index 23
    const list = decode(encodeBytes(bytes));
    expect(list.length).toBe(MIN_STATUS_LIST_BITS);
    expect([0, 1, 2, 3, 22, 23, 24].map((i) => list.get(i))).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
      false,
    ]);
  });

  it('round-trips through encode/decode with no padding', () => {
    const list = new Bitstring(MIN_STATUS_LIST_BITS * 2);
    list.set(123_456, true);
    list.set(MIN_STATUS_LIST_BITS * 2 - 1, true);
    list.set(123_456, false);
    list.set(7, true);
    const encoded = list.encode();
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const back = Bitstring.decode(encoded);
    expect(back.length).toBe(MIN_STATUS_LIST_BITS * 2);
    expect(back.get(7)).toBe(true);
    expect(back.get(123_456)).toBe(false);
    expect(back.get(MIN_STATUS_LIST_BITS * 2 - 1)).toBe(true);
  });

  it('refuses short or unaligned lists and out-of-range indexes', () => {
    expect(() => new Bitstring(1024)).toThrow(InvalidStatusList);
    expect(() => new Bitstring(MIN_STATUS_LIST_BITS + 1)).toThrow(InvalidStatusList);
    expect(() => new Bitstring().get(MIN_STATUS_LIST_BITS)).toThrow(RangeError);
    expect(() => {
      new Bitstring().set(-1, true);
    }).toThrow(RangeError);
  });

  it('refuses short lists, bad prefixes and bad gzip when decoding', () => {
    expect(() => decode(encodeBytes(new Uint8Array(1024)))).toThrow(/at least 131072/);
    expect(() => decode('z' + new Bitstring().encode().slice(1))).toThrow(/starting with "u"/);
    expect(() => decode('u' + Buffer.from('not gzip').toString('base64url'))).toThrow(/GZIP/);
    expect(() => decode('uAAA=')).toThrow(InvalidStatusList);
  });
});

describe('statusEntry / statusListCredentialBody', () => {
  it('builds the entry with a string index', () => {
    expect(statusEntry({ listUrl: 'https://x.test/status/1', index: 42, purpose: 'revocation' })).toEqual({
      id: 'https://x.test/status/1#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: 'https://x.test/status/1',
    });
  });

  it('builds the unsigned list credential', () => {
    const encodedList = new Bitstring().encode();
    const body = statusListCredentialBody({
      id: 'https://x.test/status/1',
      issuer: 'did:web:x.test',
      purpose: 'suspension',
      encodedList,
      validFrom: new Date('2026-01-02T03:04:05.678Z'),
    });
    expect(body).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://x.test/status/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:x.test',
      validFrom: '2026-01-02T03:04:05Z',
      credentialSubject: {
        id: 'https://x.test/status/1#list',
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
        encodedList,
      },
    });
  });
});

describe('randomFreeIndex', () => {
  const sequence = (values: number[]) => {
    let i = 0;
    return () => values[i++ % values.length]!;
  };

  it('uses the injected randomness, skipping taken indexes', () => {
    const taken = new Set([500]);
    const index = randomFreeIndex((i) => taken.has(i), 1000, sequence([0.5, 0.25]));
    expect(index).toBe(250);
  });

  it('never returns an index outside the list', () => {
    expect(
      randomFreeIndex(
        () => false,
        10,
        () => 0.999_999_999_999,
      ),
    ).toBe(9);
  });

  it('gives up after a bounded number of attempts', () => {
    let calls = 0;
    expect(() =>
      randomFreeIndex(
        () => {
          calls++;
          return true;
        },
        1000,
        Math.random,
        5,
      ),
    ).toThrow(StatusListFull);
    expect(calls).toBe(5);
  });
});
