/**
 * A phone without any network. DevTools' offline emulation alone is not enough: a request that
 * passes through the service worker sometimes still goes out (the worker restarts, and the
 * emulation reaches it late). So the server is stopped as well: nothing can leave the phone.
 */
import type { BrowserContext } from 'playwright-core';
import type { TestServer } from '../helpers/test-server';

export async function networkDown(server: TestServer, context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await server.stop();
}

export async function networkUp(server: TestServer, context: BrowserContext): Promise<void> {
  await server.restart();
  await context.setOffline(false);
}
