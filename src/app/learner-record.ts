/** A learner's Comprehensive Learner Record (CLR 2.0): every credential they hold, in one signed file. */
import type { Actor } from '../domain/actor.js';
import { credentialState } from '../domain/credentials.js';
import { SignInRequired } from '../domain/errors.js';
import type { Organisation } from '../domain/identity.js';
import { buildClrCredential } from '../credentials/ob3/credential.js';
import { signVcJwt } from '../credentials/vc-jwt.js';
import { withNewOrganisation } from './create-organisation.js';
import { issuerSigner } from './issuer-keys.js';
import type { Deps } from './ports.js';
import { publicUrls } from './public-urls.js';

/** The platform signs transcripts: they bundle credentials from many issuers, each keeping its own proof. */
async function platformOrganisation(deps: Deps): Promise<Organisation> {
  const existing = (await deps.store.organisations.listAll()).find((o) => o.kind === 'platform');
  if (existing) return existing;
  return withNewOrganisation(
    deps,
    { name: 'Cairn', kind: 'platform', slug: 'cairn' },
    async (_store, created) => created,
  );
}

/**
 * The signed-in learner's transcript as a VC-JWT (EdDSA): their active and expired credentials
 * (not revoked or suspended ones), each with its issuer's own proof inside.
 */
export async function exportLearnerRecord(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') throw new SignInRequired();
  const now = deps.clock.now();
  const held = (
    await deps.store.credentials.listForRecipient({ email: actor.user.email, userId: actor.user.id })
  ).filter((c) => ['active', 'expired'].includes(credentialState(c, now)));
  const platform = await platformOrganisation(deps);
  const signer = await issuerSigner(deps, platform.id);
  const body = buildClrCredential({
    id: `urn:uuid:${deps.secrets.uuid()}`,
    issuer: {
      id: signer.ed25519.did,
      name: platform.name,
      url: publicUrls(deps.config.publicUrl).profile(platform.id),
    },
    learner: { email: actor.user.email, salt: deps.secrets.randomId(16), name: actor.user.name },
    credentials: held.map((c) => c.document),
    validFrom: now,
  });
  const jwt = await signVcJwt(body, {
    privateKey: signer.ed25519.privateKey,
    alg: 'EdDSA',
    kid: signer.ed25519.verificationMethod,
  });
  return { credential: body, jwt, count: held.length };
}
