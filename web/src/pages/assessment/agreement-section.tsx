import { assessmentApi, type AssessorAgreement } from '../../api/assessment-api';
import { EmptyState } from '../../design/empty-state';
import { QueryView } from '../../design/query-view';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { percent } from './assessment-labels';

/** Below this, an assessor's card is highlighted. */
const LOW_AGREEMENT = 0.8;

/** How often moderators confirmed each assessor's decisions: small multiples per month, and totals. */
export function AgreementSection({ achievementId }: { achievementId?: string }) {
  const query = useApiQuery(
    `agreement:${achievementId ?? ''}`,
    async (signal) => (await assessmentApi.getAssessorAgreement(achievementId, signal)).assessors,
  );
  return (
    <section id="agreement" aria-labelledby="agreement-heading" className="stack">
      <div className="stack stack-sm">
        <h2 id="agreement-heading">Assessor agreement</h2>
        <p className="muted">
          The share of each assessor’s moderated decisions that a moderator confirmed, per month. Lowest
          agreement first.
        </p>
      </div>
      <QueryView query={query} loadingLabel="Loading assessor agreement…">
        {(assessors) => <Agreement assessors={assessors} />}
      </QueryView>
    </section>
  );
}

function Agreement({ assessors }: { assessors: AssessorAgreement[] }) {
  if (assessors.length === 0) {
    return (
      <EmptyState title="No moderated decisions yet" headingLevel={3}>
        <p>Once moderators confirm or overturn decisions, each assessor’s agreement rate shows here.</p>
      </EmptyState>
    );
  }
  const sorted = [...assessors].sort((a, b) => a.rate - b.rate || b.total - a.total);
  const periods = [
    ...new Set(sorted.flatMap((assessor) => assessor.series.map((point) => point.period))),
  ].sort();
  return (
    <div className="stack">
      <ul className="agreement-grid" aria-label="Agreement per month, by assessor">
        {sorted.map((assessor) => (
          <li
            key={assessor.assessorId}
            className={
              assessor.rate < LOW_AGREEMENT ? 'agreement-card agreement-card--low' : 'agreement-card'
            }
          >
            <h3 className="agreement-card__title">{assessor.assessorName}</h3>
            <p className="small">
              <strong>{percent(assessor.rate)}</strong> of {assessor.total} confirmed
            </p>
            <AgreementChart assessor={assessor} periods={periods} />
          </li>
        ))}
      </ul>
      <Table caption="Assessor agreement totals, lowest first" testId="agreement-table">
        <thead>
          <tr>
            <th scope="col">Assessor</th>
            <th scope="col">Moderated decisions</th>
            <th scope="col">Confirmed</th>
            <th scope="col">Overturned</th>
            <th scope="col">Agreement</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((assessor) => (
            <tr key={assessor.assessorId}>
              <th scope="row" className="cell-primary">
                {assessor.assessorName}
              </th>
              <td>{assessor.total}</td>
              <td>{assessor.confirmed}</td>
              <td>{assessor.total - assessor.confirmed}</td>
              <td>{percent(assessor.rate)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

const WIDTH = 260;
const HEIGHT = 110;
const PAD = { top: 8, right: 8, bottom: 20, left: 30 };

const monthFormat = new Intl.DateTimeFormat('en-NZ', { month: 'short', year: '2-digit' });

function monthLabel(period: string): string {
  const [year, month] = period.split('-').map(Number);
  if (!year || !month) return period;
  return monthFormat.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** One assessor's monthly agreement rate on a shared month axis; hand-drawn SVG. */
function AgreementChart({ assessor, periods }: { assessor: AssessorAgreement; periods: string[] }) {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (period: string) => {
    const index = periods.indexOf(period);
    return PAD.left + (periods.length <= 1 ? plotWidth / 2 : (index / (periods.length - 1)) * plotWidth);
  };
  const y = (rate: number) => PAD.top + (1 - Math.min(1, Math.max(0, rate))) * plotHeight;
  const points = [...assessor.series].sort((a, b) => a.period.localeCompare(b.period));
  const path = points
    .map(
      (point, index) => `${index === 0 ? 'M' : 'L'}${x(point.period).toFixed(1)},${y(point.rate).toFixed(1)}`,
    )
    .join(' ');
  const description = points.length
    ? points
        .map((point) => `${monthLabel(point.period)}: ${percent(point.rate)} of ${point.total}`)
        .join('; ')
    : 'No monthly data.';
  const first = periods[0];
  const last = periods[periods.length - 1];
  return (
    <svg
      className="agreement-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${assessor.assessorName}, agreement per month: ${description}`}
    >
      {[0, 0.5, 1].map((tick) => (
        <g key={tick}>
          <line
            className="agreement-chart__grid"
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text className="agreement-chart__label" x={PAD.left - 4} y={y(tick) + 3} textAnchor="end">
            {percent(tick)}
          </text>
        </g>
      ))}
      <line className="agreement-chart__axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
      {first ? (
        <text
          className="agreement-chart__label"
          x={x(first)}
          y={HEIGHT - 5}
          textAnchor={periods.length > 1 ? 'start' : 'middle'}
        >
          {monthLabel(first)}
        </text>
      ) : null}
      {last && last !== first ? (
        <text className="agreement-chart__label" x={x(last)} y={HEIGHT - 5} textAnchor="end">
          {monthLabel(last)}
        </text>
      ) : null}
      {points.length > 1 ? <path className="agreement-chart__line" d={path} /> : null}
      {points.map((point) => (
        <circle
          key={point.period}
          className="agreement-chart__point"
          cx={x(point.period)}
          cy={y(point.rate)}
          r={3}
        >
          <title>{`${monthLabel(point.period)}: ${percent(point.rate)} (${point.confirmed} of ${point.total})`}</title>
        </circle>
      ))}
    </svg>
  );
}
