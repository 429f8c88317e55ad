/** What the routes share: storage, clock, change bus, and the signed-in user of a request. */
import type { FastifyRequest } from 'fastify';
import { DEVICE_HEADER, DEVICE_ID_PATTERN } from '../../../src/shared/sync/protocol';
import type { PublicUser } from '../../../src/shared/users';
import { ApiError } from '../errors';
import type { InvitationMailer } from '../mail/invitation-mailer';
import type { Storage } from '../storage/types';
import type { ChangeBus } from '../sync/event-bus';
import type { LiveStreams } from '../sync/live-streams';

export interface ServerContext {
  storage: Storage;
  bus: ChangeBus;
  now: () => Date;
  tokenTtlMs: number;
  streamHeartbeatMs: number;
  /** The open live streams: their caps, and ending those of a revoked token. */
  streams: LiveStreams;
  /** Origin of invitation links (PE-2); undefined: the request's own. */
  publicUrl?: string | undefined;
  /** Emails invitations (SMTP_URL, PE-10); undefined: officers share the links themselves. */
  mailer?: InvitationMailer | undefined;
}

export interface RequestAuth {
  user: PublicUser;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a bearer token. */
    public?: boolean;
  }
}

export function requireAuth(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new ApiError('unauthorized', 'Sign in first.');
  return request.auth;
}

export function publicUser(user: PublicUser): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language ?? null,
  };
}

/**
 * The signed-in device of a request (SP-13) as `<user id>/<device id>`, or undefined when it does
 * not name itself. Keyed by user too, so a device id can only ever hide its own user's writes.
 */
export function originDeviceOf(request: FastifyRequest, auth: RequestAuth): string | undefined {
  const header = request.headers[DEVICE_HEADER];
  if (header === undefined) return undefined;
  const id = Array.isArray(header) ? header[0] : header;
  if (!id || !DEVICE_ID_PATTERN.test(id)) {
    throw new ApiError('bad_request', `${DEVICE_HEADER} must be 1 to 64 letters, digits, - or _.`);
  }
  return `${auth.user.id}/${id}`;
}
