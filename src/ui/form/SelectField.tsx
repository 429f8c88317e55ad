/**
 * A labelled choice among `options`, with a first empty option that asks for one, an optional hint
 * and its error. The control has id `id`; the hint is `${id}-hint` and the error `${id}-error`
 * (FieldError), and the control is described by whichever of them shows.
 */
import type { ReactNode } from 'react';
import { errorId, FieldError } from './FieldError';

export function SelectField<T extends string>({
  id,
  label,
  prompt,
  options,
  value,
  onChange,
  error,
  hint,
  disabled,
  optionLabel = (option) => option,
}: {
  id: string;
  label: string;
  /** The empty option's text, such as "Choose the country". */
  prompt: string;
  options: readonly T[];
  value: T | '';
  onChange: (value: T | '') => void;
  error: string | undefined;
  hint?: ReactNode;
  disabled?: boolean;
  /** What a person reads for an option (in their language); the stored value stays the option. */
  optionLabel?: (option: T) => string;
}) {
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : undefined, error ? errorId(id) : undefined].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as T | '')}
        aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
        aria-invalid={error ? true : undefined}
      >
        <option value="">{prompt}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <FieldError errors={{ [id]: error }} field={id} id={id} alert />
    </div>
  );
}
