/**
 * An HTTP proxy in front of the sync server that counts what one device puts on the wire:
 * requests, raw bytes up and down (headers included, compressed as sent), and the documents the
 * device receives — in pull answers and on the live stream (SSE). Bench use only.
 *
 *   const proxy = await startCountingProxy(server.url);   // point the device at proxy.url
 *   const before = proxy.count();  …  const cost = since(before, proxy.count());
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { createParser } from 'eventsource-parser';

export interface WireCount {
  requests: number;
  upBytes: number;
  downBytes: number;
  /** Documents in pull answers. */
  pulledDocs: number;
  /** Documents in live-stream events. */
  streamedDocs: number;
}

export interface CountingProxy {
  url: string;
  count(): WireCount;
  /** Resolves once nothing has moved through the proxy for `ms`. */
  quiet(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** What happened between two counts. */
export function since(before: WireCount, after: WireCount): WireCount {
  return {
    requests: after.requests - before.requests,
    upBytes: after.upBytes - before.upBytes,
    downBytes: after.downBytes - before.downBytes,
    pulledDocs: after.pulledDocs - before.pulledDocs,
    streamedDocs: after.streamedDocs - before.streamedDocs,
  };
}

/** The body as the device reads it: compressed answers are inflated for counting only. */
function decoded(response: http.IncomingMessage): Readable {
  switch (response.headers['content-encoding']) {
    case 'gzip':
      return response.pipe(zlib.createGunzip());
    case 'deflate':
      return response.pipe(zlib.createInflate());
    case 'br':
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return response;
  }
}

function documentsIn(json: string): number {
  try {
    const body = JSON.parse(json) as { documents?: unknown };
    return Array.isArray(body.documents) ? body.documents.length : 0;
  } catch {
    return 0;
  }
}

export async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true });
  const counts = { requests: 0, pulledDocs: 0, streamedDocs: 0 };
  // Bytes are read off the device's sockets: what a phone's radio would carry.
  const open = new Set<Socket>();
  const closed = { upBytes: 0, downBytes: 0 };
  let lastActivityAt = performance.now();
  const touch = () => (lastActivityAt = performance.now());

  const countDocuments = (response: http.IncomingMessage, path: string) => {
    const type = response.headers['content-type'] ?? '';
    const body = decoded(response);
    if (type.startsWith('text/event-stream')) {
      const parser = createParser({
        onEvent: (event) => (counts.streamedDocs += documentsIn(event.data)),
      });
      body.setEncoding('utf8').on('data', (text: string) => parser.feed(text));
    } else if (/\/pull(\?|$)/.test(path)) {
      let text = '';
      body.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      body.on('end', () => (counts.pulledDocs += documentsIn(text)));
    } else {
      body.resume();
    }
  };

  const server = http.createServer((request, response) => {
    counts.requests += 1;
    touch();
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        response.flushHeaders();
        answer.on('data', touch);
        countDocuments(answer, request.url ?? '');
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    response.on('close', () => upstream.destroy());
    request.on('data', touch);
    request.pipe(upstream);
  });
  server.requestTimeout = 0; // the live stream stays open
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      closed.upBytes += socket.bytesRead;
      closed.downBytes += socket.bytesWritten;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    count() {
      let upBytes = closed.upBytes;
      let downBytes = closed.downBytes;
      for (const socket of open) {
        upBytes += socket.bytesRead;
        downBytes += socket.bytesWritten;
      }
      return { ...counts, upBytes, downBytes };
    },
    async quiet(ms: number) {
      while (performance.now() - lastActivityAt < ms) {
        await new Promise((resolve) => setTimeout(resolve, ms - (performance.now() - lastActivityAt) + 5));
      }
    },
    async close() {
      server.closeAllConnections();
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
