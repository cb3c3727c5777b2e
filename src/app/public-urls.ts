import type { PublicUrls } from '../credentials/ob3/achievement.js';

/** Absolute addresses of public resources, as credentials and exports must carry them. */
export function publicUrls(base: string): PublicUrls {
  return {
    achievement: (versionId) => `${base}/api/v1/achievements/${versionId}/ob3`,
    image: (versionId) => `${base}/api/v1/achievement-versions/${versionId}/image`,
    profile: (organisationId) => `${base}/api/v1/issuers/${organisationId}`,
    competency: (frameworkId, code) => `${base}/frameworks/${frameworkId}#${encodeURIComponent(code)}`,
    criteria: (versionId) => `${base}/catalogue/${versionId}#criteria`,
  };
}
