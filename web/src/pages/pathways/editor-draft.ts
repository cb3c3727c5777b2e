// The editor keeps the requirement tree in its presented shape (leaves carry their names) and
// writes the plain shape the server takes. Pure helpers: conversions, edits, and error routing.
import type {
  Pathway,
  PathwayContent,
  Prerequisite,
  RequirementInput,
  RequirementView,
  RevocationPolicy,
} from '../../api/pathways-api';
import type { ProblemFieldError } from '../../api/client';
import { indexTree, isGroup, leavesOf } from './pathway-graph';

export interface PathwayDraft {
  title: string;
  summary: string;
  audience: string;
  targetRoleId: string;
  stackTitle: string;
  stackDescription: string;
  revocationPolicy: RevocationPolicy;
  changeNote: string;
  requirements: RequirementView;
  prerequisites: Prerequisite[];
}

export function emptyDraft(): PathwayDraft {
  return {
    title: '',
    summary: '',
    audience: '',
    targetRoleId: '',
    stackTitle: '',
    stackDescription: '',
    revocationPolicy: 'suspend',
    changeNote: '',
    requirements: { id: 'root', kind: 'all', label: null, items: [] },
    prerequisites: [],
  };
}

/** Orders each group's items by the recommended sequence, so tree order is the sequence from here on. */
function sortBySequence(node: RequirementView, rank: Map<string, number>): RequirementView {
  if (!isGroup(node)) return node;
  const keyOf = (item: RequirementView) =>
    Math.min(
      ...leavesOf(item).map((l) => rank.get(l.id) ?? Number.POSITIVE_INFINITY),
      Number.POSITIVE_INFINITY,
    );
  const items = node.items
    .map((item, index) => ({ item: sortBySequence(item, rank), key: keyOf(item), index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ item }) => item);
  return { ...node, items };
}

export function draftFromPathway(pathway: Pathway): PathwayDraft {
  const rank = new Map(pathway.sequence.map((id, index) => [id, index]));
  return {
    title: pathway.title,
    summary: pathway.summary,
    audience: pathway.audience,
    targetRoleId: pathway.targetRole?.id ?? '',
    stackTitle: pathway.stack.title,
    stackDescription: pathway.stack.description,
    revocationPolicy: pathway.revocationPolicy,
    changeNote: pathway.changeNote ?? '',
    requirements: sortBySequence(pathway.requirements, rank),
    prerequisites: pathway.prerequisites.map((p) => ({ step: p.step, after: [...p.after] })),
  };
}

function toInput(node: RequirementView): RequirementInput {
  switch (node.kind) {
    case 'all':
      return {
        id: node.id,
        kind: 'all',
        ...(node.label ? { label: node.label } : {}),
        items: node.items.map(toInput),
      };
    case 'n_of':
      return {
        id: node.id,
        kind: 'n_of',
        n: node.n,
        ...(node.label ? { label: node.label } : {}),
        items: node.items.map(toInput),
      };
    case 'achievement':
      return {
        id: node.id,
        kind: 'achievement',
        achievementId: node.achievementId,
        ...(node.minVersion ? { minVersion: node.minVersion } : {}),
      };
    case 'competency':
      return {
        id: node.id,
        kind: 'competency',
        frameworkId: node.frameworkId,
        code: node.code,
        minLevel: node.minLevel,
      };
  }
}

/** The body for save and check: the sequence is the leaves in the order the editor shows them. */
export function contentOf(draft: PathwayDraft): PathwayContent {
  const leafIds = new Set(leavesOf(draft.requirements).map((l) => l.id));
  const note = draft.changeNote.trim();
  return {
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    audience: draft.audience.trim(),
    targetRoleId: draft.targetRoleId || null,
    requirements: toInput(draft.requirements),
    sequence: [...leafIds],
    prerequisites: draft.prerequisites
      .map((p) => ({ step: p.step, after: p.after.filter((id) => leafIds.has(id) && id !== p.step) }))
      .filter((p) => leafIds.has(p.step) && p.after.length > 0),
    stackTitle: draft.stackTitle.trim(),
    stackDescription: draft.stackDescription.trim(),
    revocationPolicy: draft.revocationPolicy,
    ...(note ? { changeNote: note } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Edits

export function mapNode(
  node: RequirementView,
  id: string,
  change: (node: RequirementView) => RequirementView,
): RequirementView {
  if (node.id === id) return change(node);
  if (!isGroup(node)) return node;
  return { ...node, items: node.items.map((item) => mapNode(item, id, change)) };
}

export function removeNode(node: RequirementView, id: string): RequirementView {
  if (!isGroup(node)) return node;
  return { ...node, items: node.items.filter((item) => item.id !== id).map((item) => removeNode(item, id)) };
}

export function addChild(tree: RequirementView, groupId: string, child: RequirementView): RequirementView {
  return mapNode(tree, groupId, (group) =>
    isGroup(group) ? { ...group, items: [...group.items, child] } : group,
  );
}

export function moveChild(
  tree: RequirementView,
  groupId: string,
  index: number,
  delta: -1 | 1,
): RequirementView {
  return mapNode(tree, groupId, (group) => {
    if (!isGroup(group)) return group;
    const items = [...group.items];
    const target = index + delta;
    const moving = items[index];
    const other = items[target];
    if (!moving || !other) return group;
    items[index] = other;
    items[target] = moving;
    return { ...group, items };
  });
}

/** A fresh id: the prefix and one more than the largest number used. */
export function nextId(tree: RequirementView, prefix: 'r' | 'g'): string {
  let max = 0;
  for (const id of indexTree(tree).keys()) {
    const match = /(\d+)$/.exec(id);
    if (match?.[1]) max = Math.max(max, Number(match[1]));
  }
  return `${prefix}${max + 1}`;
}

/** Drops prerequisites that name steps no longer in the tree. */
export function prunePrerequisites(
  tree: RequirementView,
  prerequisites: readonly Prerequisite[],
): Prerequisite[] {
  const ids = new Set(leavesOf(tree).map((l) => l.id));
  return prerequisites
    .filter((p) => ids.has(p.step))
    .map((p) => ({ step: p.step, after: p.after.filter((id) => ids.has(id)) }))
    .filter((p) => p.after.length > 0);
}

export function setPrerequisite(
  prerequisites: readonly Prerequisite[],
  step: string,
  after: string,
  on: boolean,
): Prerequisite[] {
  const existing = prerequisites.find((p) => p.step === step);
  const list = existing?.after ?? [];
  const next = on ? [...new Set([...list, after])] : list.filter((id) => id !== after);
  const others = prerequisites.filter((p) => p.step !== step);
  return next.length > 0 ? [...others, { step, after: next }] : others;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** The node an error's JSON pointer points into (`/requirements/items/1/n`, `/prerequisites/0/after`). */
export function nodeForPath(
  path: string,
  input: RequirementInput,
  prerequisites: readonly Prerequisite[],
): string | undefined {
  const parts = path.split('/').filter(Boolean);
  const ids = new Set(indexTree(input as RequirementView).keys());
  const named = parts.find((part) => ids.has(part) && part !== 'requirements');
  const start = parts.indexOf('requirements');
  if (start !== -1) {
    let node: RequirementInput = input;
    let found: string = input.id;
    for (let i = start + 1; i < parts.length; i += 1) {
      if (parts[i] !== 'items' || !('items' in node)) break;
      const child: RequirementInput | undefined = node.items[Number(parts[i + 1])];
      if (!child) break;
      node = child;
      found = child.id;
      i += 1;
    }
    return found;
  }
  const p = parts.indexOf('prerequisites');
  if (p !== -1) {
    const prerequisite = prerequisites[Number(parts[p + 1])];
    if (prerequisite) return prerequisite.step;
  }
  return named;
}

/** Messages by requirement node id, and the ones that belong to no node. */
export function routeErrors(
  errors: readonly ProblemFieldError[],
  content: PathwayContent,
): { byNode: Map<string, string[]>; other: ProblemFieldError[] } {
  const byNode = new Map<string, string[]>();
  const other: ProblemFieldError[] = [];
  for (const error of errors) {
    const id = nodeForPath(error.path, content.requirements, content.prerequisites);
    if (id) byNode.set(id, [...(byNode.get(id) ?? []), error.message]);
    else other.push(error);
  }
  return { byNode, other };
}
