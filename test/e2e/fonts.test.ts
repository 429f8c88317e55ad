/**
 * Pashto and Dari letters on screen are drawn by a real font, not as boxes (issue 13): Fieldbook
 * downloads no web font, so the platform's fonts must have ټ ډ ړ ښ ږ ګ ځ څ. In real Chromium with
 * the app in Pashto, the DevTools protocol (CSS.getPlatformFontsForNode) names the fonts that drew
 * the eight letters, in the app's type; each must hold all eight (fontconfig's coverage: Chromium
 * on Linux falls back by it), and no letter of them or of the screen may be drawn as the
 * missing-glyph box. A code point no font has is the control: Chromium still names a font for it,
 * which is why the names alone prove nothing.
 */
import { execFileSync } from 'node:child_process';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../../src/shared/paths';
import { startBrowserSession, type BrowserSession } from './session';

/** The letters of Pashto (and, some of them, Dari) beyond Arabic's. */
const LETTERS = ['ټ', 'ډ', 'ړ', 'ښ', 'ږ', 'ګ', 'ځ', 'څ'];
/** Unassigned in Unicode: no font has it, so whatever draws it is the missing-glyph box. */
const NO_SUCH_LETTER = '\u0378';

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

interface PlatformFont {
  familyName: string;
  glyphCount: number;
}

/** The font families on this machine that hold every one of `text`'s characters (fontconfig). */
function familiesHolding(text: string): Set<string> {
  const charset = [...new Set(text)].map((char) => char.codePointAt(0)!.toString(16)).join(' ');
  const listed = execFileSync('fc-list', [`:charset=${charset}`, 'family'], { encoding: 'utf8' });
  return new Set(
    listed
      .split('\n')
      .flatMap((line) => line.split(',').map((name) => name.trim()))
      .filter(Boolean),
  );
}

/** The fonts Chromium drew each element's own text with, for every element `selector` finds. */
async function platformFonts(cdp: CDPSession, selector: string): Promise<PlatformFont[][]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  return Promise.all(
    nodeIds.map(async (nodeId) => (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts),
  );
}

/**
 * The characters of `chars` drawn exactly as the missing-glyph box is, in the font of the
 * element `selector` finds.
 */
async function drawnAsBoxes(page: Page, selector: string, chars: string[]): Promise<string[]> {
  return page.evaluate(
    ({ selector, chars, missing }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const style = getComputedStyle(document.querySelector(selector)!);
      const drawn = (char: string) => {
        context.clearRect(0, 0, 64, 64);
        context.font = `40px ${style.fontFamily}`;
        context.fillText(char, 8, 48);
        return context.getImageData(0, 0, 64, 64).data.join();
      };
      const box = drawn(missing);
      return chars.filter((char) => drawn(char) === box);
    },
    { selector, chars, missing: NO_SUCH_LETTER },
  );
}

describe('fonts for Pashto and Dari', () => {
  it('draws every Pashto letter with a font that has it, on the Pashto sign-in screen', async () => {
    const context = await session.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${session.server.url}${SIGN_IN_PATH}`);
    await page.evaluate(() => localStorage.setItem('fieldbook.language', 'ps'));
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ps');
    // The email field's label, in Pashto.
    await page.getByLabel('برېښنالیک', { exact: true }).waitFor();
    // Every letter in Arabic script the screen shows in its own words.
    const screenLetters = await page.evaluate(() => [
      ...new Set(document.querySelector('main')!.innerText.match(/\p{Script=Arabic}/gu) ?? []),
    ]);

    // The eight letters in the app's own type, and the control.
    await page.evaluate(
      ({ letters, missing }) => {
        const main = document.querySelector('main') ?? document.body;
        for (const [id, text] of [
          ['pashto-letters', letters],
          ['no-such-letter', missing],
        ]) {
          const line = document.createElement('p');
          line.id = id!;
          line.textContent = text!;
          main.append(line);
        }
      },
      { letters: LETTERS.join(''), missing: NO_SUCH_LETTER },
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const [letters] = await platformFonts(cdp, '#pashto-letters');
    const [control] = await platformFonts(cdp, '#no-such-letter');

    // The eight letters: every glyph drawn by a font that holds all eight.
    const holding = familiesHolding(LETTERS.join(''));
    expect(
      letters!.reduce((sum, font) => sum + font.glyphCount, 0),
      'glyphs drawn for the eight letters',
    ).toBeGreaterThanOrEqual(LETTERS.length);
    expect(
      letters!.filter((font) => !holding.has(font.familyName)),
      `fonts that drew the letters without having them (fonts having them: ${[...holding].join(', ') || 'none — install fonts-noto-core or fonts-dejavu-core'})`,
    ).toEqual([]);
    expect(await drawnAsBoxes(page, '#pashto-letters', LETTERS), 'letters drawn as boxes').toEqual([]);

    // The control: Chromium names a font for a letter no font has; another such letter draws the
    // same box.
    expect(control!.length, 'a font named for the missing letter').toBeGreaterThan(0);
    expect(control!.filter((font) => familiesHolding(NO_SUCH_LETTER).has(font.familyName))).toEqual([]);
    expect(await drawnAsBoxes(page, '#no-such-letter', ['\u0379'])).toEqual(['\u0379']);

    // The screen's own Pashto: not one letter a box.
    expect(screenLetters.length, 'letters in Arabic script on the Pashto screen').toBeGreaterThan(10);
    expect(await drawnAsBoxes(page, 'main', screenLetters), 'letters of the screen drawn as boxes').toEqual(
      [],
    );
    await context.close();
  });
});
