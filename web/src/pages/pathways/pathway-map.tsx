import { useId, type MouseEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type {
  LeafView,
  NodeState,
  PathwayProgress,
  Prerequisite,
  ProgressNode,
  RequirementView,
  RoleRef,
} from '../../api/pathways-api';
import {
  clip,
  groupName,
  isGroup,
  layoutMap,
  leafName,
  orderUnits,
  unitLeafIds,
  wrap,
  type MapLayout,
  type PlacedLeaf,
  type Unit,
} from './pathway-graph';
import { ArrowMarker } from './arrow-marker';
import { cataloguePath, competencyPath, credentialPath, STATE_HINTS, STATE_LABELS } from './pathway-labels';

export interface PathwayMapProps {
  /** The pathway's title, for the caption. */
  title: string;
  requirements: RequirementView;
  sequence: readonly string[];
  prerequisites: readonly Prerequisite[];
  stack: { title: string; achievementId: string | null };
  targetRole: RoleRef | null;
  /** The signed-in learner's progress: colours, icons and "met by". */
  progress?: PathwayProgress | null;
  /** Validation messages by requirement node id (the editor's preview). */
  problems?: ReadonlyMap<string, readonly string[]>;
  /** The editor opens links in a new tab so unsaved work stays. */
  newTab?: boolean;
  caption?: ReactNode;
}

function indexProgress(node: ProgressNode, into = new Map<string, ProgressNode>()) {
  into.set(node.id, node);
  for (const child of node.children) indexProgress(child, into);
  return into;
}

/**
 * The pathway as a left-to-right graph: steps in the recommended order, electives in a "Choose N
 * of" box, prerequisites as arrows, the stacked credential and role last. Every step is a link
 * with a name that says its state, so the colours are never the only cue.
 */
export function PathwayMap(props: PathwayMapProps) {
  const { requirements, sequence, prerequisites, progress, problems, caption } = props;
  const rawId = useId();
  const id = `pm${rawId.replace(/[^a-zA-Z0-9]/g, '')}`;
  const units = orderUnits(requirements, sequence, prerequisites);
  const lanes = prerequisiteLanes(units, prerequisites);
  const layout = layoutMap(units, new Set(lanes.values()).size);
  const states = progress ? indexProgress(progress.tree) : null;
  const captionId = `${id}-caption`;

  return (
    <figure className="pathway-map" aria-labelledby={captionId} data-testid="pathway-map">
      <figcaption id={captionId} className="pathway-map__caption">
        {caption ?? (
          <>
            Pathway map of {props.title}
            {progress ? `: ${Math.round(progress.percentComplete)}% complete` : ''}. Read it from left to
            right; the requirement list below says the same in words.
          </>
        )}
      </figcaption>
      <MapLegend withStates={states !== null} />
      <div className="pathway-map__scroll">
        <svg
          className="pathway-map__svg"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label={`Map of ${props.title}`}
        >
          <MapDefs id={id} />
          <RouteConnectors layout={layout} />
          {layout.boxes.map((box) => {
            const state = states?.get(box.group.id)?.state;
            return (
              <g key={box.group.id} className="pathway-map__box" data-state={state}>
                <rect
                  x={box.x}
                  y={box.y}
                  width={box.width}
                  height={box.height}
                  rx={12}
                  className="pathway-map__box-frame"
                />
                <text x={box.x + 12} y={box.y + 24} className="pathway-map__box-label">
                  {clip(groupName(box.group), 30)}
                  {state ? ` · ${STATE_LABELS[state]}` : ''}
                </text>
                {box.headings.map((heading) => (
                  <text
                    key={heading.node.id}
                    x={heading.x + 4}
                    y={heading.y + 34}
                    className="pathway-map__box-heading"
                  >
                    {isGroup(heading.node) ? clip(groupName(heading.node), 30) : ''}
                  </text>
                ))}
              </g>
            );
          })}
          <PrerequisiteArrows
            layout={layout}
            prerequisites={prerequisites}
            lanes={lanes}
            markerId={`${id}-arrow`}
          />
          {layout.leaves.map((placed) => (
            <MapNode
              key={placed.leaf.id}
              placed={placed}
              node={states?.get(placed.leaf.id)}
              problems={problems?.get(placed.leaf.id)}
              patternId={`${id}-locked`}
              newTab={props.newTab ?? false}
            />
          ))}
          {layout.boxes.map((box) => {
            const messages = problems?.get(box.group.id);
            return messages && messages.length > 0 ? (
              <ProblemMarker key={`p-${box.group.id}`} x={box.x + box.width - 10} y={box.y + 10} />
            ) : null;
          })}
          <FinalNode
            {...props}
            layout={layout}
            // A root "Choose N of" is drawn as a box, which shows its own problems.
            problems={requirements.kind === 'n_of' ? undefined : problems?.get(requirements.id)}
          />
        </svg>
      </div>
    </figure>
  );
}

function MapDefs({ id }: { id: string }) {
  return (
    <defs>
      <ArrowMarker id={`${id}-arrow`} className="pathway-map__arrowhead" />
      <pattern
        id={`${id}-locked`}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="8" height="8" className="pathway-map__hatch-bg" />
        <line x1="0" y1="0" x2="0" y2="8" className="pathway-map__hatch-line" />
      </pattern>
    </defs>
  );
}

/** Faint lines through the columns: the recommended order. */
function RouteConnectors({ layout }: { layout: MapLayout }) {
  const stops = [...layout.columns, { id: 'final', ...layout.final }];
  return (
    <g aria-hidden="true">
      {stops.slice(1).map((to, index) => {
        const from = stops[index];
        if (!from) return null;
        const y = layout.middle;
        return (
          <line
            key={`${from.id}-${to.id}`}
            x1={from.x + from.width}
            y1={y}
            x2={to.x}
            y2={y}
            className="pathway-map__route"
          />
        );
      })}
    </g>
  );
}

/**
 * Prerequisites whose steps are not in neighbouring columns run along a lane above the map, so
 * they never cross the steps in between: one lane per earlier step (its arrows share it).
 */
function prerequisiteLanes(units: readonly Unit[], prerequisites: readonly Prerequisite[]) {
  const column = new Map<string, number>();
  units.forEach((unit, index) => {
    for (const leafId of unitLeafIds(unit)) column.set(leafId, index);
  });
  const sources: { id: string; column: number }[] = [];
  for (const prerequisite of prerequisites) {
    const to = column.get(prerequisite.step);
    if (to === undefined) continue;
    for (const before of prerequisite.after) {
      const from = column.get(before);
      if (from !== undefined && to - from > 1 && !sources.some((s) => s.id === before))
        sources.push({ id: before, column: from });
    }
  }
  // Sources further right get the lanes nearer the steps.
  sources.sort((a, b) => b.column - a.column);
  return new Map(sources.map((s, lane) => [s.id, lane]));
}

function PrerequisiteArrows({
  layout,
  prerequisites,
  lanes,
  markerId,
}: {
  layout: MapLayout;
  prerequisites: readonly Prerequisite[];
  lanes: ReadonlyMap<string, number>;
  markerId: string;
}) {
  const at = new Map(layout.leaves.map((p) => [p.leaf.id, p]));
  const arrows: { key: string; d: string }[] = [];
  for (const prerequisite of prerequisites) {
    const to = at.get(prerequisite.step);
    if (!to) continue;
    for (const before of prerequisite.after) {
      const from = at.get(before);
      // Both in one box, or drawn backwards (a cycle the check reports): the list says it in words.
      if (!from || from.column >= to.column) continue;
      const x1 = from.x + from.width;
      const y1 = from.y + from.height / 2;
      const x2 = to.x - 2;
      const y2 = to.y + to.height / 2;
      const lane = lanes.get(before);
      if (to.column - from.column > 1 && lane !== undefined) {
        // Up from the earlier step, along its lane, and down into the later one from the left.
        const up = x1 + 14;
        const down = to.x - 16;
        const y = layout.laneY(lane);
        const r = 6;
        arrows.push({
          key: `${before}->${prerequisite.step}`,
          d:
            `M${x1} ${y1} H${up - r} Q${up} ${y1} ${up} ${y1 - r} V${y + r} Q${up} ${y} ${up + r} ${y} ` +
            `H${down - r} Q${down} ${y} ${down} ${y + r} V${y2 - r} Q${down} ${y2} ${down + r} ${y2} H${x2}`,
        });
        continue;
      }
      const bend = Math.max(24, (x2 - x1) / 2);
      arrows.push({
        key: `${before}->${prerequisite.step}`,
        d: `M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}`,
      });
    }
  }
  return (
    <g aria-hidden="true">
      {arrows.map((arrow) => (
        <path key={arrow.key} d={arrow.d} className="pathway-map__prereq" markerEnd={`url(#${markerId})`} />
      ))}
    </g>
  );
}

function leafHref(leaf: LeafView): string {
  return leaf.kind === 'achievement'
    ? cataloguePath(leaf.achievementId)
    : competencyPath(leaf.frameworkId, leaf.code);
}

/** A link drawn in SVG that still navigates inside the app (and opens a new tab on request). */
function MapLink({
  href,
  label,
  newTab,
  className,
  state,
  children,
}: {
  href: string;
  label: string;
  newTab: boolean;
  className: string;
  state?: NodeState | undefined;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (newTab || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    void navigate(href);
  }
  return (
    <a
      href={href}
      className={className}
      aria-label={newTab ? `${label} (opens in a new tab)` : label}
      data-state={state}
      onClick={onClick}
      {...(newTab ? { target: '_blank', rel: 'noreferrer' } : {})}
    >
      {children}
    </a>
  );
}

function MapNode({
  placed,
  node,
  problems,
  patternId,
  newTab,
}: {
  placed: PlacedLeaf;
  node: ProgressNode | undefined;
  problems: readonly string[] | undefined;
  patternId: string;
  newTab: boolean;
}) {
  const { leaf, x, y, width, height, inBox } = placed;
  const state = node?.state;
  const name = leafName(leaf);
  const metBy = node?.metBy ?? [];
  const parts = [name];
  if (state) parts.push(STATE_LABELS[state].toLowerCase());
  if (metBy.length > 0) parts.push(`met by ${metBy.map((m) => m.title).join(' and ')}`);
  if (problems && problems.length > 0) parts.push(`problem: ${problems.join(' ')}`);
  const label = parts.join(', ');
  const code = leaf.code;
  const title = leaf.kind === 'achievement' ? leaf.title : `${leaf.name} (L${leaf.minLevel}+)`;
  const chars = Math.floor((width - 24) / 7);
  const statusLine = state
    ? `${STATE_LABELS[state]}${metBy[0] ? ` · ${metBy[0].title}` : ''}`
    : leaf.kind === 'achievement'
      ? `${leaf.credits} credits${leaf.minVersion ? ` · v${leaf.minVersion}+` : ''}`
      : 'Any micro-credential certifying it';

  return (
    <MapLink
      href={leafHref(leaf)}
      label={label}
      newTab={newTab}
      className={inBox ? 'pathway-map__node pathway-map__node--row' : 'pathway-map__node'}
      state={state}
    >
      <title>{label}</title>
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        rx={inBox ? 6 : 10}
        className="pathway-map__shape"
        style={state === 'locked' ? { fill: `url(#${patternId})` } : undefined}
      />
      {inBox ? (
        <text x={x + 10} y={y + 20} className="pathway-map__title">
          <tspan className="pathway-map__code">{code}</tspan>{' '}
          {clip(title, Math.max(8, chars - code.length - 1))}
        </text>
      ) : (
        <>
          <text x={x + 12} y={y + 22} className="pathway-map__code">
            {code}
          </text>
          <text x={x + 12} y={y + 42} className="pathway-map__title">
            {clip(title, chars)}
          </text>
        </>
      )}
      {state ? <StateIcon state={state} x={x + 10} y={y + height - 22} /> : null}
      <text x={x + (state ? 30 : 12)} y={y + height - 10} className="pathway-map__status">
        {clip(statusLine, chars - (state ? 3 : 0))}
      </text>
      {problems && problems.length > 0 ? <ProblemMarker x={x + width - 8} y={y + 8} /> : null}
    </MapLink>
  );
}

/** A red "!" on a node with a validation problem; the name carries the message. */
function ProblemMarker({ x, y }: { x: number; y: number }) {
  return (
    <g className="pathway-map__problem" aria-hidden="true">
      <circle cx={x} cy={y} r={9} />
      <text x={x} y={y + 4} textAnchor="middle">
        !
      </text>
    </g>
  );
}

/** The same shapes as the legend: check, half circle, empty circle, padlock. */
export function StateIcon({ state, x, y }: { state: NodeState; x: number; y: number }) {
  switch (state) {
    case 'done':
      return (
        <g className="state-icon state-icon--done" transform={`translate(${x} ${y})`} aria-hidden="true">
          <circle cx="8" cy="8" r="7.5" />
          <path d="M4.5 8.3l2.3 2.3 4.7-5" className="state-icon__mark" />
        </g>
      );
    case 'in_progress':
      return (
        <g
          className="state-icon state-icon--in_progress"
          transform={`translate(${x} ${y})`}
          aria-hidden="true"
        >
          <circle cx="8" cy="8" r="7" className="state-icon__ring" />
          <path d="M8 1a7 7 0 0 1 0 14z" className="state-icon__half" />
        </g>
      );
    case 'available':
      return (
        <g className="state-icon state-icon--available" transform={`translate(${x} ${y})`} aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" className="state-icon__ring" />
          <path d="M6.5 5l3.5 3-3.5 3" className="state-icon__mark" />
        </g>
      );
    case 'locked':
      return (
        <g className="state-icon state-icon--locked" transform={`translate(${x} ${y})`} aria-hidden="true">
          <rect x="3" y="7" width="10" height="8" rx="1.5" />
          <path d="M5.3 7V5a2.7 2.7 0 0 1 5.4 0v2" className="state-icon__shackle" />
        </g>
      );
  }
}

function FinalNode({
  layout,
  stack,
  targetRole,
  progress,
  newTab,
  problems,
}: Omit<PathwayMapProps, 'problems'> & { layout: MapLayout; problems: readonly string[] | undefined }) {
  const { x, y, width, height } = layout.final;
  const earned = progress?.stackCredentialId ?? null;
  const met = progress?.met ?? false;
  const stackTitle = stack.title || 'Stacked credential';
  const parts = [`Stacked credential: ${stackTitle}`];
  if (targetRole) parts.push(`leads to the role ${targetRole.title}`);
  if (progress) parts.push(earned ? 'awarded' : met ? 'all requirements met' : 'not yet earned');
  if (problems && problems.length > 0) parts.push(`problem: ${problems.join(' ')}`);
  const label = parts.join(', ');
  // Bold 14px runs about 8.5px a character; 12px text about 6.5px.
  const titleLines = wrap(stackTitle, Math.floor((width - 28) / 8.5), 2);
  const chars = Math.floor((width - 28) / 6.5);
  const below = y + 44 + (titleLines.length - 1) * 18;
  const body = (
    <>
      <title>{label}</title>
      <rect x={x} y={y} width={width} height={height} rx={14} className="pathway-map__final-shape" />
      <text x={x + 14} y={y + 22} className="pathway-map__eyebrow">
        {earned ? '★ Awarded' : 'Stacked credential'}
      </text>
      <text x={x + 14} y={y + 44} className="pathway-map__final-title">
        {titleLines.map((line, index) => (
          <tspan key={`${String(index)}:${line}`} x={x + 14} dy={index === 0 ? 0 : 18}>
            {line}
          </tspan>
        ))}
      </text>
      <text x={x + 14} y={below + 22} className="pathway-map__final-role">
        {targetRole ? clip(`Role: ${targetRole.title}`, chars) : 'No target role'}
      </text>
      {targetRole?.careerLevel ? (
        <text x={x + 14} y={below + 40} className="pathway-map__status">
          {clip(`Career level: ${targetRole.careerLevel}`, chars)}
        </text>
      ) : null}
      {problems && problems.length > 0 ? <ProblemMarker x={x + width - 8} y={y + 8} /> : null}
    </>
  );
  const href = earned
    ? credentialPath(earned)
    : stack.achievementId
      ? cataloguePath(stack.achievementId)
      : null;
  if (!href) {
    return (
      <g className="pathway-map__final" data-met={met || undefined} role="group" aria-label={label}>
        {body}
      </g>
    );
  }
  return (
    <MapLink
      href={href}
      label={label}
      newTab={newTab ?? false}
      className={met ? 'pathway-map__final pathway-map__final--met' : 'pathway-map__final'}
    >
      {body}
    </MapLink>
  );
}

/** What the shapes and colours mean, in words. */
export function MapLegend({ withStates }: { withStates: boolean }) {
  return (
    <ul className="map-legend" aria-label="Map legend">
      {withStates
        ? (['done', 'in_progress', 'available', 'locked'] as const).map((state) => (
            <li key={state} className="map-legend__item">
              <svg width="34" height="20" viewBox="0 0 34 20" aria-hidden="true" focusable="false">
                <rect
                  x="1"
                  y="1"
                  width="32"
                  height="18"
                  rx="4"
                  className={`map-legend__swatch map-legend__swatch--${state}`}
                />
                <StateIcon state={state} x={9} y={2} />
              </svg>
              <span>
                <strong>{STATE_LABELS[state]}</strong>: {STATE_HINTS[state]}
              </span>
            </li>
          ))
        : null}
      <li className="map-legend__item">
        <svg width="34" height="20" viewBox="0 0 34 20" aria-hidden="true" focusable="false">
          <path d="M2 10h24" className="pathway-map__prereq" />
          <path d="M24 5l8 5-8 5z" className="pathway-map__arrowhead" />
        </svg>
        <span>Arrow: must be done first (prerequisite)</span>
      </li>
      <li className="map-legend__item">
        <svg width="34" height="20" viewBox="0 0 34 20" aria-hidden="true" focusable="false">
          <path d="M2 10h30" className="pathway-map__route" />
        </svg>
        <span>Line: recommended order</span>
      </li>
    </ul>
  );
}
