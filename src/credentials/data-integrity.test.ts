import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { describe, expect, it } from 'vitest';
import type { AchievementContent } from '../domain/achievements.js';
import { canonicalForms, signDataIntegrity, verifyDataIntegrity, type JsonObject } from './data-integrity.js';
import { createDocumentLoader, defaultDocumentLoader } from './document-loader.js';
import { generateEd25519KeyPair } from './multikey.js';
import { buildAchievement, CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT } from './ob3/achievement.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/ob3');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('1EdTech implementation-guide test vector', () => {
  const vector = JSON.parse(fixture('impl-guide-test-vector.json')) as JsonObject;
  const keys = JSON.parse(fixture('impl-guide-test-vector.keys.json')) as Record<string, JsonObject>;
  const [keyId, keyDoc] = Object.entries(keys)[0]!;
  const controller = keyDoc.controller as string;
  const loader = createDocumentLoader({
    resolve: async (url) =>
      url === keyId ? keyDoc : url === controller ? { id: controller, assertionMethod: [keyId] } : undefined,
  });
  const proof = vector.proof as JsonObject;

  it('reproduces the canonical N-Quads of the document and of the proof config byte for byte', async () => {
    const forms = await canonicalForms(vector, proof, loader);
    expect(forms.document).toBe(fixture('impl-guide-test-vector-document-canon.txt'));
    expect(forms.proof).toBe(fixture('impl-guide-test-vector-proof-canon.txt'));
  });

  it('verifies the vector signature with the vector public key (proof as an object)', async () => {
    const result = await verifyDataIntegrity(vector, { documentLoader: loader });
    expect(result).toEqual({
      verified: true,
      checks: [{ id: 'proof', ok: true, message: 'Signature verified.' }],
      verificationMethod: keyId,
      controller,
    });
  });
});

const content: AchievementContent = {
  title: 'Risk and Criticality for Infrastructure',
  summary: 'Assess criticality and manage risk.',
  description: '',
  criteriaNarrative: 'Completes a criticality assessment.',
  achievementType: 'MicroCredential',
  code: 'IAM-203',
  competencies: [{ frameworkId: 'fw', code: 'RSK-01', targetLevel: 3 }],
  nzqfLevel: 5,
  credits: 5,
  assessmentMethods: ['Workplace project'],
  criteria: [{ id: 'c1', title: 'Criticality', evidenceRequirements: ['A criticality register'] }],
  rplAllowed: false,
  rplEvidence: '',
  tags: ['core_am'],
  language: 'en-NZ',
  badge: { shape: 'hexagon', colour: '#0f766e' },
  nzqa: { nzscedCode: '030999' },
};

const achievement = buildAchievement(
  {
    versionId: 'v2',
    version: '1.1.0',
    content,
    creator: { id: 'org', name: 'IAMSA' },
    competencies: [
      { code: 'RSK-01', name: 'Asset criticality', frameworkId: 'fw', frameworkTitle: 'IAM', targetLevel: 3 },
    ],
    otherVersions: [{ versionId: 'v1', version: '1.0.0' }],
  },
  {
    achievement: (id) => `https://cairn.example/api/v1/achievements/${id}`,
    image: (id) => `https://cairn.example/api/v1/achievement-versions/${id}/image`,
    profile: (id) => `https://cairn.example/api/v1/issuers/${id}`,
    competency: (fw, code) => `https://cairn.example/frameworks/${fw}#${code}`,
    criteria: (id) => `https://cairn.example/catalogue/${id}#criteria`,
  },
);

function aCredential(issuerDid: string): JsonObject {
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT],
    id: 'urn:uuid:2f1c7a7e-7f0b-4d55-9a3e-3c1f0f6a9b10',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerDid, type: ['Profile'], name: 'IAMSA' },
    validFrom: '2026-01-15T00:00:00Z',
    name: 'Risk and Criticality for Infrastructure',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'sha256$c3b9c5a0b64b1b7e0c6e2b0c1d3a7b5e9f8d2c4a6b8e0f1a3c5d7e9f0b2a4c6d',
          identityType: 'emailAddress',
          hashed: true,
          salt: 'pepper',
        },
      ],
      achievement,
    },
  };
}

const created = new Date('2026-01-15T01:02:03.456Z');

describe('signDataIntegrity / verifyDataIntegrity', () => {
  const key = generateEd25519KeyPair();
  const signing = { privateKey: key.privateKey, verificationMethod: key.verificationMethod, created };

  it('emits proof as an array with an eddsa-rdfc-2022 DataIntegrityProof', async () => {
    const signed = await signDataIntegrity(aCredential(key.did), signing);
    expect(signed.proof).toEqual([
      {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        created: '2026-01-15T01:02:03Z',
        verificationMethod: key.verificationMethod,
        proofPurpose: 'assertionMethod',
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/) as unknown,
      },
    ]);
    expect(await verifyDataIntegrity(signed)).toEqual({
      verified: true,
      checks: [{ id: 'proof', ok: true, message: 'Signature verified.' }],
      verificationMethod: key.verificationMethod,
      controller: key.did,
    });
  });

  it('fails when any signed field changes', async () => {
    const signed = await signDataIntegrity(aCredential(key.did), signing);
    const tamper: ((c: JsonObject) => void)[] = [
      (c) => (c.name = 'Something else'),
      (c) => (c.validFrom = '2026-01-16T00:00:00Z'),
      (c) => ((c.issuer as JsonObject).name = 'Not IAMSA'),
      (c) => (((c.credentialSubject as JsonObject).achievement as JsonObject).name = 'Other achievement'),
      (c) =>
        ((((c.credentialSubject as JsonObject).achievement as JsonObject).criteria as JsonObject).narrative =
          'x'),
    ];
    for (const change of tamper) {
      const copy = structuredClone(signed) as JsonObject;
      change(copy);
      const result = await verifyDataIntegrity(copy);
      expect(result.verified).toBe(false);
      expect(result.checks[0]?.message).toBe('Signature does not match.');
    }
  });

  it('accepts proof as a single object', async () => {
    const signed = await signDataIntegrity(aCredential(key.did), signing);
    expect((await verifyDataIntegrity({ ...signed, proof: signed.proof[0] })).verified).toBe(true);
  });

  it('fails with a key that is not the signer', async () => {
    const other = generateEd25519KeyPair();
    const signed = await signDataIntegrity(aCredential(key.did), {
      ...signing,
      privateKey: other.privateKey,
    });
    expect(await verifyDataIntegrity(signed)).toMatchObject({
      verified: false,
      checks: [{ ok: false, message: 'Signature does not match.' }],
    });
    // Signed and claimed by another key: its controller is not the issuer.
    const foreign = await signDataIntegrity(aCredential(key.did), {
      ...signing,
      privateKey: other.privateKey,
      verificationMethod: other.verificationMethod,
    });
    const result = await verifyDataIntegrity(foreign);
    expect(result.verified).toBe(false);
    expect(result.checks[0]?.message).toMatch(/does not match issuer/);
  });

  it('fails (without the network) on an unknown context URL', async () => {
    const signed = await signDataIntegrity(aCredential(key.did), signing);
    const withUnknown = {
      ...signed,
      '@context': [...(signed['@context'] as string[]), 'https://example.org/unknown/v1'],
    };
    const result = await verifyDataIntegrity(withUnknown);
    expect(result.verified).toBe(false);
    expect(result.checks[0]?.message).toMatch(/Cannot canonicalise/);
    await expect(signDataIntegrity(withUnknown, signing)).rejects.toThrow();
  });

  it('fails on an undefined term (safe mode) instead of dropping it', async () => {
    const withExtra = { ...aCredential(key.did), undefinedTerm: 'surprise' };
    await expect(signDataIntegrity(withExtra, signing)).rejects.toThrow(/safe mode/i);
    const signed = await signDataIntegrity(aCredential(key.did), signing);
    const result = await verifyDataIntegrity({ ...signed, undefinedTerm: 'surprise' });
    expect(result.verified).toBe(false);
  });

  it('returns reasons for malformed input without throwing', async () => {
    const signed = await signDataIntegrity(aCredential(key.did), signing);
    const proof = signed.proof[0] as JsonObject;
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      [aCredential(key.did), /no proof/],
      [{ ...signed, proof: ['nope'] }, /not an object/],
      [{ ...signed, proof: [{ ...proof, cryptosuite: 'ecdsa-rdfc-2019' }] }, /Unsupported cryptosuite/],
      [{ ...signed, proof: [{ ...proof, type: 'Ed25519Signature2020' }] }, /Unsupported proof type/],
      [{ ...signed, proof: [{ ...proof, proofValue: 'z0OIl' }] }, /base58btc/],
      [{ ...signed, proof: [{ ...proof, proofValue: 'uAAAA' }] }, /multibase/],
      [{ ...signed, proof: [{ ...proof, proofValue: 'z2222' }] }, /64/],
      [
        { ...signed, proof: [{ ...proof, verificationMethod: 'https://nowhere.example/key#1' }] },
        /Cannot resolve/,
      ],
      [{ ...signed, proof: [{ ...proof, verificationMethod: `${key.did}#other` }] }, /Cannot resolve/],
      [{ ...signed, proof: [{ ...proof, proofPurpose: 'authentication' }] }, /proofPurpose/],
      [{ ...signed, proof: [{ ...proof, created: 'yesterday' }] }, /dateTime/],
    ];
    for (const [input, reason] of cases) {
      const result = await verifyDataIntegrity(input);
      expect(result.verified).toBe(false);
      expect(result.checks[0]?.message).toMatch(reason);
    }
  });

  it('requires the controller document to list the key under assertionMethod', async () => {
    const signed = await signDataIntegrity(aCredential(key.did), signing);
    const result = await verifyDataIntegrity(signed, {
      resolveKey: async (id) => ({
        verificationMethod: {
          id,
          type: 'Multikey',
          controller: key.did,
          publicKeyMultibase: key.publicKeyMultibase,
        },
        controllerDocument: { id: key.did, authentication: [id] },
      }),
    });
    expect(result.verified).toBe(false);
    expect(result.checks[0]?.message).toMatch(/assertionMethod/);
  });
});

describe('interoperability with the Digital Bazaar stack', () => {
  // The DB stack gets its own loader built from the same bundled contexts and did:key resolution.
  const dbLoader = createDocumentLoader();
  const now = new Date('2026-02-01T00:00:00Z');

  it('a credential signed by Cairn verifies with @digitalbazaar/vc', async () => {
    const key = generateEd25519KeyPair();
    const signed = await signDataIntegrity(aCredential(key.did), {
      privateKey: key.privateKey,
      verificationMethod: key.verificationMethod,
      created,
    });
    for (const credential of [signed, { ...signed, proof: signed.proof[0] }]) {
      const result = await vc.verifyCredential({
        credential,
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        documentLoader: dbLoader,
        now,
      });
      expect(result.error, JSON.stringify(result.error)).toBeUndefined();
      expect(result.verified).toBe(true);
    }
  });

  it('a credential with credentialSchema (extensions context) verifies both ways', async () => {
    const key = generateEd25519KeyPair();
    const base = aCredential(key.did);
    const credential = {
      ...base,
      '@context': [
        ...(base['@context'] as string[]),
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      ],
      credentialSchema: [
        {
          id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
          type: '1EdTechJsonSchemaValidator2019',
        },
      ],
    };
    const signed = await signDataIntegrity(credential, {
      privateKey: key.privateKey,
      verificationMethod: key.verificationMethod,
      created,
    });
    expect((await verifyDataIntegrity(signed)).verified).toBe(true);
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: dbLoader,
      now,
    });
    expect(result.verified).toBe(true);
  });

  it('a credential signed by @digitalbazaar/vc verifies with Cairn', async () => {
    // did:key is derived from the key, so generate from a seed twice: once to learn the key, once with its DID.
    const seed = randomBytes(32);
    const { publicKeyMultibase } = await Ed25519Multikey.generate({ seed });
    const realDid = `did:key:${publicKeyMultibase}`;
    const keyPair = await Ed25519Multikey.generate({ seed, controller: realDid });
    expect(keyPair.id).toBe(`${realDid}#${publicKeyMultibase}`);
    const signer = keyPair.signer();
    const signed = await vc.issue({
      credential: aCredential(realDid),
      suite: new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: created }),
      documentLoader: dbLoader,
      now,
    });
    expect(Array.isArray(signed.proof)).toBe(false); // DB emits an object; Cairn accepts both
    expect((await verifyDataIntegrity(signed, { documentLoader: defaultDocumentLoader })).verified).toBe(
      true,
    );
    expect((await verifyDataIntegrity({ ...signed, proof: [signed.proof] })).verified).toBe(true);
  });
});
