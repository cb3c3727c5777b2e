import { useEffect, useEffectEvent, useId, useRef, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { catalogueApi, type CataloguePage, type CatalogueSort, type Ref } from '../../api/catalogue-api';
import { Button } from '../../design/button';
import { EmptyState } from '../../design/empty-state';
import { describedBy, FieldFrame } from '../../design/field';
import { Icon } from '../../design/icons';
import { PageHeader } from '../../design/page-header';
import { ErrorState } from '../../design/query-view';
import { Select } from '../../design/select';
import { LoadingBlock } from '../../design/spinner';
import { TextField } from '../../design/text-field';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { AchievementCard } from './achievement-card';
import {
  activeFilterCount,
  PAGE_SIZE,
  readFilters,
  SORT_LABELS,
  toQuery,
  writeFilters,
  type CatalogueFilters,
} from './catalogue-filters';
import { countLabel, SKILL_AREAS, tagLabel } from './labels';
import './catalogue.css';

const SEARCH_DELAY_MS = 300;

interface FacetOptions {
  total: number;
  providers: Ref[];
  endorsers: Ref[];
  levels: number[];
  credits: number[];
}

export interface CompetencyOption {
  id: string;
  code: string;
  name: string;
  taughtBy: number;
}

export interface CompetencyOptionGroup {
  label: string;
  options: CompetencyOption[];
}

function byName(a: Ref, b: Ref) {
  return a.name.localeCompare(b.name, 'en-NZ');
}

function uniqueRefs(refs: Ref[]): Ref[] {
  return [...new Map(refs.map((ref) => [ref.id, ref])).values()].sort(byName);
}

function uniqueNumbers(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * Options for the filters come from the catalogue itself (one unfiltered page), so a provider or
 * endorser only appears when something in the catalogue matches it.
 */
async function loadFacets(signal: AbortSignal): Promise<FacetOptions> {
  const page = await catalogueApi.searchCatalogue({ limit: 100, sort: 'title' }, signal);
  return {
    total: page.total,
    providers: uniqueRefs(page.items.map((item) => item.provider)),
    endorsers: uniqueRefs(page.items.flatMap((item) => item.endorsements.map((e) => e.organisation))),
    levels: uniqueNumbers(page.items.map((item) => item.level)),
    credits: uniqueNumbers(page.items.map((item) => item.credits)),
  };
}

/** Every framework's competencies, by group, with how many published micro-credentials teach each. */
export async function loadCompetencyOptions(signal: AbortSignal): Promise<CompetencyOptionGroup[]> {
  const frameworks = (await catalogueApi.listFrameworks(signal)).items;
  const loaded = await Promise.all(
    frameworks.map(async (summary) => {
      // The framework names its groups; its coverage report carries the competencies' ids.
      const [framework, coverage] = await Promise.all([
        catalogueApi.getFramework(summary.id, signal),
        catalogueApi.frameworkCoverage(summary.id, signal),
      ]);
      return framework.groups.map((group) => ({
        label: frameworks.length > 1 ? `${framework.title}: ${group.name}` : group.name,
        options: coverage.competencies
          .filter((c) => c.groupCode === group.code)
          .map(({ id, code, name, taughtBy }) => ({ id, code, name, taughtBy })),
      }));
    }),
  );
  return loaded.flat().filter((group) => group.options.length > 0);
}

export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const queryKey = writeFilters(filters).toString();

  const facets = useApiQuery('catalogue-facets', loadFacets);
  const competencies = useApiQuery('catalogue-competencies', loadCompetencyOptions);
  const results = useApiQuery(`catalogue:${queryKey}`, (signal) =>
    catalogueApi.searchCatalogue(toQuery(filters), signal),
  );

  // Keep the last results on screen while the next ones load, so typing doesn't flash a spinner.
  const [shown, setShown] = useState<CataloguePage | null>(null);
  if (results.status === 'success' && results.data !== shown) setShown(results.data);

  function update(change: Partial<CatalogueFilters>, { replace = false } = {}) {
    const next: CatalogueFilters = { ...filters, offset: 0, ...change };
    setParams(writeFilters(next), { replace });
  }

  const filtersHeadingRef = useRef<HTMLHeadingElement>(null);
  function clearFilters() {
    setParams(writeFilters({ ...readFilters(new URLSearchParams()), q: filters.q, sort: filters.sort }));
    // The button disappears with the filters it cleared.
    filtersHeadingRef.current?.focus();
  }

  const resultsHeadingRef = useRef<HTMLHeadingElement>(null);
  const [lastOffset, setLastOffset] = useState(filters.offset);
  const [pagedTo, setPagedTo] = useState<number | null>(null);
  if (lastOffset !== filters.offset) {
    setLastOffset(filters.offset);
    setPagedTo(filters.offset);
  }
  // After moving to another page, take keyboard and screen reader users to the top of the results.
  useEffect(() => {
    if (pagedTo === null) return;
    const heading = resultsHeadingRef.current;
    heading?.focus({ preventScroll: true });
    heading?.scrollIntoView({ block: 'start' });
  }, [pagedTo]);

  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const activeCount = activeFilterCount(filters);

  return (
    <>
      <PageHeader
        title="Catalogue"
        description={
          <p>
            Micro-credentials co-designed by employers, educators and professional bodies for infrastructure
            asset management in Aotearoa New Zealand. Each one is small, stackable and tied to a shared
            competency framework.
          </p>
        }
      />
      <div className="catalogue">
        <SearchBox
          value={filters.q}
          onSearch={(q) => {
            update({ q }, { replace: true });
          }}
        />
        <div className="catalogue__layout">
          <div className="catalogue__filters">
            <button
              type="button"
              className="btn btn--secondary catalogue__filters-toggle"
              aria-expanded={filtersOpen}
              aria-controls={filtersId}
              onClick={() => {
                setFiltersOpen((open) => !open);
              }}
            >
              <Icon name={filtersOpen ? 'close' : 'list'} />
              <span>{activeCount > 0 ? `Filters (${activeCount} on)` : 'Filters'}</span>
            </button>
            <section
              id={filtersId}
              className="facets"
              data-open={filtersOpen}
              aria-labelledby={`${filtersId}-heading`}
            >
              <div className="facets__heading">
                <h2 id={`${filtersId}-heading`} ref={filtersHeadingRef} tabIndex={-1}>
                  Filters
                </h2>
                {activeCount > 0 ? (
                  <button type="button" className="text-link-button small" onClick={clearFilters}>
                    Clear filters
                  </button>
                ) : null}
              </div>
              <Facets
                filters={filters}
                facets={facets.status === 'success' ? facets.data : null}
                competencyGroups={competencies.status === 'success' ? competencies.data : null}
                competencyProblem={competencies.status === 'error' ? competencies.problem.title : null}
                onChange={update}
              />
            </section>
          </div>

          <section className="results" aria-labelledby="results-heading">
            <div className="results__toolbar">
              <div>
                <h2 id="results-heading" ref={resultsHeadingRef} tabIndex={-1} className="results__heading">
                  {filters.q ? `Results for “${filters.q}”` : 'All micro-credentials'}
                </h2>
                <p className="muted small" role="status" data-testid="catalogue-count">
                  {shown ? rangeLabel(shown) : null}
                </p>
              </div>
              <div className="results__sort">
                <Select
                  label="Sort by"
                  value={filters.sort ?? (filters.q ? 'relevance' : 'title')}
                  options={(Object.keys(SORT_LABELS) as CatalogueSort[])
                    .filter((sort) => sort !== 'relevance' || filters.q)
                    .map((sort) => ({ value: sort, label: SORT_LABELS[sort] }))}
                  onChange={(event) => {
                    update({ sort: event.target.value as CatalogueSort });
                  }}
                />
              </div>
            </div>
            <Results
              results={results}
              shown={shown}
              filters={filters}
              params={params}
              onClear={() => {
                setParams(new URLSearchParams());
              }}
            />
          </section>
        </div>
      </div>
    </>
  );
}

function rangeLabel(page: CataloguePage): string {
  if (page.total === 0) return 'No micro-credentials found';
  if (page.total <= page.limit && page.offset === 0)
    return countLabel(page.total, 'micro-credential', 'micro-credentials');
  const first = Math.min(page.offset + 1, page.total);
  const last = Math.min(page.offset + page.items.length, page.total);
  return `Showing ${first}–${last} of ${page.total} micro-credentials`;
}

/** The search box commits a moment after typing stops, and at once on Enter. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  // What the URL said last; when it changes from outside (Back, a link), show that instead.
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setDraft(value);
  }

  function push(text: string) {
    const next = text.trim();
    if (next === synced) return;
    setSynced(next);
    onSearch(next);
  }
  const commit = useEffectEvent(push);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      commit(draft);
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [draft]);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    push(draft);
  }

  return (
    <form role="search" className="catalogue__search" onSubmit={handleSubmit} aria-label="Catalogue">
      <TextField
        label="Search micro-credentials"
        hint="Titles, codes, summaries and what they teach, e.g. “renewals” or “IAM-203”."
        type="search"
        value={draft}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        onChange={(event) => {
          setDraft(event.target.value);
        }}
      />
      <Button type="submit" variant="primary">
        Search
      </Button>
    </form>
  );
}

function Facets({
  filters,
  facets,
  competencyGroups,
  competencyProblem,
  onChange,
}: {
  filters: CatalogueFilters;
  facets: FacetOptions | null;
  competencyGroups: CompetencyOptionGroup[] | null;
  competencyProblem: string | null;
  onChange: (change: Partial<CatalogueFilters>) => void;
}) {
  const number = (value: string) => (value === '' ? undefined : Number(value));
  // A value from a shared link stays selectable even when the first page of the catalogue lacks it.
  const levels = withValue(facets?.levels ?? [], filters.level);
  const credits = facets?.credits ?? [];
  const providers = withRef(facets?.providers ?? [], filters.provider);
  const endorsers = withRef(facets?.endorsers ?? [], filters.endorsedBy);

  return (
    <div className="facets__fields">
      <Select
        label="Skill area"
        value={filters.skillArea}
        options={[
          { value: '', label: 'Any skill area' },
          ...withTag(SKILL_AREAS, filters.skillArea).map((area) => ({ value: area, label: tagLabel(area) })),
        ]}
        onChange={(event) => {
          onChange({ skillArea: event.target.value });
        }}
      />
      <Select
        label="NZQF level"
        value={filters.level === undefined ? '' : String(filters.level)}
        options={[
          { value: '', label: 'Any level' },
          ...levels.map((level) => ({ value: String(level), label: `Level ${level}` })),
        ]}
        onChange={(event) => {
          onChange({ level: number(event.target.value) });
        }}
      />
      <fieldset className="facets__range">
        <legend className="field__label">Credits</legend>
        <div className="facets__range-fields">
          <Select
            label="From"
            value={filters.creditsMin === undefined ? '' : String(filters.creditsMin)}
            options={[
              { value: '', label: 'Any' },
              ...withValue(credits, filters.creditsMin).map((c) => ({ value: String(c), label: String(c) })),
            ]}
            onChange={(event) => {
              onChange({ creditsMin: number(event.target.value) });
            }}
          />
          <Select
            label="To"
            value={filters.creditsMax === undefined ? '' : String(filters.creditsMax)}
            options={[
              { value: '', label: 'Any' },
              ...withValue(credits, filters.creditsMax).map((c) => ({ value: String(c), label: String(c) })),
            ]}
            onChange={(event) => {
              onChange({ creditsMax: number(event.target.value) });
            }}
          />
        </div>
        <p className="field__hint">1 credit is about 10 hours of learning.</p>
      </fieldset>
      <Select
        label="Provider"
        value={filters.provider}
        options={[
          { value: '', label: 'Any provider' },
          ...providers.map((ref) => ({ value: ref.id, label: ref.name })),
        ]}
        onChange={(event) => {
          onChange({ provider: event.target.value });
        }}
      />
      <Select
        label="Endorsed by"
        value={filters.endorsedBy}
        options={[
          { value: '', label: 'Any organisation' },
          ...endorsers.map((ref) => ({ value: ref.id, label: ref.name })),
        ]}
        onChange={(event) => {
          onChange({ endorsedBy: event.target.value });
        }}
      />
      <Select
        label="Recognition of prior learning"
        value={filters.rplAllowed === undefined ? '' : String(filters.rplAllowed)}
        options={[
          { value: '', label: 'Any' },
          { value: 'true', label: 'RPL available' },
          { value: 'false', label: 'No RPL' },
        ]}
        onChange={(event) => {
          const value = event.target.value;
          onChange({ rplAllowed: value === '' ? undefined : value === 'true' });
        }}
      />
      <CompetencyFilter
        selected={filters.competency}
        groups={competencyGroups}
        problem={competencyProblem}
        onChange={(competency) => {
          onChange({ competency });
        }}
      />
    </div>
  );
}

function withValue(values: readonly number[], value: number | undefined): number[] {
  return value === undefined || values.includes(value) ? [...values] : uniqueNumbers([...values, value]);
}

function withTag(tags: readonly string[], tag: string): string[] {
  return tag === '' || tags.includes(tag) ? [...tags] : [...tags, tag];
}

function withRef(refs: readonly Ref[], id: string): Ref[] {
  return id === '' || refs.some((ref) => ref.id === id)
    ? [...refs]
    : [...refs, { id, name: 'Selected organisation' }];
}

/** Pick competencies from the framework, one at a time; each choice shows as a removable chip. */
function CompetencyFilter({
  selected,
  groups,
  problem,
  onChange,
}: {
  selected: readonly string[];
  groups: CompetencyOptionGroup[] | null;
  problem: string | null;
  onChange: (ids: string[]) => void;
}) {
  const id = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const all = new Map((groups ?? []).flatMap((group) => group.options).map((option) => [option.id, option]));
  const hint = problem
    ? `The framework could not be loaded (${problem}).`
    : 'Micro-credentials teaching any of the chosen competencies. The number is how many teach it.';
  return (
    <div className="stack stack-sm">
      <FieldFrame id={id} label="Competency" hint={hint}>
        <div className="select">
          <select
            ref={selectRef}
            id={id}
            className="select__control"
            value=""
            disabled={!groups}
            aria-describedby={describedBy(id, hint, undefined)}
            onChange={(event) => {
              const value = event.target.value;
              if (value && !selected.includes(value)) onChange([...selected, value]);
            }}
          >
            <option value="">{groups ? 'Add a competency…' : 'Loading competencies…'}</option>
            {(groups ?? []).map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((option) => (
                  <option key={option.id} value={option.id} disabled={selected.includes(option.id)}>
                    {option.code} {option.name} ({option.taughtBy})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <svg
            className="select__chevron"
            viewBox="0 0 16 16"
            width="16"
            height="16"
            aria-hidden="true"
            focusable="false"
          >
            <path
              d="M4 6l4 4 4-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          </svg>
        </div>
      </FieldFrame>
      {selected.length > 0 ? (
        <ul className="removable-list" aria-label="Chosen competencies">
          {selected.map((competencyId) => {
            const option = all.get(competencyId);
            const label = option ? `${option.code} ${option.name}` : 'A competency';
            return (
              <li key={competencyId} className="removable">
                <span className="removable__text">{label}</span>
                <button
                  type="button"
                  className="removable__remove"
                  aria-label={`Remove ${label}`}
                  onClick={() => {
                    onChange(selected.filter((other) => other !== competencyId));
                    // The chip (and its button) goes away: carry on from the picker.
                    selectRef.current?.focus();
                  }}
                >
                  <Icon name="close" size={16} />
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

function Results({
  results,
  shown,
  filters,
  params,
  onClear,
}: {
  results: QueryResult<CataloguePage>;
  shown: CataloguePage | null;
  filters: CatalogueFilters;
  params: URLSearchParams;
  onClear: () => void;
}) {
  if (results.status === 'error') return <ErrorState problem={results.problem} onRetry={results.reload} />;
  if (!shown) return <LoadingBlock label="Loading the catalogue…" />;
  const busy = results.status === 'loading';

  if (shown.total === 0) {
    const filtered = filters.q !== '' || activeFilterCount(filters) > 0;
    return filtered ? (
      <EmptyState
        title="No micro-credentials match"
        headingLevel={3}
        actions={
          <Button variant="secondary" onClick={onClear}>
            Clear search and filters
          </Button>
        }
      >
        <p>Try fewer words, a broader skill area, or fewer filters.</p>
      </EmptyState>
    ) : (
      <EmptyState title="The catalogue is empty" headingLevel={3}>
        <p>
          Nothing has been published yet. Micro-credentials appear here once their design team publishes them.
        </p>
      </EmptyState>
    );
  }

  const pages = Math.ceil(shown.total / PAGE_SIZE);
  const current = Math.floor(shown.offset / PAGE_SIZE) + 1;
  const pageLink = (offset: number) => {
    const next = new URLSearchParams(params);
    if (offset > 0) next.set('offset', String(offset));
    else next.delete('offset');
    return `?${next.toString()}`;
  };

  return (
    <div className="stack" aria-busy={busy || undefined}>
      <ol className={busy ? 'results__list results__list--busy' : 'results__list'}>
        {shown.items.map((item) => (
          <li key={item.id}>
            <AchievementCard item={item} />
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav className="pager" aria-label="Result pages">
          {current > 1 ? (
            <Link className="btn btn--secondary btn--sm" to={pageLink(shown.offset - PAGE_SIZE)}>
              <span>Previous</span>
              <span className="visually-hidden"> page</span>
            </Link>
          ) : (
            <span />
          )}
          <span className="pager__status">
            Page {current} of {pages}
          </span>
          {current < pages ? (
            <Link className="btn btn--secondary btn--sm" to={pageLink(shown.offset + PAGE_SIZE)}>
              <span>Next</span>
              <span className="visually-hidden"> page</span>
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
