/**
 * How a live stream's frames reach the device (SP-8, SP-12): as they are, or through one gzip
 * stream per connection that is flushed after every frame. Either way the stream says how much it
 * holds that the network has not taken yet, counted before compression, which is what the SP-8
 * queue limit (./live-streams.ts) is measured against.
 */
import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';

export interface StreamOutput {
  /** `content-encoding` of the response, if any. */
  readonly encoding: 'gzip' | undefined;
  /** Bytes of frames written but not yet taken by the network, before compression. */
  readonly queuedBytes: number;
  write(text: string): void;
  /** Finishes the response; what is queued is still sent. */
  end(): void;
  /** Drops the connection and everything queued for it at once. */
  destroy(): void;
}

/**
 * Whether `accept-encoding` offers gzip (RFC 9110 §12.5.3). `gzip;q=0` is a refusal; `*` is not
 * taken as gzip, since every browser names gzip outright.
 */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((offer) => {
    const [coding = '', ...params] = offer.split(';').map((part) => part.trim().toLowerCase());
    const quality = params.find((param) => param.startsWith('q='));
    return coding === 'gzip' && (quality === undefined || Number(quality.slice(2)) > 0);
  });
}

export function openStreamOutput(res: ServerResponse, gzip: boolean): StreamOutput {
  return gzip ? gzipOutput(res) : plainOutput(res);
}

function plainOutput(res: ServerResponse): StreamOutput {
  return {
    encoding: undefined,
    get queuedBytes() {
      return res.writableLength;
    },
    write: (text) => void res.write(text),
    end: () => void res.end(),
    destroy: () => void res.destroy(),
  };
}

function gzipOutput(res: ServerResponse): StreamOutput {
  const gzip = zlib.createGzip({
    // Each write is compressed with Z_SYNC_FLUSH: its bytes leave zlib whole and at once, so an
    // event never waits in zlib's buffer for the next one; later events still reuse the earlier
    // ones' window, which is where most of the saving comes from (SP-12).
    flush: zlib.constants.Z_SYNC_FLUSH,
    // An 8 KiB window and a smaller match index than zlib's defaults (32 KiB, memLevel 8): each
    // open stream holds about 130 KiB instead of 226 KiB (800 streams: ~100 MiB, not ~180), and
    // a 100-log event is 3.0 KiB instead of 2.8, a one-log event 57 B instead of 54
    // (test/bench/stream-bytes.ts).
    windowBits: 13,
    memLevel: 6,
  });
  /** Frames not yet wholly taken by the network; `end` is their last compressed byte's offset. */
  const pending: { bytes: number; end?: number }[] = [];
  let queuedBytes = 0;
  let compressedBytes = 0;
  let sentBytes = 0;
  const settle = () => {
    while (pending[0]?.end !== undefined && pending[0].end <= sentBytes)
      queuedBytes -= pending.shift()!.bytes;
  };
  // Written on as it comes, never paused: the queue limit bounds what the response may hold.
  gzip.on('data', (chunk: Buffer) => {
    compressedBytes += chunk.length;
    res.write(chunk, () => {
      sentBytes += chunk.length;
      settle();
    });
  });
  gzip.once('end', () => res.end());
  gzip.on('error', () => res.destroy());
  // However the response closes, zlib's native memory is released with it.
  res.once('close', () => gzip.destroy());

  return {
    encoding: 'gzip',
    get queuedBytes() {
      return queuedBytes;
    },
    write(text) {
      const frame: { bytes: number; end?: number } = { bytes: Buffer.byteLength(text) };
      pending.push(frame);
      queuedBytes += frame.bytes;
      gzip.write(text, () => {
        // Output pushed but not yet emitted still counts as this frame's.
        frame.end = compressedBytes + gzip.readableLength;
        settle();
      });
    },
    end: () => void gzip.end(),
    destroy() {
      gzip.destroy();
      res.destroy();
    },
  };
}
