import { useI18n } from '../i18n/catalog';

/** A lock icon with words: the days of a submitted or approved month cannot change. */
export function LockNotice({ id, reason }: { id?: string; reason: string }) {
  const i18n = useI18n();
  return (
    <p id={id} className="lock-notice">
      <span aria-hidden="true">🔒</span> <strong>{i18n._('core.lock.label')}</strong> {reason}
    </p>
  );
}
