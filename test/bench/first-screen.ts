/**
 * What a device downloads before a screen can run, gzip-compressed as the server sends it:
 * - the first screen of a first visit (sign-in): index.html plus every script and stylesheet it
 *   references (entry, module preloads, CSS);
 * - the signed-in home (/): the entry chunk and every chunk it imports statically, which show last
 *   visit's list on a repeat visit (src/features/assignments/home-snapshot.ts); and with the chunks
 *   a signed-in start loads on demand (the device database, sync) while that list shows, read from
 *   Vite's build manifest.
 *
 *   npx tsx test/bench/first-screen.ts [distDir]   # prints both, with the home's chunks one by one
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstScreenSize {
  htmlGzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  files: string[];
}

/** One script the signed-in home loads, and why: the entry, a static import, or a lazy module. */
export interface HomeChunk {
  file: string;
  /** `entry`, `static`, or the source module the home imports on demand (`src/db/database.ts`). */
  via: string;
  gzipBytes: number;
}

export interface SignedInHomeSize {
  jsGzipBytes: number;
  chunks: HomeChunk[];
}

/**
 * Modules a signed-in expert's home imports on demand before or right after it shows the
 * assignments (src/session/FieldbookProvider.tsx, src/app/routes.tsx). A module missing from the build
 * fails the measurement instead of shrinking the figure silently.
 */
export const HOME_LAZY_MODULES = ['src/db/database.ts', 'src/sync/replication.ts'] as const;

/** An entry of `.vite/manifest.json` (https://vite.dev/guide/backend-integration). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const gzipSize = (distDir: string, file: string) =>
  gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;

export function measureFirstScreen(distDir: string): FirstScreenSize {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1]!,
  );
  const js = referenced.filter((file) => file.endsWith('.js'));
  const css = referenced.filter((file) => file.endsWith('.css'));
  return {
    htmlGzipBytes: gzipSync(html, { level: 9 }).length,
    jsGzipBytes: js.reduce((sum, file) => sum + gzipSize(distDir, file), 0),
    cssGzipBytes: css.reduce((sum, file) => sum + gzipSize(distDir, file), 0),
    files: referenced,
  };
}

export function measureSignedInHome(
  distDir: string,
  lazyModules: readonly string[] = HOME_LAZY_MODULES,
): SignedInHomeSize {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build with build.manifest`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.length}`);

  const chunks: HomeChunk[] = [];
  const seen = new Set<string>();
  // A chunk and, depth first, everything it imports statically: the browser fetches them together.
  const add = (key: string, via: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    seen.add(key);
    chunks.push({ file: chunk.file, via, gzipBytes: gzipSize(distDir, chunk.file) });
    for (const imported of chunk.imports ?? []) add(imported, via === 'entry' ? 'static' : via);
  };
  add(entries[0]![0], 'entry');
  for (const module of lazyModules) add(module, module);
  return { jsGzipBytes: chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0), chunks };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const distDir = process.argv[2] ?? 'dist';
  const first = measureFirstScreen(distDir);
  const home = measureSignedInHome(distDir);
  console.log(`First screen JS (gzip): ${kb(first.jsGzipBytes)}  [${first.files.join(', ')}]`);
  console.log(
    `Signed-in home JS before its list shows (gzip): ${kb(measureSignedInHome(distDir, []).jsGzipBytes)}`,
  );
  console.log(`Signed-in start JS in all (gzip): ${kb(home.jsGzipBytes)}`);
  for (const chunk of home.chunks)
    console.log(`  ${kb(chunk.gzipBytes).padStart(9)}  ${chunk.file}  (${chunk.via})`);
}
