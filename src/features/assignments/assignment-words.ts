/**
 * The words for an assignment's status and mode, in the active language. Forms and filters name
 * them as choices ("Active"); the lists and the page say them inside a line ("… · active").
 */
import type { Assignment } from '../../shared/schemas';
import { i18n } from './catalog';

const STATUS_CHOICES: Record<Assignment['status'], string> = {
  planned: /*i18n*/ 'assignments.status.planned',
  active: /*i18n*/ 'assignments.status.active',
  completed: /*i18n*/ 'assignments.status.completed',
  cancelled: /*i18n*/ 'assignments.status.cancelled',
};

const STATUS_WORDS: Record<Assignment['status'], string> = {
  planned: /*i18n*/ 'assignments.statusWord.planned',
  active: /*i18n*/ 'assignments.statusWord.active',
  completed: /*i18n*/ 'assignments.statusWord.completed',
  cancelled: /*i18n*/ 'assignments.statusWord.cancelled',
};

const MODE_CHOICES: Record<Assignment['mode'], string> = {
  physical: /*i18n*/ 'assignments.mode.physical',
  virtual: /*i18n*/ 'assignments.mode.virtual',
  hybrid: /*i18n*/ 'assignments.mode.hybrid',
};

const MODE_WORDS: Record<Assignment['mode'], string> = {
  physical: /*i18n*/ 'assignments.modeWord.physical',
  virtual: /*i18n*/ 'assignments.modeWord.virtual',
  hybrid: /*i18n*/ 'assignments.modeWord.hybrid',
};

// A value from a newer version of the app shows as stored rather than as an id.
const word = (ids: Record<string, string>, value: string) => {
  const id = ids[value];
  return id ? i18n._(id) : value;
};

export const statusChoice = (status: Assignment['status']) => word(STATUS_CHOICES, status);
export const statusWord = (status: Assignment['status']) => word(STATUS_WORDS, status);
export const modeChoice = (mode: Assignment['mode']) => word(MODE_CHOICES, mode);
export const modeWord = (mode: Assignment['mode']) => word(MODE_WORDS, mode);
