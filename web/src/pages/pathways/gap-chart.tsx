import { useId } from 'react';
import type { GapRow } from '../../api/pathways-api';
import { Table } from '../../design/table';
import { clip } from './pathway-graph';

const SCALE = 5;
const UNIT = 52;
const NAME_WIDTH = 320;
const ROW = 58;

/**
 * One row per competency the role needs: the required level, the level the learner's
 * credentials show, and their own self-assessed level (hatched and labelled, as it is not evidence).
 */
export function GapChart({ rows, roleTitle }: { rows: GapRow[]; roleTitle: string }) {
  const rawId = useId();
  const id = `gap${rawId.replace(/[^a-zA-Z0-9]/g, '')}`;
  const scale = Math.max(SCALE, ...rows.map((r) => Math.max(r.required, r.held, r.selfAssessed ?? 0)));
  const barsWidth = scale * UNIT;
  const width = NAME_WIDTH + barsWidth + 130;
  const height = rows.length * ROW + 28;
  const withGap = rows.filter((r) => r.gap > 0).length;
  const summary = `Competency gap for ${roleTitle}: ${rows.length} competencies, ${withGap} with a gap.`;
  return (
    <figure className="stack" data-testid="gap-chart">
      <figcaption className="muted small" id={`${id}-caption`}>
        {summary} Self-assessed levels are your own view, not evidence.
      </figcaption>
      <ul className="gap-legend" aria-label="Chart legend">
        <li>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <rect width="28" height="12" rx="2" className="gap-bar--required" />
          </svg>
          Required level
        </li>
        <li>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <rect width="28" height="12" rx="2" className="gap-bar--held" />
          </svg>
          Held (from your credentials)
        </li>
        <li>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <defs>
              <pattern
                id={`${id}-legend`}
                width="6"
                height="6"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="6" height="6" fill="var(--amber-50)" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="var(--amber-800)" strokeWidth="2" />
              </pattern>
            </defs>
            <rect
              x="1"
              y="1"
              width="26"
              height="10"
              rx="2"
              fill={`url(#${id}-legend)`}
              className="gap-bar--self"
            />
          </svg>
          Self-assessed (hatched)
        </li>
      </ul>
      <div className="timeline__scroll">
        <svg
          className="gap-chart__svg"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-caption`}
        >
          <defs>
            <pattern
              id={`${id}-self`}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="var(--amber-50)" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="var(--amber-800)" strokeWidth="2" />
            </pattern>
          </defs>
          {Array.from({ length: scale + 1 }, (_, level) => (
            <g key={level}>
              <line
                x1={NAME_WIDTH + level * UNIT}
                y1={4}
                x2={NAME_WIDTH + level * UNIT}
                y2={height - 20}
                className="gap-chart__grid"
              />
              <text
                x={NAME_WIDTH + level * UNIT}
                y={height - 6}
                textAnchor="middle"
                className="gap-chart__value"
              >
                {level}
              </text>
            </g>
          ))}
          {rows.map((row, index) => {
            const y = index * ROW + 6;
            return (
              <g key={`${row.frameworkId}:${row.code}`}>
                <text x={0} y={y + 14} className="gap-chart__name">
                  <tspan fontWeight="bold">{row.code}</tspan> {clip(row.name, 36)}
                </text>
                <text x={0} y={y + 30} className="gap-chart__value">
                  {row.gap > 0 ? `Gap of ${row.gap}` : 'No gap'}
                  {row.importance === 'core' ? ' · core' : ''}
                </text>
                <rect
                  x={NAME_WIDTH}
                  y={y}
                  width={row.required * UNIT}
                  height={12}
                  rx={2}
                  className="gap-bar--required"
                />
                <text x={NAME_WIDTH + row.required * UNIT + 6} y={y + 10} className="gap-chart__value">
                  Required {row.required}
                </text>
                <rect
                  x={NAME_WIDTH}
                  y={y + 15}
                  width={Math.max(row.held * UNIT, 1)}
                  height={12}
                  rx={2}
                  className="gap-bar--held"
                />
                <text x={NAME_WIDTH + row.held * UNIT + 6} y={y + 25} className="gap-chart__value">
                  Held {row.held}
                </text>
                {row.selfAssessed !== null ? (
                  <>
                    <rect
                      x={NAME_WIDTH}
                      y={y + 30}
                      width={Math.max(row.selfAssessed * UNIT, 1)}
                      height={12}
                      rx={2}
                      fill={`url(#${id}-self)`}
                      className="gap-bar--self"
                    />
                    <text
                      x={NAME_WIDTH + row.selfAssessed * UNIT + 6}
                      y={y + 40}
                      className="gap-chart__value"
                    >
                      Self-assessed {row.selfAssessed}
                    </text>
                  </>
                ) : (
                  <text x={NAME_WIDTH + 4} y={y + 40} className="gap-chart__value">
                    Not self-assessed
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="disclosure">
        <summary>Show the gap as a table</summary>
        <Table caption={`Competency gap for ${roleTitle}`}>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Importance</th>
              <th scope="col">Required</th>
              <th scope="col">Held</th>
              <th scope="col">Self-assessed</th>
              <th scope="col">Gap</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.frameworkId}:${row.code}`}>
                <th scope="row" className="cell-primary">
                  <span className="mono">{row.code}</span> {row.name}
                </th>
                <td>{row.importance}</td>
                <td>{row.required}</td>
                <td>{row.held}</td>
                <td>{row.selfAssessed ?? 'Not assessed'}</td>
                <td>{row.gap}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </figure>
  );
}
