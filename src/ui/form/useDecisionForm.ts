/**
 * Shared state of the decision forms: field errors, busy, and a save error. Errors show from the
 * first try on and follow the fields from then: one put right loses its message at once, one
 * emptied again gets it back (they stayed until the next try).
 */
import { useState } from 'react';
import type { Errors } from './FieldError';
import { useI18n } from '../../i18n/catalog';

/**
 * `check` gives the errors of the form's current values, by field: a decision form asks the
 * shared workflow (`missingFields`), so it says what the device's write and the server would.
 * Called on every render once tried.
 */
export function useDecisionForm(check: () => Errors) {
  const i18n = useI18n();
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = tried ? check() : {};

  /**
   * Shows the errors (`found`, or `check`'s) and focuses the first one's field, or runs `write`
   * when there are none. `found` is for a form whose check depends on what was tried.
   */
  async function attempt(
    write: () => Promise<void>,
    idOf: (field: string) => string,
    found: Errors = check(),
  ) {
    setTried(true);
    setSaveError(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(idOf(first))?.focus();
      return;
    }
    setBusy(true);
    try {
      await write();
    } catch (error) {
      setSaveError(i18n._('core.form.notSaved', { reason: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, saveError, attempt };
}
