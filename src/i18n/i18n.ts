/**
 * The app's language at run time (issue 13). Messages live in per-feature catalogs
 * (`<folder>/locales/<language>.po`, compiled at build time by @lingui/vite-plugin). A catalog's
 * English is bundled with its code; another language's is a chunk of its own, fetched when that
 * language is in use, so a person downloads and the service worker keeps only their language.
 *
 * Each catalog module registers itself as it loads (`registerCatalog`). The first render waits
 * for `catalogsReady` (main.tsx), a screen loaded on demand too (src/app/routes.tsx), and any
 * other component suspends in `useI18n` until its catalog is in: no screen shows message ids.
 */
import { i18n, type Messages } from '@lingui/core';
import {
  LANGUAGE_DETAILS,
  SOURCE_LANGUAGE,
  intlLocale,
  isLanguage,
  languageFrom,
  type DigitChoice,
  type Language,
} from '../shared/languages';

export { i18n };
export type I18n = typeof i18n;

/** A language the app may run in: a real one, or `pseudo`, the test language (never offered). */
export type ActiveLanguage = Language | 'pseudo';

const LANGUAGE_KEY = 'fieldbook.language';
const DIGITS_KEY = 'fieldbook.digits';

type CatalogModule = { messages: Messages };
type Loaders = Record<string, () => Promise<unknown>>;

interface Catalog {
  source: Messages;
  /** `./locales/ar.po` → its loader, as import.meta.glob gives them. */
  loaders: Loaders;
}

const catalogs = new Map<string, Catalog>();

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Private mode or a full disk: the choice still holds for this visit.
  }
}

/** The language chosen on this device, else the first of the browser's that Fieldbook speaks. */
export function chosenLanguage(): ActiveLanguage {
  const choice = stored(LANGUAGE_KEY);
  if (choice === 'pseudo' || isLanguage(choice)) return choice;
  return languageFrom(globalThis.navigator?.languages ?? []);
}

export function chosenDigits(): DigitChoice {
  return stored(DIGITS_KEY) === 'latin' ? 'latin' : 'native';
}

let active: ActiveLanguage = chosenLanguage();
let digits: DigitChoice = chosenDigits();

export const activeLanguage = (): ActiveLanguage => active;

/** The Intl locale the screens format dates and numbers in (`-u-nu-latn` when Latin digits are chosen). */
export function formatLocale(): string {
  return intlLocale(active === 'pseudo' ? SOURCE_LANGUAGE : active, digits);
}

export function directionOf(language: ActiveLanguage): 'ltr' | 'rtl' {
  return language === 'pseudo' ? 'ltr' : LANGUAGE_DETAILS[language].dir;
}

async function messagesIn(catalog: Catalog, language: ActiveLanguage): Promise<Messages> {
  if (language === SOURCE_LANGUAGE) return catalog.source;
  if (language === 'pseudo') return (await import('./pseudo')).pseudoMessages(catalog.source);
  const load = Object.entries(catalog.loaders).find(([path]) => path.endsWith(`/${language}.po`))?.[1];
  if (!load) throw new Error(`No ${language} catalog`);
  return ((await load()) as CatalogModule).messages;
}

function showIn(language: ActiveLanguage): void {
  i18n.activate(language, [formatLocale()]);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language === 'pseudo' ? 'en-XA' : language;
    document.documentElement.dir = directionOf(language);
  }
}

const pending = new Set<Promise<void>>();

/**
 * Registers a catalog (a catalog module calls it as it loads) and loads its messages in the
 * active language. English is bundled and loads at once; another language is fetched, and
 * `catalogsReady` resolves once it is in. Offline before that catalog was ever fetched, its
 * screens fall back to English rather than show nothing.
 */
export function registerCatalog(name: string, source: Messages, loaders: Loaders): void {
  const catalog = { source, loaders };
  catalogs.set(name, catalog);
  i18n.load(SOURCE_LANGUAGE, source);
  const language = active;
  if (language === SOURCE_LANGUAGE) return;
  const loading = messagesIn(catalog, language).then(
    (messages) => {
      i18n.load(language, messages);
      if (active === language) showIn(language);
    },
    () => {
      // Offline before this catalog was ever fetched: its screens show in English, the rest of
      // the app stays in the language chosen.
      i18n.load(language, source);
      if (active === language) showIn(language);
    },
  );
  const settled = loading.finally(() => pending.delete(settled));
  pending.add(settled);
}

/** Resolves once every registered catalog has its messages in the active language. */
export async function catalogsReady(): Promise<void> {
  while (pending.size > 0) await Promise.all(pending);
}

let waiting: Promise<void> | null = null;

/**
 * The catalog loads still under way as one promise, the same one until they are done (React's
 * `use` in useI18n suspends on it and needs it stable), or null when none is.
 */
export function loadingCatalogs(): Promise<void> | null {
  if (pending.size === 0) return null;
  waiting ??= catalogsReady().finally(() => {
    waiting = null;
  });
  return waiting;
}

/**
 * Switches every loaded catalog to `language`, then the screens. Fails (and changes nothing)
 * when a catalog cannot be fetched, e.g. offline on a language never used on this device.
 */
export async function setLanguage(
  language: ActiveLanguage,
  digitChoice: DigitChoice = digits,
): Promise<void> {
  const loaded = await Promise.all([...catalogs.values()].map((catalog) => messagesIn(catalog, language)));
  for (const messages of loaded) i18n.load(language, messages);
  active = language;
  digits = digitChoice;
  store(LANGUAGE_KEY, language);
  store(DIGITS_KEY, digitChoice);
  showIn(language);
  void keepLanguageOffline(language);
}

/**
 * Fetches every catalog of `language` so every screen can be read in it offline later (the
 * service worker keeps what is fetched). The list of all catalogs loads only then: it is not
 * needed on the first screen.
 */
export async function keepLanguageOffline(language: ActiveLanguage): Promise<void> {
  if (language === SOURCE_LANGUAGE || language === 'pseudo') return;
  await (await import('./keep-offline')).fetchEveryCatalog(language);
}

/** The catalogs registered so far, by name: for the completeness test and language switches. */
export const registeredCatalogs = (): string[] => [...catalogs.keys()];

/**
 * In a right-to-left screen every text put into a message (a name, a date, a typed place) is
 * isolated (U+2068 … U+2069), so "Amina Yusuf" or "2 Dec 2026" keeps its own order inside Arabic
 * text and the punctuation around it stays where the sentence puts it.
 */
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
const translate = i18n._.bind(i18n);
i18n._ = ((
  id: Parameters<typeof translate>[0],
  values?: Record<string, unknown>,
  options?: Parameters<typeof translate>[2],
) => {
  if (!values || directionOf(active) !== 'rtl') return translate(id, values, options);
  const isolated = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === 'string' && value !== ''
        ? `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}`
        : value,
    ]),
  );
  return translate(id, isolated, options);
}) as typeof i18n._;

let version = 0;
i18n.on('change', () => {
  version += 1;
});
/** Changes whenever the language, the digits or the loaded messages do: what screens re-render on. */
export const languageVersion = (): number => version;

// Activated before any catalog registers (each adds its messages as it loads).
i18n.load({ [SOURCE_LANGUAGE]: {}, [active]: {} });
showIn(active);
