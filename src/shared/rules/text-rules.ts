/**
 * Text that no storage can keep (SP-9): U+0000 and half of a surrogate pair. PostgreSQL refuses
 * both (TEXT has no NUL, JSONB no `\u0000` and no lone `\udXXX`), UTF-8 cannot encode a lone
 * surrogate at all, and SQLite would store what PostgreSQL refuses. So the server refuses such
 * text on every backend alike, per row, with a message naming the field; the device may check it
 * before writing.
 */

import { reason, type Reason } from '../reasons';

/** U+0000, a high surrogate without its low half, or a low surrogate without its high half. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is looked for.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export interface UnstorableText {
  /** Where it is, as the schema messages name fields: `notes`, `ktActivities.0.type`. */
  field: string;
  /** `U+0000`, `U+D83D`. */
  character: string;
}

export function hasUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}

function codePointName(text: string): string {
  const found = UNSTORABLE.exec(text)![0];
  return `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A field name fit for a message: the offending characters themselves would not survive it. */
function printable(name: string): string {
  return name.replace(UNSTORABLE_ALL, '\uFFFD');
}

/**
 * The first string in `value`, property names included, that holds unstorable text, or null.
 * Iterative: the value may come straight from the network.
 */
export function findUnstorableText(value: unknown): UnstorableText | null {
  const pending: [unknown, string][] = [[value, '']];
  for (let i = 0; i < pending.length; i++) {
    const [next, at] = pending[i]!;
    const join = (key: string) => (at ? `${at}.${printable(key)}` : printable(key));
    if (typeof next === 'string') {
      if (hasUnstorableText(next)) return { field: at, character: codePointName(next) };
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, child] of Object.entries(next)) {
        if (hasUnstorableText(key)) return { field: join(key), character: codePointName(key) };
        pending.push([child, join(key)]);
      }
    }
  }
  return null;
}

/** Null when `value` can be stored as it is, else the reason naming the first offending field. */
export function unstorableTextRefusal(value: unknown): Reason | null {
  const found = findUnstorableText(value);
  if (!found) return null;
  const { field, character } = found;
  const kind = character === 'U+0000' ? 'null' : 'surrogate';
  return field
    ? reason(/*i18n*/ 'rules.text.unstorableField', { field, character, kind })
    : reason(/*i18n*/ 'rules.text.unstorable', { character, kind });
}
