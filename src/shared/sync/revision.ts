/**
 * A compact marker of a document version as the user sees it (its client-owned content), sent on
 * push instead of the whole assumed server document: on EDGE every byte counts (SP-12). Both
 * sides compute it the same way, so equal content always gives an equal marker.
 */
import { contentOf } from './content';
import { canonicalJson } from './merge';

/** cyrb53: a fast 53-bit string hash; collisions between two versions of one document are negligible. */
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The marker of any JSON value: equal content, equal marker. */
export function markerOf(value: unknown): string {
  return cyrb53(canonicalJson(value));
}

/** The marker of a document's content (content.ts). */
export function revisionOf(doc: object): string {
  return markerOf(contentOf(doc));
}
