/**
 * The one live stream of a device (SP-8): Server-Sent Events for all collections, read with
 * fetch so the bearer token travels in a header, never in a URL. The response is hijacked from
 * Fastify and written raw; every exit path unsubscribes and stops the heartbeat.
 */
import type { FastifyInstance } from 'fastify';
import { canReadAssignment } from '../../../src/shared/rules/access';
import { API_PATHS, type StreamEvent } from '../../../src/shared/sync/protocol';
import { isTokenUsable } from '../auth/tokens';
import { toSyncDocument } from '../sync/documents';
import { requireAuth, type ServerContext } from './context';

export function registerStreamRoute(app: FastifyInstance, ctx: ServerContext): void {
  const openStreams = new Set<() => void>();
  // Open streams would keep app.close() waiting forever.
  app.addHook('preClose', async () => {
    for (const close of [...openStreams]) close();
  });

  app.get(API_PATHS.stream, { compress: false }, async (request, reply) => {
    const { user, tokenHash } = requireAuth(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold events back in their buffer.
      'x-accel-buffering': 'no',
    });
    const send = (event: StreamEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);

    const unsubscribe = ctx.bus.subscribe((event) => {
      const visible = event.changes.filter((change) => canReadAssignment(user, change.access));
      const last = visible.at(-1);
      if (!last) return;
      send({
        type: 'change',
        collection: event.collection,
        documents: visible.map((change) => toSyncDocument(change.doc)),
        checkpoint: { seq: last.doc.seq },
      });
    });
    // A signed-out or expired device must stop receiving data; checked at each heartbeat.
    const heartbeat = setInterval(() => {
      ctx.storage.getToken(tokenHash).then(
        (token) => (isTokenUsable(token, ctx.now()) ? res.write(': ping\n\n') : close()),
        () => close(),
      );
    }, ctx.streamHeartbeatMs);

    let closed = false;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      openStreams.delete(close);
    };
    function close() {
      cleanup();
      res.end();
    }
    openStreams.add(close);
    res.on('close', cleanup);
    res.on('error', cleanup);
    // The device may have missed changes while it was not connected.
    send({ type: 'resync' });
  });
}
