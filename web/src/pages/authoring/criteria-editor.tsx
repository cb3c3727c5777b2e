import { useId, useRef } from 'react';
import { Button } from '../../design/button';
import { errorId, FieldError, hintId } from '../../design/field';
import { Icon } from '../../design/icons';
import { TextField } from '../../design/text-field';
import { emptyCriterion, type CriterionRow } from './content-draft';
import { StringListField } from './string-list-field';

export interface CriteriaEditorProps {
  rows: readonly CriterionRow[];
  onChange: (rows: CriterionRow[]) => void;
  errorFor: (key: string) => string | undefined;
}

/** The assessment criteria: each one an id, a statement and the evidence that meets it. */
export function CriteriaEditor({ rows, onChange, errorFor }: CriteriaEditorProps) {
  const id = useId();
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const listError = errorFor('criteria');

  function update(key: string, change: Partial<CriterionRow>) {
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }

  function focusCriterion(key: string | undefined) {
    requestAnimationFrame(() => {
      const target = key
        ? fieldsetRef.current?.querySelector<HTMLElement>(`[data-criterion-key="${key}"] input`)
        : fieldsetRef.current?.querySelector<HTMLElement>('.criteria-editor__add button');
      target?.focus();
    });
  }

  return (
    <fieldset
      ref={fieldsetRef}
      className={listError ? 'criteria-editor field--invalid' : 'criteria-editor'}
      aria-describedby={[hintId(id), listError ? errorId(id) : ''].filter(Boolean).join(' ')}
    >
      <legend className="field__label">Criteria</legend>
      <p className="field__hint" id={hintId(id)}>
        What an assessor checks. Later versions match criteria by their id, so keep ids when you reword.
      </p>
      <FieldError id={errorId(id)} message={listError} />
      <div className="criteria-editor__rows">
        {rows.map((row, index) => (
          <fieldset
            key={row.key}
            className="criterion"
            data-criterion-key={row.key}
            data-testid={`criterion-${String(index + 1)}`}
          >
            <legend className="criterion__legend">Criterion {index + 1}</legend>
            <div className="criterion__head">
              <TextField
                label="Id"
                className="criterion__id"
                value={row.id}
                maxLength={32}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => {
                  update(row.key, { id: event.target.value });
                }}
                error={errorFor(`criteria/${index}/id`)}
              />
              <TextField
                label="Criterion"
                value={row.title}
                maxLength={500}
                onChange={(event) => {
                  update(row.key, { title: event.target.value });
                }}
                error={errorFor(`criteria/${index}/title`)}
              />
            </div>
            <StringListField
              nested
              multiline
              legend="Evidence requirements"
              itemLabel={(i) => `Evidence ${String(i + 1)} for criterion ${String(index + 1)}`}
              addLabel="Add evidence"
              items={row.evidenceRequirements}
              maxLength={2000}
              onChange={(items) => {
                update(row.key, { evidenceRequirements: items });
              }}
              error={errorFor(`criteria/${index}/evidenceRequirements`)}
              itemError={(i) => errorFor(`criteria/${index}/evidenceRequirements/${String(i)}`)}
            />
            <div>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove criterion ${String(index + 1)}`}
                onClick={() => {
                  const next = rows.filter((r) => r.key !== row.key);
                  onChange(next);
                  focusCriterion((next[index] ?? next[index - 1])?.key);
                }}
              >
                Remove criterion
              </Button>
            </div>
          </fieldset>
        ))}
      </div>
      <div className="criteria-editor__add">
        <Button
          variant="secondary"
          size="sm"
          icon={<Icon name="plus" />}
          onClick={() => {
            const row = emptyCriterion(rows);
            onChange([...rows, row]);
            focusCriterion(row.key);
          }}
        >
          Add criterion
        </Button>
      </div>
    </fieldset>
  );
}
