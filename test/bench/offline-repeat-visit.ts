/**
 * How long a repeat visit with no network takes to show a usable screen on a slow phone: headless
 * Chromium with the CPU throttled 4×, the app opened again after one online sign-in, timed from
 * the navigation's start until the expert's assignment link is on screen.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { launchChromium } from '../e2e/browser';
import { AppPage } from '../e2e/pages/app-page';
import { analyzeTrace, formatBreakdown, type TraceBreakdown } from './trace-breakdown';

/** Cheap Android phones run script about four times slower than a laptop core. */
export const CPU_SLOWDOWN = 4;
const ASSIGNMENT_NAME = 'Ministry of Energy and Water Resources';
/** User-timing mark set when the link appears, so a performance trace shows the same moment. */
const USABLE_MARK = 'fieldbook-usable';

/**
 * Runs in every new document before the app: records the first moment the link is laid out, so
 * the figure does not include how often the test happens to poll. A string, not a function:
 * tsx's compiled functions call helpers that do not exist in the page.
 */
const RECORD_USABLE = `(() => {
  const name = ${JSON.stringify(ASSIGNMENT_NAME)};
  const observer = new MutationObserver(() => {
    if (window.__fieldbookUsableAt !== undefined) return;
    for (const link of document.querySelectorAll('a')) {
      if (link.textContent.includes(name) && link.getBoundingClientRect().height > 0) {
        window.__fieldbookUsableAt = performance.now();
        performance.mark(${JSON.stringify(USABLE_MARK)});
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

async function openThrottled(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/** A browser context with the expert signed in once online, then taken offline. */
async function signedInOffline(browser: Browser, server: TestServer): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.addInitScript({ content: RECORD_USABLE });
  const first = await context.newPage();
  const app = new AppPage(first, server.url);
  await app.signIn('expert1@demo.test');
  await app.waitForOfflineReady();
  await app.expectSyncStatus('All changes synced');
  await first.close();
  await context.setOffline(true);
  return context;
}

/** Opens the app in a new tab, as from the home screen; ms from navigation start to usable. */
async function visit(
  context: BrowserContext,
  server: TestServer,
  beforeGoto?: (page: Page) => Promise<void>,
) {
  const page = await context.newPage();
  await openThrottled(page);
  await beforeGoto?.(page);
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  const usableAt = await page.waitForFunction('window.__fieldbookUsableAt', undefined, {
    timeout: 60_000,
  });
  return { page, ms: (await usableAt.jsonValue()) as number };
}

export async function measureOfflineRepeatVisit(
  browser: Browser,
  server: TestServer,
  runs: number,
): Promise<number[]> {
  const context = await signedInOffline(browser, server);
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const { page, ms } = await visit(context, server);
    timings.push(ms);
    await page.close();
  }
  await context.close();
  return timings;
}

/**
 * One more repeat visit under a Chromium performance trace (main thread and V8's sampling
 * profiler), read back into where the time went; `distDir` holds the source maps of the build.
 */
export async function traceOfflineRepeatVisit(
  browser: Browser,
  server: TestServer,
  distDir: string,
  tracePath?: string,
): Promise<TraceBreakdown> {
  const context = await signedInOffline(browser, server);
  // One untraced visit first: the trace shows a warm repeat visit, like the timed runs.
  await (await visit(context, server)).page.close();
  const { page } = await visit(context, server, (tab) =>
    browser.startTracing(tab, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'loading',
        'v8',
        'v8.execute',
        'disabled-by-default-v8.cpu_profiler',
        'disabled-by-default-v8.gc',
        'toplevel',
      ],
    }),
  );
  const trace = (await browser.stopTracing()).toString('utf8');
  await page.close();
  await context.close();
  if (tracePath) writeFileSync(tracePath, trace);
  return analyzeTrace(trace, distDir, USABLE_MARK);
}

// npx tsx test/bench/offline-repeat-visit.ts [distDir] [runs] [trace.json]
if (import.meta.url === `file://${process.argv[1]}`) {
  const distDir = process.argv[2] ?? 'dist';
  const runs = Number(process.argv[3] ?? 5);
  const server = await startTestServer({ staticDir: distDir });
  const browser = await launchChromium();
  try {
    const timings = await measureOfflineRepeatVisit(browser, server, runs);
    console.log(
      `offline repeat visit, CPU ${CPU_SLOWDOWN}× slower: ${timings.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
    console.log(formatBreakdown(await traceOfflineRepeatVisit(browser, server, distDir, process.argv[4])));
  } finally {
    await browser.close();
    await server.close();
  }
}
