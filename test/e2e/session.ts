/**
 * Shared set-up of browser tests: the real server with the built PWA and Chromium, people signed
 * in on their own phones (contexts at 360 px), and what the server holds, read through its API.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import type { CollectionName } from '../../src/shared/schemas';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { serverReader, startTestServer, type TestServer } from '../helpers/test-server';
import { BUILT_APP, launchChromium } from './browser';
import { AppPage } from './pages/app-page';

export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  /** A new phone with `email` signed in, the app installed and the first sync done. */
  signedIn(email: string): Promise<{ context: BrowserContext; app: AppPage }>;
  /** Every document of `collection` on the server, as an officer sees them. */
  onServer<K extends CollectionName>(collection: K): Promise<SyncDocument<K>[]>;
  close(): Promise<void>;
}

export async function startBrowserSession(): Promise<BrowserSession> {
  const server = await startTestServer({ staticDir: BUILT_APP });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async signedIn(email) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      contexts.push(context);
      const app = new AppPage(await context.newPage(), server.url);
      await app.signIn(email);
      await app.waitForOfflineReady();
      await app.expectSyncStatus('All changes synced');
      return { context, app };
    },
    // Tests poll this while they wait for a sync: one sign-in for the whole session (serverReader).
    onServer: serverReader(server.url, 'officer@demo.test'),
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.close();
    },
  };
}
