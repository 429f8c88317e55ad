/**
 * A small HTTP load balancer for tests of several server processes: every request goes to a
 * backend picked at random (seeded), so a device's pulls, pushes and streams land on different
 * processes. Bodies and responses are piped, so the live stream (SSE) passes through unbuffered,
 * as docs/operations.md asks of a real load balancer. A backend that refuses connections is
 * skipped; dropStreams() cuts the open streams so devices reconnect, each to a random backend.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  url: string;
  backends: string[];
  /** Requests sent to each backend so far. */
  counts: Map<string, number>;
  /** Sends what went to `from` to `to` from now on (a process replaced by a new one). */
  replaceBackend(from: string, to: string): void;
  /** Ends every open response that is a live stream. */
  dropStreams(): void;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded generator, so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startLoadBalancer(backends: string[], seed = 1): Promise<LoadBalancer> {
  const random = seededRandom(seed);
  const counts = new Map(backends.map((backend) => [backend, 0]));
  const streams = new Set<http.ServerResponse>();

  const forward = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: Buffer,
    tried: Set<string>,
  ): void => {
    const candidates = backends.filter((backend) => !tried.has(backend));
    if (candidates.length === 0) {
      response.writeHead(502).end();
      return;
    }
    const backend = candidates[Math.floor(random() * candidates.length)]!;
    tried.add(backend);
    const target = new URL(request.url ?? '/', backend);
    const upstream = http.request(
      target,
      { method: request.method, headers: { ...request.headers, host: target.host } },
      (answer) => {
        counts.set(backend, (counts.get(backend) ?? 0) + 1);
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        if (String(answer.headers['content-type']).startsWith('text/event-stream')) {
          streams.add(response);
          response.once('close', () => streams.delete(response));
        }
        answer.pipe(response);
        response.once('close', () => answer.destroy());
      },
    );
    // A backend that is down: the body was buffered, so the request goes to another one.
    upstream.once('error', () => {
      if (!response.headersSent) forward(request, response, body, tried);
      else response.destroy();
    });
    upstream.end(body);
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => forward(request, response, Buffer.concat(chunks), new Set()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    backends,
    counts,
    replaceBackend: (from, to) => {
      backends.splice(backends.indexOf(from), 1, to);
      counts.set(to, 0);
    },
    dropStreams: () => {
      for (const stream of streams) stream.destroy();
      streams.clear();
    },
    close: () =>
      new Promise((resolve) => {
        for (const stream of streams) stream.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
