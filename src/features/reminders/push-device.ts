/**
 * This browser's side of Web Push (docs/reminders.md PN-2): whether it can receive pushes, and
 * its subscription with the push service, made with the server's VAPID public key.
 */

/** Push needs a service worker, the Push API and notifications; iOS has them only once installed. */
export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** The subscription of this browser, if it has one; never waits for a service worker that is not there. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** The key as subscribe() wants it: the server hands it out base64url. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Subscribes with the server's key; an old subscription made with another key is replaced. */
export async function subscribeDevice(publicKey: string): Promise<PushSubscription> {
  const registration = await navigator.serviceWorker.ready;
  const applicationServerKey = keyBytes(publicKey);
  const existing = await registration.pushManager.getSubscription();
  if (existing) {
    const key = existing.options.applicationServerKey;
    const same = key && new Uint8Array(key).every((byte, i) => byte === applicationServerKey[i]);
    if (same) return existing;
    await existing.unsubscribe();
  }
  // userVisibleOnly: every push shows a notification (the only kind browsers allow).
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
}
