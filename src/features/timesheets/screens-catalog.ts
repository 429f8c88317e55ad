/**
 * The messages of the timesheets screens opened on demand, apart from those of the home so the
 * first download carries only what the home shows (src/i18n/i18n.ts).
 */
import { messages } from './locales/screens/en.po';
import { registerCatalog } from '../../i18n/i18n';

registerCatalog(
  'timesheets-screens',
  messages,
  import.meta.glob(['./locales/screens/*.po', '!./locales/screens/en.po']),
);

export { i18n } from '../../i18n/i18n';
export { useI18n } from '../../i18n/useI18n';
