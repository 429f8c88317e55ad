/**
 * Reads a gettext .po catalog: msgid → msgstr, with `pofile` (the parser @lingui/format-po uses),
 * so a catalog a PO editor (Weblate, Poedit) wrapped over several lines reads the same. Obsolete
 * entries (`#~`) and the header are left out; fuzzy ones are kept, since every machine-drafted
 * translation is fuzzy until reviewed (docs/i18n.md).
 */
import PO from 'pofile';

export function readPo(text: string): Map<string, string> {
  const messages = new Map<string, string>();
  for (const item of PO.parse(text).items) {
    if (item.obsolete || item.msgid === '') continue;
    messages.set(item.msgid, item.msgstr[0] ?? '');
  }
  return messages;
}
