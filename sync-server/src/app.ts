/**
 * The sync server as a Fastify instance, not yet listening: main.ts listens on a port, tests run
 * it in-process. docs/sync-protocol.md is the contract it implements.
 */
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  API_PATHS,
  MAX_BODY_BYTES,
  MIN_SUPPORTED_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  STREAM_HEARTBEAT_MS,
} from '../../src/shared/sync/protocol';
import { DEFAULT_TOKEN_TTL_MS } from './auth/tokens';
import { ApiError, errorBody, sendApiError } from './errors';
import { authenticate, registerAuthRoutes } from './routes/auth';
import { registerExportRoutes } from './routes/export';
import type { ServerContext } from './routes/context';
import { isSpaFallback, registerStatic, sendIndexHtml } from './routes/static';
import { registerStreamRoute } from './routes/stream';
import { registerSyncRoutes } from './routes/sync';
import type { Storage } from './storage/types';
import { ChangeBus } from './sync/event-bus';

export interface BuildAppOptions {
  storage: Storage;
  /** Folder of the built PWA (vite's dist/); not served when missing. */
  staticDir?: string;
  /** The server clock; tests inject one to expire tokens and move days. */
  now?: () => Date;
  tokenTtlMs?: number;
  logger?: FastifyServerOptions['logger'];
  /** Defaults to STREAM_HEARTBEAT_MS; tests shorten it. */
  streamHeartbeatMs?: number;
  /** Trust X-Forwarded-For (behind a reverse proxy), so login limits count real client IPs. */
  trustProxy?: boolean;
  /** Fed after each committed write; created when not given. */
  bus?: ChangeBus;
}

function checkProtocolHeader(value: string | string[] | undefined): void {
  if (value === undefined) return;
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^\d{1,6}$/.test(text.trim())) {
    throw new ApiError('bad_request', `${PROTOCOL_HEADER} must be a whole number.`);
  }
  if (Number(text) < MIN_SUPPORTED_PROTOCOL_VERSION) {
    throw new ApiError(
      'upgrade_required',
      'This version of Fieldbook is too old. Reload the app to update it.',
    );
  }
}

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const ctx: ServerContext = {
    storage: options.storage,
    bus: options.bus ?? new ChangeBus(),
    now: options.now ?? (() => new Date()),
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    streamHeartbeatMs: options.streamHeartbeatMs ?? STREAM_HEARTBEAT_MS,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
  });

  // An empty JSON body (a bare POST to logout, say) is no body rather than an error.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') done(null, undefined);
    else jsonParser(request, text, done);
  });

  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (pathname !== '/api' && !pathname.startsWith('/api/')) return;
    checkProtocolHeader(request.headers[PROTOCOL_HEADER]);
    await authenticate(ctx, request);
  });
  app.setErrorHandler((error, request, reply) => sendApiError(request, reply, error as Error));

  app.register(compress, {
    encodings: ['br', 'gzip'],
    // Brotli's default (quality 11) costs far too much CPU for on-the-fly compression.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });

  const servesStatic = registerStatic(app, options.staticDir);
  app.setNotFoundHandler((request, reply) => {
    if (servesStatic && isSpaFallback(request.method, request.url)) return sendIndexHtml(reply);
    return reply
      .code(404)
      .send(errorBody('not_found', `Nothing at ${request.method} ${request.url.split('?')[0]}.`));
  });

  // Routes live in a plugin registered after compression: Fastify applies a plugin's hooks only
  // to routes added after it has loaded, and routes added straight on `app` here would not be.
  app.register(async (api) => {
    api.get(API_PATHS.health, async () => {
      await ctx.storage.ping();
      return { ok: true };
    });
    registerAuthRoutes(api, ctx);
    registerSyncRoutes(api, ctx);
    registerStreamRoute(api, ctx);
    registerExportRoutes(api, ctx);
  });
  return app;
}
