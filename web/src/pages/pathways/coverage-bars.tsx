import { catalogueApi } from '../../api/catalogue-api';
import type { CoverageItem, RoleCoverage } from '../../api/pathways-api';
import { Chip, type ChipTone } from '../../design/chip';
import { useApiQuery } from '../../hooks/use-api-query';

type Status = 'covered' | 'partly' | 'missing';

const STATUS_LABELS: Record<Status, string> = { covered: 'Covered', partly: 'Partly', missing: 'Missing' };
const STATUS_TONES: Record<Status, ChipTone> = { covered: 'success', partly: 'warning', missing: 'danger' };

/** Levels drawn on the bars; frameworks use five. */
const SCALE = 5;

/**
 * How well a pathway covers its target role: one row per competency, a bar for the level the
 * role needs and one for the level the pathway provides, both also written as text.
 */
export function CoverageBars({ coverage, roleTitle }: { coverage: RoleCoverage; roleTitle: string }) {
  const rows: { item: CoverageItem; status: Status }[] = [
    ...coverage.missing.map((item) => ({ item, status: 'missing' as const })),
    ...coverage.partly.map((item) => ({ item, status: 'partly' as const })),
    ...coverage.covered.map((item) => ({ item, status: 'covered' as const })),
  ];
  const scale = Math.max(SCALE, ...rows.map((r) => Math.max(r.item.required, r.item.provided)));
  const names = useCompetencyNames(rows.map((r) => r.item));
  return (
    <div className="stack" data-testid="role-coverage">
      <p>
        <strong className="coverage-figure">{Math.round(coverage.percent)}%</strong> of the competencies{' '}
        {roleTitle} needs are covered by this pathway.
      </p>
      {rows.length === 0 ? (
        <p className="muted">The role lists no competencies.</p>
      ) : (
        <>
          <p className="coverage-key small muted" aria-hidden="true">
            <span className="coverage-key__swatch coverage-bar__required" /> Required level
            <span className="coverage-key__swatch coverage-bar__provided" /> Provided by the pathway
          </p>
          <ul className="coverage-rows" aria-label={`Role coverage for ${roleTitle}`}>
            {rows.map(({ item, status }) => (
              <li key={`${item.frameworkId}:${item.code}`} className="coverage-row">
                <span className="coverage-row__name">
                  <span className="mono">{item.code}</span>{' '}
                  {item.name ?? names.get(`${item.frameworkId}:${item.code}`) ?? ''}
                </span>
                <svg
                  className="coverage-row__bars"
                  viewBox={`0 0 ${scale * 24} 22`}
                  width={scale * 24}
                  height={22}
                  aria-hidden="true"
                  focusable="false"
                >
                  <rect x={0} y={1} width={scale * 24} height={8} rx={2} className="coverage-bar__track" />
                  <rect
                    x={0}
                    y={1}
                    width={item.required * 24}
                    height={8}
                    rx={2}
                    className="coverage-bar__required"
                  />
                  <rect x={0} y={12} width={scale * 24} height={8} rx={2} className="coverage-bar__track" />
                  <rect
                    x={0}
                    y={12}
                    width={item.provided * 24}
                    height={8}
                    rx={2}
                    className="coverage-bar__provided"
                  />
                </svg>
                <span className="coverage-row__text small">
                  Required {item.required}, provided {item.provided}
                </span>
                <Chip tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Chip>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Competency names for coverage rows that come without one (the server sends frameworkId and code
 * only), read from their frameworks; rows show the code alone until then or if that fails.
 */
function useCompetencyNames(items: readonly CoverageItem[]): ReadonlyMap<string, string> {
  const frameworkIds = [...new Set(items.filter((i) => !i.name).map((i) => i.frameworkId))].sort();
  const query = useApiQuery(`coverage-names:${frameworkIds.join(',')}`, async (signal) => {
    const names = new Map<string, string>();
    const frameworks = await Promise.all(
      frameworkIds.map((id) => catalogueApi.getFramework(id, signal).catch(() => null)),
    );
    for (const framework of frameworks)
      for (const c of framework?.competencies ?? []) names.set(`${framework?.id ?? ''}:${c.code}`, c.name);
    return names;
  });
  return query.status === 'success' ? query.data : new Map();
}
