/**
 * The one live stream of a device (SP-8): Server-Sent Events for all collections, read with
 * fetch so the bearer token travels in a header, never in a URL. The response is hijacked from
 * Fastify and written raw, gzipped when the device accepts it (SP-12, ../sync/stream-output.ts);
 * every exit path unsubscribes and stops the timers. Its limits (how far behind a stream may fall,
 * how many may be open) are in ../sync/live-streams.ts.
 */
import type { FastifyInstance } from 'fastify';
import { canReadAssignment } from '../../../src/shared/rules/access';
import { API_PATHS, type StreamEvent } from '../../../src/shared/sync/protocol';
import type { PublicUser } from '../../../src/shared/users';
import { isTokenUsable } from '../auth/tokens';
import { ApiError } from '../errors';
import { readableAssignmentIds, toSyncDocument } from '../sync/documents';
import type { ChangeEvent } from '../sync/event-bus';
import type { LiveStream } from '../sync/live-streams';
import { acceptsGzip, openStreamOutput } from '../sync/stream-output';
import { originDeviceOf, requireAuth, type ServerContext } from './context';

/** setTimeout's longest delay (about 24.8 days); a token may live longer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const frame = (event: StreamEvent) => `data: ${JSON.stringify(event)}\n\n`;

/**
 * Each event is serialized once per audience, not once per stream: a thousand streams of users who
 * see all of it share one string, in memory as in CPU time.
 */
const framesByEvent = new WeakMap<ChangeEvent, Map<string, string>>();

/**
 * The event as `user` may see it (SP-7), without what this very device wrote (SP-13), or null when
 * none of it is left.
 */
function changeFrame(event: ChangeEvent, user: PublicUser, originDevice: string | undefined): string | null {
  let ownLeftOut = false;
  const visible = event.changes.filter((change) => {
    if (!canReadAssignment(user, change.access)) return false;
    const own = originDevice !== undefined && change.doc.originDevice === originDevice;
    ownLeftOut ||= own;
    return !own;
  });
  const last = visible.at(-1);
  if (!last) return null;
  const audience =
    visible.length === event.changes.length ? '' : ownLeftOut ? `${user.id}\n${originDevice}` : user.id;
  let frames = framesByEvent.get(event);
  if (!frames) framesByEvent.set(event, (frames = new Map()));
  let text = frames.get(audience);
  if (text === undefined) {
    text = frame({
      type: 'change',
      collection: event.collection,
      documents: visible.map((change) => toSyncDocument(change.doc)),
      checkpoint: { seq: last.doc.seq },
    });
    frames.set(audience, text);
  }
  return text;
}

/**
 * Keeps `mayRead` up to date with the event's assignments and says whether the user lost one
 * (SP-15): their device then pulls, learns which assignments it may still read, and drops the rest.
 */
function lostAccess(event: ChangeEvent, user: PublicUser, mayRead: Set<string>): boolean {
  let lost = false;
  for (const { doc, access } of event.changes) {
    if (canReadAssignment(user, access)) mayRead.add(doc.id);
    else if (mayRead.delete(doc.id)) lost = true;
  }
  return lost;
}

export function registerStreamRoute(app: FastifyInstance, ctx: ServerContext): void {
  // Open streams would keep app.close() waiting forever.
  app.addHook('preClose', async () => ctx.streams.closeAll());

  app.get(API_PATHS.stream, { compress: false }, async (request, reply) => {
    const auth = requireAuth(request);
    const { user, tokenHash } = auth;
    const originDevice = originDeviceOf(request, auth);
    // Read again for its expiry, at which the stream ends.
    const token = await ctx.storage.getToken(tokenHash);
    if (!isTokenUsable(token, ctx.now())) {
      throw new ApiError('unauthorized', 'Your session has ended. Sign in again.');
    }
    // SP-15: the assignments this user could read so far; losing one makes the device pull again.
    const readable = await readableAssignmentIds(ctx.storage, user);
    const mayRead = readable === 'all' ? null : new Set(readable);
    if (!ctx.streams.admit(user.id)) {
      const seconds = ctx.streams.limits.busyRetryAfterSeconds;
      throw new ApiError('unavailable', `The server is busy. Try again in ${seconds} s.`, {
        'retry-after': String(seconds),
      });
    }

    reply.hijack();
    const res = reply.raw;
    const output = openStreamOutput(res, acceptsGzip(request.headers['accept-encoding']));
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold events back in their buffer.
      'x-accel-buffering': 'no',
      ...(output.encoding && { 'content-encoding': output.encoding }),
      vary: 'accept-encoding',
    });

    let closed = false;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(expiry);
      ctx.streams.delete(stream);
    };
    const end = () => {
      cleanup();
      output.end();
    };
    const stream: LiveStream = { userId: user.id, tokenHash, end };

    /**
     * A device already too far behind gets nothing more: the connection is dropped, which frees
     * what is queued for it at once. No final resync: it would wait behind the very bytes the
     * device is not reading, and every new stream starts with one anyway. Counted before
     * compression, so a gzipped stream may fall as far behind as a plain one, no further.
     */
    const write = (text: string) => {
      if (closed) return;
      if (output.queuedBytes > ctx.streams.limits.maxQueuedBytes) {
        cleanup();
        output.destroy();
        return;
      }
      output.write(text);
    };

    const unsubscribe = ctx.bus.subscribe((event) => {
      const text = changeFrame(event, user, originDevice);
      if (text) write(text);
      if (mayRead && event.collection === 'assignments' && lostAccess(event, user, mayRead)) {
        write(frame({ type: 'resync' }));
      }
    });
    // Also notices a revocation by another server process, and a stalled stream with no changes.
    const heartbeat = setInterval(() => {
      ctx.storage.getToken(tokenHash).then(
        (current) => (isTokenUsable(current, ctx.now()) ? write(': ping\n\n') : end()),
        () => end(),
      );
    }, ctx.streamHeartbeatMs);
    // An expired token must not keep receiving data until the next heartbeat.
    let expiry: ReturnType<typeof setTimeout> | undefined;
    const endAtExpiry = () => {
      const remainingMs = token.expiresAt.getTime() - ctx.now().getTime();
      if (remainingMs <= 0) end();
      else expiry = setTimeout(endAtExpiry, Math.min(remainingMs, MAX_TIMER_MS));
    };

    ctx.streams.add(stream);
    res.on('close', cleanup);
    res.on('error', cleanup);
    endAtExpiry();
    // The device may have missed changes while it was not connected.
    write(frame({ type: 'resync' }));
  });
}
