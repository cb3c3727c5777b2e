/**
 * Who signs: an issuing organisation's DID and keys, and the signed forms of a credential.
 *
 * Two identifier modes. `did:web` (when the server's public URL is https): one DID per
 * organisation whose document lists every key it ever had, so rotation keeps old credentials
 * verifiable. `did:key` (offline, localhost): the DID *is* the key, so each credential names the
 * did:key of the key that signed it and verifies forever without calling anyone.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signDataIntegrity } from './data-integrity.js';
import {
  decodePublicKeyMultibase,
  encodeP256PublicKeyMultibase,
  encodePublicKeyMultibase,
  privateKeyObject,
  rawPrivateKey,
  rawPublicKey,
} from './multikey.js';
import { signVcJwt } from './vc-jwt.js';
import type { IssuerKeyAlgorithm, PublicIssuerKey } from '../domain/credentials.js';

export type { IssuerKeyAlgorithm, PublicIssuerKey } from '../domain/credentials.js';

export type IdentifierMode = { kind: 'did:key' } | { kind: 'did:web'; did: string; documentUrl: string };

/**
 * did:web for https public URLs: `https://host:8443/base` → `did:web:host%3A8443:base:issuers:<id>`,
 * its document at `https://host:8443/base/issuers/<id>/did.json`. did:key otherwise.
 */
export function identifierMode(publicUrl: string, organisationId: string): IdentifierMode {
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') return { kind: 'did:key' };
  const path = url.pathname.split('/').filter((s) => s !== '');
  const did = [
    'did:web',
    encodeURIComponent(url.host),
    ...path.map(encodeURIComponent),
    'issuers',
    organisationId,
  ].join(':');
  const base = `${url.origin}${path.length > 0 ? `/${path.join('/')}` : ''}`;
  return { kind: 'did:web', did, documentUrl: `${base}/issuers/${organisationId}/did.json` };
}

/** The DID and verification method id a key signs as. */
export function keyIdentity(mode: IdentifierMode, key: Pick<PublicIssuerKey, 'id' | 'publicKeyMultibase'>) {
  if (mode.kind === 'did:web') return { did: mode.did, verificationMethod: `${mode.did}#key-${key.id}` };
  const did = `did:key:${key.publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${key.publicKeyMultibase}` };
}

const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/** The did:web document: every key, retired ones included, may assert (earlier credentials still verify). */
export function didWebDocument(mode: Extract<IdentifierMode, { kind: 'did:web' }>, keys: PublicIssuerKey[]) {
  const methods = keys.map((k) => ({
    id: keyIdentity(mode, k).verificationMethod,
    type: 'Multikey',
    controller: mode.did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  const ids = methods.map((m) => m.id);
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: mode.did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}

export interface SigningKey {
  privateKey: KeyObject;
  did: string;
  verificationMethod: string;
}

export interface SignedForms {
  /** Data Integrity eddsa-rdfc-2022, `proof` an array. */
  document: Record<string, unknown>;
  jwtEdDsa: string;
  jwtEs256: string;
}

const withIssuerId = (body: Record<string, unknown>, id: string) => ({
  ...body,
  issuer: { ...(body.issuer as Record<string, unknown>), id },
});

/**
 * Signs a credential body three ways at once: Data Integrity (Ed25519), VC-JWT EdDSA (same key)
 * and VC-JWT ES256 (P-256). The body's issuer id must be the Ed25519 key's DID; under did:key the
 * ES256 form names the P-256 key's DID instead, since a did:key cannot vouch for another key.
 */
export async function signCredentialForms(
  body: Record<string, unknown>,
  keys: { ed25519: SigningKey; p256: SigningKey },
  created: Date,
): Promise<SignedForms> {
  const document = await signDataIntegrity(withIssuerId(body, keys.ed25519.did), {
    privateKey: keys.ed25519.privateKey,
    verificationMethod: keys.ed25519.verificationMethod,
    created,
  });
  const jwtEdDsa = await signVcJwt(withIssuerId(body, keys.ed25519.did), {
    privateKey: keys.ed25519.privateKey,
    alg: 'EdDSA',
    kid: keys.ed25519.verificationMethod,
  });
  const jwtEs256 = await signVcJwt(withIssuerId(body, keys.p256.did), {
    privateKey: keys.p256.privateKey,
    alg: 'ES256',
    kid: keys.p256.verificationMethod,
  });
  return { document, jwtEdDsa, jwtEs256 };
}

/** A fresh key: its Multikey public form and the secret to seal (Ed25519 seed or P-256 PKCS#8). */
export function generateIssuerKey(algorithm: IssuerKeyAlgorithm): {
  publicKeyMultibase: string;
  secret: Uint8Array;
} {
  if (algorithm === 'Ed25519') {
    const { privateKey } = generateKeyPairSync('ed25519');
    return {
      publicKeyMultibase: encodePublicKeyMultibase(rawPublicKey(privateKey)),
      secret: rawPrivateKey(privateKey),
    };
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKeyMultibase: encodeP256PublicKeyMultibase(privateKey),
    secret: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}

/** The private KeyObject for an opened secret. */
export function issuerPrivateKey(
  algorithm: IssuerKeyAlgorithm,
  secret: Uint8Array,
  publicKeyMultibase: string,
): KeyObject {
  if (algorithm === 'Ed25519') return privateKeyObject(secret, decodePublicKeyMultibase(publicKeyMultibase));
  return createPrivateKey({ key: Buffer.from(secret), format: 'der', type: 'pkcs8' });
}

/** A Data Integrity proof by one signing key (endorsements, status lists). */
export function signDataIntegrityAs(body: Record<string, unknown>, key: SigningKey, created: Date) {
  return signDataIntegrity(body, {
    privateKey: key.privateKey,
    verificationMethod: key.verificationMethod,
    created,
  });
}
