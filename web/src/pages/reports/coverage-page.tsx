import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  catalogueApi,
  type CoverageReport,
  type Framework,
  type FrameworkSummary,
} from '../../api/catalogue-api';
import { Alert } from '../../design/alert';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { competencyAnchor } from '../catalogue/achievement-page';
import { countLabel, tagLabel } from '../catalogue/labels';
import { ReportNav } from './report-nav';
import './reports.css';

type CoverageRow = CoverageReport['competencies'][number];

/** Colour steps of the heatmap; 0 is a gap and looks unlike all the others. */
const BUCKETS = [
  { id: 'gap', label: 'Gap: none', test: (n: number) => n === 0 },
  { id: '1', label: '1', test: (n: number) => n === 1 },
  { id: '2', label: '2', test: (n: number) => n === 2 },
  { id: '3', label: '3–4', test: (n: number) => n >= 3 && n <= 4 },
  { id: '5', label: '5 or more', test: (n: number) => n >= 5 },
] as const;

function bucketOf(taughtBy: number): string {
  return BUCKETS.find((bucket) => bucket.test(taughtBy))?.id ?? '5';
}

export function CoveragePage() {
  const [params, setParams] = useSearchParams();
  const frameworks = useApiQuery(
    'frameworks',
    async (signal) => (await catalogueApi.listFrameworks(signal)).items,
  );

  return (
    <>
      <PageHeader
        title="Framework coverage"
        eyebrow={<Link to="/reports">Reports</Link>}
        description={
          <p>
            How many published micro-credentials teach each competency. Gaps are competencies no
            micro-credential teaches yet: places where industry and providers could design the next one.
          </p>
        }
      />
      <div className="stack stack-lg">
        <ReportNav />
        <QueryView query={frameworks} loadingLabel="Loading frameworks…">
          {(items) => {
            if (items.length === 0) {
              return (
                <EmptyState title="No frameworks yet">
                  <p>Coverage is measured against a competency framework. Import one to see it here.</p>
                </EmptyState>
              );
            }
            const chosen = items.find((f) => f.id === params.get('framework')) ?? items[0];
            if (!chosen) return null;
            return (
              <FrameworkCoverage
                frameworks={items}
                chosen={chosen}
                onChoose={(id) => {
                  setParams(new URLSearchParams({ framework: id }));
                }}
              />
            );
          }}
        </QueryView>
      </div>
    </>
  );
}

function FrameworkCoverage({
  frameworks,
  chosen,
  onChoose,
}: {
  frameworks: FrameworkSummary[];
  chosen: FrameworkSummary;
  onChoose: (id: string) => void;
}) {
  const data = useApiQuery(`coverage:${chosen.id}`, async (signal) => {
    const [framework, coverage] = await Promise.all([
      catalogueApi.getFramework(chosen.id, signal),
      catalogueApi.frameworkCoverage(chosen.id, signal),
    ]);
    return { framework, coverage };
  });

  return (
    <div className="stack stack-lg">
      {frameworks.length > 1 ? (
        <div className="coverage__picker">
          <Select
            label="Framework"
            value={chosen.id}
            options={frameworks.map((f) => ({ value: f.id, label: f.title }))}
            onChange={(event) => {
              onChoose(event.target.value);
            }}
          />
        </div>
      ) : (
        <p>
          Framework:{' '}
          <Link to={`/frameworks/${encodeURIComponent(chosen.id)}`}>
            <strong>{chosen.title}</strong>
          </Link>
        </p>
      )}
      <QueryView query={data} loadingLabel="Measuring coverage…">
        {({ framework, coverage }) => <CoverageView framework={framework} coverage={coverage} />}
      </QueryView>
    </div>
  );
}

function CoverageView({ framework, coverage }: { framework: Framework; coverage: CoverageReport }) {
  const [view, setView] = useState<'heatmap' | 'table'>('heatmap');
  const total = coverage.competencies.length;
  const gaps = coverage.competencies.filter((c) => c.taughtBy === 0);
  const byGroup = framework.groups
    .map((group) => ({ group, rows: coverage.competencies.filter((c) => c.groupCode === group.code) }))
    .filter(({ rows }) => rows.length > 0);
  const groupName = new Map(framework.groups.map((g) => [g.code, g.name]));

  if (total === 0) {
    return (
      <EmptyState title="This framework has no competencies yet" headingLevel={2}>
        <p>Add competencies to the framework, then come back to see which are taught.</p>
      </EmptyState>
    );
  }

  return (
    <div className="stack stack-lg">
      <div className="coverage-summary">
        <p className="coverage-summary__figure">
          <strong>{total - gaps.length}</strong> of {total}
        </p>
        <p>
          competencies are taught by at least one published micro-credential.{' '}
          {gaps.length > 0 ? (
            <strong className="coverage-summary__gaps">{countLabel(gaps.length, 'gap', 'gaps')}.</strong>
          ) : (
            'No gaps.'
          )}
        </p>
      </div>

      <section className="stack" aria-labelledby="coverage-heading">
        <div className="section-title">
          <h2 id="coverage-heading">By group</h2>
          <div className="segmented" role="group" aria-label="Show coverage as">
            <button
              type="button"
              className="segmented__option"
              aria-pressed={view === 'heatmap'}
              onClick={() => {
                setView('heatmap');
              }}
            >
              Heatmap
            </button>
            <button
              type="button"
              className="segmented__option"
              aria-pressed={view === 'table'}
              onClick={() => {
                setView('table');
              }}
            >
              Table
            </button>
          </div>
        </div>

        {view === 'heatmap' ? (
          <>
            <HeatmapLegend />
            <div className="heatmap" data-testid="coverage-heatmap">
              {byGroup.map(({ group, rows }) => (
                <div className="heatmap__row" key={group.code}>
                  <h3 className="heatmap__group" id={`heat-${group.code}`}>
                    {group.name}
                  </h3>
                  <ul className="heatmap__cells" aria-labelledby={`heat-${group.code}`}>
                    {rows.map((row) => (
                      <li key={row.id}>
                        <HeatCell row={row} frameworkId={framework.id} />
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </>
        ) : (
          <Table caption={`Coverage of ${framework.title}`} testId="coverage-table">
            <thead>
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Group</th>
                <th scope="col">Skill areas</th>
                <th scope="col">Taught by</th>
              </tr>
            </thead>
            <tbody>
              {byGroup.flatMap(({ rows }) =>
                rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" className="cell-primary">
                      <span className="mono">{row.code}</span> {row.name}
                    </th>
                    <td>{groupName.get(row.groupCode) ?? row.groupCode}</td>
                    <td>{row.skillAreas.map(tagLabel).join(', ') || '—'}</td>
                    <td className="cell-nowrap">
                      {row.taughtBy === 0 ? (
                        <span className="gap-label">None (gap)</span>
                      ) : (
                        <Link to={`/catalogue?competency=${encodeURIComponent(row.id)}`}>
                          {countLabel(row.taughtBy, 'micro-credential', 'micro-credentials')}
                        </Link>
                      )}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </Table>
        )}
      </section>

      <section className="stack" aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">Competencies nobody teaches yet</h2>
        {gaps.length === 0 ? (
          <Alert tone="success" title="Every competency is taught">
            <p>Each competency in this framework is taught by at least one published micro-credential.</p>
          </Alert>
        ) : (
          <ul className="gap-list" data-testid="coverage-gaps">
            {gaps.map((row) => (
              <li key={row.id} className="gap-list__item">
                <Link to={`/frameworks/${encodeURIComponent(framework.id)}#${competencyAnchor(row.code)}`}>
                  <span className="mono">{row.code}</span> {row.name}
                </Link>
                <span className="muted small">
                  {groupName.get(row.groupCode) ?? row.groupCode}
                  {row.skillAreas.length > 0 ? ` · ${row.skillAreas.map(tagLabel).join(', ')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function HeatmapLegend() {
  return (
    <div className="heat-legend">
      <p className="heat-legend__title" id="heat-legend-title">
        Published micro-credentials teaching it
      </p>
      <ul className="heat-legend__items" aria-labelledby="heat-legend-title">
        {BUCKETS.map((bucket) => (
          <li key={bucket.id} className="heat-legend__item">
            <span className={`heat-legend__swatch heat--${bucket.id}`} aria-hidden="true" />
            {bucket.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One competency: its code and count on a colour for its bucket. Taught ones open the catalogue
 * filtered to them; gaps open the competency in the framework.
 */
function HeatCell({ row, frameworkId }: { row: CoverageRow; frameworkId: string }) {
  const gap = row.taughtBy === 0;
  const to = gap
    ? `/frameworks/${encodeURIComponent(frameworkId)}#${competencyAnchor(row.code)}`
    : `/catalogue?competency=${encodeURIComponent(row.id)}`;
  return (
    <Link to={to} className={`heat-cell heat--${bucketOf(row.taughtBy)}`} title={row.name}>
      <span className="heat-cell__code">{row.code}</span>
      <span className="visually-hidden"> {row.name}: </span>
      <span className="heat-cell__count">
        {gap ? (
          <>
            <span aria-hidden="true">Gap</span>
            <span className="visually-hidden">not taught yet (gap)</span>
          </>
        ) : (
          <>
            {row.taughtBy}
            <span className="visually-hidden">
              {' '}
              {row.taughtBy === 1 ? 'micro-credential' : 'micro-credentials'}
            </span>
          </>
        )}
      </span>
    </Link>
  );
}
