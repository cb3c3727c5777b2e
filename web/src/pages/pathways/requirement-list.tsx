import { Link } from 'react-router';
import type { PathwayProgress, Prerequisite, ProgressNode, RequirementView } from '../../api/pathways-api';
import { Chip } from '../../design/chip';
import { groupName, indexTree, isGroup, leafName } from './pathway-graph';
import { cataloguePath, competencyPath, credentialPath, STATE_LABELS, STATE_TONES } from './pathway-labels';

function indexProgress(node: ProgressNode, into = new Map<string, ProgressNode>()) {
  into.set(node.id, node);
  for (const child of node.children) indexProgress(child, into);
  return into;
}

/**
 * The requirement tree as nested lists: the map's text equivalent, with each step's state, the
 * credential that met it and the steps that must come first.
 */
export function RequirementList({
  requirements,
  prerequisites,
  progress,
}: {
  requirements: RequirementView;
  prerequisites: readonly Prerequisite[];
  progress?: PathwayProgress | null;
}) {
  const nodes = indexTree(requirements);
  const states = progress ? indexProgress(progress.tree) : new Map<string, ProgressNode>();
  const after = new Map(prerequisites.map((p) => [p.step, p.after]));
  return (
    <div className="requirement-tree" data-testid="requirement-tree">
      <RequirementItem node={requirements} nodes={nodes} states={states} after={after} root />
    </div>
  );
}

interface ItemProps {
  node: RequirementView;
  nodes: Map<string, RequirementView>;
  states: Map<string, ProgressNode>;
  after: Map<string, string[]>;
  root?: boolean;
}

function RequirementItem({ node, nodes, states, after, root = false }: ItemProps) {
  const progress = states.get(node.id);
  const state = progress ? (
    <Chip tone={STATE_TONES[progress.state]}>{STATE_LABELS[progress.state]}</Chip>
  ) : null;
  if (isGroup(node)) {
    const credits =
      progress?.requiredCredits !== undefined && progress.earnedCredits !== undefined
        ? ` (${progress.earnedCredits} of ${progress.requiredCredits} credits)`
        : '';
    const content = (
      <>
        <p className="requirement-tree__group">
          <strong>{groupName(node)}</strong>
          {credits ? <span className="muted small">{credits}</span> : null} {state}
        </p>
        {node.items.length === 0 ? (
          <p className="muted small">No requirements in this group yet.</p>
        ) : (
          <ul className="requirement-tree__list">
            {node.items.map((item) => (
              <RequirementItem key={item.id} node={item} nodes={nodes} states={states} after={after} />
            ))}
          </ul>
        )}
      </>
    );
    return root ? content : <li className="requirement-tree__item">{content}</li>;
  }
  const before = (after.get(node.id) ?? [])
    .map((id) => nodes.get(id))
    .filter((n): n is RequirementView => n !== undefined);
  const metBy = progress?.metBy ?? [];
  const body = (
    <>
      <span className="requirement-tree__leaf">
        <Link
          to={
            node.kind === 'achievement'
              ? cataloguePath(node.achievementId)
              : competencyPath(node.frameworkId, node.code)
          }
        >
          {leafName(node)}
        </Link>{' '}
        {state}
      </span>
      <span className="muted small">
        {node.kind === 'achievement'
          ? `${node.credits} credits${node.minVersion ? ` · version ${node.minVersion} or later` : ''}`
          : node.options.length > 0
            ? `Met by any of: ${node.options.map((o) => o.code).join(', ')}`
            : 'Met by any micro-credential that certifies it at this level'}
      </span>
      {before.length > 0 ? (
        <span className="small">
          After: {before.map((n) => (isGroup(n) ? groupName(n) : leafName(n))).join('; ')}
        </span>
      ) : null}
      {metBy.length > 0 ? (
        <span className="small">
          Met by{' '}
          {metBy.map((m, index) => (
            <span key={m.credentialId}>
              {index > 0 ? ', ' : ''}
              <Link to={credentialPath(m.credentialId)}>{m.title}</Link>
            </span>
          ))}
        </span>
      ) : null}
    </>
  );
  return root ? (
    <div className="requirement-tree__item">{body}</div>
  ) : (
    <li className="requirement-tree__item">{body}</li>
  );
}
