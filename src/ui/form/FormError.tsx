/**
 * A form's error as a whole (a save that failed, a choice that could not be applied), announced
 * as soon as it shows; nothing when there is none. `className` adds classes (such as `no-print`).
 */
export function FormError({
  message,
  className,
}: {
  message: string | null | undefined;
  className?: string;
}) {
  return message ? (
    <p className={className ? `form-error ${className}` : 'form-error'} role="alert">
      {message}
    </p>
  ) : null;
}
