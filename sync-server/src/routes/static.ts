/**
 * The built PWA. Hashed files under /assets/ never change, so they are cached for a year; the
 * entry points must be revalidated on every load or a new deployment would never reach devices.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const ENTRY_FILES = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'registerSW.js']);

/** Registers the static files; returns false when the folder does not exist (API-only mode). */
export function registerStatic(app: FastifyInstance, staticDir: string | undefined): boolean {
  if (!staticDir || !existsSync(path.join(staticDir, 'index.html'))) return false;
  const root = path.resolve(staticDir);
  app.register(fastifyStatic, {
    root,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      const relative = path.relative(root, filePath).split(path.sep).join('/');
      if (relative.startsWith('assets/')) reply.header('cache-control', IMMUTABLE);
      else if (ENTRY_FILES.has(relative)) reply.header('cache-control', REVALIDATE);
    },
  });
  return true;
}

/**
 * SPA fallback: a GET for a client-side route gets index.html. Not under /assets/: a missing
 * hashed file must stay a 404, or a stale service worker would cache HTML as a script.
 */
export function isSpaFallback(method: string, url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return (
    (method === 'GET' || method === 'HEAD') &&
    pathname !== '/api' &&
    !pathname.startsWith('/api/') &&
    !pathname.startsWith('/assets/')
  );
}

export function sendIndexHtml(reply: FastifyReply) {
  return reply.header('cache-control', REVALIDATE).sendFile('index.html');
}
