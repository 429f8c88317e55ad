/**
 * Text contrast measured as it is painted: each text's computed colour against the colour
 * actually behind it (the backgrounds of its ancestors, semi-transparent layers blended, over the
 * white canvas). axe-core's colour-contrast rule gives up on text it cannot place — a dialog
 * inside a coloured header passed it with white text on white — and this does not.
 *
 *   expect(await lowContrastTexts(page, '[role="dialog"]')).toEqual([]);
 */
import type { Page } from 'playwright-core';

export interface LowContrastText {
  /** The start of the text, for finding it on the screen. */
  text: string;
  /** Where it is: the element holding it, as tag.class path from the root checked. */
  where: string;
  colour: string;
  background: string;
  /** WCAG 2 contrast ratio, rounded to two decimals. */
  ratio: number;
  /** 4.5 for normal text, 3 for large text (24 px, or 18.66 px bold). */
  required: number;
}

/**
 * Every visible text inside the elements matching `selector` whose contrast with what is behind
 * it is below WCAG AA. Text of disabled controls is left out (WCAG exempts inactive controls).
 */
export async function lowContrastTexts(page: Page, selector: string): Promise<LowContrastText[]> {
  return page.evaluate((rootSelector) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const numbers = css.match(/[\d.]+%?/g)?.map((part) => part) ?? [];
      if (!/^rgba?\(/.test(css) || numbers.length < 3) throw new Error(`Colour not understood: ${css}`);
      const [r, g, b] = numbers.slice(0, 3).map(Number) as [number, number, number];
      const alphaPart = numbers[3];
      const alpha =
        alphaPart === undefined
          ? 1
          : alphaPart.endsWith('%')
            ? parseFloat(alphaPart) / 100
            : Number(alphaPart);
      return [r, g, b, alpha];
    };
    /** `top` painted over the opaque `bottom`. */
    const over = (top: Rgba, bottom: Rgba): Rgba => [
      top[0] * top[3] + bottom[0] * (1 - top[3]),
      top[1] * top[3] + bottom[1] * (1 - top[3]),
      top[2] * top[3] + bottom[2] * (1 - top[3]),
      1,
    ];
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratioOf = (a: Rgba, b: Rgba) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (light + 0.05) / (dark + 0.05);
    };
    const show = (rgba: Rgba) => `rgb(${rgba.slice(0, 3).map(Math.round).join(' ')})`;

    /** The backgrounds behind `element`, nearest first, down to the first opaque one, over white. */
    const backgroundBehind = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (style.backgroundImage !== 'none') {
          throw new Error(`A background image behind text cannot be measured: ${at.tagName} ${at.className}`);
        }
        const layer = parse(style.backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      let colour: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };

    const pathOf = (element: Element, root: Element) => {
      const parts: string[] = [];
      for (let at: Element | null = element; at && at !== root.parentElement; at = at.parentElement) {
        const classes =
          typeof at.className === 'string' && at.className
            ? `.${at.className.trim().replace(/\s+/g, '.')}`
            : '';
        parts.unshift(`${at.tagName.toLowerCase()}${classes}`);
      }
      return parts.join(' > ');
    };

    const roots = document.querySelectorAll(rootSelector);
    if (roots.length === 0) throw new Error(`Nothing on the page matches ${rootSelector}`);
    const found: LowContrastText[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim();
        const element = node.parentElement;
        if (!text || !element) continue;
        const style = getComputedStyle(element);
        if (style.visibility !== 'visible' || element.getClientRects().length === 0) continue;
        if (element.closest(':disabled')) continue;
        const background = backgroundBehind(element);
        const colour = over(parse(style.color), background);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const required = large ? 3 : 4.5;
        const ratio = ratioOf(colour, background);
        if (ratio < required) {
          found.push({
            text: text.slice(0, 60),
            where: pathOf(element, root),
            colour: show(colour),
            background: show(background),
            ratio: Math.round(ratio * 100) / 100,
            required,
          });
        }
      }
    }
    return found;
  }, selector);
}
