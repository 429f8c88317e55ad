/**
 * Shared state of the decision forms: field errors, busy, and a save error. Errors show from the
 * first try on and follow the fields from then: one put right loses its message at once, one
 * emptied again gets it back (they stayed until the next try).
 */
import { useState } from 'react';
import type { Reason } from '../../shared/reasons';
import { errorText, fieldTexts, useI18n } from '../reasons';

type Missing = Partial<Record<string, Reason>>;

/**
 * `check` gives the reasons the form's current values cannot be sent, by field: a decision form
 * asks the shared workflow (`missingFields`), so it says what the device's write and the server
 * would, in the reader's language. Called on every render once tried.
 */
export function useDecisionForm(check: () => Missing) {
  const i18n = useI18n();
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = tried ? fieldTexts(check()) : {};

  /**
   * Shows the errors (`found`, or `check`'s) and focuses the first one's field, or runs `write`
   * when there are none. `found` is for a form whose check depends on what was tried.
   */
  async function attempt(
    write: () => Promise<void>,
    idOf: (field: string) => string,
    found: Missing = check(),
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
      setSaveError(i18n._('core.form.notSaved', { reason: errorText(error) }));
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, saveError, attempt };
}
