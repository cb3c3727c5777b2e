// Issued Open Badges 3.0 credentials: issuing, the public page, the wallet, status changes,
// signing keys and verification. Shapes follow the server's routes (src/http/routes/credentials.ts);
// the web app may not import them, so they are restated here.
import { apiRequest } from './client';
import type { ItemList, PersonRef } from './types';

const v1 = '/api/v1';
const segment = encodeURIComponent;

export const CREDENTIAL_STATES = ['active', 'expired', 'suspended', 'revoked'] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

export const CREDENTIAL_ROUTES = ['assessed', 'rpl', 'direct'] as const;
export type CredentialRoute = (typeof CREDENTIAL_ROUTES)[number];

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

export interface CredentialSummary {
  id: string;
  title: string;
  achievementId: string;
  versionId: string;
  issuer: PersonRef;
  recipientName: string | null;
  route: CredentialRoute;
  awardedAt: string;
  validFrom: string;
  validUntil: string | null;
  issuedAt: string;
  state: CredentialState;
  revocationReason: string | null;
  suspensionReason: string | null;
  public: boolean;
  renewalOf: string | null;
}

/** A row of an organisation's issued list: issuer staff also see the recipient's email. */
export interface IssuedCredential extends CredentialSummary {
  recipientEmail: string;
}

export interface StatusChange {
  action: StatusAction;
  reason: string;
  actor: PersonRef | null;
  at: string;
}

/** Only for the holder and the issuer's staff. */
export interface CredentialRecord {
  recipientEmail: string;
  statusListId: string;
  statusIndex: number;
  isHolder: boolean;
  canChangeStatus: boolean;
  history: StatusChange[];
}

export interface CredentialView extends CredentialSummary {
  /** The signed OB 3.0 AchievementCredential; read it with the guards in pages/credentials/ob3.ts. */
  credential: Record<string, unknown>;
  record?: CredentialRecord;
}

export interface EvidenceInput {
  name: string;
  description?: string;
  narrative?: string;
  /** A URL. */
  id?: string;
}

export interface IssueCredentialBody {
  achievementId: string;
  recipientEmail: string;
  recipientName?: string;
  awardId?: string;
  route?: CredentialRoute;
  evidence?: EvidenceInput[];
}

export interface IssueResult {
  credential: CredentialView;
  /** False when the same award had been issued before (the server answered 200, not 201). */
  created: boolean;
}

export interface IssuedPage {
  total: number;
  items: IssuedCredential[];
}

export type KeyAlgorithm = 'Ed25519' | 'P-256';

export interface IssuerKey {
  id: string;
  algorithm: KeyAlgorithm;
  publicKeyMultibase: string;
  did: string;
  verificationMethod: string;
  createdAt: string;
  retiredAt: string | null;
}

export const DOWNLOAD_FORMATS = ['json', 'jwt', 'jwt-es256', 'png', 'svg'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

// Verification (POST /verify)

export type VerifyResult = 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'suspended' | 'invalid';
export type CheckId = 'structure' | 'proof' | 'issuer-key' | 'status' | 'validity' | 'issuer-identity';
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped';

export interface VerifyCheck {
  /** Known ids are listed in CheckId; a newer server may send others. */
  id: string;
  status: CheckStatus;
  title: string;
  message: string;
}

export interface VerifyReport {
  result: VerifyResult;
  format: 'ldp' | 'jwt';
  source: 'json' | 'jwt' | 'png' | 'svg';
  issuer: { id?: string; name?: string; known?: { organisationId: string; name: string } };
  credential: Record<string, unknown>;
  checks: VerifyCheck[];
}

/** What the verify page sends: pasted text (JSON or a compact JWT), a link, or a file. */
export type VerifyInput =
  | { kind: 'credential'; credential: Record<string, unknown> | string }
  | { kind: 'url'; url: string }
  | { kind: 'file'; file: Blob; contentType: string };

/** The server refuses bigger inputs; checking first saves uploading them. */
export const VERIFY_MAX_BYTES = 10 * 1024 * 1024;

/** The media type to send a dropped file as, from its type or, failing that, its name. */
export function verifyContentType(file: { name: string; type: string }): string | undefined {
  const name = file.name.toLowerCase();
  if (file.type === 'image/png' || name.endsWith('.png')) return 'image/png';
  if (file.type === 'image/svg+xml' || name.endsWith('.svg')) return 'image/svg+xml';
  if (
    file.type === 'application/json' ||
    /\.(json|jsonld)$/.test(name) ||
    file.type === 'application/ld+json'
  )
    return 'application/json';
  if (file.type.startsWith('text/') || /\.(jwt|txt)$/.test(name)) return 'text/plain';
  return undefined;
}

async function issue(body: IssueCredentialBody): Promise<IssueResult> {
  // apiRequest hides the status; issuing needs it to tell "issued now" from "already issued".
  let created = true;
  const credential = await apiRequest<CredentialView>('POST', `${v1}/credentials`, {
    body,
    onStatus: (status) => {
      created = status === 201;
    },
  });
  return { credential, created };
}

export const credentialsApi = {
  issue,
  get: (id: string, signal?: AbortSignal) =>
    apiRequest<CredentialView>('GET', `${v1}/credentials/${segment(id)}`, { signal }),
  /** The signed credential as the JSON file a holder downloads. */
  getJson: (id: string, signal?: AbortSignal) =>
    apiRequest<Record<string, unknown>>('GET', `${v1}/credentials/${segment(id)}/download/json`, { signal }),
  changeStatus: (id: string, action: StatusAction, reason: string) =>
    apiRequest<CredentialView>('POST', `${v1}/credentials/${segment(id)}/${action}`, { body: { reason } }),
  setVisibility: (id: string, isPublic: boolean) =>
    apiRequest<CredentialSummary>('PUT', `${v1}/credentials/${segment(id)}/visibility`, {
      body: { public: isPublic },
    }),
  listMine: (signal?: AbortSignal) =>
    apiRequest<ItemList<CredentialSummary>>('GET', `${v1}/me/credentials`, { signal }),
  listIssued: (orgId: string, limit: number, offset: number, signal?: AbortSignal) =>
    apiRequest<IssuedPage>(
      'GET',
      `${v1}/organisations/${segment(orgId)}/credentials?limit=${limit}&offset=${offset}`,
      { signal },
    ),
  listKeys: (orgId: string, signal?: AbortSignal) =>
    apiRequest<ItemList<IssuerKey>>('GET', `${v1}/organisations/${segment(orgId)}/keys`, { signal }),
  rotateKeys: (orgId: string) =>
    apiRequest<ItemList<IssuerKey>>('POST', `${v1}/organisations/${segment(orgId)}/keys/rotate`),
  verify: (input: VerifyInput, signal?: AbortSignal) => {
    switch (input.kind) {
      case 'credential':
        return apiRequest<VerifyReport>('POST', `${v1}/verify`, {
          body: { credential: input.credential },
          signal,
        });
      case 'url':
        return apiRequest<VerifyReport>('POST', `${v1}/verify`, { body: { url: input.url }, signal });
      case 'file':
        return apiRequest<VerifyReport>('POST', `${v1}/verify`, {
          raw: { body: input.file, contentType: input.contentType },
          signal,
        });
    }
  },

  /** Download links, not fetches: the browser saves the file. */
  downloadUrl: (id: string, format: DownloadFormat) => `${v1}/credentials/${segment(id)}/download/${format}`,
  badgeImageUrl: (versionId: string) => `${v1}/achievement-versions/${segment(versionId)}/image`,
};
