/**
 * A translated sentence with elements inside it (a name in bold, a time): the message keeps the
 * whole sentence, so a translator can move the element, and its placeholders are filled with
 * markers that are then swapped for the elements. Lingui's core only makes strings.
 */
import { Fragment, type ReactNode } from 'react';

// A private-use character: in no message and in nothing a person types.
const MARK = '\uE000';

/** Values for `i18n._` that mark where each named element goes. */
export const slots = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, `${MARK}${name}${MARK}`]));

/** The message with each marked placeholder replaced by its element. */
export function withParts(message: string, parts: Record<string, ReactNode>): ReactNode {
  // Splitting on a captured group leaves text at even indexes, placeholder names at odd ones.
  return message
    .split(new RegExp(`${MARK}(\\w+)${MARK}`))
    .map((piece, index) => <Fragment key={index}>{index % 2 === 1 ? parts[piece] : piece}</Fragment>);
}
