/**
 * "Saved — will sync when online" after a log is saved (issue 11 §2): the form hands over to the
 * assignment page, which says it in a status region a screen reader announces. Kept in memory:
 * the confirmation belongs to this navigation, not to a reload.
 */
import { i18n } from './catalog';

/** The notice in the active language. */
export const logSavedMessage = (): string => i18n._('logs.saved.notice');

/** A save not followed by the assignment page within this time is not announced later. */
const FRESH_MS = 10_000;

let savedAt: number | null = null;

export function noteLogSaved(): void {
  savedAt = Date.now();
}

/** True once after each save, while it is fresh. */
export function takeLogSaved(): boolean {
  const fresh = savedAt !== null && Date.now() - savedAt < FRESH_MS;
  savedAt = null;
  return fresh;
}
