/** Shared state of the decision forms: field errors shown after a try, busy, and a save error. */
import { useState } from 'react';

export type Errors = Partial<Record<string, string>>;

export function useDecisionForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  /** Shows `found` and focuses its first field, or runs `write` when there are none. */
  async function attempt(found: Errors, write: () => Promise<void>, idOf: (field: string) => string) {
    setErrors(found);
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
      setSaveError(`Not saved: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, saveError, attempt };
}

export function errorProps(errors: Errors, field: string, id: string) {
  return errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}
