/**
 * Fieldbook in Arabic and Dari at 360 px, in real Chromium (issue 13): the document is
 * right-to-left, the main screens show no English word (what people typed aside: it is marked
 * `dir="auto"`), nothing overflows sideways, axe passes; the language chosen follows the person
 * to a new phone; Dari typed into an English screen reads in its own order; and the pseudo-language
 * shows no string that skipped the catalogs.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/shared/dates';
import {
  HOME_PATH,
  newLogPath,
  reportPath,
  SETTINGS_PATH,
  SIGN_IN_PATH,
  timesheetPath,
  TO_SIGN_PATH,
} from '../../src/shared/paths';
import type { TestServer } from '../helpers/test-server';
import { startBrowserSession, type BrowserSession } from './session';
import { pseudoText } from '../../src/i18n/pseudo';

let session: BrowserSession;
let server: TestServer;

beforeAll(async () => {
  session = await startBrowserSession();
  server = session.server;
});
afterAll(async () => {
  await session?.close();
});

/** A phone whose browser speaks `locale` first. */
async function phone(locale: string): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 360, height: 740 }, locale });
  return context.newPage();
}

/**
 * Words of two or more Latin letters the screen shows, outside what people typed (`dir="auto"`,
 * or isolated inside a message).
 */
async function englishWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    // Names of the app and the programme, and email addresses, are the same in every language.
    const allowed = /^(Fieldbook|CD4D|IOM|EUR|QR)$/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[dir="auto"], bdi, script, style, [hidden], [aria-hidden="true"]'))
        continue;
      if (parent.getClientRects().length === 0) continue;
      // Text put into a message (a name, a date) is isolated in RTL screens (src/i18n/i18n.ts).
      const own = (node.textContent ?? '').replace(/\u2068[^\u2069]*\u2069/g, '');
      for (const word of own.match(/[A-Za-z][A-Za-z0-9'’-]+/g) ?? []) {
        if (!allowed.test(word) && !/@/.test(node.textContent ?? '')) found.push(word);
      }
    }
    for (const field of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      found.push(...((field as HTMLInputElement).placeholder.match(/[A-Za-z]{2,}/g) ?? []));
    }
    return found;
  });
}

/**
 * The innermost elements that stick out of a 360 px screen on either side, by their text (one
 * wholly off the screen, as a skip link waiting for focus, is meant to be).
 */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const sticksOut = (element: Element) => {
      const box = element.getBoundingClientRect();
      const width = window.innerWidth;
      return (box.right > width + 1 && box.left < width) || (box.left < -1 && box.right > 0);
    };
    return [...document.body.querySelectorAll('*')]
      .filter((element) => sticksOut(element) && ![...element.children].some(sticksOut))
      .map(
        (element) => `<${element.tagName.toLowerCase()}> ${element.textContent?.trim().slice(0, 60) ?? ''}`,
      );
  });
}

/**
 * Texts on the screen that did not come through the pseudo-language: every catalog text ends in
 * its padding (·), so a text with words and none is a string that skipped the catalogs.
 */
async function notPseudo(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (!parent || parent.closest('[dir="auto"], bdi, script, style, [hidden], [aria-hidden="true"]'))
        continue;
      if (parent.getClientRects().length === 0 || !/\p{L}{2,}/u.test(text) || text.includes('·')) continue;
      if (/^(Fieldbook|CD4D|IOM)$/.test(text.trim()) || text.includes('@')) continue;
      found.push(text.trim());
    }
    return found;
  });
}

async function expectReadableRtl(page: Page, language: string): Promise<void> {
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
    language,
    'rtl',
  ]);
  expect(await englishWords(page), `English on ${page.url()}`).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `width of ${page.url()}`,
  ).toBeLessThanOrEqual(360);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

/** Opens `path` and waits until the screen has its heading and nothing is loading. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.locator('h1').first().waitFor();
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
}

async function signIn(
  page: Page,
  email: string,
  labels: { email: string; password: string; submit: string },
) {
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill('fieldbook-demo');
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await page.waitForURL(`${server.url}${HOME_PATH}`);
}

const ARABIC = { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'تسجيل الدخول' };
const DARI = { email: 'ایمیل', password: 'رمز عبور', submit: 'ورود' };
const month = localIsoDate().slice(0, 7);

describe('Fieldbook in Arabic and Dari', () => {
  it('signs a supervisor in, in Arabic from the browser’s language, right to left on every main screen', async () => {
    const page = await phone('ar-IQ');
    await open(page, SIGN_IN_PATH);
    await expectReadableRtl(page, 'ar');
    await signIn(page, 'supervisor1@demo.test', ARABIC);
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    await expectReadableRtl(page, 'ar');
    await open(page, TO_SIGN_PATH);
    await expectReadableRtl(page, 'ar');
    await open(page, timesheetPath('asg-expert1', month));
    await expectReadableRtl(page, 'ar');
    await open(page, reportPath('asg-expert1', 'inception'));
    await expectReadableRtl(page, 'ar');
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.getByRole('dialog').waitFor();
    await expectReadableRtl(page, 'ar');
  });

  it('keeps Dari chosen on the sign-in screen on the account: a new phone opens in Dari', async () => {
    const first = await phone('en-GB');
    await open(first, SIGN_IN_PATH);
    await first.getByLabel('Language').selectOption('prs');
    await first.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => first.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await signIn(first, 'expert1@demo.test', DARI);
    await open(first, newLogPath('asg-expert1'));
    await expectReadableRtl(first, 'prs');

    // A phone in English: after sign-in, the account's Dari applies.
    const second = await phone('en-GB');
    await open(second, SIGN_IN_PATH);
    await signIn(second, 'expert1@demo.test', { email: 'Email', password: 'Password', submit: 'Sign in' });
    await expect
      .poll(() => second.evaluate(() => document.documentElement.lang), { timeout: 15_000 })
      .toBe('prs');
    await open(second, HOME_PATH);
    await expectReadableRtl(second, 'prs');

    // Back to English in the settings, for the tests that follow.
    await open(second, SETTINGS_PATH);
    await second.getByLabel('زبان', { exact: true }).selectOption('en');
    await expect.poll(() => second.evaluate(() => document.documentElement.dir)).toBe('ltr');
  });

  it('shows Dari typed into an English screen in its own order', async () => {
    const page = await phone('en-GB');
    await open(page, SIGN_IN_PATH);
    await signIn(page, 'expert2@demo.test', { email: 'Email', password: 'Password', submit: 'Sign in' });
    await open(page, newLogPath('asg-expert2'));
    const activities = page.getByLabel('Activities', { exact: true });
    await activities.fill('آموزش تیم (12 مشارک)');
    // The field itself runs right to left once Dari is in it.
    expect(await activities.evaluate((field) => field.matches(':dir(rtl)'))).toBe(true);
  });

  it('has every string of the sign-in screen and the home in the catalogs (pseudo-language)', async () => {
    const page = await phone('en-GB');
    await page.goto(`${server.url}${SIGN_IN_PATH}`);
    await page.evaluate(() => localStorage.setItem('fieldbook.language', 'pseudo'));
    await open(page, SIGN_IN_PATH);
    expect(await notPseudo(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
    await signIn(page, 'supervisor2@demo.test', {
      email: pseudoText('Email'),
      password: pseudoText('Password'),
      submit: pseudoText('Sign in'),
    });
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    expect(await notPseudo(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
  });
});
