/**
 * Lighthouse's mobile audit of the built app (performance, accessibility, best practices, SEO),
 * run against Debian's Chromium with no internet: we start Chromium ourselves with a debugging
 * port and Lighthouse drives it; throttling is simulated (Lantern), so nothing is fetched from
 * outside and the score does not depend on this machine's link.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../e2e/browser';

/** The flags of test/e2e/browser.ts: with no internet Chromium otherwise floods it with retries. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export interface LighthouseScores {
  url: string;
  /** 0–100 per category; null when Lighthouse could not score it. */
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  /** Audits that scored below 0.9, for the report. */
  weakAudits: string[];
  lighthouseVersion: string;
}

async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'fieldbook-lighthouse-'));
  const chromium = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${said}`)), 30_000);
    chromium.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(said);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    chromium.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${said}`)));
  });
  return {
    port,
    stop: async () => {
      // The profile can only go once Chromium has stopped writing to it.
      if (chromium.exitCode === null && chromium.signalCode === null) {
        const exited = new Promise((resolve) => chromium.once('exit', resolve));
        chromium.kill();
        await exited;
      }
      // Chromium's helper processes may still write there a moment after it exits: retry, and
      // never let the temporary profile cost the audit's result.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch {
        // Left in the temporary directory.
      }
    },
  };
}

export async function auditWithLighthouse(url: string): Promise<LighthouseScores> {
  const chromium = await startChromium();
  try {
    const result = await lighthouse(url, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      formFactor: 'mobile',
      // Lighthouse's own mobile preset (Moto G Power class screen).
      screenEmulation: { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false },
      throttlingMethod: 'simulate',
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(
      CATEGORIES.map((id) => {
        const score = lhr.categories[id]?.score;
        return [id, typeof score === 'number' ? Math.round(score * 100) : null];
      }),
    ) as LighthouseScores['scores'];
    const weakAudits = Object.values(lhr.audits)
      .filter(
        (audit) =>
          typeof audit.score === 'number' && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative',
      )
      .map(
        (audit) =>
          `${audit.id} (${Math.round((audit.score ?? 0) * 100)})${audit.displayValue ? `: ${audit.displayValue}` : ''}`,
      );
    return { url: lhr.finalDisplayedUrl, scores, weakAudits, lighthouseVersion: lhr.lighthouseVersion };
  } finally {
    await chromium.stop();
  }
}
