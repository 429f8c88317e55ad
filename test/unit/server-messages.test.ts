/**
 * The server's message loader (issue 13, docs/i18n.md "Server's words"): catalogs as a PO editor
 * may save them, a message a language lacks said in English, and counts in the language's digits.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/shared/languages';
import { serverMessages } from '../../sync-server/src/i18n/server-messages';

const HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n';
const folder = mkdtempSync(join(tmpdir(), 'fieldbook-server-messages-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function catalogs(byLanguage: Partial<Record<(typeof LANGUAGES)[number], string>>): string {
  const dir = mkdtempSync(join(folder, 'catalog-'));
  for (const language of LANGUAGES)
    writeFileSync(join(dir, `${language}.po`), HEADER + (byLanguage[language] ?? ''));
  return dir;
}

describe('serverMessages', () => {
  const wordsIn = serverMessages(
    catalogs({
      en: [
        'msgid "t.hello"\nmsgstr "Hello {name}"',
        'msgid "t.only"\nmsgstr "Only in English"',
        'msgid "t.count"\nmsgstr "{count, plural, one {# month} other {# months}}"',
      ].join('\n\n'),
      // As Weblate or Poedit may save it: a long string wrapped, a reviewed entry, an obsolete one.
      ar: [
        '#, fuzzy\nmsgid "t.hello"\nmsgstr ""\n"مرحبًا "\n"{name}"',
        'msgid "t.count"\nmsgstr "{count, plural, zero {# شهر} one {شهر واحد} two {شهران} few {# أشهر} many {# شهرًا} other {# شهر}}"',
        '#~ msgid "t.only"\n#~ msgstr "قديم"',
      ].join('\n\n'),
      so: '#, fuzzy\nmsgid "t.only"\nmsgstr ""',
    }),
  );

  it('says each message in the language asked for, its wrapped lines joined', () => {
    expect(wordsIn('ar')._('t.hello', { name: 'Hodan' })).toBe('مرحبًا Hodan');
    expect(wordsIn('en')._('t.hello', { name: 'Hodan' })).toBe('Hello Hodan');
  });

  it('says a message the language lacks, or left empty, in English; English for no language chosen', () => {
    expect(wordsIn('ar')._('t.only')).toBe('Only in English');
    expect(wordsIn('so')._('t.only')).toBe('Only in English');
    expect(wordsIn('prs')._('t.hello', { name: 'Hodan' })).toBe('Hello Hodan');
    expect(wordsIn(null)._('t.hello', { name: 'Hodan' })).toBe('Hello Hodan');
  });

  it('counts with the language’s plural forms and digits', () => {
    expect(wordsIn('ar')._('t.count', { count: 5 })).toBe('٥ أشهر');
    expect(wordsIn('ar')._('t.count', { count: 2 })).toBe('شهران');
    expect(wordsIn('en')._('t.count', { count: 5 })).toBe('5 months');
  });

  it('refuses to start on a catalog whose message is not valid ICU, naming it', () => {
    expect(() => serverMessages(catalogs({ en: 'msgid "t.x"\nmsgstr "{count, plural, one {#}"' }))).toThrow(
      /en\.po: t\.x is not a valid ICU message/,
    );
  });
});
