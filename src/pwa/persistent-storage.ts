/**
 * Asks the browser not to evict this site's storage under pressure (`navigator.storage.persist`),
 * so an unsynced entry is not silently cleared on a phone that is low on space.
 */
export type Persistence = 'granted' | 'denied' | 'unsupported';

export async function ensurePersistentStorage(): Promise<Persistence> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist || !storage.persisted) return 'unsupported';
  if (await storage.persisted()) return 'granted';
  return (await storage.persist()) ? 'granted' : 'denied';
}
