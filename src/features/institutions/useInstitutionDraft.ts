/**
 * The institution form's values with a draft in localStorage, written on every change, as the
 * log and assignment forms keep theirs: a reload or a flat battery loses nothing typed, and while
 * the form holds unsaved input an app update waits and signing out warns (unsaved-forms.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { draftKey } from '../../app/session';
import { useUnsavedForm } from '../../app/unsaved-forms';
import type { InstitutionFormValues } from './institution-form';

interface Draft {
  id: string;
  values: InstitutionFormValues;
}

function readDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && typeof draft.id === 'string' && typeof draft.values?.name === 'string' ? draft : null;
  } catch {
    return null;
  }
}

export function useInstitutionDraft({
  userId,
  baseId,
  initial,
  newId,
}: {
  userId: string;
  /** The institution being edited; null for a new one. */
  baseId: string | null;
  initial: InstitutionFormValues;
  newId(): string;
}) {
  const key = draftKey(userId, baseId ? `institution:${baseId}` : 'institution:new');
  const [restored] = useState(() => readDraft(key));
  // A new institution keeps its draft's id, so saving after a reload does not make a second one.
  const [id] = useState(() => baseId ?? restored?.id ?? newId());
  const [values, setValues] = useState<InstitutionFormValues>(() => restored?.values ?? initial);
  const [dirty, setDirty] = useState(restored !== null);
  const [draftRestored, setDraftRestored] = useState(restored !== null);
  useUnsavedForm(key, dirty);

  useEffect(() => {
    if (!dirty) return;
    try {
      localStorage.setItem(key, JSON.stringify({ id, values } satisfies Draft));
    } catch {
      // Storage full or blocked: the form still works, only the reload safety net is gone.
    }
  }, [key, id, values, dirty]);

  const change = useCallback((patch: Partial<InstitutionFormValues>) => {
    setValues((previous) => ({ ...previous, ...patch }));
    setDirty(true);
  }, []);

  /** Forgets the draft once the institution is on the device (saved or deleted). */
  const settle = useCallback(() => {
    localStorage.removeItem(key);
    setDirty(false);
  }, [key]);

  const discardDraft = useCallback(() => {
    localStorage.removeItem(key);
    setValues(initial);
    setDirty(false);
    setDraftRestored(false);
  }, [key, initial]);

  return { id, values, change, settle, draftRestored, discardDraft };
}
