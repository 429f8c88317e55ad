/**
 * Issue 11 §1.10: what a newcomer sees from `npm run build`. No deprecation warning, and source
 * maps kept for the bench (test/bench/trace-breakdown.ts reads them next to each file) without a
 * link to them in any file the server sends.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the production build', () => {
  let outDir: string;
  let output: string;

  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'fieldbook-build-'));
    const run = spawnSync(
      process.execPath,
      [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir],
      // Vitest's NODE_ENV=test would make it a development build.
      { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' } },
    );
    output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('prints no warning', () => {
    expect(output).not.toMatch(/deprecated|inlineDynamicImports/i);
    expect(output).not.toMatch(/\bWARN/);
  });

  it('keeps the rules’ reasons out of the first download (issue 13): they load when something fails', () => {
    const entry = readdirSync(path.join(outDir, 'assets')).find((name) => /^index-[\w-]+\.js$/.test(name))!;
    const code = readFileSync(path.join(outDir, 'assets', entry), 'utf8');
    // The English of two reasons (src/shared/locales/en.po): the catalog is not in the entry chunk.
    expect(code).not.toContain('A day cannot be logged before it happens.');
    expect(code).not.toContain('Email or password is incorrect.');
  });

  it('keeps source maps beside the files but links none of them', () => {
    const scripts = [
      'sw.js',
      ...readdirSync(path.join(outDir, 'assets'))
        .filter((name) => name.endsWith('.js'))
        .map((name) => `assets/${name}`),
    ];
    expect(scripts.length).toBeGreaterThan(5);
    // The entry and the service worker have theirs (a re-export stub or the bundler's runtime may not).
    const entry = scripts.find((script) => /^assets\/index-[\w-]+\.js$/.test(script));
    for (const script of ['sw.js', entry]) {
      expect([script, existsSync(path.join(outDir, `${script}.map`))]).toEqual([script, true]);
    }
    for (const script of scripts) {
      expect([script, readFileSync(path.join(outDir, script), 'utf8').includes('sourceMappingURL')]).toEqual([
        script,
        false,
      ]);
    }
  });
});
