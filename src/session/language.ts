/**
 * The language a person chose, kept on their account so it follows them to a new phone and the
 * server's notifications can use it (issue 13). A choice made on the sign-in screen is theirs and
 * goes to the account at sign-in; otherwise the account's choice applies to the device. A choice
 * made offline is saved at the next start with a network.
 */
import { activeLanguage, setLanguage } from '../i18n/i18n';
import { isLanguage, type Language } from '../shared/languages';
import type { PublicUser } from '../shared/users';
import { ApiClient } from '../sync/api-client';

/** Set while a choice made on this device is not on the account yet. */
const UNSAVED_KEY = 'fieldbook.language.unsaved';

function unsaved(): boolean {
  try {
    return localStorage.getItem(UNSAVED_KEY) === '1';
  } catch {
    return false;
  }
}

function markUnsaved(value: boolean): void {
  try {
    if (value) localStorage.setItem(UNSAVED_KEY, '1');
    else localStorage.removeItem(UNSAVED_KEY);
  } catch {
    // Without storage the choice holds for this visit only.
  }
}

export interface LanguageAccount {
  baseUrl: string;
  token: string;
  user: PublicUser;
}

/** Saves the device's language on the account; the user as the server now has it, or null offline. */
async function save(account: LanguageAccount, language: Language): Promise<PublicUser | null> {
  try {
    const { user } = await new ApiClient({ baseUrl: account.baseUrl, token: account.token }).saveLanguage(
      language,
    );
    markUnsaved(false);
    return user;
  } catch {
    markUnsaved(true);
    return null;
  }
}

/**
 * A choice in the picker: the screens switch now (or the promise rejects, offline with a language
 * never fetched), and the account gets it when there is one.
 */
export async function chooseLanguage(
  language: Language,
  account: LanguageAccount | null,
): Promise<PublicUser | null> {
  await setLanguage(language);
  markUnsaved(true);
  return account ? save(account, language) : null;
}

/**
 * After a sign-in or a start with a session: an unsaved choice goes to the account, an account's
 * choice comes to the device, an account without one gets the device's. Returns the user when the
 * server's copy changed.
 */
export async function reconcileLanguage(account: LanguageAccount): Promise<PublicUser | null> {
  const here = activeLanguage();
  if (here === 'pseudo') return null;
  const there = account.user.language;
  if (unsaved() || !isLanguage(there)) {
    if (here !== there) return save(account, here);
    markUnsaved(false);
    return null;
  }
  if (there !== here) await setLanguage(there).catch(() => undefined);
  return null;
}
