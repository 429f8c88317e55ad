/** The daily-log feature's messages (src/i18n/i18n.ts). */
import { messages } from './locales/en.po';
import { registerCatalog } from '../../i18n/i18n';

registerCatalog('logs', messages, import.meta.glob(['./locales/*.po', '!./locales/en.po']));

export { i18n } from '../../i18n/i18n';
export { useI18n } from '../../i18n/useI18n';
