import { useId, useRef, type ReactNode } from 'react';
import { Button } from '../../design/button';
import { errorId, FieldError, hintId } from '../../design/field';
import { Icon } from '../../design/icons';
import { listItems, type ListItem } from './content-draft';

export interface StringListFieldProps {
  legend: string;
  /** Names one row for screen readers and its Remove button, e.g. "Assessment method 2". */
  itemLabel: (index: number) => string;
  addLabel: string;
  items: readonly ListItem[];
  onChange: (items: ListItem[]) => void;
  hint?: ReactNode;
  /** An error about the list as a whole. */
  error?: string | undefined;
  itemError?: (index: number) => string | undefined;
  multiline?: boolean;
  maxLength?: number;
  /** Smaller heading style, for lists inside a criterion. */
  nested?: boolean;
}

/** A list of short texts the author can add to and remove from; each row is its own labelled input. */
export function StringListField({
  legend,
  itemLabel,
  addLabel,
  items,
  onChange,
  hint,
  error,
  itemError,
  multiline = false,
  maxLength,
  nested = false,
}: StringListFieldProps) {
  const id = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLDivElement>(null);

  function focusRow(key: string | undefined) {
    requestAnimationFrame(() => {
      const target = key
        ? listRef.current?.querySelector<HTMLElement>(`[data-row-key="${key}"]`)
        : addRef.current?.querySelector('button');
      target?.focus();
    });
  }

  function add() {
    const [item] = listItems(['']);
    if (!item) return;
    onChange([...items, item]);
    focusRow(item.key);
  }

  function remove(index: number) {
    const next = items.filter((_, i) => i !== index);
    onChange(next);
    // Keep the keyboard where the removed row was: on the row that took its place, else on Add.
    focusRow((next[index] ?? next[index - 1])?.key);
  }

  const describedBy = [hint ? hintId(id) : '', error ? errorId(id) : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className={['string-list', nested ? 'string-list--nested' : '', error ? 'field--invalid' : '']
        .filter(Boolean)
        .join(' ')}
      aria-describedby={describedBy || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId(id)}>
          {hint}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ol className="string-list__rows" ref={listRef}>
          {items.map((item, index) => {
            const rowId = `${id}-${item.key}`;
            const message = itemError?.(index);
            const label = itemLabel(index);
            const common = {
              id: rowId,
              value: item.value,
              maxLength,
              'data-row-key': item.key,
              'aria-label': label,
              'aria-invalid': message ? true : undefined,
              'aria-describedby': message ? errorId(rowId) : undefined,
              className: multiline ? 'input textarea' : 'input',
              onChange: (event: { target: { value: string } }) => {
                onChange(items.map((i) => (i.key === item.key ? { ...i, value: event.target.value } : i)));
              },
            };
            return (
              <li key={item.key} className={message ? 'string-list__row field--invalid' : 'string-list__row'}>
                <div className="string-list__control">
                  {multiline ? <textarea {...common} rows={2} /> : <input type="text" {...common} />}
                  <FieldError id={errorId(rowId)} message={message} />
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove ${label.toLowerCase()}`}
                  onClick={() => {
                    remove(index);
                  }}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
      ) : null}
      <div ref={addRef}>
        <Button variant="secondary" size="sm" icon={<Icon name="plus" />} onClick={add}>
          {addLabel}
        </Button>
      </div>
      <FieldError id={errorId(id)} message={error} />
    </fieldset>
  );
}
