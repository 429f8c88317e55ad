/** VAPID_* settings (docs/operations.md "Push reminders", PN-1): checked before the server starts. */
import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { vapidFromEnv } from '../../sync-server/src/notifications/notifications';

describe('VAPID settings (PN-1)', () => {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();

  it('takes a key pair and contact from the environment; none: the server makes and keeps one', () => {
    const env = {
      VAPID_PUBLIC_KEY: publicKey,
      VAPID_PRIVATE_KEY: privateKey,
      VAPID_SUBJECT: 'mailto:ops@example.org',
    };
    expect(vapidFromEnv(env)).toEqual({ publicKey, privateKey, subject: 'mailto:ops@example.org' });
    expect(vapidFromEnv({}, 'https://fieldbook.example.org')).toEqual({
      publicKey: undefined,
      privateKey: undefined,
      subject: 'https://fieldbook.example.org',
    });
    expect(vapidFromEnv({}, 'http://localhost:8080').subject).toBeUndefined();
  });

  it('names each bad variable', () => {
    expect(() => vapidFromEnv({ VAPID_PUBLIC_KEY: publicKey })).toThrow(/set both, or neither/);
    expect(() => vapidFromEnv({ VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: privateKey })).toThrow(
      /VAPID_PUBLIC_KEY: expected a base64url P-256 public key/,
    );
    expect(() => vapidFromEnv({ VAPID_SUBJECT: 'ops@example.org' })).toThrow(
      /VAPID_SUBJECT: expected mailto:/,
    );
  });
});
