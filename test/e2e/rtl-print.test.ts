/**
 * The paper timesheet and the signature pad right to left, in real Chromium (issue 13): an expert
 * writes a month in Dari and submits it; their supervisor, on a 360 px phone in Arabic, signs it
 * with a drawn signature and an Arabic name. The pad puts ink where the pointer went and the
 * signature is saved; the print view is right to left, shows no English word, fits the A4 page
 * and keeps what people typed in elements that take their own direction.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/shared/dates';
import { assignmentPath, HOME_PATH, SIGN_IN_PATH, timesheetPath } from '../../src/shared/paths';
import { waitUntil } from '../helpers/devices';
import { startBrowserSession, type BrowserSession } from './session';
import { TimesheetPage } from './pages/timesheet-page';

/** A4 less the 15 mm margins of the print CSS's @page, in CSS px (96 per inch). */
const A4_CONTENT_WIDTH_PX = Math.floor(((210 - 2 * 15) / 25.4) * 96);
const PHONE = { width: 360, height: 740 };
const month = localIsoDate().slice(0, 7);

/** What people type, in Dari (the expert) and Arabic (the supervisor). */
const DARI_ACTIVITIES = 'آموزش کارمندان وزارت در مورد بودجه (۱۲ نفر)';
const DARI_NAME = 'احمد ولی کریمی';
const ARABIC_NAME = 'سارة عبد الله الحسيني';

const ARABIC = {
  email: 'البريد الإلكتروني',
  password: 'كلمة المرور',
  submit: 'تسجيل الدخول',
  fullName: 'الاسم الكامل',
  signature: 'التوقيع (اختياري): ارسمه بإصبعك أو بقلم أو بالفأرة',
  approve: 'اعتماد',
};

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

/** A phone in Arabic with supervisor1 signed in, on the home screen. */
async function arabicSupervisor(): Promise<Page> {
  const context = await session.browser.newContext({ viewport: PHONE, locale: 'ar-IQ' });
  const page = await context.newPage();
  await page.goto(`${session.server.url}${SIGN_IN_PATH}`);
  await page.getByLabel(ARABIC.email, { exact: true }).fill('supervisor1@demo.test');
  await page.getByLabel(ARABIC.password, { exact: true }).fill('fieldbook-demo');
  await page.getByRole('button', { name: ARABIC.submit, exact: true }).click();
  await page.waitForURL(`${session.server.url}${HOME_PATH}`);
  return page;
}

/**
 * Words of two or more Latin letters the page shows (as languages.test.ts), outside what people
 * typed (`dir="auto"`, `<bdi>`, or isolated inside a message) and the days' fingerprint (`<code>`,
 * hexadecimal, the same in every language).
 */
async function englishWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    // The fingerprint's algorithm is named as it is in every language.
    const allowed = /^(Fieldbook|CD4D|IOM|EUR|QR|SHA-256)$/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[dir="auto"], bdi, code, script, style, [hidden], [aria-hidden="true"]'))
        continue;
      if (parent.getClientRects().length === 0) continue;
      const own = (node.textContent ?? '').replace(/\u2068[^\u2069]*\u2069/g, '');
      for (const word of own.match(/[A-Za-z][A-Za-z0-9'’-]+/g) ?? []) {
        if (!allowed.test(word) && !/@/.test(node.textContent ?? '')) found.push(word);
      }
    }
    return found;
  });
}

/**
 * Where `texts` are shown, each occurrence that does not take its own direction: neither in an
 * element with `dir="auto"` (or a `<bdi>`) nor isolated inside a message. Also each text not
 * shown at all.
 */
async function typedTextOutOfPlace(page: Page, texts: string[]): Promise<string[]> {
  return page.evaluate((typed) => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (!parent || parent.getClientRects().length === 0) continue;
      for (const one of typed) {
        if (!text.includes(one)) continue;
        seen.add(one);
        if (parent.closest('[dir="auto"], bdi') || text.includes(`\u2068${one}\u2069`)) continue;
        wrong.push(`“${one}” in <${parent.tagName.toLowerCase()}> without dir="auto"`);
      }
    }
    return [...wrong, ...typed.filter((one) => !seen.has(one)).map((one) => `“${one}” not shown`)];
  }, texts);
}

/**
 * What sticks out of the page on either side, as laid out now: the page's own scroll width, every
 * element and every line of text partly past an edge, and every box that hides overflowing text.
 */
async function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).replace(/ /g, '.')}` : ''} “${(element.textContent ?? '').slice(0, 40)}”`;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue;
      if (getComputedStyle(element).visibility === 'hidden') continue;
      // Wholly off the page, as a skip link waiting for focus, is meant to be.
      if (box.right <= 0 || box.left >= width) continue;
      const clips = getComputedStyle(element).overflowX !== 'visible';
      if (box.right > width + 0.5 || box.left < -0.5)
        out.push(`${name(element)} spans ${box.left}–${box.right}`);
      else if (clips && element.scrollWidth > element.clientWidth + 1)
        out.push(`${name(element)} hides overflow`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        const partly = line.right > 0 && line.left < width;
        if (line.width > 0 && partly && (line.right > width + 0.5 || line.left < -0.5))
          out.push(`text “${(node.textContent ?? '').slice(0, 40)}” spans ${line.left}–${line.right}`);
      }
    }
    return out;
  });
}

/** The print view at A4's printable width: direction, English words, what sticks out, typed text. */
async function printView(page: Page, typed: string[]) {
  await page.setViewportSize({ width: A4_CONTENT_WIDTH_PX, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  try {
    return {
      dir: await page.evaluate(() => [
        document.documentElement.dir,
        getComputedStyle(document.body).direction,
      ]),
      english: await englishWords(page),
      out: await sticksOut(page),
      typed: await typedTextOutOfPlace(page, typed),
    };
  } finally {
    await page.emulateMedia({ media: null });
    await page.setViewportSize(PHONE);
  }
}

/** A point of the screen, as a fraction of an element's box. */
async function pointIn(element: Locator, fx: number, fy: number) {
  const box = await element.boundingBox();
  if (!box) throw new Error('the element is not on the screen');
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/**
 * How many of the screen's pixels within `radius` of each point are ink (dark): read from a
 * screenshot drawn on a canvas, so what counts is what the person sees.
 */
async function inkAround(page: Page, points: { x: number; y: number }[], radius = 4): Promise<number[]> {
  const screenshot = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, points, radius }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(image, 0, 0);
      return points.map(({ x, y }) => {
        const side = 2 * radius + 1;
        const { data } = context.getImageData(Math.round(x) - radius, Math.round(y) - radius, side, side);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! > 0 && data[i]! + data[i + 1]! + data[i + 2]! < 3 * 100) dark++;
        }
        return dark;
      });
    },
    { png: screenshot, points, radius },
  );
}

describe('the timesheet right to left', () => {
  it('signs with a drawn signature in Arabic, ink where the pointer went, and prints right to left on A4', async () => {
    // The expert writes a day in Dari and submits the month (their screens in English).
    const { app } = await session.signedIn('expert1@demo.test');
    await app.openScreen(assignmentPath('asg-expert1'), /Ministry of Energy and Water Resources/);
    await app.logToday({ hours: '3', activities: DARI_ACTIVITIES });
    await app.page.getByRole('button', { name: 'Save log' }).waitFor({ state: 'detached' });
    const expertSheet = new TimesheetPage(app.page, session.server.url);
    await expertSheet.open('asg-expert1', month);
    await expertSheet.submit(DARI_NAME);
    await waitUntil(async () => {
      const stored = (await session.onServer('timesheets')).find((doc) => doc.id === `asg-expert1:${month}`);
      return stored?.status === 'submitted';
    }, 'the month submitted on the server');

    // The supervisor, in Arabic on a 360 px phone, draws a stroke from left to right, going down.
    const page = await arabicSupervisor();
    await page.goto(`${session.server.url}${timesheetPath('asg-expert1', month)}`);
    await page.getByLabel(ARABIC.fullName, { exact: true }).fill(ARABIC_NAME);
    const pad = page.getByRole('img', { name: ARABIC.signature, exact: true });
    await pad.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const start = await pointIn(pad, 0.2, 0.3);
    const end = await pointIn(pad, 0.8, 0.7);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 12 });
    await page.mouse.up();
    // Ink at both ends of the stroke, none where a mirrored stroke would have put it.
    const mirroredStart = { x: end.x, y: start.y };
    const mirroredEnd = { x: start.x, y: end.y };
    const [atStart, atEnd, atMirroredStart, atMirroredEnd] = await inkAround(page, [
      start,
      end,
      mirroredStart,
      mirroredEnd,
    ]);
    expect(atStart, 'ink where the stroke started').toBeGreaterThan(0);
    expect(atEnd, 'ink where the stroke ended').toBeGreaterThan(0);
    expect(atMirroredStart, 'no ink at the mirror image of the start').toBe(0);
    expect(atMirroredEnd, 'no ink at the mirror image of the end').toBe(0);

    await page.getByRole('button', { name: ARABIC.approve, exact: true }).click();
    // Saved: the signature is shown in the approval, and the server holds it, drawn left to right.
    await page.getByRole('img', { name: new RegExp(ARABIC_NAME) }).waitFor();
    let signature = '';
    await waitUntil(async () => {
      const stored = (await session.onServer('timesheets')).find((doc) => doc.id === `asg-expert1:${month}`);
      signature = stored?.approval?.signature ?? '';
      return stored?.status === 'approved' && signature !== '';
    }, 'the approval with its signature on the server');
    const points = [...signature.matchAll(/(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)/g)].map(([, x, y]) => ({
      x: Number(x),
      y: Number(y),
    }));
    // The pad's drawing is 300 × 100: the stroke starts at about (60, 30) and ends at about (240, 70).
    expect(points[0]!.x).toBeCloseTo(60, -1);
    expect(points[0]!.y).toBeCloseTo(30, -1);
    expect(points.at(-1)!.x).toBeCloseTo(240, -1);
    expect(points.at(-1)!.y).toBeCloseTo(70, -1);

    // On the phone, and printed: right to left, in Arabic only, within the page.
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    expect.soft(await englishWords(page), 'English on the phone').toEqual([]);
    expect.soft(await sticksOut(page), 'sticks out of the phone').toEqual([]);
    const printed = await printView(page, [DARI_ACTIVITIES, DARI_NAME, ARABIC_NAME]);
    expect.soft(printed.dir, 'direction of the print view').toEqual(['rtl', 'rtl']);
    expect.soft(printed.english, 'English in the print view').toEqual([]);
    expect.soft(printed.out, 'past the edges of A4').toEqual([]);
    expect.soft(printed.typed, 'typed text in the print view').toEqual([]);
  });
});
