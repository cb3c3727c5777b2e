/** What issuing, status and verification need from storage and from the outside world. */
import type {
  CredentialRecord,
  IssuerKeyAlgorithm,
  PublicIssuerKey,
  NewCredential,
  StatusChange,
  StatusListRecord,
} from '../domain/credentials.js';

/** Seals secrets at rest (AES-256-GCM under the master key); the key id binds a secret to its row. */
export interface Vault {
  seal(secret: Uint8Array, keyId: string): string;
  /** @throws SecretNotDecryptable when the master key or key id is wrong, or the text was altered. */
  open(sealed: string, keyId: string): Uint8Array;
}

/** Fetches JSON from elsewhere (did:web documents, keys, status lists) within strict limits. */
export interface RemoteDocuments {
  fetchJson(url: string): Promise<unknown>;
}

export interface StoredIssuerKey extends PublicIssuerKey {
  organisationId: string;
  sealedSecret: string;
}

export interface IssuerKeyRepository {
  /** Every key the organisation ever had, oldest first. */
  listForOrganisation(organisationId: string): Promise<StoredIssuerKey[]>;
  active(organisationId: string, algorithm: IssuerKeyAlgorithm): Promise<StoredIssuerKey | undefined>;
  /** @returns false when the organisation already has an active key of that algorithm. */
  insertActive(key: {
    id: string;
    organisationId: string;
    algorithm: IssuerKeyAlgorithm;
    publicKeyMultibase: string;
    sealedSecret: string;
  }): Promise<boolean>;
  retireActive(organisationId: string, algorithm: IssuerKeyAlgorithm, at: Date): Promise<void>;
  findByPublicKey(publicKeyMultibase: string): Promise<StoredIssuerKey | undefined>;
  findById(id: string): Promise<StoredIssuerKey | undefined>;
}

export interface CredentialRepository {
  /** The account behind an email, if there is one: credentials link to it and name its DID. */
  findRecipient(email: string): Promise<{ userId: string; name: string; did: string | null } | undefined>;
  findById(id: string): Promise<CredentialRecord | undefined>;
  findByAwardKey(awardKey: string): Promise<CredentialRecord | undefined>;
  /** Credentials awarded to this email or user, newest first. */
  listForRecipient(recipient: { email: string; userId: string }): Promise<CredentialRecord[]>;
  listForOrganisation(
    organisationId: string,
    page: { limit: number; offset: number },
  ): Promise<{
    items: CredentialRecord[];
    total: number;
  }>;
  /** @returns false when a credential with the same award key exists (nothing written). */
  insert(credential: NewCredential): Promise<boolean>;
  setPublic(id: string, value: boolean): Promise<void>;
  setStatus(
    id: string,
    status: {
      revokedAt: Date | null;
      revocationReason: string | null;
      suspendedAt: Date | null;
      suspensionReason: string | null;
    },
  ): Promise<void>;
  appendStatusChange(
    credentialId: string,
    change: Omit<StatusChange, 'actor'> & { actorUserId: string | null },
  ): Promise<void>;
  statusChanges(credentialId: string): Promise<StatusChange[]>;

  /** The key's newest list with fewer than `maxUsed` indexes handed out. */
  openStatusList(issuerKeyId: string, maxUsed: number): Promise<StatusListRecord | undefined>;
  createStatusList(organisationId: string, issuerKeyId: string, size: number): Promise<StatusListRecord>;
  findStatusList(id: string): Promise<StatusListRecord | undefined>;
  /** Locks the list for the rest of the transaction, so publications happen one at a time. */
  lockStatusList(id: string): Promise<StatusListRecord | undefined>;
  /** @returns false when the index was taken (by anyone, ever). */
  claimStatusIndex(statusListId: string, index: number): Promise<boolean>;
  releaseStatusIndex(statusListId: string, index: number): Promise<void>;
  /** Indexes of the list's revoked and suspended credentials. */
  flaggedIndexes(statusListId: string): Promise<{ revoked: number[]; suspended: number[] }>;
  savePublishedLists(
    statusListId: string,
    lists: { revocation: Record<string, unknown>; suspension: Record<string, unknown> },
    at: Date,
  ): Promise<void>;

  /** The signed EndorsementCredentials of live endorsements of a version, and the ones still to sign. */
  endorsementsToEmbed(versionId: string): Promise<
    {
      id: string;
      organisation: { id: string; name: string };
      statement: string;
      at: Date;
      credential: Record<string, unknown> | null;
    }[]
  >;
  saveEndorsementCredential(endorsementId: string, credential: Record<string, unknown>): Promise<void>;
  /** A live endorsement's signed EndorsementCredential, once signed. */
  findEndorsementCredential(endorsementId: string): Promise<Record<string, unknown> | undefined>;
}
