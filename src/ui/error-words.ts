/**
 * `errorText` (src/ui/reasons.ts) for the screens of the first download: the reasons' words are
 * fetched only when something has failed, which most visits never need.
 */
import { catalogsReady } from '../i18n/i18n';

export async function errorWords(error: unknown): Promise<string> {
  const { errorText } = await import('./reasons');
  await catalogsReady();
  return errorText(error);
}
