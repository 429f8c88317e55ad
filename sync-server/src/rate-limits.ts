/**
 * Request rate limits of the API (docs/sync-protocol.md, Limits): per signed-in user, and per IP for what comes without a
 * token (sign-in). Not a defence of passwords — the sign-in failure lock does that (SP-11) — but
 * of the server: one runaway or hostile client must not take the CPU, descriptors and database
 * from everyone else.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';
import { tooManyRequestsReason } from '../../src/shared/users';

export interface RateLimits {
  /** Requests a minute of one user, all their devices together; streams opened count too. */
  requestsPerMinutePerUser: number;
  /** Requests a minute without a token from one IP address: sign-ins, mostly. */
  requestsPerMinutePerIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  // A device's sync is a handful of requests per change, and a first sync of a big assignment
  // a few dozen pulls: twenty a second, sustained, is only reached by a client gone wrong.
  requestsPerMinutePerUser: 1_200,
  // An office signs in behind one address; each sign-in costs a scrypt hash.
  requestsPerMinutePerIp: 100,
};

const WINDOW_MS = 60_000;

/** Registers the limits on every route `api` adds after this; routes opt out with `rateLimit: false`. */
export async function registerRateLimits(api: FastifyInstance, limits: RateLimits): Promise<void> {
  await api.register(rateLimit, {
    timeWindow: WINDOW_MS,
    // The /api hook has authenticated the request by now (root hooks run first).
    keyGenerator: (request) => (request.auth ? `user:${request.auth.user.id}` : `ip:${request.ip}`),
    max: (_request, key) =>
      key.startsWith('user:') ? limits.requestsPerMinutePerUser : limits.requestsPerMinutePerIp,
    // Only the refusal carries headers: the counters would add bytes to every sync request.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    addHeaders: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ApiError('too_many_requests', tooManyRequestsReason(seconds), {
        'retry-after': String(seconds),
      });
    },
  });
}
