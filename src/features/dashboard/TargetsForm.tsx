/**
 * The programme's targets of matched experts per country (TG-*): the same for every officer on
 * every device. Saved on this device first, so it works offline; the server decides.
 */
import { useState, type FormEvent } from 'react';
import type { TargetNotice, TargetsByCountry } from '../../db/targets';
import { targetValueProblem } from '../../shared/rules/target-rules';
import { DEFAULT_TARGET_PER_COUNTRY } from './dashboard-figures';
import { FormError } from '../../ui/form/FormError';
import { countryLabel } from '../../i18n/labels';
import { formatNumber } from '../../ui/format';
import { useI18n } from './catalog';
import { reasonText, reasonsText } from '../../ui/reasons';

export function TargetsForm({
  countries,
  targets,
  notices,
  onSave,
  onDismissNotice,
}: {
  countries: readonly string[];
  targets: TargetsByCountry;
  notices: readonly TargetNotice[];
  onSave: (country: string, target: number | null) => Promise<void>;
  onDismissNotice: (country: string) => Promise<void>;
}) {
  const i18n = useI18n();
  // Only the fields the officer changed: the others show the programme's as the last sync brought it.
  const [edits, setEdits] = useState<Partial<Record<string, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = (country: string) => edits[country] ?? String(targets[country] ?? '');

  async function save(event: FormEvent) {
    event.preventDefault();
    const changes: [string, number | null][] = [];
    const problems: Partial<Record<string, string>> = {};
    for (const [country, text] of Object.entries(edits)) {
      if (text === undefined) continue;
      const value = text.trim() === '' ? null : Number(text);
      const problem = value === null ? null : targetValueProblem(country, value);
      if (problem) problems[country] = reasonText(problem);
      else if (value !== (targets[country] ?? null)) changes.push([country, value]);
    }
    setErrors(problems);
    setSaved(false);
    setFailure(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      for (const [country, value] of changes) await onSave(country, value);
      setEdits({});
      setSaved(true);
    } catch {
      setFailure(i18n._('dashboard.targets.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    // Open while the server has refused a change of the officer's: they should see why.
    <details className="targets" open={notices.length > 0 || undefined}>
      <summary>{i18n._('dashboard.targets.heading')}</summary>
      {notices.length > 0 && (
        <section className="notice" aria-labelledby="target-notices-title">
          <h3 id="target-notices-title">{i18n._('dashboard.targets.notApplied')}</h3>
          <ul>
            {notices.map((notice) => (
              <li key={notice.country}>
                <p>{reasonsText(notice.reasons, notice.message)}</p>
                <div className="button-row">
                  {notice.overtaken && (
                    <button type="button" onClick={() => void onSave(notice.country, notice.typed)}>
                      {notice.typed === null
                        ? i18n._('dashboard.targets.removeAnyway', { country: countryLabel(notice.country) })
                        : i18n._('dashboard.targets.setAnyway', {
                            country: countryLabel(notice.country),
                            target: formatNumber(notice.typed),
                          })}
                    </button>
                  )}
                  <button type="button" onClick={() => void onDismissNotice(notice.country)}>
                    {i18n._('dashboard.targets.dismiss')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="hint">
        {i18n._('dashboard.targets.hint', { default: formatNumber(DEFAULT_TARGET_PER_COUNTRY) })}
      </p>
      <form
        aria-label={i18n._('dashboard.targets.heading')}
        noValidate
        onSubmit={(event) => void save(event)}
      >
        {countries.map((country) => {
          const error = errors[country];
          return (
            <div className="field" key={country}>
              <label htmlFor={`target-${country}`}>
                {i18n._('dashboard.targets.targetFor', { country: countryLabel(country) })}
              </label>
              <input
                id={`target-${country}`}
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={shown(country)}
                placeholder={String(DEFAULT_TARGET_PER_COUNTRY)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `target-${country}-error` : undefined}
                onChange={(event) => {
                  const text = event.target.value;
                  setEdits((current) => ({ ...current, [country]: text }));
                  setSaved(false);
                }}
              />
              {error && (
                <p id={`target-${country}-error`} className="field-error">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {i18n._('dashboard.targets.save')}
          </button>
        </div>
        <p role="status" className="hint">
          {saved ? i18n._('dashboard.targets.saved') : ''}
        </p>
        <FormError message={failure} />
      </form>
    </details>
  );
}
