/**
 * The English of the rules' reasons, as the server says them (sync-server/src/i18n/reasons.ts):
 * tests read a refusal's words as a person would, from the one catalog.
 */
import { RefusedError, isReason, type Reason } from '../../src/shared/reasons';
import { englishOf } from '../../sync-server/src/i18n/reasons';

export { englishOf };

/** A refusal with its reason's English beside it, as `message`. */
export function inEnglish<T extends { reason: Reason }>(refusal: T): T & { message: string } {
  return { ...refusal, message: englishOf(refusal.reason) };
}

/** A reason and nothing else: a document has an `id` too. */
function onlyReason(value: unknown): value is Reason {
  return isReason(value) && Object.keys(value).every((key) => key === 'id' || key === 'values');
}

/**
 * `value` with each reason in it put into English words: a refusal's `reason` or `reasons` become
 * its `message`, a reason on its own (a form's by field) its text. For tests that read the words.
 */
export function worded(value: unknown): unknown {
  if (onlyReason(value)) return englishOf(value);
  // Several reasons for one refusal read as one text, as the server's message joins them.
  if (Array.isArray(value) && value.length > 0 && value.every(onlyReason)) return englishOf(value);
  if (Array.isArray(value)) return value.map(worded);
  if (typeof value !== 'object' || value === null) return value;
  // A refusal ({ code, reason(s) }) or a violation ({ field, reason }); a form's field may be
  // named `reason` too.
  const refusal = ['code', 'field', 'fields', 'overtaken'].some((key) => key in value);
  const said = refusal && ('reason' in value || 'reasons' in value);
  return Object.fromEntries(
    // The reasons' English replaces the message kept beside them (the server's, or none).
    Object.entries(value)
      .filter(([key]) => !(said && key === 'message'))
      .map(([key, child]) =>
        refusal && (key === 'reason' || key === 'reasons')
          ? ['message', englishOf(child as Reason | Reason[])]
          : [key, worded(child)],
      ),
  );
}

/** The English of the reasons a device write refused with (a RefusedError); fails if it did not refuse. */
export async function refusedWith(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    if (error instanceof RefusedError) return englishOf(error.reasons);
    throw error;
  }
  throw new Error('expected the write to be refused');
}
