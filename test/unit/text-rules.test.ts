/** SP-9: text no storage can keep is found wherever it is, keys included, and named in the message. */
import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableTextRefusal } from '../../src/shared/rules/text-rules';
import { worded } from '../helpers/english';

describe('unstorable text (SP-9)', () => {
  it('finds U+0000 and lone surrogates, and names the field', () => {
    expect(findUnstorableText({ notes: 'a\u0000b' })).toEqual({ field: 'notes', character: 'U+0000' });
    expect(findUnstorableText({ notes: 'ok', ktActivities: [{ type: 'x\uD83D' }] })).toEqual({
      field: 'ktActivities.0.type',
      character: 'U+D83D',
    });
    expect(findUnstorableText({ a: '\uDE00 low first' })).toEqual({ field: 'a', character: 'U+DE00' });
    expect(worded(unstorableTextRefusal({ notes: 'a\u0000b' }))).toMatch(
      /^Field 'notes' contains a character that cannot be stored \(U\+0000/,
    );
  });

  it('finds it in a property name and keeps the message free of it', () => {
    const found = findUnstorableText({ nested: { ['bad\u0000key']: 1 } });
    expect(found).toEqual({ field: 'nested.bad\uFFFDkey', character: 'U+0000' });
    expect(worded(unstorableTextRefusal({ ['\uD800']: 1 }))).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('accepts ordinary text, emoji as whole pairs included', () => {
    expect(findUnstorableText({ notes: 'Réunion 😀 — 水', n: 3, list: ['a', null, true] })).toBeNull();
    expect(findUnstorableText('plain')).toBeNull();
    expect(findUnstorableText('\u0000')).toEqual({ field: '', character: 'U+0000' });
  });
});
