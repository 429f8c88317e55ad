/**
 * Push reminders (docs/reminders.md PN-*): the routes a device uses to subscribe to Web Push and to
 * switch reminders on or off, and the payload the service worker shows; the URL a notification
 * opens is built with src/shared/paths.ts. Shared by the app, its service worker and the server.
 */

export const PUSH_API_PATHS = {
  publicKey: '/api/push/public-key',
  subscriptions: '/api/push/subscriptions',
  preferences: '/api/push/preferences',
} as const;

/** Web Push's own limits are far above these; they only keep a stored row small. */
export const MAX_ENDPOINT_LENGTH = 2000;
const MAX_KEY_LENGTH = 200;

export interface PushPublicKeyResponse {
  /** The server's VAPID public key, base64url: the `applicationServerKey` of subscribe(). */
  publicKey: string;
}

/** What PushSubscription.toJSON() gives, less what the server does not keep. */
export interface PushSubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushUnsubscribeBody {
  endpoint: string;
}

/** Whether the endpoint was the user's and is now forgotten; false is no error (a retried sign-out). */
export interface PushUnsubscribeResponse {
  removed: boolean;
}

export interface PushPreferences {
  /** False: no notification reaches any of the user's devices. */
  reminders: boolean;
}

/** The JSON a push message carries; the service worker shows it as a notification. */
export interface PushPayload {
  title: string;
  body: string;
  /** A path of the app, such as /assignments/a1/timesheets/2026-11. */
  url: string;
  /** One per document: a newer notice about it replaces the older one on the device. */
  tag: string;
}

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function isHttpsUrl(text: string): boolean {
  try {
    // Push services are reached over https only (RFC 8030); web-push speaks nothing else.
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

function checkEndpoint(endpoint: unknown): Check<string> {
  if (typeof endpoint !== 'string' || endpoint.length > MAX_ENDPOINT_LENGTH || !isHttpsUrl(endpoint)) {
    return {
      ok: false,
      message: `"endpoint" must be the https URL of a push service (at most ${MAX_ENDPOINT_LENGTH} characters).`,
    };
  }
  return { ok: true, value: endpoint };
}

/** The body of subscribing a device: PushSubscription.toJSON() as the browser gives it. */
export function checkSubscriptionBody(body: unknown): Check<PushSubscriptionBody> {
  const sent = (body ?? {}) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } | null };
  const endpoint = checkEndpoint(sent.endpoint);
  if (!endpoint.ok) return endpoint;
  const { p256dh, auth } = sent.keys ?? {};
  const isKey = (key: unknown): key is string =>
    typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH && BASE64URL.test(key);
  if (!isKey(p256dh) || !isKey(auth)) {
    return {
      ok: false,
      message:
        'Send {"endpoint", "keys": {"p256dh", "auth"}} as PushSubscription.toJSON() gives them (base64url).',
    };
  }
  return { ok: true, value: { endpoint: endpoint.value, keys: { p256dh, auth } } };
}

export function checkUnsubscribeBody(body: unknown): Check<PushUnsubscribeBody> {
  const endpoint = checkEndpoint((body as { endpoint?: unknown } | null)?.endpoint);
  return endpoint.ok ? { ok: true, value: { endpoint: endpoint.value } } : endpoint;
}

export function checkPreferencesBody(body: unknown): Check<PushPreferences> {
  const reminders = (body as { reminders?: unknown } | null)?.reminders;
  if (typeof reminders !== 'boolean')
    return { ok: false, message: 'Send {"reminders": true} or {"reminders": false}.' };
  return { ok: true, value: { reminders } };
}

/** Whether a notification's URL is a path of this app, so a click never leaves it. */
export function isAppPath(url: unknown): url is string {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//');
}

/**
 * What the service worker shows for a push whose data is missing or not ours: still something,
 * and in no language (issue 13): the app's name, the same in all of them, and no sentence. The
 * service worker has no catalog and does not know whose phone it is on; the server always words
 * a notice in its reader's language.
 */
const FALLBACK_PAYLOAD: PushPayload = {
  title: 'Fieldbook',
  body: '',
  url: '/',
  tag: 'fieldbook',
};

/** The payload of a push message as the service worker reads it; never throws. */
export function readPushPayload(data: unknown): PushPayload {
  const sent = (data ?? {}) as Partial<Record<keyof PushPayload, unknown>>;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value ? value : fallback);
  return {
    title: text(sent.title, FALLBACK_PAYLOAD.title),
    body: text(sent.body, FALLBACK_PAYLOAD.body),
    url: isAppPath(sent.url) ? sent.url : FALLBACK_PAYLOAD.url,
    tag: text(sent.tag, FALLBACK_PAYLOAD.tag),
  };
}
