/**
 * The words for a failed call to the account API. Kept apart from people-api.ts, which the
 * assignment form also loads (listPeople), so that screen does not carry this catalog.
 */
import { ApiError } from '../../sync/api-client';
import { i18n } from './catalog';
import { errorText } from '../../ui/reasons';

/** Said when the server cannot be reached: officers work on people online only. */
export const needsConnection = (): string => i18n._('people.error.needsConnection');

/**
 * The words to show for a failed call: the server's own (English until the server speaks the
 * person's language), or that a connection is needed.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof ApiError) return error.code === 'network' ? needsConnection() : errorText(error);
  return i18n._('people.error.unknown');
}
