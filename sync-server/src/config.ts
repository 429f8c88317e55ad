/**
 * The server's settings, read once from environment variables and checked before anything starts:
 * a bad value stops start-up with one message naming every bad variable, instead of a server that
 * runs but fails every sign-in (a TOKEN_TTL_DAYS of "abc") or counts forged client IPs.
 * README's configuration table documents each variable.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { DEFAULT_TOKEN_TTL_MS } from './auth/tokens';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Who may set X-Forwarded-For: the number of reverse proxies in front of the server (each one
 * appends the address it saw, so the client is that many entries from the right), or the proxies'
 * own addresses and CIDR ranges.
 */
export type TrustedProxies = number | readonly string[];

/** The mail server invitations are emailed through (PE-10), and the sender they come from. */
export interface SmtpSettings {
  /** `smtp://` or `smtps://`, with the user and password percent-encoded in it when it needs them. */
  url: string;
  /** `Fieldbook <noreply@example.org>` or a bare address. */
  from: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The SQLite file; not used when `databaseUrl` is set. */
  sqlitePath: string;
  /** PostgreSQL instead of SQLite when set. */
  databaseUrl: string | undefined;
  seedDemo: boolean;
  tokenTtlMs: number;
  staticDir: string;
  /** Undefined: X-Forwarded-For is ignored and the socket's address is the client's. */
  trustProxy: TrustedProxies | undefined;
  logLevel: LogLevel;
  /**
   * Where people reach the app (`https://fieldbook.example.org`), for invitation links (PE-2);
   * unset: the origin the officer's request came to.
   */
  publicUrl?: string | undefined;
  /** Set: invitations are also emailed (PE-10); unset: officers share the link themselves. */
  smtp?: SmtpSettings | undefined;
}

/** Thrown by loadConfig; the message lists each bad variable on its own line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The server cannot start with these settings:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DAY_MS = 86_400_000;
// A stolen device's session should still end within a year.
const MAX_TOKEN_TTL_DAYS = 365;
// More hops than this is a typo, not a deployment.
const MAX_PROXY_HOPS = 10;
// Names @fastify/proxy-addr understands for the usual private ranges.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (expected: string): Parsed<never> => ({ ok: false, expected });

function parsePort(text: string): Parsed<number> {
  const port = Number(text);
  return /^\d{1,5}$/.test(text) && port <= 65_535 ? ok(port) : bad('a port number from 0 to 65535');
}

function parseHost(text: string): Parsed<string> {
  return isIP(text) !== 0 || HOST_NAME.test(text) ? ok(text) : bad('an IP address or host name to listen on');
}

function parseDatabaseUrl(text: string): Parsed<string> {
  let protocol: string | undefined;
  try {
    protocol = new URL(text).protocol;
  } catch {
    protocol = undefined;
  }
  return protocol === 'postgres:' || protocol === 'postgresql:'
    ? ok(text)
    : bad('a postgres:// or postgresql:// URL, e.g. postgres://fieldbook@127.0.0.1:5432/fieldbook');
}

function parseSwitch(text: string): Parsed<boolean> {
  return text === '0' || text === '1' ? ok(text === '1') : bad('0 or 1');
}

function parseTokenTtl(text: string): Parsed<number> {
  // Plain decimals only: Number() would also take "1e9", "0x1e" and " ".
  const days = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  return days > 0 && days <= MAX_TOKEN_TTL_DAYS
    ? ok(days * DAY_MS)
    : bad(`a number of days above 0 and at most ${MAX_TOKEN_TTL_DAYS}`);
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // A /0 range is every address: trusting everyone is what TRUST_PROXY must never mean.
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

function parseTrustProxy(text: string): Parsed<TrustedProxies | undefined> {
  const expected =
    `a proxy hop count from 0 to ${MAX_PROXY_HOPS} (1: one reverse proxy in front), or the proxies' ` +
    'addresses or CIDR ranges, comma-separated (e.g. 10.0.0.2,192.168.1.0/24 or loopback)';
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_PROXY_HOPS) return bad(expected);
    return ok(hops === 0 ? undefined : hops);
  }
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? ok(entries) : bad(expected);
}

function parsePublicUrl(text: string): Parsed<string> {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  return url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash
    ? ok(text.replace(/\/+$/, ''))
    : bad('the http(s) address people open the app at, e.g. https://fieldbook.example.org');
}

function parseSmtpUrl(text: string): Parsed<string> {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  // Query parameters are nodemailer's own options (e.g. tls.servername): let them through.
  return url &&
    (url.protocol === 'smtp:' || url.protocol === 'smtps:') &&
    url.hostname !== '' &&
    (url.pathname === '' || url.pathname === '/') &&
    !url.hash
    ? ok(text)
    : bad(
        'the mail server as an smtp:// or smtps:// URL, with a percent-encoded user and password if it ' +
          'needs them, e.g. smtps://fieldbook:password@mail.example.org:465',
      );
}

// One address, bare or after a display name: what a From header holds for one sender.
const MAIL_FROM = /^(?:[^<>@"\r\n]*|"[^"\r\n]*")\s*<[^\s<>@]+@[^\s<>@]+>$|^[^\s<>@]+@[^\s<>@]+$/;

function parseMailFrom(text: string): Parsed<string> {
  return MAIL_FROM.test(text.trim())
    ? ok(text.trim())
    : bad('one sender address, e.g. "Fieldbook <noreply@example.org>" or noreply@example.org');
}

function parseLogLevel(text: string): Parsed<LogLevel> {
  return (LOG_LEVELS as readonly string[]).includes(text)
    ? ok(text as LogLevel)
    : bad(`one of ${LOG_LEVELS.join(', ')}`);
}

/** Reads and checks every setting; throws one ConfigError listing all the bad ones. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const problems: string[] = [];
  /** The parsed value of `name`, or `fallback` when unset or empty (as `VAR=` in an env file). */
  function read<T>(name: string, parse: (text: string) => Parsed<T>, fallback: T, secret = false): T {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    // A database or mail server URL may carry a password: never repeat it.
    problems.push(`${secret ? name : `${name}=${JSON.stringify(text)}`}: expected ${parsed.expected}`);
    return fallback;
  }
  const asIs = (text: string): Parsed<string> => ok(text);

  const dataDir = read('DATA_DIR', asIs, './data');
  // The URL may carry the mail account's password: never repeat it.
  const smtpUrl = read<string | undefined>('SMTP_URL', parseSmtpUrl, undefined, true);
  const smtpFrom = read<string | undefined>('SMTP_FROM', parseMailFrom, undefined);
  const config: ServerConfig = {
    port: read('PORT', parsePort, 8080),
    host: read('HOST', parseHost, '0.0.0.0'),
    dataDir,
    sqlitePath: read('SQLITE_PATH', asIs, path.join(dataDir, 'fieldbook.sqlite')),
    databaseUrl: read<string | undefined>('DATABASE_URL', parseDatabaseUrl, undefined, true),
    seedDemo: read('SEED_DEMO', parseSwitch, true),
    // Field workers stay offline for weeks: a short token would sign them out in the bush.
    tokenTtlMs: read('TOKEN_TTL_DAYS', parseTokenTtl, DEFAULT_TOKEN_TTL_MS),
    staticDir: read('STATIC_DIR', asIs, './dist'),
    trustProxy: read('TRUST_PROXY', parseTrustProxy, undefined),
    logLevel: read('LOG_LEVEL', parseLogLevel, 'info'),
    publicUrl: read<string | undefined>('PUBLIC_URL', parsePublicUrl, undefined),
    smtp: smtpUrl !== undefined && smtpFrom !== undefined ? { url: smtpUrl, from: smtpFrom } : undefined,
  };
  // Half a mail setting is a mistake to say, not a reason to quietly email no one.
  if (Boolean(env.SMTP_URL) !== Boolean(env.SMTP_FROM)) {
    problems.push(
      `SMTP_URL and SMTP_FROM: expected both (the mail server, and the sender invitations come from) ` +
        `or neither; only ${env.SMTP_URL ? 'SMTP_URL' : 'SMTP_FROM'} is set`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * Fastify's trustProxy for a TrustedProxies setting; never `true`, which would take the left-most
 * X-Forwarded-For entry, the one the client writes. Fastify 5.12 treats a bare number as "trust no
 * hop", so a hop count becomes a function trusting the socket peer and the next hops - 1 entries.
 */
export function fastifyTrustProxy(trusted: TrustedProxies | undefined): FastifyServerOptions['trustProxy'] {
  if (trusted === undefined || trusted === 0) return false;
  if (typeof trusted === 'number') return (_address: string, hop: number) => hop < trusted;
  return [...trusted];
}
