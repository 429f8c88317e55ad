/**
 * Counts what a page sends over the radio, from Chromium's own network events (CDP): requests
 * that leave the phone (not those its service worker or cache answers) and bytes on the wire in
 * each direction, headers included, an open stream's bytes so far included.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface MeteredRequest {
  url: string;
  method: string;
  status?: number;
  /** The response's Content-Encoding (`br`, `gzip`), empty when sent uncompressed. */
  encoding?: string;
  /** Answered by the service worker or a cache: no radio involved. */
  local: boolean;
  upBytes: number;
  /** Bytes received so far; the final count once the response has finished. */
  downBytes: number;
  finished: boolean;
}

export class NetworkMeter {
  private readonly requests = new Map<string, MeteredRequest & { dataBytes: number; headerBytes: number }>();

  private constructor() {}

  static async attach(page: Page): Promise<{ meter: NetworkMeter; cdp: CDPSession }> {
    const meter = new NetworkMeter();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const entry = (id: string) => meter.requests.get(id);
    cdp.on('Network.requestWillBeSent', (event) => {
      if (!/^https?:/.test(event.request.url)) return;
      const previous = entry(event.requestId);
      // A redirect reuses the id: the first leg's bytes stay counted under a new key.
      if (previous) meter.requests.set(`${event.requestId}#${meter.requests.size}`, previous);
      meter.requests.set(event.requestId, {
        url: event.request.url,
        method: event.request.method,
        local: false,
        upBytes: event.request.postData?.length ?? 0,
        downBytes: 0,
        finished: false,
        dataBytes: 0,
        headerBytes: 0,
      });
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
      const request = entry(event.requestId);
      if (!request) return;
      // Request line and CRLFs are not in the event; name + ": " + value + CRLF per header.
      request.upBytes += Object.entries(event.headers).reduce(
        (sum, [name, value]) => sum + name.length + String(value).length + 4,
        0,
      );
    });
    cdp.on('Network.responseReceived', (event) => {
      const request = entry(event.requestId);
      if (!request) return;
      request.status = event.response.status;
      const headers = Object.entries(event.response.headers);
      request.encoding = headers.find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? '';
      if (event.response.fromServiceWorker || event.response.fromDiskCache) request.local = true;
    });
    cdp.on('Network.requestServedFromCache', (event) => {
      const request = entry(event.requestId);
      if (request) request.local = true;
    });
    cdp.on('Network.responseReceivedExtraInfo', (event) => {
      const request = entry(event.requestId);
      if (request) request.headerBytes = event.headersText?.length ?? request.headerBytes;
    });
    cdp.on('Network.dataReceived', (event) => {
      const request = entry(event.requestId);
      if (!request) return;
      request.dataBytes += event.encodedDataLength;
      if (!request.finished) request.downBytes = request.dataBytes + request.headerBytes;
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = entry(event.requestId);
      if (!request) return;
      request.finished = true;
      // Chromium's total for the request: headers and body as they came off the socket.
      request.downBytes = Math.max(event.encodedDataLength, request.dataBytes + request.headerBytes);
    });
    return { meter, cdp };
  }

  /** Forgets everything seen so far: counting starts now. */
  reset(): void {
    this.requests.clear();
  }

  /** Requests that went over the network, in the order they were sent. */
  overTheWire(): MeteredRequest[] {
    return [...this.requests.values()]
      .filter((request) => !request.local)
      .map(
        ({ url, method, status, encoding, local, upBytes, finished, dataBytes, headerBytes, downBytes }) => ({
          url,
          method,
          status,
          encoding,
          local,
          upBytes,
          finished,
          downBytes: finished ? downBytes : dataBytes + headerBytes,
        }),
      );
  }

  totals(): { requests: number; upBytes: number; downBytes: number } {
    const wire = this.overTheWire();
    return {
      requests: wire.length,
      upBytes: wire.reduce((sum, request) => sum + request.upBytes, 0),
      downBytes: wire.reduce((sum, request) => sum + request.downBytes, 0),
    };
  }

  /** One line per request, for a failure message. */
  describe(): string {
    return this.overTheWire()
      .map((request) => {
        const { pathname, search } = new URL(request.url);
        const encoding = request.encoding ? `, ${request.encoding}` : request.status ? ', uncompressed' : '';
        const state = request.finished ? '' : ', still open';
        return `${request.method} ${decodeURIComponent(pathname + search)} → ${request.status ?? 'pending'} (${request.downBytes} B down${encoding}${state})`;
      })
      .join('\n');
  }
}
