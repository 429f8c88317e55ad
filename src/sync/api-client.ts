/** HTTP calls to the sync server, with the session token and the protocol version on each. */
import { isReason, type Reason } from '../shared/reasons';
import type { CollectionName } from '../shared/schemas';
import {
  API_PATHS,
  DEVICE_HEADER,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type ApiErrorBody,
  type ApiErrorCode,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
} from '../shared/sync/protocol';
import { OwnWrites } from './own-writes';
import type { Language } from '../shared/languages';
import type { PublicUser } from '../shared/users';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network',
    message: string,
    /** The refusal as a rule's reason, when the server gave one: the screen says it in its language. */
    readonly reason?: Reason,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isAuthError(): boolean {
    return this.status === 401;
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** Aborts every request of this client in flight (a background pass that ends). */
  signal?: AbortSignal;
  /** The device database's id (SP-13): the server does not send this device what it wrote. */
  deviceId?: string | Promise<string>;
}

/** Bodies smaller than this go uncompressed: gzip's header and the CPU are not worth it. */
const COMPRESS_MIN_BYTES = 1_024;

export class ApiClient {
  private deviceId: Promise<string | undefined>;
  /** This device's writes the server stored as sent, by every replication on this client (SP-13). */
  readonly ownWrites = new OwnWrites();

  constructor(private readonly options: ApiClientOptions) {
    this.deviceId = Promise.resolve(options.deviceId);
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /**
   * Names the device database every later request comes from (SP-13); `id` may still be coming
   * (RxDB's storage token is a promise). Requests made meanwhile wait for it.
   */
  identifyDevice(id: string | Promise<string>): void {
    this.deviceId = Promise.resolve(id);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION), ...extra };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    return headers;
  }

  /** headers() plus the device id, once it is known. */
  async deviceHeaders(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const deviceId = await this.deviceId.catch(() => undefined);
    return this.headers(deviceId ? { ...extra, [DEVICE_HEADER]: deviceId } : extra);
  }

  async request<T>(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal; compress?: boolean } = {},
  ): Promise<T> {
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      const extra: Record<string, string> =
        init.body === undefined ? {} : { 'content-type': 'application/json' };
      let body: BodyInit | undefined = init.body === undefined ? undefined : JSON.stringify(init.body);
      if (init.compress && canCompress() && typeof body === 'string' && body.length >= COMPRESS_MIN_BYTES) {
        body = await gzip(body);
        extra['content-encoding'] = 'gzip';
      }
      response = await doFetch(new URL(path, this.options.baseUrl), {
        method: init.method ?? 'GET',
        headers: await this.deviceHeaders(extra),
        body,
        signal: init.signal ?? this.options.signal,
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'network', 'The server cannot be reached. Your changes are kept on this device.');
    }
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as T;
  }

  login(email: string, password: string): Promise<LoginResponse> {
    return this.request(API_PATHS.login, { method: 'POST', body: { email, password } });
  }

  /** The signed-in person's language, kept on their account (issue 13). */
  saveLanguage(language: Language): Promise<{ user: PublicUser }> {
    return this.request(API_PATHS.me, { method: 'PATCH', body: { language } });
  }

  logout(): Promise<unknown> {
    return this.request(API_PATHS.logout, { method: 'POST', body: {} });
  }

  pull<K extends CollectionName>(
    collection: K,
    checkpoint: SyncCheckpoint | undefined,
    limit: number,
  ): Promise<PullResponse<K>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    return this.request(`${API_PATHS.pull(collection)}?${query}`);
  }

  /** Pushes go up gzipped (SP-12): JSON of logs shrinks to about a fifth. */
  push<K extends CollectionName>(collection: K, rows: PushRow<K>[]): Promise<PushResponse<K>> {
    return this.request(API_PATHS.push(collection), { method: 'POST', body: rows, compress: true });
  }
}

/** Browsers before 2023 (Safari 16.3, Firefox 112) lack it: they send plain JSON. */
const canCompress = () => typeof CompressionStream === 'function';

/** The browser's (and Node's) CompressionStream; the whole body, as bytes fetch can send. */
async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as ApiErrorBody;
    const { code, message, reason } = body.error;
    return new ApiError(response.status, code, message, isReason(reason) ? reason : undefined);
  } catch {
    return new ApiError(response.status, 'internal', `The server answered ${response.status}.`);
  }
}
