/**
 * A fresh phone signs in over EDGE and receives three months of an expert's work (~100 logs):
 * how long until every log is on the device, how many requests leave the phone, how many bytes
 * cross the link, and what one log costs on the wire compared with its own gzipped JSON.
 *
 * The app shell is installed first (service worker ready) and counting starts at "Sign in": the
 * figure is the data sync, not the first download of the app (see the first-screen figures).
 * The page's own network is throttled; the service worker's own fetches are not (it fetches
 * nothing during a sync: pulls, pushes and the stream are the page's).
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { localIsoDate } from '../../src/shared/dates';
import { waitUntil } from '../helpers/devices';
import { startTestServer } from '../helpers/test-server';
import { NetworkMeter } from '../e2e/network-meter';
import { AppPage } from '../e2e/pages/app-page';
import { DATASET_EXPERT, DATASET_INSTITUTION, DATASET_PASSWORD, seedExpertDataset } from './expert-dataset';

/** EDGE as field experts meet it: 240 kbit/s each way, 840 ms round trip added to every request. */
export const EDGE = {
  offline: false,
  latency: 840,
  downloadThroughput: 240_000 / 8,
  uploadThroughput: 240_000 / 8,
} as const;

export interface EdgeSync {
  logs: number;
  syncMs: number;
  requests: number;
  upBytes: number;
  downBytes: number;
  /** Bytes of the log pull responses divided by the logs they carried. */
  wireBytesPerLog: number;
  /** Average size of one log's JSON gzipped on its own. */
  gzipBytesPerLog: number;
  breakdown: string;
}

export async function measureEdgeFirstSync(browser: Browser): Promise<EdgeSync> {
  // A server of its own, so the other figures keep the demo data exactly as seeded.
  const server = await startTestServer({ staticDir: 'dist' });
  try {
    const dataset = await seedExpertDataset(server, localIsoDate(new Date()));
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const { meter, cdp } = await NetworkMeter.attach(page);
    await cdp.send('Network.emulateNetworkConditions', EDGE);

    const app = new AppPage(page, server.url);
    await page.goto(`${server.url}/login`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.getByLabel('Email').fill(DATASET_EXPERT.email);
    await page.getByLabel('Password').fill(DATASET_PASSWORD);
    meter.reset();
    const started = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await app.openAssignment(new RegExp(DATASET_INSTITUTION));
    // In-page check each 100 ms: every log card listed and nothing left to sync.
    await page.waitForFunction(
      (expected) =>
        document.querySelectorAll('article.log-card').length >= expected &&
        [...document.querySelectorAll('[role="status"]')].some((status) =>
          status.textContent?.includes('All changes synced'),
        ),
      dataset.logs.length,
      { polling: 100, timeout: 600_000 },
    );
    const syncMs = performance.now() - started;
    // The last, empty pull pages may still be on their way: count them whole.
    await waitUntil(
      () =>
        meter.overTheWire().every((request) => request.finished || request.url.endsWith('/api/sync/stream')),
      'the last pull pages',
      120_000,
    );
    const totals = meter.totals();
    const logPulls = meter.overTheWire().filter((request) => request.url.includes('/api/sync/logs/pull'));
    const logPullBytes = logPulls.reduce((sum, request) => sum + request.downBytes, 0);
    const gzipBytes = dataset.logs.reduce(
      (sum, log) => sum + gzipSync(JSON.stringify(log), { level: 9 }).length,
      0,
    );
    await context.close();
    return {
      logs: dataset.logs.length,
      syncMs,
      ...totals,
      wireBytesPerLog: logPullBytes / dataset.logs.length,
      gzipBytesPerLog: gzipBytes / dataset.logs.length,
      breakdown: meter.describe(),
    };
  } finally {
    await server.close();
  }
}
