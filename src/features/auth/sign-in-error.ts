import { ApiError } from '../../sync/api-client';
import { errorWords } from '../../ui/error-words';
import { i18n } from './catalog';

/**
 * What to tell someone whose sign-in failed: that the server is unreachable, or the server's
 * reason in their language (its English words for a reason this app does not know). The reasons'
 * words load only then: the sign-in screen is the first download, and most sign-ins succeed.
 */
export async function signInErrorMessage(error: unknown): Promise<string> {
  if (error instanceof TypeError || (error instanceof ApiError && error.code === 'network')) {
    return i18n._('auth.error.unreachable');
  }
  if (!(error instanceof ApiError)) return i18n._('auth.error.failed');
  return errorWords(error);
}
