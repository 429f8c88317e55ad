/**
 * A form field's error message and the attributes that tie its control to it: the control with id
 * `id` is described by the message `${id}-error` (errorId) while the field has one.
 */

/** A form's error messages by field; a field without one is valid. */
export type Errors = Partial<Record<string, string>>;

/** The id of the message that describes the control with id `id`. */
export const errorId = (id: string) => `${id}-error`;

/**
 * `alert` announces the message as soon as it shows (role="alert"), for forms that show a field's
 * error on its own rather than after a submit that focuses the field.
 */
export function FieldError({
  errors,
  field,
  id,
  alert = false,
}: {
  errors: Errors;
  field: string;
  id: string;
  alert?: boolean;
}) {
  const message = errors[field];
  return message ? (
    <p id={errorId(id)} className="field-error" role={alert ? 'alert' : undefined}>
      {message}
    </p>
  ) : null;
}

export function errorProps(errors: Errors, field: string, id: string) {
  return errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': errorId(id) } : {};
}
