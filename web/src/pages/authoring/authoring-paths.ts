// Addresses of the authoring pages, so links never build them by hand.

export const AUTHORING_PATH = '/authoring';
export const NEW_ACHIEVEMENT_PATH = '/authoring/new';

export const reviewPath = (versionId: string) => `/authoring/versions/${encodeURIComponent(versionId)}`;
export const editPath = (versionId: string) => `${reviewPath(versionId)}/edit`;
export const diffPath = (versionId: string, otherVersionId: string) =>
  `${reviewPath(versionId)}/diff/${encodeURIComponent(otherVersionId)}`;
