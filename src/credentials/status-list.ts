/**
 * W3C Bitstring Status List: the bitstring, its multibase encoding and the entry/list shapes.
 * Pure: randomness for index allocation is injected by the caller.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { DomainError } from '../domain/errors.js';

/** The spec's minimum list size (16 KiB) that gives group privacy. */
export const MIN_STATUS_LIST_BITS = 131_072;

export type StatusPurpose = 'revocation' | 'suspension';

/** A status list that cannot be built or decoded. */
export class InvalidStatusList extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'invalid-status-list';
  readonly title = 'Status list is not valid';
}

/** No free index was found within the allowed number of attempts. */
export class StatusListFull extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'status-list-full';
  readonly title = 'Status list has no free index';

  constructor(size: number, attempts: number) {
    super(`No free status list index found after ${attempts} random attempts in a list of ${size}.`, {
      size,
      attempts,
    });
  }
}

/** A fixed-length bitstring; bit 0 is the most significant bit of byte 0. */
export class Bitstring {
  readonly length: number;
  readonly #bytes: Uint8Array;

  /** @throws InvalidStatusList when `bits` is under 131,072 or not a multiple of 8. */
  constructor(bits: number = MIN_STATUS_LIST_BITS, bytes?: Uint8Array) {
    if (!Number.isSafeInteger(bits) || bits < MIN_STATUS_LIST_BITS || bits % 8 !== 0) {
      throw new InvalidStatusList(
        `A status list needs at least ${MIN_STATUS_LIST_BITS} bits and a multiple of 8; got ${bits}.`,
      );
    }
    if (bytes !== undefined && bytes.length * 8 !== bits) {
      throw new InvalidStatusList(`Expected ${bits / 8} bytes for ${bits} bits; got ${bytes.length}.`);
    }
    this.length = bits;
    this.#bytes = bytes === undefined ? new Uint8Array(bits / 8) : Uint8Array.from(bytes);
  }

  /** @throws RangeError for an index outside the list. */
  get(index: number): boolean {
    const [byte, mask] = this.#locate(index);
    return ((this.#bytes[byte] ?? 0) & mask) !== 0;
  }

  /** @throws RangeError for an index outside the list. */
  set(index: number, value: boolean): void {
    const [byte, mask] = this.#locate(index);
    const current = this.#bytes[byte] ?? 0;
    this.#bytes[byte] = value ? current | mask : current & ~mask;
  }

  /** A copy of the raw bytes. */
  bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  /** Multibase base64url (no padding) of the GZIP-compressed bytes: `u…`. */
  encode(): string {
    return 'u' + Buffer.from(gzipSync(this.#bytes)).toString('base64url');
  }

  /** @throws InvalidStatusList for a bad prefix, bad base64url, bad GZIP or a list that is too short. */
  static decode(encodedList: string): Bitstring {
    if (!encodedList.startsWith('u')) {
      throw new InvalidStatusList('encodedList must be multibase base64url, starting with "u".');
    }
    const body = encodedList.slice(1);
    if (!/^[A-Za-z0-9_-]*$/.test(body)) {
      throw new InvalidStatusList('encodedList is not valid base64url (no padding allowed).');
    }
    let bytes: Uint8Array;
    try {
      bytes = gunzipSync(Buffer.from(body, 'base64url'));
    } catch {
      throw new InvalidStatusList('encodedList is not valid GZIP data.');
    }
    const bits = bytes.length * 8;
    if (bits < MIN_STATUS_LIST_BITS) {
      throw new InvalidStatusList(
        `Decoded status list has ${bits} bits; at least ${MIN_STATUS_LIST_BITS} are required.`,
      );
    }
    return new Bitstring(bits, bytes);
  }

  #locate(index: number): [number, number] {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`Status list index ${index} is outside 0..${this.length - 1}.`);
    }
    return [index >> 3, 0x80 >> (index & 7)];
  }
}

/** Convenience wrapper for `Bitstring.decode`. */
export function decode(encodedList: string): Bitstring {
  return Bitstring.decode(encodedList);
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

/** The `credentialStatus` entry pointing at `index` in the list at `listUrl`. */
export function statusEntry(input: {
  listUrl: string;
  index: number;
  purpose: StatusPurpose;
}): BitstringStatusListEntry {
  const { listUrl, index, purpose } = input;
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`Invalid status list index ${index}.`);
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

export interface StatusListCredentialBody {
  '@context': ['https://www.w3.org/ns/credentials/v2'];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

/** The unsigned list credential; VCDM 2.0 defines the status terms, so only the v2 context is needed. */
export function statusListCredentialBody(input: {
  id: string;
  issuer: string;
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: Date;
}): StatusListCredentialBody {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
}

/**
 * Picks an unguessable free index: uniformly random, never sequential.
 * `random()` returns a float in [0, 1) (inject a CSPRNG-backed one in production).
 * @throws StatusListFull after `maxAttempts` taken indexes.
 */
export function randomFreeIndex(
  isTaken: (index: number) => boolean,
  size: number,
  random: () => number,
  maxAttempts = 64,
): number {
  if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`Invalid status list size ${size}.`);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const index = Math.min(size - 1, Math.floor(random() * size));
    if (!isTaken(index)) return index;
  }
  throw new StatusListFull(size, maxAttempts);
}
