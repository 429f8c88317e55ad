/** Sign-in, sign-out and the current user (SP-11), plus the bearer-token check of every /api call. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PATHS, type LoginResponse } from '../../../src/shared/sync/protocol';
import { DEACTIVATED_SIGN_IN_REASON } from '../../../src/shared/people';
import { unstorableTextRefusal } from '../../../src/shared/rules/text-rules';
import { SIGN_IN_REASONS, tooManySignInsReason, type PublicUser } from '../../../src/shared/users';
import { LANGUAGES, isLanguage } from '../../../src/shared/languages';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { bearerToken, issueToken, userForToken } from '../auth/tokens';
import { ApiError } from '../errors';
import { publicUser, requireAuth, type ServerContext } from './context';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
/** One message for unknown email and wrong password: the answer must not reveal who has an account. */
export const LOGIN_FAILED_REASON = SIGN_IN_REASONS.failed;

/** Rejects every /api request without a usable bearer token, except routes marked public. */
export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  if (request.routeOptions.config.public) return;
  const token = bearerToken(request.headers.authorization);
  const found = token ? await userForToken(ctx.storage, token, ctx.now()) : undefined;
  if (!found) throw new ApiError('unauthorized', SIGN_IN_REASONS.sessionEnded);
  request.auth = { user: publicUser(found.user), tokenHash: found.tokenHash };
}

/** Seconds until `failures` (oldest first) fall back under the limit. */
function secondsUntilFreed(failures: readonly Date[], now: Date): number {
  const freedBy = failures[failures.length - LOGIN_MAX_FAILURES]!;
  return Math.max(1, Math.ceil((freedBy.getTime() + LOGIN_FAILURE_WINDOW_MS - now.getTime()) / 1000));
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
  // No account can have such an email and no keyboard types such a password: a 400 that says
  // why, before PostgreSQL fails on the lookup; it reveals nothing about any account and counts
  // no failure against the email or the IP (SP-11).
  const unstorable = unstorableTextRefusal({ email, password });
  if (unstorable) throw new ApiError('bad_request', unstorable);
  return { email: email.trim().toLowerCase(), password };
}

/** The answer of a sign-in: a new token for `user`. Accepting an invitation answers the same (PE-2). */
export async function signIn(ctx: ServerContext, user: PublicUser): Promise<LoginResponse> {
  const now = ctx.now();
  await ctx.storage.deleteExpiredTokens(now);
  const { token, expiresAt } = await issueToken(ctx.storage, user.id, now, ctx.tokenTtlMs);
  return { token, user: publicUser(user), expiresAt: expiresAt.toISOString() };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(API_PATHS.login, { config: { public: true } }, async (request): Promise<LoginResponse> => {
    const { email, password } = parseLogin(request.body);
    const keys = [`email:${email}`, `ip:${request.ip}`];
    const now = ctx.now();
    // Counted before the password is checked, atomically in the database: parallel guesses, on
    // any server process, cannot all pass the limit (SP-11). Locked keys are not counted again,
    // so waiting out Retry-After always works.
    const reservation = await ctx.storage.reserveLoginAttempt(
      keys,
      now,
      new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS),
      LOGIN_MAX_FAILURES,
    );
    if (!reservation.ok) {
      const seconds = secondsUntilFreed(reservation.failures, now);
      throw new ApiError('too_many_requests', tooManySignInsReason(seconds), {
        'retry-after': String(seconds),
      });
    }
    const found = await ctx.storage.getUserByEmail(email);
    // An invited person has no password yet (''): checked against the dummy hash like an unknown email.
    const ok = await verifyPassword(password, found?.passwordHash || (await dummyPasswordHash()));
    await ctx.storage.settleLoginAttempt(reservation.attemptId, Boolean(found && ok));
    if (!found || !ok) throw new ApiError('unauthorized', LOGIN_FAILED_REASON);
    // Only once the password is right: the refusal must not tell others who is deactivated (PE-5).
    if (found.deactivatedAt) throw new ApiError('forbidden', DEACTIVATED_SIGN_IN_REASON);
    await ctx.storage.clearLoginFailures(keys[0]!);
    return signIn(ctx, found);
  });

  app.post(API_PATHS.logout, async (request) => {
    const { tokenHash } = requireAuth(request);
    await ctx.storage.revokeToken(tokenHash, ctx.now());
    // A signed-out device must stop receiving data now, not at the stream's next heartbeat: its
    // streams end on every server process (app.ts listens for revocations).
    await ctx.storage.signal('revocations', tokenHash);
    return { ok: true };
  });

  app.get(API_PATHS.me, async (request) => ({ user: requireAuth(request).user }));

  // A person's own language (issue 13): kept on the account so it follows them to a new phone
  // and the server's notifications can use it. Nothing else of the account is theirs to change.
  app.patch(API_PATHS.me, async (request) => {
    const { user } = requireAuth(request);
    const { language } = (request.body ?? {}) as Record<string, unknown>;
    if (!isLanguage(language)) {
      throw new ApiError('bad_request', `Send {"language": one of ${LANGUAGES.join(', ')}}.`);
    }
    if (!(await ctx.storage.setUserLanguage(user.id, language))) {
      throw new ApiError('unauthorized', SIGN_IN_REASONS.sessionEnded);
    }
    return { user: { ...user, language } };
  });
}
