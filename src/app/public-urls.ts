import type { PublicUrls } from '../credentials/ob3/achievement.js';

/** Absolute addresses of public resources, as credentials and exports must carry them. */
export function publicUrls(base: string) {
  return {
    achievement: (versionId) => `${base}/api/v1/achievements/${versionId}/ob3`,
    image: (versionId) => `${base}/api/v1/achievement-versions/${versionId}/image`,
    profile: (organisationId) => `${base}/api/v1/issuers/${organisationId}`,
    competency: (frameworkId, code) => `${base}/frameworks/${frameworkId}#${encodeURIComponent(code)}`,
    criteria: (versionId) => `${base}/catalogue/${versionId}#criteria`,
    statusList: (listId: string, purpose: 'revocation' | 'suspension') =>
      `${base}/api/v1/status-lists/${listId}/${purpose}`,
    /** The public page of a credential, with its checks and downloads. */
    credentialPage: (credentialId: string) => `${base}/credentials/${credentialId}`,
    credentialJson: (credentialId: string) => `${base}/api/v1/credentials/${credentialId}/download.json`,
    /** The issuer's micro-credentials in the catalogue: its public home on Cairn. */
    issuerPage: (organisationId: string) => `${base}/catalogue?provider=${organisationId}`,
    verifyPage: () => `${base}/verify`,
  } satisfies PublicUrls & Record<string, unknown>;
}
