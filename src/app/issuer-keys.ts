/**
 * Issuing organisations' identities: keys made on first need, sealed at rest, rotated on request,
 * and published as a DID document (did:web) and an Open Badges Profile.
 */
import type { Actor } from '../domain/actor.js';
import { NotFound } from '../domain/errors.js';
import type { IssuerKeyAlgorithm } from '../domain/credentials.js';
import type { Organisation } from '../domain/identity.js';
import {
  didWebDocument,
  generateIssuerKey,
  identifierMode,
  issuerPrivateKey,
  keyIdentity,
  type IdentifierMode,
  type SigningKey,
} from '../credentials/issuer.js';
import { CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT } from '../credentials/ob3/achievement.js';
import { canManageIssuerKeys } from '../policies/credentials.js';
import { ensure } from '../policies/ensure.js';
import type { StoredIssuerKey } from './credential-ports.js';
import type { Deps, Store } from './ports.js';
import { publicUrls } from './public-urls.js';

const ALGORITHMS: readonly IssuerKeyAlgorithm[] = ['Ed25519', 'P-256'];

export interface IssuerSigner {
  organisation: Organisation;
  mode: IdentifierMode;
  ed25519: SigningKey & { keyId: string };
  p256: SigningKey & { keyId: string };
}

async function findIssuer(deps: Deps, organisationId: string): Promise<Organisation> {
  const org = await deps.store.organisations.findById(organisationId);
  if (!org) throw new NotFound('issuer', organisationId);
  return org;
}

async function makeKey(deps: Deps, store: Store, organisationId: string, algorithm: IssuerKeyAlgorithm) {
  const id = deps.secrets.uuid();
  const { publicKeyMultibase, secret } = generateIssuerKey(algorithm);
  const sealedSecret = deps.vault.seal(secret, id);
  secret.fill(0);
  return store.issuerKeys.insertActive({ id, organisationId, algorithm, publicKeyMultibase, sealedSecret });
}

/** The organisation's active keys, made now if it has none (another process may win the race: fine). */
async function activeKeys(
  deps: Deps,
  organisationId: string,
): Promise<Record<IssuerKeyAlgorithm, StoredIssuerKey>> {
  const found = async () => ({
    Ed25519: await deps.store.issuerKeys.active(organisationId, 'Ed25519'),
    'P-256': await deps.store.issuerKeys.active(organisationId, 'P-256'),
  });
  let keys = await found();
  if (!keys.Ed25519 || !keys['P-256']) {
    await deps.store.transaction(async (store) => {
      let made = false;
      for (const algorithm of ALGORITHMS) {
        if (!(await store.issuerKeys.active(organisationId, algorithm))) {
          made = (await makeKey(deps, store, organisationId, algorithm)) || made;
        }
      }
      if (made) {
        await store.securityEvents.append({
          kind: 'issuer_keys_created',
          organisationId,
          detail: { algorithms: [...ALGORITHMS] },
          at: deps.clock.now(),
        });
      }
    });
    keys = await found();
  }
  if (!keys.Ed25519 || !keys['P-256']) throw new Error(`issuer keys for ${organisationId} were not created`);
  return { Ed25519: keys.Ed25519, 'P-256': keys['P-256'] };
}

function signingKey(deps: Deps, mode: IdentifierMode, key: StoredIssuerKey) {
  const secret = deps.vault.open(key.sealedSecret, key.id);
  try {
    return {
      keyId: key.id,
      privateKey: issuerPrivateKey(key.algorithm, secret, key.publicKeyMultibase),
      ...keyIdentity(mode, key),
    };
  } finally {
    secret.fill(0);
  }
}

/**
 * Signing as one particular key, current or retired: status lists stay with the key (and under
 * did:key the DID) that their credentials name.
 */
export async function signingKeyById(
  deps: Deps,
  keyId: string,
  store: Store = deps.store,
): Promise<SigningKey & { keyId: string }> {
  const key = await store.issuerKeys.findById(keyId);
  if (!key) throw new NotFound('issuer key', keyId);
  return signingKey(deps, identifierMode(deps.config.publicUrl, key.organisationId), key);
}

/** What signing as the organisation takes; private keys live only in this object, in memory. */
export async function issuerSigner(deps: Deps, organisationId: string): Promise<IssuerSigner> {
  const organisation = await findIssuer(deps, organisationId);
  const keys = await activeKeys(deps, organisationId);
  const mode = identifierMode(deps.config.publicUrl, organisationId);
  return {
    organisation,
    mode,
    ed25519: signingKey(deps, mode, keys.Ed25519),
    p256: signingKey(deps, mode, keys['P-256']),
  };
}

/**
 * New keys sign from now on; the old ones are retired, not deleted, and stay in the DID document
 * so everything they signed still verifies. `actor` undefined: the operator, from the command line.
 */
export async function rotateIssuerKeys(deps: Deps, actor: Actor | undefined, organisationId: string) {
  if (actor) ensure(canManageIssuerKeys(actor, organisationId), actor, "rotate this organisation's keys");
  await findIssuer(deps, organisationId);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    for (const algorithm of ALGORITHMS) {
      await store.issuerKeys.retireActive(organisationId, algorithm, now);
      await makeKey(deps, store, organisationId, algorithm);
    }
    await store.securityEvents.append({
      kind: 'issuer_keys_rotated',
      organisationId,
      actorUserId: actor?.kind === 'user' ? actor.user.id : null,
      detail: { algorithms: [...ALGORITHMS] },
      at: now,
    });
  });
  return listIssuerKeys(deps, organisationId);
}

/** Public halves only, with the DID and verification method each signs as. */
export async function listIssuerKeys(deps: Deps, organisationId: string) {
  await findIssuer(deps, organisationId);
  const mode = identifierMode(deps.config.publicUrl, organisationId);
  const keys = await deps.store.issuerKeys.listForOrganisation(organisationId);
  return keys.map((k) => ({
    id: k.id,
    algorithm: k.algorithm,
    publicKeyMultibase: k.publicKeyMultibase,
    createdAt: k.createdAt,
    retiredAt: k.retiredAt,
    ...keyIdentity(mode, k),
  }));
}

/** The did:web DID document; under did:key there is none to serve (the DID is the key). */
export async function issuerDidDocument(deps: Deps, organisationId: string) {
  const mode = identifierMode(deps.config.publicUrl, organisationId);
  if (mode.kind !== 'did:web') throw new NotFound('DID document', organisationId);
  await activeKeys(deps, organisationId);
  return didWebDocument(mode, await deps.store.issuerKeys.listForOrganisation(organisationId));
}

/** The issuer as an Open Badges 3.0 Profile at its stable URL, naming every DID it signs as. */
export async function issuerProfile(deps: Deps, organisationId: string) {
  const org = await findIssuer(deps, organisationId);
  const mode = identifierMode(deps.config.publicUrl, organisationId);
  const keys = await deps.store.issuerKeys.listForOrganisation(organisationId);
  const dids = [
    ...new Set(keys.filter((k) => k.algorithm === 'Ed25519').map((k) => keyIdentity(mode, k).did)),
  ];
  const base = deps.config.publicUrl;
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT],
    id: publicUrls(base).profile(org.id),
    type: ['Profile'],
    name: org.name,
    url: `${base}/issuers/${org.id}`,
    ...(dids.length > 0
      ? {
          otherIdentifier: dids.map((did) => ({
            type: 'IdentifierEntry',
            identifier: did,
            identifierType: 'identifier',
          })),
        }
      : {}),
  };
}

/**
 * Whether Cairn knows the issuer of a credential: one of its organisations' DIDs (did:web), or a
 * did:key made from one of their keys, current or retired.
 */
export async function knownIssuer(
  deps: Deps,
  issuerId: string,
): Promise<{ organisationId: string; name: string } | undefined> {
  let organisationId: string | undefined;
  if (issuerId.startsWith('did:key:')) {
    const key = await deps.store.issuerKeys.findByPublicKey(
      issuerId.slice('did:key:'.length).split('#')[0] ?? '',
    );
    organisationId = key?.organisationId;
  } else {
    const match = /:issuers:([0-9a-f-]{36})$/.exec(issuerId);
    if (match?.[1]) {
      const mode = identifierMode(deps.config.publicUrl, match[1]);
      if (mode.kind === 'did:web' && mode.did === issuerId) organisationId = match[1];
    }
  }
  if (!organisationId) return undefined;
  const org = await deps.store.organisations.findById(organisationId);
  return org && { organisationId: org.id, name: org.name };
}
