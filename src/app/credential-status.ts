/**
 * Status lists and status changes. Each list is one index space published twice, as signed
 * BitstringStatusListCredentials for revocation and for suspension; every change republishes
 * the list in the same transaction, so verifiers see it as soon as it commits.
 */
import type { Actor } from '../domain/actor.js';
import {
  applyStatusAction,
  checkStatusReason,
  type CredentialRecord,
  type StatusAction,
} from '../domain/credentials.js';
import { NotFound } from '../domain/errors.js';
import { signDataIntegrityAs } from '../credentials/issuer.js';
import {
  Bitstring,
  MIN_STATUS_LIST_BITS,
  statusListCredentialBody,
  type StatusPurpose,
} from '../credentials/status-list.js';
import { canChangeCredentialStatus } from '../policies/credentials.js';
import { ensure } from '../policies/ensure.js';
import type { SigningKey } from '../credentials/issuer.js';
import { recordAudit } from './audit-trail.js';
import { refreshForCredential } from './pathway-progress.js';
import { signingKeyById, type IssuerSigner } from './issuer-keys.js';
import type { Deps, Store } from './ports.js';
import { publicUrls } from './public-urls.js';

/** A list takes new credentials until half full, so a random free index is found in a try or two. */
const LIST_SIZE = MIN_STATUS_LIST_BITS;
const LIST_FILL_LIMIT = LIST_SIZE / 2;

const AUDIT_KIND_OF = {
  revoke: 'credential_revoked',
  suspend: 'credential_suspended',
  reinstate: 'credential_reinstated',
} as const;
const INDEX_ATTEMPTS = 32;

async function lockedList(store: Store, listId: string) {
  const list = await store.credentials.lockStatusList(listId);
  if (!list) throw new NotFound('status list', listId);
  return list;
}

async function signedList(
  deps: Deps,
  signer: SigningKey,
  listId: string,
  purpose: StatusPurpose,
  flagged: number[],
  size: number,
) {
  const bits = new Bitstring(size);
  for (const i of flagged) bits.set(i, true);
  const body = statusListCredentialBody({
    id: publicUrls(deps.config.publicUrl).statusList(listId, purpose),
    issuer: signer.did,
    purpose,
    encodedList: bits.encode(),
    validFrom: deps.clock.now(),
  });
  return signDataIntegrityAs(body as unknown as Record<string, unknown>, signer, deps.clock.now());
}

/** Re-signs both lists from the credentials' current state, as the key the list belongs to. Call inside a transaction. */
export async function publishStatusList(deps: Deps, store: Store, listId: string) {
  const list = await lockedList(store, listId);
  // Inside the caller's transaction: the embedded database has one connection, so no outside reads.
  const by = await signingKeyById(deps, list.issuerKeyId, store);
  const flagged = await store.credentials.flaggedIndexes(listId);
  const revocation = await signedList(deps, by, listId, 'revocation', flagged.revoked, list.size);
  const suspension = await signedList(deps, by, listId, 'suspension', flagged.suspended, list.size);
  await store.credentials.savePublishedLists(listId, { revocation, suspension }, deps.clock.now());
}

/**
 * Hands out an unguessable index no credential has ever had: uniformly random in a list that is
 * at most half full, claimed in the database so concurrent issuers never share one.
 */
export async function claimStatusSlot(deps: Deps, store: Store, signer: IssuerSigner) {
  const organisationId = signer.organisation.id;
  const keyId = signer.ed25519.keyId;
  for (;;) {
    let list = await store.credentials.openStatusList(keyId, LIST_FILL_LIMIT);
    if (!list) {
      list = await store.credentials.createStatusList(organisationId, keyId, LIST_SIZE);
      await publishStatusList(deps, store, list.id);
    }
    for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt++) {
      const index = deps.secrets.randomInt(list.size);
      if (await store.credentials.claimStatusIndex(list.id, index)) return { statusListId: list.id, index };
    }
    // Unlucky 32 times in a half-full list (odds below 2^-32): a fresh list will do.
    const fresh = await store.credentials.createStatusList(organisationId, keyId, LIST_SIZE);
    await publishStatusList(deps, store, fresh.id);
  }
}

/** The published list credential, as verifiers fetch it. */
export async function getStatusListCredential(deps: Deps, listId: string, purpose: StatusPurpose) {
  const list = await deps.store.credentials.findStatusList(listId);
  const published = purpose === 'revocation' ? list?.revocationCredential : list?.suspensionCredential;
  if (!list || !published) throw new NotFound('status list', listId);
  return { credential: published, publishedAt: list.publishedAt ?? new Date(0) };
}

/**
 * Revokes, suspends or reinstates with a reason, recorded with who and when (in the credential's
 * history and the audit log), and republishes the list before returning. `actor` undefined: the
 * operator, from the command line, or Cairn itself acting on `onBehalfOf`'s decision (a moderator
 * overturning an assessment), whose permission the caller has checked.
 * @throws NotFound, NotAllowed, InvalidInput (reason), CredentialStatusConflict
 */
export async function changeCredentialStatus(
  deps: Deps,
  actor: Actor | undefined,
  credentialId: string,
  action: StatusAction,
  reasonText: string,
  onBehalfOf?: Actor,
): Promise<CredentialRecord> {
  const by = actor ?? onBehalfOf;
  const before = await deps.store.credentials.findById(credentialId);
  if (!before) throw new NotFound('credential', credentialId);
  if (actor) {
    ensure(
      canChangeCredentialStatus(actor, before.organisation.id),
      actor,
      `${action} credentials issued by ${before.organisation.name}`,
    );
  }
  const reason = checkStatusReason(reasonText);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    // The list lock serialises changes to its credentials: read the state again under it.
    await lockedList(store, before.statusListId);
    const current = await store.credentials.findById(credentialId);
    if (!current) throw new NotFound('credential', credentialId);
    const outcome = applyStatusAction(current, action);
    await store.credentials.setStatus(credentialId, {
      revokedAt: outcome === 'revoked' ? now : null,
      revocationReason: outcome === 'revoked' ? reason : null,
      suspendedAt: outcome === 'suspended' ? now : null,
      suspensionReason: outcome === 'suspended' ? reason : null,
    });
    await store.credentials.appendStatusChange(credentialId, {
      action,
      reason,
      actorUserId: by?.kind === 'user' ? by.user.id : null,
      at: now,
    });
    await recordAudit(deps, store, {
      kind: AUDIT_KIND_OF[action],
      actor: by ?? null,
      organisationId: current.organisation.id,
      subjectType: 'credential',
      subjectId: credentialId,
      detail: { reason },
    });
    await publishStatusList(deps, store, current.statusListId);
  });
  const after = await deps.store.credentials.findById(credentialId);
  if (!after) throw new NotFound('credential', credentialId);
  // Progress counts only active credentials: the holder's pathways follow the change.
  await refreshForCredential(deps, after);
  return after;
}
