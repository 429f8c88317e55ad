/**
 * Forms open on screen with input that is not in the device database yet. Applying an app update
 * reloads the page, so it waits for them; a draft of a form that is not open is safe in
 * localStorage and comes back when the form opens again, so it does not hold an update.
 */
import { useEffect } from 'react';

const unsaved = new Set<string>();

export function hasUnsavedForm(): boolean {
  return unsaved.size > 0;
}

/** Marks the form `name` as holding unsaved input while `isUnsaved` and mounted. */
export function useUnsavedForm(name: string, isUnsaved: boolean): void {
  useEffect(() => {
    if (!isUnsaved) return;
    unsaved.add(name);
    return () => {
      unsaved.delete(name);
    };
  }, [name, isUnsaved]);
}
