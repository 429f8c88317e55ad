/**
 * The message catalog for a component, re-rendering it when the language changes. Call it
 * `i18n` and translate with `i18n._(id, values)` (a literal id): the Lingui extractor finds
 * those calls (npm run i18n:extract).
 */
import { use, useSyncExternalStore } from 'react';
import { i18n, languageVersion, loadingCatalogs, type I18n } from './i18n';

const subscribe = (onChange: () => void) => i18n.on('change', onChange);

/** Suspends while a catalog is loading, then renders in the active language. */
export function useI18n(): I18n {
  const loading = loadingCatalogs();
  if (loading) use(loading);
  useSyncExternalStore(subscribe, languageVersion, languageVersion);
  return i18n;
}
