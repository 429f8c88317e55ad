/**
 * A person's own settings (issue 13): the language of the screens, kept on their account, and
 * whether numbers and dates use the language's own digits or Latin ones.
 */
import { useId, useState } from 'react';
import { useFieldbook, apiBaseUrl } from '../../session/FieldbookProvider';
import { chooseLanguage } from '../../session/language';
import { activeLanguage, chosenDigits, setLanguage } from '../../i18n/i18n';
import { LANGUAGE_DETAILS, type DigitChoice } from '../../shared/languages';
import { LanguagePicker } from '../../ui/LanguagePicker';
import { formatNumber } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useI18n } from './catalog';

export function SettingsPage() {
  const i18n = useI18n();
  const { session, adoptSession } = useFieldbook();
  const [digits, setDigits] = useState<DigitChoice>(chosenDigits());
  const digitsId = useId();
  useDocumentTitle(i18n._('settings.title'));
  const language = activeLanguage();
  // Latin and native digits differ only in Arabic, Dari and Pashto.
  const hasOwnDigits = language !== 'pseudo' && LANGUAGE_DETAILS[language].dir === 'rtl';

  async function choose(next: Parameters<typeof chooseLanguage>[0]) {
    const account = session ? { baseUrl: apiBaseUrl(), token: session.token, user: session.user } : null;
    const user = await chooseLanguage(next, account);
    if (user && session) adoptSession({ ...session, user });
  }

  async function chooseDigits(choice: DigitChoice) {
    setDigits(choice);
    await setLanguage(activeLanguage(), choice);
  }

  return (
    <section className="stack narrow" aria-labelledby="settings-heading">
      <h1 id="settings-heading">{i18n._('settings.title')}</h1>
      <LanguagePicker choose={choose} />
      <p className="hint">{i18n._('settings.language.hint')}</p>
      {hasOwnDigits && (
        <fieldset className="field">
          <legend id={digitsId}>{i18n._('settings.digits.label')}</legend>
          {(['native', 'latin'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name="digits"
                value={choice}
                checked={digits === choice}
                onChange={() => void chooseDigits(choice)}
              />{' '}
              {choice === 'native'
                ? i18n._('settings.digits.native', { example: formatNumber(1234) })
                : i18n._('settings.digits.latin')}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
