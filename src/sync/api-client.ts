/** HTTP calls to the sync server, with the session token and the protocol version on each. */
import type { CollectionName } from '../shared/schemas';
import {
  API_PATHS,
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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network',
    message: string,
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
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION), ...extra };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    return headers;
  }

  async request<T>(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> {
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(new URL(path, this.options.baseUrl), {
        method: init.method ?? 'GET',
        headers: this.headers(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
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

  push<K extends CollectionName>(collection: K, rows: PushRow<K>[]): Promise<PushResponse<K>> {
    return this.request(API_PATHS.push(collection), { method: 'POST', body: rows });
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as ApiErrorBody;
    return new ApiError(response.status, body.error.code, body.error.message);
  } catch {
    return new ApiError(response.status, 'internal', `The server answered ${response.status}.`);
  }
}
