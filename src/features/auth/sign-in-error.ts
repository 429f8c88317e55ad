import { ApiError } from '../../sync/api-client';
import { i18n } from './catalog';

/** What to tell someone whose sign-in failed: the server's words, or that it is unreachable. */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.code === 'network' ? i18n._('auth.error.unreachable') : error.message;
  }
  if (error instanceof TypeError) return i18n._('auth.error.unreachable');
  return i18n._('auth.error.failed');
}
