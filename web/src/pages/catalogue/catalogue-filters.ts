// The catalogue's search and filters live in the URL, so a result list can be linked and
// bookmarked. Anything malformed in a hand-edited URL is dropped rather than sent to the server.
import { CATALOGUE_SORTS, type CatalogueQuery, type CatalogueSort } from '../../api/catalogue-api';

export const PAGE_SIZE = 12;

export interface CatalogueFilters {
  q: string;
  skillArea: string;
  level: number | undefined;
  creditsMin: number | undefined;
  creditsMax: number | undefined;
  provider: string;
  endorsedBy: string;
  rplAllowed: boolean | undefined;
  competency: string[];
  /** undefined: the server's default (best match when searching, otherwise title). */
  sort: CatalogueSort | undefined;
  offset: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function intIn(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= min && number <= max ? number : undefined;
}

function uuid(value: string | null): string {
  return value !== null && UUID.test(value) ? value : '';
}

export function readFilters(params: URLSearchParams): CatalogueFilters {
  const sort = params.get('sort');
  const rpl = params.get('rplAllowed');
  const offset = intIn(params.get('offset'), 0, 100_000) ?? 0;
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    skillArea: (params.get('skillArea') ?? '').slice(0, 100),
    level: intIn(params.get('level'), 1, 10),
    creditsMin: intIn(params.get('creditsMin'), 0, 40),
    creditsMax: intIn(params.get('creditsMax'), 0, 40),
    provider: uuid(params.get('provider')),
    endorsedBy: uuid(params.get('endorsedBy')),
    rplAllowed: rpl === 'true' ? true : rpl === 'false' ? false : undefined,
    competency: [...new Set(params.getAll('competency').filter((id) => UUID.test(id)))].slice(0, 20),
    sort: CATALOGUE_SORTS.find((s) => s === sort),
    // Keep paging on page boundaries.
    offset: offset - (offset % PAGE_SIZE),
  };
}

export function writeFilters(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  const trimmed = filters.q.trim();
  if (trimmed) params.set('q', trimmed);
  if (filters.skillArea) params.set('skillArea', filters.skillArea);
  if (filters.level !== undefined) params.set('level', String(filters.level));
  if (filters.creditsMin !== undefined) params.set('creditsMin', String(filters.creditsMin));
  if (filters.creditsMax !== undefined) params.set('creditsMax', String(filters.creditsMax));
  if (filters.provider) params.set('provider', filters.provider);
  if (filters.endorsedBy) params.set('endorsedBy', filters.endorsedBy);
  if (filters.rplAllowed !== undefined) params.set('rplAllowed', String(filters.rplAllowed));
  for (const id of filters.competency) params.append('competency', id);
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.offset > 0) params.set('offset', String(filters.offset));
  return params;
}

export function toQuery(filters: CatalogueFilters): CatalogueQuery {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.skillArea ? { skillArea: filters.skillArea } : {}),
    ...(filters.level !== undefined ? { level: filters.level } : {}),
    ...(filters.creditsMin !== undefined ? { creditsMin: filters.creditsMin } : {}),
    ...(filters.creditsMax !== undefined ? { creditsMax: filters.creditsMax } : {}),
    ...(filters.provider ? { provider: filters.provider } : {}),
    ...(filters.endorsedBy ? { endorsedBy: filters.endorsedBy } : {}),
    ...(filters.rplAllowed !== undefined ? { rplAllowed: filters.rplAllowed } : {}),
    ...(filters.competency.length > 0 ? { competency: filters.competency } : {}),
    ...(filters.sort ? { sort: filters.sort } : {}),
    limit: PAGE_SIZE,
    offset: filters.offset,
  };
}

/** How many filters (not the search text, sort or page) are set, for the "Filters (2)" toggle. */
export function activeFilterCount(filters: CatalogueFilters): number {
  return (
    [
      filters.skillArea,
      filters.level,
      filters.creditsMin,
      filters.creditsMax,
      filters.provider,
      filters.endorsedBy,
      filters.rplAllowed,
    ].filter((value) => value !== undefined && value !== '').length + filters.competency.length
  );
}

export const SORT_LABELS: Record<CatalogueSort, string> = {
  relevance: 'Best match',
  title: 'Title (A–Z)',
  newest: 'Newest first',
  credits: 'Credits (fewest first)',
};
