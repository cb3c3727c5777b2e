import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with OWASP's baseline cost (19 MiB, 2 passes). */
const OPTIONS = {
  algorithm: 2 /* Argon2id; the enum is const and cannot be imported here */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function argon2Passwords() {
  let decoy: Promise<string> | undefined;
  return {
    hash: (password: string) => hash(password, OPTIONS),
    async verify(passwordHash: string | undefined, password: string) {
      if (passwordHash === undefined) {
        decoy ??= hash(randomBytes(16).toString('hex'), OPTIONS);
        await verify(await decoy, password);
        return false;
      }
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
  };
}
