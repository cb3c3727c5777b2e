import type { MouseEvent } from 'react';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import type { MyPathway, PathwaySummary, RoleProfile } from '../../api/pathways-api';
import { ArrowMarker } from './arrow-marker';
import { clip, wrap } from './pathway-graph';
import { pathwayPath } from './pathway-labels';

const COLUMN_WIDTH = 252;
const COLUMN_GAP = 64;
const MARGIN = 16;
const HEADER = 40;
const ROLE_GAP = 22;
const TITLE_LINE = 19;
const PATHWAY_LINE = 20;
const PADDING = 12;
const TITLE_CHARS = 25;
const PATHWAY_CHARS = 32;

interface PlacedRole {
  role: RoleProfile;
  x: number;
  y: number;
  height: number;
  titleLines: string[];
  pathways: { pathway: PathwaySummary; percent: number | null; met: boolean }[];
}

export interface LadderLayout {
  width: number;
  height: number;
  levels: { label: string; x: number }[];
  roles: PlacedRole[];
  links: { key: string; d: string }[];
}

/**
 * Roles in columns by career level (entry on the left), each with the pathways that lead to it,
 * and an arrow from every role to the roles it progresses to.
 */
export function layoutLadder(
  roles: readonly RoleProfile[],
  pathways: readonly PathwaySummary[],
  progress: readonly MyPathway[] | null,
): LadderLayout {
  const ranks = [...new Set(roles.map((r) => r.careerRank ?? 0))].sort((a, b) => a - b);
  const levels = ranks.map((rank, i) => ({
    rank,
    label: roles.find((r) => (r.careerRank ?? 0) === rank)?.careerLevel ?? '',
    x: MARGIN + i * (COLUMN_WIDTH + COLUMN_GAP),
  }));
  const placed: PlacedRole[] = [];
  let height = HEADER;
  for (const level of levels) {
    let y = HEADER + MARGIN;
    const inLevel = roles
      .filter((r) => (r.careerRank ?? 0) === level.rank)
      .sort((a, b) => a.title.localeCompare(b.title));
    for (const role of inLevel) {
      const leading = pathways
        .filter((p) => p.targetRole?.id === role.id)
        .map((pathway) => {
          const mine = progress?.find((m) => m.pathwayId === pathway.id || m.versionId === pathway.versionId);
          return { pathway, percent: mine ? mine.percentComplete : null, met: mine?.met ?? false };
        });
      const titleLines = wrap(role.title, TITLE_CHARS, 2);
      const boxHeight =
        PADDING * 2 + titleLines.length * TITLE_LINE + 6 + Math.max(1, leading.length) * PATHWAY_LINE;
      placed.push({ role, x: level.x, y, height: boxHeight, titleLines, pathways: leading });
      y += boxHeight + ROLE_GAP;
    }
    height = Math.max(height, y);
  }
  const byId = new Map(placed.map((p) => [p.role.id, p]));
  const links = placed.flatMap((from) =>
    (from.role.nextRoleIds ?? []).flatMap((nextId) => {
      const to = byId.get(nextId);
      if (!to) return [];
      const x1 = from.x + COLUMN_WIDTH;
      const y1 = from.y + from.height / 2;
      const x2 = to.x - 6;
      const y2 = to.y + to.height / 2;
      const bend = (x2 - x1) / 2;
      return [
        {
          key: `${from.role.id}-${to.role.id}`,
          d: `M${x1} ${y1}C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}`,
        },
      ];
    }),
  );
  return {
    width: MARGIN * 2 + levels.length * COLUMN_WIDTH + Math.max(0, levels.length - 1) * COLUMN_GAP,
    height: height + MARGIN - ROLE_GAP,
    levels: levels.map(({ label, x }) => ({ label, x })),
    roles: placed,
    links,
  };
}

/** The learner's standing on a pathway, for its line: nothing when they have not started it. */
function percentText(percent: number | null, met: boolean): string {
  if (met) return 'complete';
  return percent === null ? '' : `${String(Math.round(percent))}%`;
}

/** Career progression as a picture: which roles lead to which, and the pathways into each role. */
export function CareerLadder({
  roles,
  pathways,
  progress,
}: {
  roles: readonly RoleProfile[];
  pathways: readonly PathwaySummary[];
  progress: readonly MyPathway[] | null;
}) {
  const navigate = useNavigate();
  const rawId = useId();
  const id = `cl${rawId.replace(/[^a-zA-Z0-9]/g, '')}`;
  if (roles.length === 0) return null;
  const layout = layoutLadder(roles, pathways, progress);
  const follow = (href: string) => (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void navigate(href);
  };

  return (
    <figure className="career-ladder" aria-labelledby={`${id}-caption`} data-testid="career-ladder">
      <figcaption id={`${id}-caption`} className="career-ladder__caption">
        Career progression: roles by career level, from entry on the left, with the pathways that lead to each
        {progress ? ' and how far along them you are' : ''}. Arrows show where a role leads next.
      </figcaption>
      <div className="career-ladder__scroll">
        <svg
          className="career-ladder__svg"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${String(layout.width)} ${String(layout.height)}`}
          role="group"
        >
          <defs>
            <ArrowMarker id={`${id}-arrow`} className="career-ladder__arrowhead" />
          </defs>
          {layout.levels.map((level) => (
            <text key={level.label} x={level.x} y={HEADER - 14} className="career-ladder__level">
              {level.label}
            </text>
          ))}
          {layout.links.map((link) => (
            <path key={link.key} d={link.d} className="career-ladder__link" markerEnd={`url(#${id}-arrow)`} />
          ))}
          {layout.roles.map((placed) => {
            const started = placed.pathways.some((p) => p.percent !== null && p.percent > 0);
            const next = (placed.role.nextRoleIds ?? [])
              .map((n) => roles.find((r) => r.id === n)?.title)
              .filter(Boolean);
            return (
              <g
                key={placed.role.id}
                className="career-ladder__role"
                data-started={started ? 'true' : undefined}
                aria-label={`${placed.role.title}, ${placed.role.careerLevel}${
                  next.length > 0 ? `; leads to ${next.join(', ')}` : ''
                }`}
                role="group"
              >
                <title>{placed.role.summary}</title>
                <rect
                  x={placed.x}
                  y={placed.y}
                  width={COLUMN_WIDTH}
                  height={placed.height}
                  rx={10}
                  className="career-ladder__frame"
                />
                {placed.titleLines.map((line, i) => (
                  <text
                    key={line}
                    x={placed.x + PADDING}
                    y={placed.y + PADDING + 14 + i * TITLE_LINE}
                    className="career-ladder__title"
                  >
                    {line}
                  </text>
                ))}
                {placed.pathways.length === 0 ? (
                  <text
                    x={placed.x + PADDING}
                    y={placed.y + PADDING + 14 + placed.titleLines.length * TITLE_LINE + 6}
                    className="career-ladder__none"
                  >
                    No pathway yet
                  </text>
                ) : (
                  placed.pathways.map(({ pathway, percent, met }, i) => {
                    const href = pathwayPath(pathway.id);
                    const figure = percentText(percent, met);
                    const y =
                      placed.y + PADDING + 14 + placed.titleLines.length * TITLE_LINE + 6 + i * PATHWAY_LINE;
                    return (
                      <a
                        key={pathway.id}
                        href={href}
                        onClick={follow(href)}
                        aria-label={`Pathway ${pathway.title}${figure ? `: ${figure}` : ''}`}
                      >
                        <text x={placed.x + PADDING} y={y} className="career-ladder__pathway">
                          {`→ ${clip(pathway.title, figure ? PATHWAY_CHARS - 8 : PATHWAY_CHARS)}`}
                        </text>
                        {figure ? (
                          <text
                            x={placed.x + COLUMN_WIDTH - PADDING}
                            y={y}
                            textAnchor="end"
                            className="career-ladder__percent"
                          >
                            {figure}
                          </text>
                        ) : null}
                      </a>
                    );
                  })
                )}
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
