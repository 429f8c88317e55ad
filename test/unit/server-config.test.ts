/** The sync server's settings (sync-server/src/config.ts): defaults, parsing and refusing bad values. */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, fastifyTrustProxy, loadConfig } from '../../sync-server/src/config';

/** The message loadConfig refuses `env` with (fails the test when it accepts it). */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      sqlitePath: 'data/fieldbook.sqlite',
      databaseUrl: undefined,
      seedDemo: true,
      tokenTtlMs: 30 * 86_400_000,
      staticDir: './dist',
      trustProxy: undefined,
      logLevel: 'info',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', TOKEN_TTL_DAYS: '', DATABASE_URL: '', TRUST_PROXY: '' })).toEqual(
      loadConfig({}),
    );
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/fieldbook',
      SQLITE_PATH: '/tmp/x.sqlite',
      DATABASE_URL: 'postgresql://fieldbook@db.internal:5432/fieldbook',
      SEED_DEMO: '0',
      TOKEN_TTL_DAYS: '0.5',
      STATIC_DIR: '/srv/pwa',
      TRUST_PROXY: '2',
      LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/var/lib/fieldbook',
      sqlitePath: '/tmp/x.sqlite',
      databaseUrl: 'postgresql://fieldbook@db.internal:5432/fieldbook',
      seedDemo: false,
      tokenTtlMs: 12 * 3_600_000,
      staticDir: '/srv/pwa',
      trustProxy: 2,
      logLevel: 'warn',
    });
    expect(loadConfig({ DATA_DIR: '/var/lib/fieldbook' }).sqlitePath).toBe(
      '/var/lib/fieldbook/fieldbook.sqlite',
    );
    expect(loadConfig({ SEED_DEMO: '1' }).seedDemo).toBe(true);
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(loadConfig({ HOST: 'fieldbook.internal' }).host).toBe('fieldbook.internal');
  });

  it.each(['abc', '1e9', '-1', '0', '366', 'Infinity', '30 days', '0x1e'])(
    'refuses TOKEN_TTL_DAYS=%s, which would fail every sign-in or sign users out at once',
    (value) => {
      expect(refusal({ TOKEN_TTL_DAYS: value })).toMatch(
        /TOKEN_TTL_DAYS.*number of days above 0 and at most 365/,
      );
    },
  );

  it('accepts a whole or fractional TOKEN_TTL_DAYS up to 365', () => {
    expect(loadConfig({ TOKEN_TTL_DAYS: '365' }).tokenTtlMs).toBe(365 * 86_400_000);
    expect(loadConfig({ TOKEN_TTL_DAYS: '7' }).tokenTtlMs).toBe(7 * 86_400_000);
  });

  it('lists every bad variable in one message, each by name with what it expects', () => {
    const message = refusal({
      PORT: '80a',
      HOST: 'not a host',
      DATABASE_URL: 'mysql://root:secret@db/fieldbook',
      SEED_DEMO: 'yes',
      TOKEN_TTL_DAYS: 'abc',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'verbose',
    });
    expect(message).toMatch(/PORT="80a".*0 to 65535/);
    expect(message).toMatch(/HOST="not a host".*IP address or host name/);
    expect(message).toMatch(/DATABASE_URL.*postgres:\/\/ or postgresql:\/\//);
    expect(message).toMatch(/SEED_DEMO="yes".*0 or 1/);
    expect(message).toMatch(/TOKEN_TTL_DAYS="abc"/);
    expect(message).toMatch(/TRUST_PROXY="true".*hop count.*addresses/);
    expect(message).toMatch(/LOG_LEVEL="verbose".*fatal, error, warn, info, debug, trace, silent/);
    expect(message.split('\n').filter((line) => /^\s+[A-Z_]+[=\s:]/.test(line))).toHaveLength(7);
  });

  it('never repeats a DATABASE_URL in the message: it may hold a password', () => {
    for (const url of [
      'mysql://root:secret@db/fieldbook',
      'postgres://root:secret@[db/fieldbook',
      'secret',
    ]) {
      const message = refusal({ DATABASE_URL: url });
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('secret');
    }
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:5432/test' }).databaseUrl).toBe(
      'postgres://127.0.0.1:5432/test',
    );
    expect(loadConfig({ DATABASE_URL: 'postgresql:///test?host=/run/postgresql' }).databaseUrl).toBe(
      'postgresql:///test?host=/run/postgresql',
    );
  });

  it.each(['-1', '65536', '8080.5', ' '])('refuses PORT=%j', (value) => {
    expect(refusal({ PORT: value })).toContain('PORT=');
  });

  describe('TRUST_PROXY', () => {
    it('is a hop count: 1 is one proxy in front, 0 is none', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBeUndefined();
    });

    it("or the proxies' addresses and CIDR ranges, comma-separated", () => {
      expect(
        loadConfig({ TRUST_PROXY: '10.0.0.2, 192.168.1.0/24,::1,fd00::/8,loopback' }).trustProxy,
      ).toEqual(['10.0.0.2', '192.168.1.0/24', '::1', 'fd00::/8', 'loopback']);
    });

    it('gives Fastify a trust setting it accepts, and never "trust everyone"', () => {
      for (const value of ['1', '3', '10.0.0.2, 192.168.1.0/24,::1,fd00::/8,loopback', 'fe80::1%eth0']) {
        const trustProxy = fastifyTrustProxy(loadConfig({ TRUST_PROXY: value }).trustProxy);
        expect(trustProxy, value).not.toBe(true);
        expect(() => Fastify({ trustProxy }), value).not.toThrow();
      }
      expect(fastifyTrustProxy(undefined)).toBe(false);
    });

    it.each([
      'true',
      'yes',
      '-1',
      '11',
      '10.0.0.256',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.1,',
      'proxy.internal',
      '0.0.0.0/0',
      '::/0',
    ])('refuses TRUST_PROXY=%s (never "trust everyone")', (value) => {
      expect(refusal({ TRUST_PROXY: value })).toMatch(/TRUST_PROXY=.*hop count.*addresses/);
    });
  });

  describe('SMTP_URL and SMTP_FROM (PE-10)', () => {
    const from = 'Fieldbook <noreply@example.org>';

    it('reads the mail server and the sender together; without them no mail is sent', () => {
      expect(loadConfig({}).smtp).toBeUndefined();
      expect(
        loadConfig({ SMTP_URL: 'smtps://fieldbook:p%40ss@mail.example.org:465', SMTP_FROM: from }).smtp,
      ).toEqual({ url: 'smtps://fieldbook:p%40ss@mail.example.org:465', from });
      for (const url of ['smtp://127.0.0.1:2525', 'smtp://relay.internal/?tls.rejectUnauthorized=false']) {
        expect(loadConfig({ SMTP_URL: url, SMTP_FROM: from }).smtp?.url).toBe(url);
      }
      for (const sender of ['noreply@example.org', '"Fieldbook, CD4D" <noreply@example.org>']) {
        expect(loadConfig({ SMTP_URL: 'smtp://mail', SMTP_FROM: sender }).smtp?.from).toBe(sender);
      }
    });

    it('refuses one without the other, naming both', () => {
      for (const env of [{ SMTP_URL: 'smtp://mail.example.org' }, { SMTP_FROM: from }]) {
        expect(refusal(env)).toMatch(/SMTP_URL and SMTP_FROM: expected both/);
      }
    });

    it.each([
      'http://mail.example.org',
      'mail.example.org:587',
      'smtp://',
      'smtp://mail.example.org/inbox',
      'smtps://user:secret@',
    ])('refuses SMTP_URL=%s without repeating it: it may hold a password', (url) => {
      const message = refusal({ SMTP_URL: url, SMTP_FROM: from });
      expect(message).toMatch(/SMTP_URL: expected .*smtp:\/\/ or smtps:\/\//);
      expect(message).not.toContain('SMTP_URL=');
      expect(message).not.toContain('secret');
    });

    it.each([
      'Fieldbook',
      'noreply@',
      'a@example.org, b@example.org',
      'Fieldbook <noreply>',
      'x <a@b>\nBcc: c@d',
    ])('refuses SMTP_FROM=%j', (sender) => {
      expect(refusal({ SMTP_URL: 'smtp://mail.example.org', SMTP_FROM: sender })).toMatch(
        /SMTP_FROM=.*one sender address/,
      );
    });
  });
});
