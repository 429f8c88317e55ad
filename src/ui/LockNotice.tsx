/** A lock icon with words: the days of a submitted or approved month cannot change. */
export function LockNotice({ id, reason }: { id?: string; reason: string }) {
  return (
    <p id={id} className="lock-notice">
      <span aria-hidden="true">🔒</span> <strong>Locked:</strong> {reason}
    </p>
  );
}
