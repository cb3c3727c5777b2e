/**
 * Verifying any Open Badges 3.0 / VC 2.0 credential, Cairn's or anyone's. Cairn's own URLs (status
 * lists, did:web documents, credential pages) are answered from the database; everything else is
 * fetched within strict limits.
 */
import { InvalidInput } from '../domain/errors.js';
import { credentialState } from '../domain/credentials.js';
import {
  parseCredentialInput,
  verifyCredential,
  type CredentialInput,
  type VerificationReport,
} from '../credentials/verify.js';
import { getStatusListCredential } from './credential-status.js';
import { issuerDidDocument, knownIssuer } from './issuer-keys.js';
import type { Deps } from './ports.js';

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** A document at one of Cairn's own public URLs, or undefined when the URL is not Cairn's. */
async function localDocument(deps: Deps, url: string): Promise<unknown> {
  const base = deps.config.publicUrl;
  if (!url.startsWith(`${base}/`)) return undefined;
  const path = url.slice(base.length).split('#')[0]?.split('?')[0] ?? '';
  let m = new RegExp(`^/api/v1/status-lists/${UUID}/(revocation|suspension)$`).exec(path);
  if (m?.[1] && (m[2] === 'revocation' || m[2] === 'suspension')) {
    return (await getStatusListCredential(deps, m[1], m[2])).credential;
  }
  m = new RegExp(`^/issuers/${UUID}/did\\.json$`).exec(path);
  if (m?.[1]) return issuerDidDocument(deps, m[1]);
  m = new RegExp(`^(?:/credentials/|/api/v1/credentials/)${UUID}(?:/download/json)?$`).exec(path);
  if (m?.[1]) {
    const c = await deps.store.credentials.findById(m[1]);
    return c?.public ? c.document : undefined;
  }
  return undefined;
}

async function fetchJson(deps: Deps, url: string): Promise<unknown> {
  return (await localDocument(deps, url)) ?? deps.remote.fetchJson(url);
}

/** A link to a credential: fetched (ours from the database), then read like a pasted one. */
export async function readCredentialLink(deps: Deps, link: string): Promise<CredentialInput> {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new InvalidInput('url', 'Give a full link, starting with https://.');
  }
  const document = await fetchJson(deps, url.toString()).catch((err: unknown) => {
    throw new InvalidInput(
      'url',
      `Could not fetch the credential: ${err instanceof Error ? err.message : String(err)}`,
    );
  });
  return { text: typeof document === 'string' ? document : JSON.stringify(document) };
}

/**
 * Every check as data. For a credential Cairn itself issued, suspension is read from Cairn's own
 * record too: an OB 3.0 credential carries one status entry (revocation), so other verifiers see
 * revocations but only Cairn sees suspensions.
 * @throws UnusableCredentialInput when no credential can be read from the input.
 */
export async function verifyCredentialInput(deps: Deps, input: CredentialInput): Promise<VerificationReport> {
  const parsed = parseCredentialInput(input);
  const report = await verifyCredential(parsed, {
    now: deps.clock.now(),
    fetchJson: (url) => fetchJson(deps, url),
    loadStatusList: (url) => fetchJson(deps, url),
    knownIssuer: (issuerId) => knownIssuer(deps, issuerId),
  });
  return withCairnSuspension(deps, report);
}

async function withCairnSuspension(deps: Deps, report: VerificationReport): Promise<VerificationReport> {
  if (report.result !== 'valid' && report.result !== 'expired') return report;
  const id = typeof report.credential.id === 'string' ? report.credential.id : '';
  const match = new RegExp(`^urn:uuid:${UUID}$`).exec(id);
  if (!match?.[1] || !report.issuer.known) return report;
  const record = await deps.store.credentials.findById(match[1]);
  if (!record || record.organisation.id !== report.issuer.known.organisationId) return report;
  if (credentialState(record, deps.clock.now()) !== 'suspended') return report;
  return {
    ...report,
    result: 'suspended',
    checks: report.checks.map((c) =>
      c.id === 'status'
        ? {
            ...c,
            status: 'failed' as const,
            message: `Suspended by ${record.organisation.name}: ${record.suspensionReason ?? 'no reason given'}. It may be reinstated.`,
          }
        : c,
    ),
  };
}
