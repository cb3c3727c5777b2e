// Pure helpers for the pathway map: names of requirement nodes, and a simple layered layout
// (one column per step in the recommended order, electives boxed, the stacked credential last).
import type { LeafView, Prerequisite, RequirementView } from '../../api/pathways-api';

export function isGroup(node: RequirementView): node is Extract<RequirementView, { kind: 'all' | 'n_of' }> {
  return node.kind === 'all' || node.kind === 'n_of';
}

/** Leaves in tree (depth-first) order. */
export function leavesOf(node: RequirementView): LeafView[] {
  return isGroup(node) ? node.items.flatMap(leavesOf) : [node];
}

/** Every node by id. */
export function indexTree(node: RequirementView, into = new Map<string, RequirementView>()) {
  into.set(node.id, node);
  if (isGroup(node)) for (const item of node.items) indexTree(item, into);
  return into;
}

/** "IAM-101 Foundations" or "DAT-04 Data quality (level 3 or above)". */
export function leafName(leaf: LeafView): string {
  if (leaf.kind === 'achievement') return [leaf.code, leaf.title].filter(Boolean).join(' ');
  return `${[leaf.code, leaf.name].filter(Boolean).join(' ')} (level ${leaf.minLevel} or above)`;
}

/** "All of", "Choose 1 of: Elective". */
export function groupName(node: Extract<RequirementView, { kind: 'all' | 'n_of' }>): string {
  const head = node.kind === 'all' ? 'All of' : `Choose ${node.n} of`;
  return node.label ? `${head}: ${node.label}` : head;
}

export function nodeName(node: RequirementView): string {
  return isGroup(node) ? groupName(node) : leafName(node);
}

// ---------------------------------------------------------------------------------------------
// Layout

/** A box on the map: one required step, or an elective group with its options stacked inside. */
export type Unit =
  | { kind: 'step'; leaf: LeafView }
  | { kind: 'choice'; group: Extract<RequirementView, { kind: 'n_of' | 'all' }>; rows: ChoiceRow[] };

/** A line inside a choice box: an option, or the heading of a group nested in it. */
export type ChoiceRow =
  { kind: 'leaf'; leaf: LeafView; depth: number } | { kind: 'heading'; node: RequirementView; depth: number };

/** Required steps stay separate (an `all` inside an `all` is still "all"); an `n_of` becomes one box. */
function unitsOf(node: RequirementView): Unit[] {
  if (node.kind === 'all') return node.items.flatMap(unitsOf);
  if (node.kind === 'n_of') return [{ kind: 'choice', group: node, rows: choiceRows(node, 0) }];
  return [{ kind: 'step', leaf: node }];
}

function choiceRows(group: Extract<RequirementView, { kind: 'n_of' | 'all' }>, depth: number): ChoiceRow[] {
  return group.items.flatMap((item): ChoiceRow[] =>
    isGroup(item)
      ? [{ kind: 'heading', node: item, depth }, ...choiceRows(item, depth + 1)]
      : [{ kind: 'leaf', leaf: item, depth }],
  );
}

export function unitId(unit: Unit): string {
  return unit.kind === 'step' ? unit.leaf.id : unit.group.id;
}

export function unitLeafIds(unit: Unit): string[] {
  return unit.kind === 'step' ? [unit.leaf.id] : leavesOf(unit.group).map((l) => l.id);
}

/**
 * Units in the recommended order: by the earliest `sequence` position of their leaves (tree order
 * for those not in the sequence), then moved so that every prerequisite comes first.
 */
export function orderUnits(
  requirements: RequirementView,
  sequence: readonly string[],
  prerequisites: readonly Prerequisite[],
): Unit[] {
  const units = unitsOf(requirements);
  const rank = new Map(sequence.map((id, index) => [id, index]));
  const keyed = units.map((unit, treeIndex) => {
    const ranks = unitLeafIds(unit).map((id) => rank.get(id) ?? Number.POSITIVE_INFINITY);
    return { unit, key: Math.min(...ranks, Number.POSITIVE_INFINITY), treeIndex };
  });
  keyed.sort((a, b) => a.key - b.key || a.treeIndex - b.treeIndex);

  // Which unit holds each leaf, and which units each unit must follow.
  const holder = new Map<string, string>();
  for (const { unit } of keyed) for (const id of unitLeafIds(unit)) holder.set(id, unitId(unit));
  const after = new Map<string, Set<string>>();
  for (const p of prerequisites) {
    const to = holder.get(p.step);
    if (!to) continue;
    for (const a of p.after) {
      const from = holder.get(a);
      if (from && from !== to) after.set(to, (after.get(to) ?? new Set()).add(from));
    }
  }

  // Stable topological order; a cycle (the check reports it) falls back to the sequence order.
  const placed: Unit[] = [];
  const done = new Set<string>();
  const pending = [...keyed];
  while (pending.length > 0) {
    const index = pending.findIndex(({ unit }) =>
      [...(after.get(unitId(unit)) ?? [])].every((id) => done.has(id)),
    );
    const [next] = pending.splice(index === -1 ? 0 : index, 1);
    if (!next) break;
    placed.push(next.unit);
    done.add(unitId(next.unit));
  }
  return placed;
}

export const MAP = {
  nodeWidth: 208,
  nodeHeight: 76,
  rowHeight: 60,
  boxHeader: 40,
  boxPad: 10,
  columnGap: 56,
  margin: 16,
  finalWidth: 240,
  finalHeight: 112,
  /** Space for one prerequisite lane above the steps (arrows that skip a column run along it). */
  lane: 14,
} as const;

export interface PlacedLeaf {
  leaf: LeafView;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Inside an elective box: drawn as a row, not a card. */
  inBox: boolean;
  /** Which unit (column) of the map holds it. */
  column: number;
}

export interface PlacedBox {
  group: Extract<RequirementView, { kind: 'n_of' | 'all' }>;
  x: number;
  y: number;
  width: number;
  height: number;
  headings: { node: RequirementView; x: number; y: number }[];
}

export interface MapLayout {
  width: number;
  height: number;
  /** The vertical centre of the steps (the recommended-order line runs along it). */
  middle: number;
  /** The y of prerequisite lane `i` (0 is nearest the steps). */
  laneY: (lane: number) => number;
  leaves: PlacedLeaf[];
  boxes: PlacedBox[];
  /** Where each unit sits, for the recommended-route connectors. */
  columns: { id: string; x: number; y: number; width: number; height: number }[];
  final: { x: number; y: number; width: number; height: number };
}

/** `lanes`: how many prerequisite lanes to leave room for above the steps. */
export function layoutMap(units: readonly Unit[], lanes = 0): MapLayout {
  const heights = units.map((unit) =>
    unit.kind === 'step' ? MAP.nodeHeight : MAP.boxHeader + unit.rows.length * MAP.rowHeight + MAP.boxPad,
  );
  const tallest = Math.max(MAP.finalHeight, ...heights);
  const top = MAP.margin + (lanes > 0 ? lanes * MAP.lane + 8 : 0);
  const height = top + tallest + MAP.margin;
  const middle = top + tallest / 2;
  const laneY = (lane: number) => top - 12 - lane * MAP.lane;
  const leaves: PlacedLeaf[] = [];
  const boxes: PlacedBox[] = [];
  const columns: MapLayout['columns'] = [];
  let x = MAP.margin;
  units.forEach((unit, index) => {
    const h = heights[index] ?? MAP.nodeHeight;
    const y = middle - h / 2;
    if (unit.kind === 'step') {
      leaves.push({
        leaf: unit.leaf,
        x,
        y,
        width: MAP.nodeWidth,
        height: MAP.nodeHeight,
        inBox: false,
        column: index,
      });
      columns.push({ id: unit.leaf.id, x, y, width: MAP.nodeWidth, height: h });
      x += MAP.nodeWidth + MAP.columnGap;
      return;
    }
    const width = MAP.nodeWidth + 2 * MAP.boxPad + 8;
    const headings: PlacedBox['headings'] = [];
    unit.rows.forEach((row, rowIndex) => {
      const rowY = y + MAP.boxHeader + rowIndex * MAP.rowHeight;
      const indent = row.depth * 8;
      if (row.kind === 'heading') headings.push({ node: row.node, x: x + MAP.boxPad + indent, y: rowY });
      else
        leaves.push({
          leaf: row.leaf,
          x: x + MAP.boxPad + indent,
          y: rowY,
          width: width - 2 * MAP.boxPad - indent,
          height: MAP.rowHeight - 8,
          inBox: true,
          column: index,
        });
    });
    boxes.push({ group: unit.group, x, y, width, height: h, headings });
    columns.push({ id: unit.group.id, x, y, width, height: h });
    x += width + MAP.columnGap;
  });
  const final = { x, y: middle - MAP.finalHeight / 2, width: MAP.finalWidth, height: MAP.finalHeight };
  return { width: x + MAP.finalWidth + MAP.margin, height, middle, laneY, leaves, boxes, columns, final };
}

/** Words in at most `lines` lines of `max` characters; the last one clipped when it all does not fit. */
export function wrap(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest && out.length < lines - 1) {
    if (rest.length <= max) break;
    const cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) break;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1).trimStart();
  }
  if (rest) out.push(clip(rest, max));
  return out;
}

/** Shortens text to fit a box; the full text stays in the accessible name. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
