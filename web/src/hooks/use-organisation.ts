import { cairnApi } from '../api/cairn-api';
import type { Organisation } from '../api/types';
import { useApiQuery, type QueryResult } from './use-api-query';

/** The organisation an org-scoped page is about, with what the caller may do there. */
export function useOrganisation(orgId: string): QueryResult<Organisation> {
  return useApiQuery(`organisation:${orgId}`, (signal) => cairnApi.getOrganisation(orgId, signal));
}
