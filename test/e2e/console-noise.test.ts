/**
 * Issue 11 §1.10: what the browser console shows a developer opening the app. React Router must
 * not warn (a missing `HydrateFallback` came from the data router's route `lazy`; the app now uses
 * the declarative router and loads screens with React.lazy). RxDB's "premium" advert stays: its
 * only switch, rxdb-premium's setPremiumFlag(), declares a purchased licence, which we do not have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSession, type BrowserSession } from './session';
import { HOME_PATH, TO_SIGN_PATH } from '../../src/shared/paths';

describe('the browser console', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await startBrowserSession();
  });
  afterAll(async () => {
    await session.close();
  });

  it('has no React Router warning on a deep link, the home and a screen loaded on demand', async () => {
    const { app } = await session.signedIn('expert1@demo.test');
    const messages: string[] = [];
    app.page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    // A cold start straight into a screen that loads on demand, then a navigation from the home.
    await app.openScreen(TO_SIGN_PATH, /./);
    await app.openScreen(HOME_PATH, /./);
    await app.openAssignment(/Ministry|Water|Somalia/);
    await app.page.getByRole('heading', { level: 2, name: 'Timesheets' }).waitFor();
    await app.page.screenshot({ path: '/tmp/helper-copy-assignment-360.png', fullPage: true });
    await app.openScreen(HOME_PATH, /./);
    await app.page.screenshot({ path: '/tmp/helper-copy-home-360.png', fullPage: true });
    await app.page.setViewportSize({ width: 1280, height: 800 });
    await app.page.screenshot({ path: '/tmp/helper-copy-home-1280.png', fullPage: true });
    expect(messages.filter((text) => /HydrateFallback|React Router|react-router/i.test(text))).toEqual([]);
  });
});
