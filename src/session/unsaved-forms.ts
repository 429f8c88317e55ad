/**
 * Forms open on screen with input that is not in the device database yet. Applying an app update
 * reloads the page, so it waits for them; a draft of a form that is not open is safe in
 * localStorage and comes back when the form opens again, so it does not hold an update.
 */
import { useEffect } from 'react';

const unsaved = new Set<string>();
const listeners = new Set<() => void>();

export function hasUnsavedForm(): boolean {
  return unsaved.size > 0;
}

/** Calls `listener` whenever a form gains or loses unsaved input; returns the unsubscribe. */
export function onUnsavedFormsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function changed(): void {
  for (const listener of [...listeners]) listener();
}

/** Marks the form `name` as holding unsaved input while `isUnsaved` and mounted. */
export function useUnsavedForm(name: string, isUnsaved: boolean): void {
  useEffect(() => {
    if (!isUnsaved) return;
    unsaved.add(name);
    changed();
    return () => {
      unsaved.delete(name);
      changed();
    };
  }, [name, isUnsaved]);
}
