/**
 * The user-visible content of a document, defined once for the device and the server: every
 * field but the server's stamps and RxDB's bookkeeping, with the deletion state as a boolean
 * (SP-3). The device's pending-change marks and backups, the revision marker of a push (SP-12) and
 * the server's validation (SP-9) and retry check (SP-4) all read it from here, so "changed" means
 * one thing everywhere.
 */
import { SERVER_OWNED_FIELDS } from '../schemas';
import { canonicalJson } from './merge';

/** RxDB bookkeeping a device may leave on a document; never stored, never compared. */
export const RXDB_META_FIELDS = ['_rev', '_meta', '_attachments'] as const;

/** The fields that are no content: the server stamps them (a device's values are ignored), RxDB keeps them for itself. */
export const IGNORED_FIELDS: readonly string[] = [...SERVER_OWNED_FIELDS, ...RXDB_META_FIELDS];

/** The document without the ignored fields, otherwise as it is (a missing `_deleted` stays missing). */
export function withoutIgnoredFields(doc: object): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!IGNORED_FIELDS.includes(key)) kept[key] = value;
  return kept;
}

/** The content of a document: no ignored fields, keys sorted, `_deleted` always there (a missing one is live). */
export function contentOf(doc: object): Record<string, unknown> {
  const kept = withoutIgnoredFields(doc);
  kept._deleted = kept._deleted === true;
  const content: Record<string, unknown> = {};
  for (const key of Object.keys(kept).sort()) content[key] = kept[key];
  return content;
}

/** The content as canonical JSON: equal content, equal text. A device's sync mark keeps this text. */
export function contentText(doc: object): string {
  return canonicalJson(contentOf(doc));
}

/** Equal as far as the user is concerned: the same content, the same deletion state. */
export function sameContent(a: object, b: object): boolean {
  return contentText(a) === contentText(b);
}

/**
 * Whether a content text is of a deleted document. `_deleted` sorts before every field name of
 * our schemas (lower camelCase), so it is the text's first key.
 */
export function isDeletedContentText(text: string): boolean {
  return text.startsWith('{"_deleted":true');
}
