import { i18n } from '../i18n/catalog';

/**
 * Not `useI18n`: this is the fallback shown while a screen's catalog loads, and a fallback that
 * suspended too would blank the page. Its message is in the core catalog, in before any render.
 */
export function Loading({ label }: { label?: string }) {
  return (
    <p className="loading" aria-busy="true">
      {label ?? i18n._('core.loading')}
    </p>
  );
}
