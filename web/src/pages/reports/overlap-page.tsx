import { useEffect, useEffectEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  catalogueApi,
  type OverlapPair,
  type OverlapReport,
  type OverlapSide,
} from '../../api/catalogue-api';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { ErrorState } from '../../design/query-view';
import { LoadingBlock } from '../../design/spinner';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { countLabel, percent } from '../catalogue/labels';
import { ReportNav } from './report-nav';
import './reports.css';

/** The server's weights: score = 0.7 × competency overlap + 0.3 × text similarity. */
const COMPETENCY_WEIGHT = 0.7;
const TEXT_WEIGHT = 0.3;
const THRESHOLD_MIN = 0.15;
const THRESHOLD_MAX = 1;
const THRESHOLD_STEP = 0.05;
/** Lower than the API's 0.4: in a young catalogue most real overlaps score 20–40%. */
const DEFAULT_THRESHOLD = 0.2;
const SLIDER_DELAY_MS = 250;

function readThreshold(value: string | null): number {
  const number = value === null ? Number.NaN : Number(value);
  if (!Number.isFinite(number)) return DEFAULT_THRESHOLD;
  const clamped = Math.min(THRESHOLD_MAX, Math.max(THRESHOLD_MIN, number));
  return Number((Math.round(clamped / THRESHOLD_STEP) * THRESHOLD_STEP).toFixed(2));
}

function roundThreshold(value: number): string {
  return value.toFixed(2);
}

export function OverlapPage() {
  const [params, setParams] = useSearchParams();
  const threshold = readThreshold(params.get('threshold'));
  const report = useApiQuery(`overlap:${roundThreshold(threshold)}`, (signal) =>
    catalogueApi.overlapReport(Number(roundThreshold(threshold)), signal),
  );

  // Keep the last report on screen while the slider moves.
  const [shown, setShown] = useState<OverlapReport | null>(null);
  if (report.status === 'success' && report.data !== shown) setShown(report.data);

  return (
    <>
      <PageHeader
        title="Overlapping micro-credentials"
        eyebrow={<Link to="/reports">Reports</Link>}
        description={
          <p>
            Pairs of published micro-credentials that teach the same competencies in similar words, most
            similar first. Overlap can be deliberate (a capstone revisits earlier badges) or a sign of
            duplicated effort.
          </p>
        }
      />
      <div className="stack stack-lg">
        <ReportNav />
        <ThresholdSlider
          value={threshold}
          onChange={(next) => {
            const nextParams = new URLSearchParams(params);
            nextParams.set('threshold', roundThreshold(next));
            setParams(nextParams, { replace: true });
          }}
        />
        <ScoreLegend />
        {report.status === 'error' ? (
          <ErrorState problem={report.problem} onRetry={report.reload} />
        ) : !shown ? (
          <LoadingBlock label="Comparing micro-credentials…" />
        ) : (
          <PairList report={shown} busy={report.status === 'loading'} />
        )}
      </div>
    </>
  );
}

function ThresholdSlider({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setDraft(value);
  }
  const commit = useEffectEvent((next: number) => {
    if (next === synced) return;
    setSynced(next);
    onChange(next);
  });
  useEffect(() => {
    const timer = window.setTimeout(() => {
      commit(draft);
    }, SLIDER_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [draft]);

  return (
    <div className="threshold">
      <label className="field__label" htmlFor={id}>
        Show pairs that overlap at least
      </label>
      <div className="threshold__control">
        <input
          id={id}
          type="range"
          className="threshold__range"
          min={THRESHOLD_MIN}
          max={THRESHOLD_MAX}
          step={THRESHOLD_STEP}
          value={draft}
          aria-valuetext={percent(draft)}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setDraft(Number(event.target.value));
          }}
        />
        <output className="threshold__value" htmlFor={id}>
          {percent(draft)}
        </output>
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        Lower shows more pairs, including loose ones; higher shows only near-duplicates.
      </p>
    </div>
  );
}

function ScoreLegend() {
  return (
    <div className="score-legend" aria-hidden="true">
      <span className="score-legend__item">
        <span className="score-legend__swatch score-bar__part--competency" /> Shared competencies (70% of the
        score)
      </span>
      <span className="score-legend__item">
        <span className="score-legend__swatch score-bar__part--text" /> Similar wording (30%)
      </span>
    </div>
  );
}

function PairList({ report, busy }: { report: OverlapReport; busy: boolean }) {
  return (
    <section className="stack" aria-labelledby="pairs-heading" aria-busy={busy || undefined}>
      <div className="section-title">
        <h2 id="pairs-heading">Pairs</h2>
        <p className="muted small" role="status">
          {countLabel(report.pairs.length, 'pair', 'pairs')} at {percent(report.threshold)} or more, among{' '}
          {countLabel(report.compared, 'published micro-credential', 'published micro-credentials')}.
        </p>
      </div>
      {report.pairs.length === 0 ? (
        <EmptyState title="No pairs overlap this much" headingLevel={3}>
          <p>
            {report.compared < 2
              ? 'There are not yet two published micro-credentials to compare.'
              : 'Move the slider left to see looser overlaps.'}
          </p>
        </EmptyState>
      ) : (
        <ol className={busy ? 'pairs pairs--busy' : 'pairs'}>
          {report.pairs.map((pair) => (
            <li key={`${pair.a.id}:${pair.b.id}`}>
              <PairCard pair={pair} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function SideLink({ side }: { side: OverlapSide }) {
  return (
    <span className="pair__side">
      <Link to={`/catalogue/${encodeURIComponent(side.versionId)}`}>
        <span className="mono">{side.code}</span> {side.title}
      </Link>
      <span className="muted small">{side.provider.name}</span>
    </span>
  );
}

function PairCard({ pair }: { pair: OverlapPair }) {
  const headingId = useId();
  const competencyPart = COMPETENCY_WEIGHT * pair.competencyScore;
  const textPart = TEXT_WEIGHT * pair.textScore;
  return (
    <article className="pair" aria-labelledby={headingId}>
      <h3 className="pair__heading" id={headingId}>
        <span className="visually-hidden">
          {pair.a.code} and {pair.b.code}: {percent(pair.score)} overlap
        </span>
        <span aria-hidden="true" className="pair__score">
          {percent(pair.score)}
        </span>
      </h3>
      <div className="pair__sides">
        <SideLink side={pair.a} />
        <span className="pair__and" aria-hidden="true">
          and
        </span>
        <SideLink side={pair.b} />
      </div>
      <div className="score-bar" aria-hidden="true">
        <span
          className="score-bar__part score-bar__part--competency"
          style={{ width: `${competencyPart * 100}%` }}
        />
        <span className="score-bar__part score-bar__part--text" style={{ width: `${textPart * 100}%` }} />
      </div>
      <p className="small">
        Shared competencies {percent(pair.competencyScore)}, similar wording {percent(pair.textScore)}.
      </p>
      {pair.sharedCompetencies.length > 0 ? (
        <Table caption={`Competencies both ${pair.a.code} and ${pair.b.code} teach`}>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">{pair.a.code} level</th>
              <th scope="col">{pair.b.code} level</th>
            </tr>
          </thead>
          <tbody>
            {pair.sharedCompetencies.map((shared) => (
              <tr key={shared.id || shared.code}>
                <th scope="row" className="cell-primary">
                  <span className="mono">{shared.code}</span> {shared.name}
                </th>
                <td>{shared.levelA}</td>
                <td>
                  <span>
                    {shared.levelB}
                    {shared.levelA === shared.levelB ? <span className="muted small"> (same)</span> : null}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p className="muted small">No competencies in common: the overlap is in the wording.</p>
      )}
    </article>
  );
}
