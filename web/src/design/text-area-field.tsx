import { useId, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { describedBy, FieldFrame } from './field';

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  id?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A multi-line TextField: the same label, hint and error frame around a textarea. */
export function TextAreaField({
  label,
  hint,
  error,
  optional,
  id,
  className,
  rows = 4,
  ...textarea
}: TextAreaFieldProps) {
  const generated = useId();
  const textareaId = id ?? generated;
  return (
    <FieldFrame id={textareaId} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        {...textarea}
        id={textareaId}
        rows={rows}
        className={['input', 'textarea', className ?? ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(textareaId, hint, error, textarea['aria-describedby'])}
        required={optional ? false : textarea.required}
      />
    </FieldFrame>
  );
}
