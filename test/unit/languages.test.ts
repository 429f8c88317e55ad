/**
 * Languages (issue 13): which one a browser gets, plural forms and the digits and calendar of
 * dates and numbers in each, and the pseudo-language of the browser tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { languageFrom, intlLocale } from '../../src/shared/languages';
import { i18n, setLanguage } from '../../src/i18n/i18n';
import { formatDay, formatEur, formatHours, formatMonth, formatNumber } from '../../src/ui/format';
import { pseudoText } from '../../src/i18n/pseudo';

afterEach(async () => {
  await setLanguage('en', 'native');
});

describe('the language a browser gets', () => {
  it('is the first of its languages Fieldbook speaks, Dari for fa-AF and fa', () => {
    expect(languageFrom(['fa-AF', 'en'])).toBe('prs');
    expect(languageFrom(['fa'])).toBe('prs');
    expect(languageFrom(['de-DE', 'ar-IQ'])).toBe('ar');
    expect(languageFrom(['ps-AF'])).toBe('ps');
    expect(languageFrom(['so-SO', 'en'])).toBe('so');
    expect(languageFrom(['nl-NL', 'de'])).toBe('en');
    expect(languageFrom([])).toBe('en');
  });
});

describe('dates and numbers', () => {
  it('use Eastern Arabic digits in Arabic and Persian ones in Dari and Pashto, Latin ones on request', async () => {
    await setLanguage('ar');
    expect(formatNumber(1234)).toBe('١٬٢٣٤');
    expect(formatEur(125)).toBe('EUR ١٢٥');
    await setLanguage('prs');
    expect(formatNumber(1234)).toBe('۱٬۲۳۴');
    await setLanguage('ps');
    expect(formatNumber(12)).toBe('۱۲');
    await setLanguage('ar', 'latin');
    expect(formatNumber(1234)).toBe('1,234');
    await setLanguage('so');
    expect(formatNumber(1234)).toBe('1,234');
  });

  it('keep the Gregorian calendar in every language: months are the programme’s months', async () => {
    await setLanguage('prs');
    // fa-AF alone would give the Solar Hijri year 1405.
    expect(formatMonth('2026-12')).toContain('۲۰۲۶');
    expect(formatDay('2026-12-02')).toContain('۲۰۲۶');
    await setLanguage('ar');
    expect(formatMonth('2026-12')).toContain('٢٠٢٦');
    await setLanguage('en');
    expect(formatMonth('2026-12')).toBe('December 2026');
    expect(intlLocale('prs')).toBe('fa-AF-u-ca-gregory');
    expect(intlLocale('ar', 'latin')).toBe('ar-IQ-u-ca-gregory-nu-latn');
  });
});

/** A message's text without the isolation marks around the values put into it (RTL only). */
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');

describe('plurals', () => {
  it('take the six Arabic forms', async () => {
    await setLanguage('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((count) => plain(formatHours(count)));
    expect(forms).toEqual(['٠ ساعة', 'ساعة واحدة', 'ساعتان', '٣ ساعات', '١١ ساعة', '١٠٠ ساعة']);
  });

  it('take one and other in English, Somali, Dari and Pashto', async () => {
    expect([1, 2].map(formatHours)).toEqual(['1 hour', '2 hours']);
    await setLanguage('so');
    expect([1, 2].map(formatHours)).toEqual(['1 saac', '2 saacadood']);
    await setLanguage('ps');
    expect([1, 2].map((count) => plain(formatHours(count)))).toEqual(['۱ ساعت', '۲ ساعته']);
  });

  it('isolate the values put into a message in right-to-left languages only', async () => {
    await setLanguage('ar');
    expect(formatHours(3)).toBe('\u2068٣\u2069 ساعات');
    await setLanguage('so');
    expect(formatHours(3)).toBe('3 saacadood');
  });

  it('switch the active language of every message', async () => {
    await setLanguage('prs');
    expect(i18n.locale).toBe('prs');
    await setLanguage('so');
    expect(i18n.locale).toBe('so');
  });
});

describe('catalogs', () => {
  it('load in every language, each feature’s and its on-demand screens’', async () => {
    // Every catalog module registers itself as it loads, as the screens' imports do.
    const modules = import.meta.glob([
      '../../src/**/catalog.ts',
      '../../src/**/screens-catalog.ts',
      // The rules' reasons register with the screens that say them.
      '../../src/ui/reasons.ts',
    ]);
    await Promise.all(Object.values(modules).map((load) => load()));
    const dirs = Object.keys(import.meta.glob('../../src/**/locales/**/en.po')).map((path) =>
      path.replace(/\/en\.po$/, ''),
    );
    expect(dirs.length).toBeGreaterThan(Object.keys(modules).length - 1);
    for (const language of ['ar', 'prs', 'ps', 'so'] as const) {
      await setLanguage(language);
      const english = i18n.messages;
      for (const dir of dirs) {
        const ids = [
          ...readFileSync(join(import.meta.dirname, `${dir}/en.po`), 'utf8').matchAll(/^msgid "(.+)"$/gm),
        ].map((match) => match[1]!);
        const translated = ids.filter((id) => i18n._(id) !== id);
        expect(translated.length, `${dir} in ${language}`).toBe(ids.length);
        // Not the English fallback of a catalog that failed to load: some text differs.
        await setLanguage('en');
        const inEnglish = ids.map((id) => i18n._(id));
        await setLanguage(language);
        expect(
          ids.some((id, index) => i18n._(id) !== inEnglish[index]),
          `${dir} in ${language}`,
        ).toBe(true);
      }
      expect(english).toBeDefined();
    }
  });
});

describe('the pseudo-language', () => {
  it('accents every letter and makes the text 40 % longer', () => {
    const text = 'Sign in';
    const pseudo = pseudoText(text);
    expect(pseudo.startsWith('Šígñ íñ')).toBe(true);
    expect(pseudo.length).toBeGreaterThanOrEqual(Math.ceil(text.replace(/\s/g, '').length * 1.4) + 1);
    expect(pseudo).not.toMatch(/[a-z]{2}/);
  });
});
