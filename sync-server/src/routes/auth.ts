/** Sign-in, sign-out and the current user (SP-11), plus the bearer-token check of every /api call. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PATHS, type LoginResponse } from '../../../src/shared/sync/protocol';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { bearerToken, issueToken, userForToken } from '../auth/tokens';
import { ApiError } from '../errors';
import { publicUser, requireAuth, type ServerContext } from './context';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
/** One message for unknown email and wrong password: the answer must not reveal who has an account. */
export const LOGIN_FAILED_MESSAGE = 'Email or password is incorrect.';

/** Rejects every /api request without a usable bearer token, except routes marked public. */
export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  if (request.routeOptions.config.public) return;
  const token = bearerToken(request.headers.authorization);
  const found = token ? await userForToken(ctx.storage, token, ctx.now()) : undefined;
  if (!found) throw new ApiError('unauthorized', 'Your session has ended. Sign in again.');
  request.auth = { user: publicUser(found.user), tokenHash: found.tokenHash };
}

/** Seconds until the failures of `key` fall back under the limit, or null if not locked. */
async function lockedForSeconds(ctx: ServerContext, key: string, now: Date): Promise<number | null> {
  const failures = await ctx.storage.listLoginFailures(
    key,
    new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS),
  );
  if (failures.length < LOGIN_MAX_FAILURES) return null;
  const freedBy = failures[failures.length - LOGIN_MAX_FAILURES]!;
  return Math.max(1, Math.ceil((freedBy.getTime() + LOGIN_FAILURE_WINDOW_MS - now.getTime()) / 1000));
}

/**
 * Runs sign-ins that share a throttle key one at a time. The lock check, the password check
 * (scrypt, asynchronous) and recording the failure must be one step per key: otherwise parallel
 * guesses all pass the check before any failure is recorded, and every one is tried. Keys are
 * taken in sorted order so two sign-ins never wait for each other. This holds within one server
 * process, which is what the server is (its change bus is in-process too).
 */
class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.acquire(key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** Resolves, once every earlier holder of `key` has released it, to this holder's release. */
  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      // The last holder leaves no entry behind: the map holds only keys in use.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

function parseLogin(body: unknown): { email: string; password: string } {
  const { email, password } = (body ?? {}) as Record<string, unknown>;
  if (
    typeof email !== 'string' ||
    typeof password !== 'string' ||
    email.length > 320 ||
    password.length > 1000
  ) {
    throw new ApiError('bad_request', 'Send {"email": "...", "password": "..."}.');
  }
  return { email: email.trim().toLowerCase(), password };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const attempts = new KeyedSerializer();

  app.post(API_PATHS.login, { config: { public: true } }, async (request): Promise<LoginResponse> => {
    const { email, password } = parseLogin(request.body);
    const keys = [`email:${email}`, `ip:${request.ip}`];
    const user = await attempts.run(keys, async () => {
      // Read the clock once the earlier attempts on these keys are done.
      const now = ctx.now();
      // Locked keys are not counted again, so waiting out Retry-After always works.
      for (const key of keys) {
        const seconds = await lockedForSeconds(ctx, key, now);
        if (seconds !== null) {
          throw new ApiError('too_many_requests', `Too many failed sign-ins. Try again in ${seconds} s.`, {
            'retry-after': String(seconds),
          });
        }
      }
      const found = await ctx.storage.getUserByEmail(email);
      const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
      if (!found || !ok) {
        for (const key of keys) await ctx.storage.recordLoginFailure(key, now);
        throw new ApiError('unauthorized', LOGIN_FAILED_MESSAGE);
      }
      await ctx.storage.clearLoginFailures(keys[0]!);
      return found;
    });
    const now = ctx.now();
    await ctx.storage.deleteExpiredTokens(now);
    const { token, expiresAt } = await issueToken(ctx.storage, user.id, now, ctx.tokenTtlMs);
    return { token, user: publicUser(user), expiresAt: expiresAt.toISOString() };
  });

  app.post(API_PATHS.logout, async (request) => {
    const { tokenHash } = requireAuth(request);
    await ctx.storage.revokeToken(tokenHash, ctx.now());
    return { ok: true };
  });

  app.get(API_PATHS.me, async (request) => ({ user: requireAuth(request).user }));
}
