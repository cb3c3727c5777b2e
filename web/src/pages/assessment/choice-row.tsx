import { useId, type ReactNode } from 'react';
import { FieldError } from '../../design/field';

export interface Choice<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}

/** Radio buttons in a row inside a fieldset; the legend names the group. */
export function ChoiceRow<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  hint,
  error,
  legendHidden = false,
}: {
  legend: string;
  name: string;
  choices: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string | undefined;
  legendHidden?: boolean;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className={error ? 'choice-row field--invalid' : 'choice-row'}
      aria-describedby={describedBy || undefined}
    >
      <legend className={legendHidden ? 'visually-hidden' : 'field__label'}>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="choice-row__options">
        {choices.map((choice) => {
          const optionId = `${id}-${choice.value}`;
          return (
            <div className="checkbox" key={choice.value}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={choice.value}
                checked={value === choice.value}
                disabled={choice.disabled}
                aria-invalid={error ? true : undefined}
                onChange={() => {
                  onChange(choice.value);
                }}
              />
              <div className="checkbox__text">
                <label htmlFor={optionId}>{choice.label}</label>
              </div>
            </div>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** One checkbox with its label, styled like the kit's checkbox group. */
export function SingleCheckbox({
  label,
  hint,
  checked,
  onChange,
  name,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      <div className="checkbox__text">
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <span className="checkbox__hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </div>
    </div>
  );
}
