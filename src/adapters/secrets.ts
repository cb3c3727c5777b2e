import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const nodeSecrets = {
  randomToken: () => randomBytes(32).toString('base64url'),
  randomId(length: number) {
    const bytes = randomBytes(length);
    return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
  },
  digest: (token: string) => createHash('sha256').update(token).digest('base64url'),
  sha256Hex: (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex'),
  uuid: () => randomUUID(),
  randomInt: (max: number) => randomInt(max),
};
