/**
 * The server's words in each person's language (issue 13, docs/i18n.md "Server's words"): push
 * notifications and e-mails are rendered from .po catalogs, as the app's screens are, with the
 * same ICU syntax and the same runtime (@lingui/core). The app compiles its catalogs at build
 * time; the server reads and compiles its few messages once, when it starts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import {
  LANGUAGES,
  SOURCE_LANGUAGE,
  intlLocale,
  isLanguage,
  type Language,
} from '../../../src/shared/languages';
import { readPo } from './po';

export type { I18n } from '@lingui/core';

/**
 * The messages of one catalog in a person's language: `wordsIn(user.language)._('id', values)`.
 * A person who never chose a language (null) gets English.
 */
export type ServerMessages = (language: Language | null | undefined) => I18n;

function compiled(path: string): Messages {
  const messages: Messages = {};
  for (const [id, text] of readPo(readFileSync(path, 'utf8'))) {
    // An untranslated message falls back to English rather than show nothing.
    if (text === '') continue;
    try {
      messages[id] = compileMessageOrThrow(text);
    } catch (error) {
      throw new Error(`${path}: ${id} is not a valid ICU message: ${(error as Error).message}`);
    }
  }
  return messages;
}

/**
 * Loads `<catalogFolder>/<language>.po` for every language, synchronously: called once, as its
 * module loads at server start, so a broken catalog stops the start rather than a notification.
 * A message a language lacks is said in English. Plural rules and the digits of `#` follow the
 * language's Intl locale (Eastern Arabic digits in ar, prs, ps), as in the app.
 */
export function serverMessages(catalogFolder: string): ServerMessages {
  const english = compiled(join(catalogFolder, `${SOURCE_LANGUAGE}.po`));
  const instances = new Map<Language, I18n>(
    LANGUAGES.map((language) => {
      const own = language === SOURCE_LANGUAGE ? {} : compiled(join(catalogFolder, `${language}.po`));
      const i18n = setupI18n({
        locale: language,
        locales: [intlLocale(language)],
        messages: { [language]: { ...english, ...own } },
      });
      return [language, i18n];
    }),
  );
  return (language) => instances.get(isLanguage(language) ? language : SOURCE_LANGUAGE)!;
}
