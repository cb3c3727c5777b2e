import type { OrganisationKind } from '../api/types';

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  employer: 'Employer',
  education_provider: 'Education provider',
  professional_body: 'Professional body',
  platform: 'Platform',
};

export const ORGANISATION_KIND_HINTS: Record<OrganisationKind, string> = {
  employer: 'A council, consultancy or contractor that employs asset managers.',
  education_provider: 'A polytechnic, university or private training establishment.',
  professional_body: 'A society or institute that endorses credentials and owns frameworks.',
  platform: 'Runs Cairn itself. Only platform admins can create these.',
};
