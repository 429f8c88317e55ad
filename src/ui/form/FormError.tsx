/**
 * A form's error as a whole (a save that failed, a choice that could not be applied), announced
 * as soon as it shows; nothing when there is none.
 */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
