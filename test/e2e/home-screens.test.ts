/**
 * The home screens of an expert, a supervisor and an officer, and an expert's assignment page with
 * its month calendars (issue 11 §2 and §4), at 320, 360 and 1280 px in real Chromium with the demo
 * data: nothing wider than the screen, what waits for the user visible (an expert's cards with the
 * returned month's "Fix" link, a supervisor's inbox with how long each item has waited), axe and
 * the painted-contrast check pass. A screenshot of each is kept for a person to look at, outside
 * the repository: FIELDBOOK_SCREENSHOTS, else a folder in the system's temp directory.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { BUILT_APP, launchChromium } from './browser';
import { lowContrastTexts } from './contrast';
import { AppPage } from './pages/app-page';
import { assignmentPath, HOME_PATH } from '../../src/shared/paths';

const WIDTHS_PX = [320, 360, 1280] as const;
const SCREENSHOTS = process.env.FIELDBOOK_SCREENSHOTS ?? join(tmpdir(), 'fieldbook-home-screens');

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** One signed-in phone per user; each width is set on it in turn (sign-in and first sync once). */
const phones = new Map<string, AppPage>();

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer({ staticDir: BUILT_APP });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function phone(email: string): Promise<AppPage> {
  const existing = phones.get(email);
  if (existing) return existing;
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  contexts.push(context);
  const app = new AppPage(await context.newPage(), server.url);
  await app.signIn(email);
  await app.expectSyncStatus('All changes synced');
  phones.set(email, app);
  return app;
}

/** The page's width against the screen's, and the elements that stick out, for the message. */
async function overflow(page: Page): Promise<{ scrollWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} (${element.getBoundingClientRect().right}px)`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  });
}

async function expectFitsAndAccessible(app: AppPage, width: number, name: string): Promise<void> {
  const page = app.page;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  const { scrollWidth, wide } = await overflow(page);
  expect(
    scrollWidth,
    `${name} at ${width} px is wider than the screen: ${wide.join(', ')}`,
  ).toBeLessThanOrEqual(width);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
    `axe on ${name} at ${width} px`,
  ).toEqual([]);
  expect(await lowContrastTexts(page, 'body'), `texts of ${name} at ${width} px`).toEqual([]);
}

describe.each(WIDTHS_PX)('home screens at %i px', (width) => {
  it("expert: the cards of what waits, with a returned month's Fix link, and Log today", async () => {
    const app = await phone('expert2@demo.test');
    await app.page.setViewportSize({ width, height: 800 });
    await app.openScreen(HOME_PATH, 'My assignments');
    const waiting = app.page.getByRole('region', { name: 'Waiting for you' });
    await waiting.getByText(/was returned/).waitFor();
    await expect(waiting.getByText(/Please check the hours before I sign/).isVisible()).resolves.toBe(true);
    await expect(waiting.getByRole('link', { name: /^Fix / }).first().isVisible()).resolves.toBe(true);
    await expect(app.page.getByRole('link', { name: 'Log today' }).isVisible()).resolves.toBe(true);
    await expectFitsAndAccessible(app, width, 'expert-home');
  });

  it('expert: the assignment page with its month calendars', async () => {
    const app = await phone('expert2@demo.test');
    await app.page.setViewportSize({ width, height: 800 });
    await app.openScreen(assignmentPath('asg-expert2'), /./);
    const calendar = app.page.getByRole('table', { name: /, day by day$/ }).first();
    await calendar.waitFor();
    await calendar.screenshot({ path: join(SCREENSHOTS, `expert-calendar-${width}.png`) });
    await expect(
      app.page
        .getByRole('link', { name: /: logged, .* h, returned$/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expectFitsAndAccessible(app, width, 'expert-assignment');
  });

  it('expert: the calendars of submitted and approved months, locked', async () => {
    const app = await phone('expert1@demo.test');
    await app.page.setViewportSize({ width, height: 800 });
    await app.openScreen(assignmentPath('asg-expert1'), /Ministry of Energy and Water Resources/);
    await app.page
      .getByText(/submitted, locked/)
      .first()
      .waitFor();
    await expect(
      app.page
        .getByRole('link', { name: /: logged, .* h, locked$/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expectFitsAndAccessible(app, width, 'expert-assignment-locked');
  });

  it('supervisor: one inbox, with how long each has waited', async () => {
    const app = await phone('supervisor1@demo.test');
    await app.page.setViewportSize({ width, height: 800 });
    await app.openScreen(HOME_PATH, "My experts' assignments");
    const inbox = app.page.getByRole('region', { name: 'To sign and endorse' });
    await inbox.getByRole('listitem').first().waitFor();
    await expect(
      inbox
        .getByText(/waiting (since today|\d+ days?)/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(app.page.getByRole('link', { name: /^To sign \(\d+\)$/ }).isVisible()).resolves.toBe(true);
    await expectFitsAndAccessible(app, width, 'supervisor-home');
  });

  it('officer: all assignments with the filters', async () => {
    const app = await phone('officer@demo.test');
    await app.page.setViewportSize({ width, height: 800 });
    await app.openScreen(HOME_PATH, 'All assignments');
    await app.page.getByLabel('Search institution or expert').waitFor();
    await expect(app.page.locator('.card-list .card').first().isVisible()).resolves.toBe(true);
    await expectFitsAndAccessible(app, width, 'officer-home');
  });
});
