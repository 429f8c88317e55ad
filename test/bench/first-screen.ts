/**
 * What a first visit downloads before the first screen can run: index.html plus every script and
 * stylesheet it references (entry, module preloads, CSS), gzip-compressed as the server sends them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstScreenSize {
  htmlGzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  files: string[];
}

export function measureFirstScreen(distDir: string): FirstScreenSize {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1]!,
  );
  const gzipSize = (file: string) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  const js = referenced.filter((file) => file.endsWith('.js'));
  const css = referenced.filter((file) => file.endsWith('.css'));
  return {
    htmlGzipBytes: gzipSync(html, { level: 9 }).length,
    jsGzipBytes: js.reduce((sum, file) => sum + gzipSize(file), 0),
    cssGzipBytes: css.reduce((sum, file) => sum + gzipSize(file), 0),
    files: referenced,
  };
}
