import type { Errors } from './useDecisionForm';

export function FieldError({ errors, field, id }: { errors: Errors; field: string; id: string }) {
  const message = errors[field];
  return message ? (
    <p id={`${id}-error`} className="field-error">
      {message}
    </p>
  ) : null;
}
