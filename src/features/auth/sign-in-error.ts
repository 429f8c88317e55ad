import { ApiError } from '../../sync/api-client';

/** What to tell someone whose sign-in failed: the server's words, or that it is unreachable. */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.code === 'network' ? 'Cannot reach the server. Check your connection.' : error.message;
  }
  if (error instanceof TypeError) return 'Cannot reach the server. Check your connection.';
  return 'Signing in failed. Please try again.';
}
