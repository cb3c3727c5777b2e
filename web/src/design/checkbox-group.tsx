import { useId, type ReactNode } from 'react';
import { errorId, FieldError, hintId } from './field';

export interface CheckboxOption<T extends string> {
  value: T;
  label: string;
  hint?: ReactNode;
}

export interface CheckboxGroupProps<T extends string> {
  legend: string;
  options: readonly CheckboxOption<T>[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
  /** Two columns on wide screens for short labels. */
  columns?: 1 | 2;
  name?: string;
}

/** A fieldset of checkboxes; the legend names the group for screen readers. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  columns = 1,
  name,
}: CheckboxGroupProps<T>) {
  const id = useId();
  const describedBy =
    [hint ? hintId(id) : '', error ? errorId(id) : ''].filter(Boolean).join(' ') || undefined;

  function toggle(option: T, checked: boolean) {
    const next = checked ? [...value, option] : value.filter((item) => item !== option);
    // Keep the options' order so the server sees a stable list.
    onChange(options.map((o) => o.value).filter((item) => next.includes(item)));
  }

  return (
    <fieldset
      className={error ? 'checkbox-group field--invalid' : 'checkbox-group'}
      aria-describedby={describedBy}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId(id)}>
          {hint}
        </p>
      ) : null}
      <div
        className={
          columns === 2 ? 'checkbox-group__options checkbox-group__options--two' : 'checkbox-group__options'
        }
      >
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                type="checkbox"
                id={optionId}
                name={name}
                value={option.value}
                checked={value.includes(option.value)}
                onChange={(event) => {
                  toggle(option.value, event.target.checked);
                }}
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              />
              <div className="checkbox__text">
                <label htmlFor={optionId}>{option.label}</label>
                {option.hint ? (
                  <span className="checkbox__hint" id={`${optionId}-hint`}>
                    {option.hint}
                  </span>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <FieldError id={errorId(id)} message={error} />
    </fieldset>
  );
}
