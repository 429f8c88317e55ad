/**
 * How much of a text's limit is used, under its field. A field with `maxLength` cuts typing and
 * pasting at the limit without a word; the count says so, in the warning colour near the end.
 */
import { useI18n } from '../i18n/catalog';

/** Past this share of the limit the count turns to a warning (and a count shown only then appears). */
const NEAR_LIMIT = 0.9;

export function isNearLimit(length: number, max: number): boolean {
  return length >= max * NEAR_LIMIT;
}

/** "1234" → "1 234": grouped with a space, as the programme's forms write numbers. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export interface CharacterCountProps {
  /** The field describes itself with it (`aria-describedby`). */
  id: string;
  length: number;
  max: number;
  /** Shown only near the limit: for short texts on a form that should stay light. */
  onlyNearLimit?: boolean;
}

export function CharacterCount({ id, length, max, onlyNearLimit = false }: CharacterCountProps) {
  const i18n = useI18n();
  const near = isNearLimit(length, max);
  if (onlyNearLimit && !near) return null;
  return (
    <p id={id} className={`char-count no-print${near ? ' near-limit' : ''}`}>
      {i18n._('core.characterCount', { count: max, length: formatCount(length), max: formatCount(max) })}
    </p>
  );
}
