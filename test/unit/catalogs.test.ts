/**
 * The message catalogs are complete and match the code (issue 13): every id a screen uses is in
 * its catalog, every language has every message (no silent fallback to English), each compiles as
 * ICU with the same placeholders as the English, and no catalog keeps a message nothing uses. The
 * build checks completeness too (@lingui/vite-plugin failOnMissing); this names what is wrong.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { LANGUAGES } from '../../src/shared/languages';

const SRC = join(import.meta.dirname, '../../src');
const SERVER = join(import.meta.dirname, '../../sync-server/src');

interface Entry {
  id: string;
  text: string;
  fuzzy: boolean;
}

/** The entries of a .po file (msgid/msgstr pairs, one line each as Lingui writes them). */
function readPo(path: string): { header: string; entries: Entry[] } {
  const text = readFileSync(path, 'utf8');
  const unquote = (value: string) => JSON.parse(value) as string;
  const blocks = text.split(/\n\s*\n/);
  const entries: Entry[] = [];
  let header = '';
  for (const block of blocks) {
    const id = /^msgid (".*")$/m.exec(block);
    const str = /^msgstr (".*")$/m.exec(block);
    if (!id || !str || block.split('\n').some((line) => line.startsWith('#~'))) continue;
    if (unquote(id[1]!) === '') {
      header = block;
      continue;
    }
    entries.push({ id: unquote(id[1]!), text: unquote(str[1]!), fuzzy: /^#, .*fuzzy/m.test(block) });
  }
  return { header, entries };
}

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : files(path, keep);
    return keep(path) ? [path] : [];
  });
}

/** Ids as the Lingui extractor finds them: `i18n._('id'` and `/*i18n*\/ 'id'`. */
function idsUsedIn(paths: string[]): Map<string, string> {
  const used = new Map<string, string>();
  for (const path of paths) {
    const code = readFileSync(path, 'utf8');
    for (const match of code.matchAll(/i18n\._\(\s*'([^']+)'|\/\*i18n\*\/\s*'([^']+)'/g)) {
      used.set(match[1] ?? match[2]!, relative(SRC, path));
    }
  }
  return used;
}

const isCode = (path: string) => /\.tsx?$/.test(path) && !path.endsWith('.d.ts');

/** A feature's screens opened on demand may have a catalog of their own (lingui.config.ts). */
function catalogDirs(locales: string): string[] {
  const screens = join(locales, 'screens');
  try {
    return statSync(screens).isDirectory() ? [locales, screens] : [locales];
  } catch {
    return [locales];
  }
}

/**
 * The catalogs: the core one (src outside the features), those of each feature folder that has
 * one, and the server's, with the code whose ids they hold.
 */
const CATALOGS: { name: string; prefixes?: string[]; dirs: string[]; code: string[] }[] = [
  {
    name: 'core',
    dirs: [join(SRC, 'i18n/locales')],
    code: files(
      SRC,
      (path) => isCode(path) && !['/features/', '/shared/', '/db/'].some((dir) => path.includes(dir)),
    ),
  },
  // The rules' reasons (src/shared/reasons.ts): of the shared rules, the device's writes and the
  // server's push, rendered by the screens and, in English, by the server.
  {
    name: 'reasons',
    prefixes: ['rules', 'device', 'sync'],
    dirs: [join(SRC, 'shared/locales')],
    code: [
      ...files(join(SRC, 'shared'), isCode),
      ...files(join(SRC, 'db'), isCode),
      ...files(join(SERVER, 'sync'), isCode),
    ],
  },
  ...readdirSync(join(SRC, 'features'))
    .filter((feature) => {
      try {
        return statSync(join(SRC, 'features', feature, 'catalog.ts')).isFile();
      } catch {
        return false;
      }
    })
    .map((feature) => ({
      name: feature,
      dirs: catalogDirs(join(SRC, 'features', feature, 'locales')),
      code: files(join(SRC, 'features', feature), isCode),
    })),
  // The server's words, in each person's language: push notifications and the invitation e-mail.
  ...[
    { name: 'notices', folder: 'notifications' },
    { name: 'mail', folder: 'mail' },
  ].map(({ name, folder }) => ({
    name,
    dirs: [join(SERVER, folder, 'locales')],
    code: files(join(SERVER, folder), isCode),
  })),
];

/** The placeholders of an ICU message, whatever the language's words around them. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const visit = (tokens: unknown[]) => {
    for (const token of tokens) {
      if (!Array.isArray(token)) continue;
      const [name, , choices] = token as [string, string?, Record<string, unknown>?];
      names.add(name);
      if (choices && typeof choices === 'object') {
        for (const [key, value] of Object.entries(choices))
          if (key !== 'offset' && Array.isArray(value)) visit(value);
      }
    }
  };
  visit(compileMessageOrThrow(message));
  return [...names].sort();
}

describe('message catalogs', () => {
  it('exist for the core and for the features that use messages', () => {
    expect(CATALOGS.map((catalog) => catalog.name)).toContain('core');
    expect(CATALOGS.map((catalog) => catalog.name)).toContain('auth');
  });

  for (const catalog of CATALOGS) {
    describe(catalog.name, () => {
      const englishOf = (dir: string) => readPo(join(dir, 'en.po')).entries;
      const english = catalog.dirs.flatMap(englishOf);
      const englishIds = english.map((entry) => entry.id);

      it('holds each message in one of its catalogs only', () => {
        expect(englishIds.filter((id, index) => englishIds.indexOf(id) !== index)).toEqual([]);
      });

      it('has, in English, every message its code uses and none it does not', () => {
        const used = idsUsedIn(catalog.code);
        const missing = [...used]
          .filter(([id]) => !englishIds.includes(id))
          .map(([id, at]) => `${id} (${at})`);
        expect(missing, 'used in code, not in en.po').toEqual([]);
        expect(
          englishIds.filter((id) => !used.has(id)),
          'in en.po, used nowhere',
        ).toEqual([]);
      });

      it('names its messages after itself, so no two catalogs share an id', () => {
        const prefixes = catalog.prefixes ?? [catalog.name];
        expect(englishIds.filter((id) => !prefixes.some((prefix) => id.startsWith(`${prefix}.`)))).toEqual(
          [],
        );
      });

      it('has an English text for every message, not its id', () => {
        expect(
          english.filter((entry) => entry.text === '' || entry.text === entry.id).map((e) => e.id),
        ).toEqual([]);
      });

      for (const language of LANGUAGES.filter((code) => code !== 'en')) {
        it.each(catalog.dirs)(
          `has every message in ${language}, compiling with the English placeholders (%s)`,
          (dir) => {
            const english = englishOf(dir);
            const englishIds = english.map((entry) => entry.id);
            const { header, entries } = readPo(join(dir, `${language}.po`));
            const byId = new Map(entries.map((entry) => [entry.id, entry]));
            const problems: string[] = [];
            for (const source of english) {
              const entry = byId.get(source.id);
              if (!entry || entry.text === '') {
                problems.push(`${source.id}: missing`);
                continue;
              }
              try {
                const want = placeholders(source.text).join(',');
                const got = placeholders(entry.text).join(',');
                if (want !== got) problems.push(`${source.id}: placeholders ${got} instead of ${want}`);
              } catch (error) {
                problems.push(`${source.id}: ${(error as Error).message}`);
              }
            }
            problems.push(
              ...entries
                .filter((entry) => !englishIds.includes(entry.id))
                .map((e) => `${e.id}: not in English`),
            );
            expect(problems).toEqual([]);
            // Machine-drafted until a native speaker reviews: the header says so, each draft is fuzzy.
            const drafts = entries.filter((entry) => entry.fuzzy).length;
            if (drafts > 0) expect(header).toMatch(/X-Fieldbook-Review: machine-drafted/);
          },
        );
      }
    });
  }
});
