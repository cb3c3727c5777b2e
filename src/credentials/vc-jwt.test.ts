import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { CredentialNotSignable, signVcJwt, verifyVcJwt, type VcJwtResult } from './vc-jwt.js';

const ed = generateKeyPairSync('ed25519');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys: Record<string, KeyObject> = {
  'did:web:issuer.test#ed': ed.publicKey,
  'did:web:issuer.test#ec': ec.publicKey,
  'did:web:issuer.test#rsa': rsa.publicKey,
};
const now = new Date('2026-06-01T00:00:00Z');
const options = { resolveKey: (kid: string) => keys[kid], now };

const credential = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:0a3c0f4e-1d2b-4c4c-9a57-8d1f0f5a1b11',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:issuer.test', type: ['Profile'], name: 'Issuer' },
  validFrom: '2026-01-01T00:00:00Z',
  name: 'Welding level 1',
  credentialSubject: { id: 'did:example:learner', type: ['AchievementSubject'] },
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodePart = (jwt: string, i: number): unknown =>
  JSON.parse(Buffer.from(jwt.split('.')[i]!, 'base64url').toString());
const check = (result: VcJwtResult, id: string) => result.checks.find((c) => c.id === id);

async function signRaw(payload: object, header: { alg: string; kid: string; typ?: string }, key: KeyObject) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header)
    .sign(key);
}

describe('signVcJwt / verifyVcJwt', () => {
  it.each([
    ['EdDSA', ed.privateKey, 'did:web:issuer.test#ed'],
    ['ES256', ec.privateKey, 'did:web:issuer.test#ec'],
  ] as const)('round-trips with %s', async (alg, privateKey, kid) => {
    const jwt = await signVcJwt(credential, { privateKey, alg, kid });
    expect(decodePart(jwt, 0)).toEqual({ alg, kid, typ: 'JWT' });
    expect(decodePart(jwt, 1)).toEqual({
      ...credential,
      iss: 'did:web:issuer.test',
      jti: credential.id,
      nbf: Date.parse(credential.validFrom) / 1000,
      sub: 'did:example:learner',
    });
    const result = await verifyVcJwt(jwt, options);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.credential).toEqual(credential);
  });

  it('omits sub without a subject id and sets exp from validUntil', async () => {
    const jwt = await signVcJwt(
      {
        ...credential,
        credentialSubject: { type: ['AchievementSubject'] },
        validUntil: '2027-01-01T00:00:00Z',
      },
      { privateKey: ed.privateKey, alg: 'EdDSA', kid: 'did:web:issuer.test#ed' },
    );
    const payload = decodePart(jwt, 1) as Record<string, unknown>;
    expect(payload.sub).toBeUndefined();
    expect(payload.exp).toBe(Date.parse('2027-01-01T00:00:00Z') / 1000);
  });

  it('refuses to sign a credential without id, issuer or a valid validFrom', async () => {
    const opts = { privateKey: ed.privateKey, alg: 'EdDSA', kid: 'k' } as const;
    const { id: _id, ...noId } = credential;
    await expect(signVcJwt(noId, opts)).rejects.toThrow(CredentialNotSignable);
    await expect(signVcJwt({ ...credential, issuer: {} }, opts)).rejects.toThrow(/issuer/);
    await expect(signVcJwt({ ...credential, validFrom: 'soon' }, opts)).rejects.toThrow(/validFrom/);
  });

  it('fails when one payload byte changes', async () => {
    const jwt = await signVcJwt(credential, {
      privateKey: ed.privateKey,
      alg: 'EdDSA',
      kid: 'did:web:issuer.test#ed',
    });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const bytes = Buffer.from(p, 'base64url');
    const at = bytes.indexOf('Welding');
    bytes[at] = 'w'.charCodeAt(0);
    const result = await verifyVcJwt([h, bytes.toString('base64url'), s].join('.'), options);
    expect(result.verified).toBe(false);
    expect(check(result, 'proof')?.ok).toBe(false);
    expect(check(result, 'proof')?.message).toMatch(/signature does not verify/);
    expect(result.credential).toBeUndefined();
  });

  it('refuses alg none with a clear reason', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...credential, iss: 'did:web:issuer.test', jti: credential.id })}.`;
    const result = await verifyVcJwt(token, options);
    expect(result.verified).toBe(false);
    expect(check(result, 'algorithm')).toEqual({
      id: 'algorithm',
      ok: false,
      message: 'Unsecured JWTs (alg "none") are refused: the credential carries no signature.',
    });
  });

  it('refuses other algorithms, extra headers and a wrong typ', async () => {
    const hs = `${b64({ alg: 'HS256', kid: 'x' })}.${b64({})}.c2ln`;
    expect(check(await verifyVcJwt(hs, options), 'algorithm')?.message).toMatch(/HS256 is not accepted/);
    const vcJwt = await signRaw(
      credential,
      { alg: 'EdDSA', kid: 'did:web:issuer.test#ed', typ: 'vc+jwt' },
      ed.privateKey,
    );
    expect(check(await verifyVcJwt(vcJwt, options), 'header')?.message).toMatch(/typ must be "JWT"/);
    const extra = await new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'did:web:issuer.test#ed', typ: 'JWT', cty: 'vc' })
      .sign(ed.privateKey);
    expect(check(await verifyVcJwt(extra, options), 'header')?.message).toMatch(/does not allow: cty/);
  });

  it('refuses malformed compact JWTs without throwing', async () => {
    for (const bad of [
      '',
      'abc',
      'a.b',
      'a.b.c.d',
      'a b.c.d',
      `${b64([1])}.${b64({})}.x`,
      `${b64({ alg: 'EdDSA' })}.bm90anNvbg.x`,
    ]) {
      const result = await verifyVcJwt(bad, options);
      expect(result.verified).toBe(false);
      expect(check(result, 'format')?.ok).toBe(false);
    }
  });

  it('refuses an unknown kid and a throwing resolver', async () => {
    const jwt = await signVcJwt(credential, {
      privateKey: ed.privateKey,
      alg: 'EdDSA',
      kid: 'did:web:other#k',
    });
    expect(check(await verifyVcJwt(jwt, options), 'key')).toEqual({
      id: 'key',
      ok: false,
      message: 'Unknown key did:web:other#k.',
    });
    const throwing = await verifyVcJwt(jwt, { now, resolveKey: () => Promise.reject(new Error('network')) });
    expect(check(throwing, 'key')?.ok).toBe(false);
  });

  it('reports iss/jti mismatches even with a valid signature', async () => {
    const jwt = await signRaw(
      { ...credential, iss: 'did:web:evil.test', jti: 'urn:uuid:other', nbf: 1 },
      { alg: 'EdDSA', kid: 'did:web:issuer.test#ed', typ: 'JWT' },
      ed.privateKey,
    );
    const result = await verifyVcJwt(jwt, options);
    expect(result.verified).toBe(false);
    expect(check(result, 'proof')?.ok).toBe(true);
    expect(check(result, 'claims')?.message).toMatch(
      /iss did:web:evil.test is not issuer.id did:web:issuer.test; jti urn:uuid:other/,
    );
  });

  it('reports an expired credential as expired while the signature stays valid', async () => {
    const jwt = await signVcJwt(
      { ...credential, validUntil: '2026-03-01T00:00:00Z' },
      { privateKey: ec.privateKey, alg: 'ES256', kid: 'did:web:issuer.test#ec' },
    );
    const result = await verifyVcJwt(jwt, options);
    expect(result.verified).toBe(false);
    expect(check(result, 'proof')?.ok).toBe(true);
    expect(check(result, 'expiry')).toEqual({
      id: 'expiry',
      ok: false,
      message: 'Expired at 2026-03-01T00:00:00.000Z.',
    });
    expect(result.credential?.validUntil).toBe('2026-03-01T00:00:00Z');
  });

  it('reports a credential that is not valid yet', async () => {
    const jwt = await signVcJwt(
      { ...credential, validFrom: '2027-01-01T00:00:00Z' },
      { privateKey: ed.privateKey, alg: 'EdDSA', kid: 'did:web:issuer.test#ed' },
    );
    expect(check(await verifyVcJwt(jwt, options), 'validFrom')?.ok).toBe(false);
  });

  it('accepts a legacy VCDM 1.1 JWT with the credential in a vc claim (RS256)', async () => {
    const { id: _id, issuer: _issuer, ...vc } = credential;
    const jwt = await signRaw(
      { iss: 'did:web:issuer.test', jti: credential.id, nbf: 1767225600, sub: 'did:example:learner', vc },
      { alg: 'RS256', kid: 'did:web:issuer.test#rsa', typ: 'JWT' },
      rsa.privateKey,
    );
    const result = await verifyVcJwt(jwt, options);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.credential).toMatchObject({
      id: credential.id,
      issuer: 'did:web:issuer.test',
      name: 'Welding level 1',
    });
    expect(check(result, 'claims')?.message).toMatch(/legacy/);
  });
});
