/**
 * The language choice (issue 13): each language named in itself, so a person finds theirs
 * whatever the screen is in. Switching fetches that language's catalogs; offline on a language
 * never used on this device that fails, and the picker says so and keeps the current language.
 */
import { useId, useState } from 'react';
import { LANGUAGES, LANGUAGE_DETAILS, isLanguage, type Language } from '../shared/languages';
import { activeLanguage } from '../i18n/i18n';
import { useI18n } from '../i18n/catalog';

/** `choose` switches the screens (src/session/language.ts), rejecting when it cannot. */
export function LanguagePicker({ choose }: { choose(language: Language): Promise<unknown> }) {
  const i18n = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const current = activeLanguage();

  async function pick(value: string) {
    if (!isLanguage(value)) return;
    setError(null);
    try {
      await choose(value);
    } catch {
      setError(i18n._('core.language.unavailable'));
    }
  }

  return (
    <div className="field language-picker">
      <label htmlFor={id}>{i18n._('core.language.label')}</label>
      <select
        id={id}
        value={current === 'pseudo' ? '' : current}
        onChange={(event) => void pick(event.target.value)}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code} dir={LANGUAGE_DETAILS[code].dir}>
            {LANGUAGE_DETAILS[code].name}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
