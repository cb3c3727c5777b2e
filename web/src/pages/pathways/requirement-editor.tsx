import { useState } from 'react';
import type { GroupView, LeafView, Prerequisite, RequirementView } from '../../api/pathways-api';
import { Button } from '../../design/button';
import { Select } from '../../design/select';
import { TextField } from '../../design/text-field';
import {
  addChild,
  mapNode,
  moveChild,
  nextId,
  prunePrerequisites,
  removeNode,
  setPrerequisite,
} from './editor-draft';
import { groupName, isGroup, leafName, leavesOf } from './pathway-graph';
import { AchievementPicker, CompetencyStepPicker } from './step-pickers';

export interface RequirementEditorProps {
  tree: RequirementView;
  prerequisites: readonly Prerequisite[];
  onChange: (tree: RequirementView, prerequisites: Prerequisite[]) => void;
  /** Validation messages by node id, shown beside the node. */
  errors: ReadonlyMap<string, readonly string[]>;
}

interface Context extends RequirementEditorProps {
  leaves: LeafView[];
}

/** The requirement tree as nested fieldsets: groups, steps, minimum versions and levels, prerequisites. */
export function RequirementEditor(props: RequirementEditorProps) {
  const context: Context = { ...props, leaves: leavesOf(props.tree) };
  return isGroup(props.tree) ? (
    <GroupEditor group={props.tree} context={context} root />
  ) : (
    <p className="muted">The tree’s root must be a group.</p>
  );
}

function NodeErrors({ messages }: { messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul className="req-node-errors">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

type Adding = 'achievement' | 'competency' | null;

function GroupEditor({
  group,
  context,
  root = false,
}: {
  group: GroupView;
  context: Context;
  root?: boolean;
}) {
  const { tree, prerequisites, onChange, errors } = context;
  const [adding, setAdding] = useState<Adding>(null);
  const name = root ? `Requirements (${groupName(group).toLowerCase()})` : groupName(group);

  function change(next: RequirementView) {
    onChange(next, prunePrerequisites(next, prerequisites));
  }
  function update(patch: (g: GroupView) => GroupView) {
    change(mapNode(tree, group.id, (node) => (isGroup(node) ? patch(node) : node)));
  }
  function add(child: RequirementView) {
    change(addChild(tree, group.id, child));
    setAdding(null);
  }

  return (
    <fieldset className="req-group" data-testid={`req-group-${group.id}`}>
      <legend>{name}</legend>
      <div className="req-group__settings">
        <Select
          label="Group type"
          value={group.kind}
          options={[
            { value: 'all', label: 'All of' },
            { value: 'n_of', label: 'Choose N of' },
          ]}
          onChange={(event) => {
            const kind = event.target.value;
            update((g) =>
              kind === 'n_of'
                ? { id: g.id, kind: 'n_of', n: g.kind === 'n_of' ? g.n : 1, label: g.label, items: g.items }
                : { id: g.id, kind: 'all', label: g.label, items: g.items },
            );
          }}
        />
        {group.kind === 'n_of' ? (
          <TextField
            label="How many to choose"
            type="number"
            min={1}
            max={Math.max(1, group.items.length)}
            value={String(group.n)}
            onChange={(event) => {
              const n = Math.max(1, Math.round(Number(event.target.value) || 1));
              update((g) => (g.kind === 'n_of' ? { ...g, n } : g));
            }}
          />
        ) : null}
        <TextField
          label="Group label"
          optional
          value={group.label ?? ''}
          placeholder={group.kind === 'n_of' ? 'Elective' : 'Core'}
          onChange={(event) => {
            const label = event.target.value;
            update((g) => ({ ...g, label: label || null }));
          }}
        />
        {root ? null : (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              change(removeNode(tree, group.id));
            }}
          >
            Remove group<span className="visually-hidden"> {name}</span>
          </Button>
        )}
      </div>
      <NodeErrors messages={errors.get(group.id)} />
      {group.items.length === 0 ? (
        <p className="muted small">No requirements in this group yet. Add one below.</p>
      ) : (
        <ul className="req-items" aria-label={`Items of ${name}`}>
          {group.items.map((item, index) => (
            <li key={item.id}>
              {isGroup(item) ? (
                <GroupEditor group={item} context={context} />
              ) : (
                <LeafEditor
                  leaf={item}
                  context={context}
                  onMove={(delta) => {
                    change(moveChild(tree, group.id, index, delta));
                  }}
                  first={index === 0}
                  last={index === group.items.length - 1}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {adding === 'achievement' ? (
        <AchievementPicker
          onCancel={() => {
            setAdding(null);
          }}
          onPick={(item) => {
            add({
              id: nextId(tree, 'r'),
              kind: 'achievement',
              achievementId: item.id,
              code: item.code,
              title: item.title,
              credits: item.credits,
              minVersion: null,
            });
          }}
        />
      ) : null}
      {adding === 'competency' ? (
        <CompetencyStepPicker
          onCancel={() => {
            setAdding(null);
          }}
          onPick={(picked) => {
            add({ id: nextId(tree, 'r'), kind: 'competency', ...picked, options: [] });
          }}
        />
      ) : null}
      <div className="req-adders">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setAdding('achievement');
          }}
        >
          Add micro-credential<span className="visually-hidden"> to {name}</span>
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setAdding('competency');
          }}
        >
          Add competency<span className="visually-hidden"> to {name}</span>
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            add({ id: nextId(tree, 'g'), kind: 'all', label: null, items: [] });
          }}
        >
          Add “All of” group<span className="visually-hidden"> to {name}</span>
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            add({ id: nextId(tree, 'g'), kind: 'n_of', n: 1, label: 'Elective', items: [] });
          }}
        >
          Add “Choose N of” group<span className="visually-hidden"> to {name}</span>
        </Button>
      </div>
    </fieldset>
  );
}

function LeafEditor({
  leaf,
  context,
  onMove,
  first,
  last,
}: {
  leaf: LeafView;
  context: Context;
  onMove: (delta: -1 | 1) => void;
  first: boolean;
  last: boolean;
}) {
  const { tree, prerequisites, onChange, errors, leaves } = context;
  const name = leafName(leaf);
  const messages = errors.get(leaf.id);
  const after = prerequisites.find((p) => p.step === leaf.id)?.after ?? [];
  const others = leaves.filter((l) => l.id !== leaf.id);

  function update(change: (l: LeafView) => LeafView) {
    onChange(
      mapNode(tree, leaf.id, (node) => (isGroup(node) ? node : change(node))),
      [...prerequisites],
    );
  }

  return (
    <div
      className={messages?.length ? 'req-leaf req-leaf--invalid' : 'req-leaf'}
      role="group"
      aria-label={`Step ${name}`}
      data-testid={`req-step-${leaf.id}`}
    >
      <div className="req-leaf__head">
        <strong>
          {leaf.kind === 'achievement' ? 'Micro-credential: ' : 'Competency: '}
          {name}
        </strong>
        <span className="cluster">
          <Button
            variant="ghost"
            size="sm"
            disabled={first}
            onClick={() => {
              onMove(-1);
            }}
          >
            Up<span className="visually-hidden"> {name}</span>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={last}
            onClick={() => {
              onMove(1);
            }}
          >
            Down<span className="visually-hidden"> {name}</span>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              const next = removeNode(tree, leaf.id);
              onChange(next, prunePrerequisites(next, prerequisites));
            }}
          >
            Remove<span className="visually-hidden"> {name}</span>
          </Button>
        </span>
      </div>
      <NodeErrors messages={messages} />
      <div className="req-leaf__fields">
        {leaf.kind === 'achievement' ? (
          <TextField
            label="Minimum version"
            optional
            hint="Leave empty to accept any version."
            placeholder="1.0.0"
            value={leaf.minVersion ?? ''}
            onChange={(event) => {
              const minVersion = event.target.value.trim();
              update((l) => (l.kind === 'achievement' ? { ...l, minVersion: minVersion || null } : l));
            }}
          />
        ) : (
          <Select
            label="Minimum level"
            value={String(leaf.minLevel)}
            options={[1, 2, 3, 4, 5].map((l) => ({ value: String(l), label: `Level ${l}` }))}
            onChange={(event) => {
              const minLevel = Number(event.target.value);
              update((l) => (l.kind === 'competency' ? { ...l, minLevel } : l));
            }}
          />
        )}
      </div>
      {others.length > 0 ? (
        <fieldset className="stack stack-sm">
          <legend className="small">
            <strong>Take after</strong> (prerequisites of {name})
          </legend>
          <div className="prereq-checks">
            {others.map((other) => (
              <label key={other.id}>
                <input
                  type="checkbox"
                  checked={after.includes(other.id)}
                  onChange={(event) => {
                    onChange(tree, setPrerequisite(prerequisites, leaf.id, other.id, event.target.checked));
                  }}
                />
                {leafName(other)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
