/**
 * Form drafts: what a user typed and has not saved on the device yet, kept in localStorage so a
 * reload or a flat battery loses nothing. Drafts are this user's (draftKey) and go with sign-out
 * (clearDrafts); while a form holds one, an app update waits and signing out warns
 * (unsaved-forms.ts). The log, assignment and institution forms keep theirs with `useDraft`; the
 * report's autosave keeps its keystrokes not yet in the database with `readDraft`/`writeDraft`.
 */
import { useCallback, useEffect, useState } from 'react';
import { draftKey } from './session';
import { useUnsavedForm } from './unsaved-forms';

/** The draft of a form: the document's id, what was typed, and what the typing began on. */
export interface FormDraft<V, B> {
  id: string;
  values: V;
  /** The document as it was when the typing began (drafts of older versions have none). */
  base?: B | null;
}

/** The draft `name` of this user, when it passes `isDraft`; a broken or foreign one is none. */
export function readDraft<T>(
  userId: string,
  name: string,
  isDraft: (stored: unknown) => stored is T,
): T | null {
  try {
    const raw = localStorage.getItem(draftKey(userId, name));
    const stored = raw ? (JSON.parse(raw) as unknown) : null;
    return stored !== null && isDraft(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Written at once, so a kill right after the keystroke loses nothing. */
export function writeDraft(userId: string, name: string, draft: unknown): void {
  try {
    localStorage.setItem(draftKey(userId, name), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still works, only the reload safety net is gone.
  }
}

export function forgetDraft(userId: string, name: string): void {
  localStorage.removeItem(draftKey(userId, name));
}

/** Reads a stored form draft whose values pass `isValues`. */
export function readFormDraft<V, B>(
  userId: string,
  name: string,
  isValues: (values: unknown) => values is V,
): FormDraft<V, B> | null {
  return readDraft(
    userId,
    name,
    (stored): stored is FormDraft<V, B> =>
      typeof stored === 'object' &&
      typeof (stored as { id?: unknown }).id === 'string' &&
      isValues((stored as { values?: unknown }).values),
  );
}

export interface UseDraftOptions<V, B> {
  userId: string;
  /** Which form, e.g. `log:<id>` or `assignment:new`. */
  name: string;
  /** The document being edited; null for a new one. */
  id: string | null;
  newId(): string;
  initial: V;
  /** The document as it was when editing began; kept with the draft when given. */
  base?: B | null;
  /** Whether stored values are this form's: a draft of another shape is ignored. */
  isValues(values: unknown): values is V;
}

/**
 * A form's values, restored from its draft when there is one and written to it on every change.
 * A new document keeps its draft's id, so saving after a reload does not make a second one.
 */
export function useDraft<V, B = never>({
  userId,
  name,
  id: editedId,
  newId,
  initial,
  base = null,
  isValues,
}: UseDraftOptions<V, B>) {
  const [restored] = useState(() => readFormDraft<V, B>(userId, name, isValues));
  const [id] = useState(() => editedId ?? restored?.id ?? newId());
  const [values, setStateValues] = useState<V>(() => restored?.values ?? initial);
  const [editBase, setEditBase] = useState<B | null>(() => (restored ? (restored.base ?? base) : base));
  const [dirty, setDirty] = useState(restored !== null);
  const [draftRestored, setDraftRestored] = useState(restored !== null);
  useUnsavedForm(draftKey(userId, name), dirty);

  useEffect(() => {
    if (!dirty) return;
    const draft: FormDraft<V, B> = editBase === null ? { id, values } : { id, values, base: editBase };
    writeDraft(userId, name, draft);
  }, [userId, name, id, values, dirty, editBase]);

  /** Changes the values; the draft follows. */
  const setValues = useCallback((next: V | ((previous: V) => V)) => {
    setStateValues(next);
    setDirty(true);
  }, []);

  /** Forgets the draft once what it holds is on the device (saved or deleted). */
  const settle = useCallback(() => {
    forgetDraft(userId, name);
    setDirty(false);
  }, [userId, name]);

  /** Throws the draft away: the form shows what it opened with. */
  const discard = useCallback(() => {
    forgetDraft(userId, name);
    setStateValues(initial);
    setEditBase(base);
    setDirty(false);
    setDraftRestored(false);
  }, [userId, name, initial, base]);

  return { id, values, setValues, base: editBase, draftRestored, settle, discard };
}
