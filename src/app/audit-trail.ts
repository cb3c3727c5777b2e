/**
 * The assessment audit trail: an append-only, hash-chained log of who enrolled, submitted, decided,
 * moderated, appealed, issued and revoked. Use cases record into it inside their own transaction;
 * admins and moderators read it; platform admins check that nobody has edited it.
 */
import type { Actor } from '../domain/actor.js';
import {
  AuditChainVerifier,
  type AuditBreak,
  type AuditEntry,
  type AuditKind,
} from '../domain/audit-chain.js';
import { InvalidInput } from '../domain/errors.js';
import { canReadAuditLog, canVerifyAuditLog, readableAuditOrganisations } from '../policies/audit-log.js';
import { ensure } from '../policies/ensure.js';
import type { Deps, Store } from './ports.js';

/** How the operator is named in the log: they act from the command line, with no account. */
export const OPERATOR_LABEL = 'operator (command line)';

/** Entries read per query when verifying or exporting the whole chain. */
const BATCH = 1000;

export interface NewAuditEntry {
  kind: AuditKind;
  /** The person or API key acting; `undefined` or `null`: the operator, from the command line. */
  actor: Actor | null | undefined;
  organisationId: string | null;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
  /**
   * Names whoever acted when the actor cannot: an anonymous supervisor answering an attestation
   * through an emailed link, say. Ignored for people and API keys, whose own names are used.
   */
  actorLabel?: string;
}

function actorOf(entry: NewAuditEntry): { actorId: string | null; actorLabel: string | null } {
  const actor = entry.actor;
  if (actor === null || actor === undefined)
    return { actorId: null, actorLabel: entry.actorLabel ?? OPERATOR_LABEL };
  switch (actor.kind) {
    case 'user':
      return { actorId: `user:${actor.user.id}`, actorLabel: actor.user.name };
    case 'api_key':
      return { actorId: `api_key:${actor.keyId}`, actorLabel: actor.name };
    case 'anonymous':
      return { actorId: null, actorLabel: entry.actorLabel ?? null };
  }
}

/**
 * Appends one entry to the chain. Call it with the store of your own transaction, so the entry
 * lands with the change it records or not at all; outside a transaction it opens one (the append
 * holds an advisory lock until commit, so concurrent appends chain one after another).
 */
export async function recordAudit(
  deps: Pick<Deps, 'clock'>,
  store: Store,
  entry: NewAuditEntry,
): Promise<void> {
  const occurredAt = deps.clock.now();
  await store.transaction((tx) =>
    tx.auditLog.append({
      occurredAt,
      kind: entry.kind,
      ...actorOf(entry),
      organisationId: entry.organisationId,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      detail: entry.detail ?? {},
    }),
  );
}

/**
 * The one JSON form of an entry: API responses, NDJSON exports and the command line alike.
 * To recompute a hash from it, map `actor` back to `actorId`/`actorLabel` (null → both null).
 */
export function auditEntryJson(entry: AuditEntry) {
  return {
    seq: entry.seq,
    occurredAt: entry.occurredAt.toISOString(),
    kind: entry.kind,
    actor: entry.actorLabel === null ? null : { id: entry.actorId, label: entry.actorLabel },
    organisationId: entry.organisationId,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    detail: entry.detail,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

export interface AuditLogQuery {
  organisationId?: string;
  subjectType?: string;
  subjectId?: string;
  /** Entries with a lower `seq` than this: the previous page's `nextBefore`. */
  before?: number;
  limit: number;
}

export interface AuditLogPage {
  items: AuditEntry[];
  nextBefore: number | null;
}

/**
 * The organisations the actor may read, narrowed to one when asked; `null` means every entry.
 * @throws NotAllowed | SignInRequired
 */
function scopeFor(actor: Actor, organisationId: string | undefined): string[] | null {
  if (organisationId !== undefined) {
    ensure(canReadAuditLog(actor, organisationId), actor, 'read the audit log of this organisation');
    return [organisationId];
  }
  const readable = readableAuditOrganisations(actor);
  ensure(readable === null || readable.length > 0, actor, 'read the audit log');
  return readable;
}

/**
 * Newest first. Platform admins see every entry; org admins and moderators their organisations'.
 * @throws SignInRequired | NotAllowed | InvalidInput (a subject needs both its type and its id)
 */
export async function listAuditLog(
  deps: Pick<Deps, 'store'>,
  actor: Actor,
  query: AuditLogQuery,
): Promise<AuditLogPage> {
  const organisationIds = scopeFor(actor, query.organisationId);
  if ((query.subjectType === undefined) !== (query.subjectId === undefined)) {
    throw new InvalidInput(
      query.subjectType === undefined ? 'subjectType' : 'subjectId',
      'Filter by subject with both subjectType and subjectId.',
    );
  }
  const items = await deps.store.auditLog.list({
    organisationIds,
    ...(query.subjectType !== undefined && query.subjectId !== undefined
      ? { subject: { type: query.subjectType, id: query.subjectId } }
      : {}),
    ...(query.before !== undefined ? { beforeSeq: query.before } : {}),
    limit: query.limit + 1,
  });
  const shown = items.slice(0, query.limit);
  return { items: shown, nextBefore: items.length > query.limit ? (shown.at(-1)?.seq ?? null) : null };
}

export interface AuditVerification {
  /** True when every entry's hash and link to the one before it check out. */
  ok: boolean;
  checked: number;
  total: number;
  firstBroken: AuditBreak | null;
}

/**
 * Recomputes the whole chain, oldest first, in batches, and stops at the first entry that was
 * edited, removed or inserted out of order. No actor: the command line runs it as the operator;
 * {@link verifyAuditLogFor} is the route's way in.
 */
export async function verifyAuditLog(
  deps: Pick<Deps, 'store'>,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  let total = await deps.store.auditLog.count();
  const verifier = new AuditChainVerifier();
  onProgress?.(0, total);
  let after = 0;
  for (;;) {
    const batch = await deps.store.auditLog.range(after, BATCH);
    for (const entry of batch) {
      const broken = verifier.push(entry);
      if (broken) {
        return {
          ok: false,
          checked: verifier.checked,
          total: Math.max(total, verifier.checked),
          firstBroken: broken,
        };
      }
    }
    // Entries appended while we read simply extend the chain we are checking.
    total = Math.max(total, verifier.checked);
    onProgress?.(verifier.checked, total);
    const last = batch.at(-1);
    if (batch.length < BATCH || last === undefined) break;
    after = last.seq;
  }
  return { ok: true, checked: verifier.checked, total, firstBroken: null };
}

/** @throws SignInRequired | NotAllowed (platform admins only) */
export async function verifyAuditLogFor(deps: Pick<Deps, 'store'>, actor: Actor): Promise<AuditVerification> {
  ensure(canVerifyAuditLog(actor), actor, 'verify the audit log');
  return verifyAuditLog(deps);
}

async function* entries(deps: Pick<Deps, 'store'>, organisationIds: readonly string[] | null) {
  let after = 0;
  for (;;) {
    const batch = await deps.store.auditLog.range(after, BATCH, organisationIds);
    yield* batch;
    const last = batch.at(-1);
    if (batch.length < BATCH || last === undefined) return;
    after = last.seq;
  }
}

/**
 * Every entry the actor may read, oldest first, read in batches as the caller consumes them.
 * Permission is checked before anything is returned, so a refusal is an error, not a broken stream.
 * `actor` undefined: the operator, who may export everything.
 * @throws SignInRequired | NotAllowed
 */
export async function exportAuditLog(
  deps: Pick<Deps, 'store'>,
  actor: Actor | undefined,
  organisationId?: string,
): Promise<AsyncIterable<AuditEntry>> {
  const organisationIds =
    actor === undefined
      ? organisationId === undefined
        ? null
        : [organisationId]
      : scopeFor(actor, organisationId);
  return entries(deps, organisationIds);
}
