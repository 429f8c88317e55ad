/**
 * How long a repeat visit with no network takes to show a usable screen on a slow phone: headless
 * Chromium with the CPU throttled 4×, the app opened again after one online sign-in, timed from
 * the navigation's start until the expert's assignment link is on screen.
 */
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/test-server';
import { AppPage } from '../e2e/pages/app-page';

/** Cheap Android phones run script about four times slower than a laptop core. */
export const CPU_SLOWDOWN = 4;
const ASSIGNMENT_NAME = 'Ministry of Energy and Water Resources';

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

export async function measureOfflineRepeatVisit(
  browser: Browser,
  server: TestServer,
  runs: number,
): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.addInitScript({ content: RECORD_USABLE });
  const first = await context.newPage();
  const app = new AppPage(first, server.url);
  await app.signIn('expert1@demo.test');
  await app.waitForOfflineReady();
  await app.expectSyncStatus('All changes synced');
  await first.close();

  await context.setOffline(true);
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    // A new tab each time, as when the expert opens the app again from the home screen.
    const page = await context.newPage();
    await openThrottled(page);
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    // ms since navigation start when the assignment link first became visible.
    const usableAt = await page.waitForFunction('window.__fieldbookUsableAt', undefined, {
      timeout: 60_000,
    });
    timings.push((await usableAt.jsonValue()) as number);
    await page.close();
  }
  await context.close();
  return timings;
}
