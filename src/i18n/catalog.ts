/** The messages of the layers below the features (layout, shared ui, sync states): loaded first. */
import { messages } from './locales/en.po';
import { registerCatalog } from './i18n';

registerCatalog('core', messages, import.meta.glob(['./locales/*.po', '!./locales/en.po']));

export { i18n } from './i18n';
export { useI18n } from './useI18n';
