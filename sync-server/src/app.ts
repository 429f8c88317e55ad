/**
 * The sync server as a Fastify instance, not yet listening: main.ts listens on a port, tests run
 * it in-process. docs/sync-protocol.md is the contract it implements.
 */
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import {
  API_PATHS,
  MAX_BODY_BYTES,
  MIN_SUPPORTED_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  STREAM_HEARTBEAT_MS,
} from '../../src/shared/sync/protocol';
import { DEFAULT_TOKEN_TTL_MS } from './auth/tokens';
import { fastifyTrustProxy, type SmtpSettings, type TrustedProxies } from './config';
import { ApiError, errorBody, sendApiError } from './errors';
import { createInvitationMailer } from './mail/invitation-mailer';
import { DEFAULT_RATE_LIMITS, registerRateLimits, type RateLimits } from './rate-limits';
import { authenticate, registerAuthRoutes } from './routes/auth';
import { registerExportRoutes } from './routes/export';
import { registerPeopleRoutes } from './routes/people';
import { registerPeopleImportRoute } from './routes/people-import';
import { Notifications, type NotificationOptions } from './notifications/notifications';
import { registerPaymentRoutes } from './routes/payments';
import { registerPushRoutes } from './routes/push';
import type { ServerContext } from './routes/context';
import { isSpaFallback, registerStatic, sendIndexHtml } from './routes/static';
import { registerStreamRoute } from './routes/stream';
import { registerSyncRoutes } from './routes/sync';
import type { Storage } from './storage/types';
import { ChangeFeed } from './sync/change-feed';
import { ChangeBus } from './sync/event-bus';
import { DEFAULT_STREAM_LIMITS, LiveStreams, type StreamLimits } from './sync/live-streams';

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
  /**
   * Reverse proxies in front (TRUST_PROXY): their X-Forwarded-For entries name the client, so
   * sign-in limits count real client IPs. Unset: the socket's address is the client's.
   */
  trustProxy?: TrustedProxies;
  /** Fed after each committed write; created when not given. */
  bus?: ChangeBus;
  /** Caps of the live streams (SP-8); DEFAULT_STREAM_LIMITS for what is not given. */
  streamLimits?: Partial<StreamLimits>;
  /** Request rate limits; DEFAULT_RATE_LIMITS for what is not given. */
  rateLimits?: Partial<RateLimits>;
  /** Origin of invitation links (PUBLIC_URL, PE-2); unset: the request's own origin. */
  publicUrl?: string;
  /** The mail server invitations are emailed through (SMTP_URL, SMTP_FROM, PE-10); unset: none. */
  smtp?: SmtpSettings | undefined;
  /** Web Push reminders (PN-*): VAPID keys from environment, the daily job's period. */
  push?: NotificationOptions;
}

const MALFORMED_PATH_MESSAGE = 'The path has a malformed percent escape (% must start %XX).';

/** The path as the router matches it: percent-decoded (`/%61pi` is `/api`), without the query. */
function decodedPathname(url: string): string {
  const pathname = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw new ApiError('bad_request', MALFORMED_PATH_MESSAGE);
  }
}

const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * Whether the /api gate applies. It must decide on what the router decides on, or an encoded
 * spelling of an /api path would reach its route ungated: the matched route, else (no route, or
 * a catch-all such as the static files') the decoded path.
 */
function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return (route !== undefined && isApiPath(route)) || isApiPath(decodedPathname(request.url));
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
    streams: new LiveStreams({ ...DEFAULT_STREAM_LIMITS, ...options.streamLimits }),
    publicUrl: options.publicUrl,
    mailer: options.smtp ? createInvitationMailer(options.smtp) : undefined,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: fastifyTrustProxy(options.trustProxy),
    // A path the router cannot decode is a 400 in the API's error shape, not Fastify's.
    frameworkErrors: (error, request, reply) =>
      sendApiError(
        request,
        reply,
        error.code === 'FST_ERR_BAD_URL' ? new ApiError('bad_request', MALFORMED_PATH_MESSAGE) : error,
      ),
  });

  // Writes committed, and tokens revoked, by any server process on this database reach this
  // process's streams.
  const feed = new ChangeFeed(ctx.storage, ctx.bus);
  const notifications = new Notifications(ctx.storage, ctx.bus, ctx.now, app.log, options.push);
  app.decorate('notifications', notifications);
  let stopListening: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    await notifications.start();
    await feed.start();
    stopListening = await ctx.storage.listen('revocations', (tokenHash) => {
      if (tokenHash) ctx.streams.closeStreamsOfToken(tokenHash);
    });
  });
  app.addHook('onClose', async () => {
    await stopListening?.();
    await feed.stop();
    await notifications.stop();
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
    if (!isApiRequest(request)) return;
    checkProtocolHeader(request.headers[PROTOCOL_HEADER]);
    await authenticate(ctx, request);
  });
  app.setErrorHandler((error, request, reply) => sendApiError(request, reply, error as Error));

  app.register(compress, {
    encodings: ['br', 'gzip'],
    // Brotli's default (quality 11) costs far too much CPU for on-the-fly compression.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });

  // Source maps are built for the bench (vite.config.ts keeps them 'hidden'), not published: the
  // app's original source is nobody's business but ours.
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRequest(request) && decodedPathname(request.url).endsWith('.map')) {
      return reply
        .code(404)
        .send(errorBody('not_found', `Nothing at ${request.method} ${request.url.split('?')[0]}.`));
    }
  });
  const servesStatic = registerStatic(app, options.staticDir);
  app.setNotFoundHandler((request, reply) => {
    if (servesStatic && isSpaFallback(request.method, decodedPathname(request.url)))
      return sendIndexHtml(reply);
    return reply
      .code(404)
      .send(errorBody('not_found', `Nothing at ${request.method} ${request.url.split('?')[0]}.`));
  });

  // Routes live in a plugin registered after compression: Fastify applies a plugin's hooks only
  // to routes added after it has loaded, and routes added straight on `app` here would not be.
  app.register(async (api) => {
    await registerRateLimits(api, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
    // Monitors poll it from one address; it must answer however often they ask.
    api.get(API_PATHS.health, { config: { rateLimit: false } }, async () => {
      await ctx.storage.ping();
      return { ok: true };
    });
    registerAuthRoutes(api, ctx);
    registerSyncRoutes(api, ctx);
    registerStreamRoute(api, ctx);
    registerExportRoutes(api, ctx);
    registerPeopleRoutes(api, ctx);
    registerPeopleImportRoute(api, ctx);
    registerPaymentRoutes(api, ctx);
    registerPushRoutes(api, ctx, notifications);
  });
  return app;
}
