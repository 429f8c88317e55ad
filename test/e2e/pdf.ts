/**
 * Just enough of a PDF reader for the PDFs Chromium prints (Skia): the pages in order, each with
 * its size, its text (through the fonts' ToUnicode maps) and its raw drawing operators. It reads
 * no other producer's PDFs and needs nothing installed beyond Node.
 */
import { inflateSync } from 'node:zlib';

export interface PdfPage {
  /** [x0, y0, x1, y1] in points. */
  mediaBox: number[];
  /** The page's text in drawing order, one line per text object. */
  text: string;
  /** The page's decompressed content stream: paths as drawn, e.g. `x1 y1 x2 y2 x y c`. */
  operators: string;
}

/** A4 in points, as Chromium writes it. */
export const A4_POINTS = { width: 595, height: 842 } as const;

/** Text compared without any whitespace: line wrapping and layout gaps do not matter. */
export const squeeze = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

export function readPdf(pdf: Buffer): PdfPage[] {
  const objects = indexObjects(pdf);
  const body = (ref: number) => {
    const found = objects.get(ref);
    if (!found) throw new Error(`PDF object ${ref} is missing`);
    return found;
  };
  const pagesRoot = [...objects.values()].find((object) => /\/Type \/Pages\b/.test(object.dict));
  if (!pagesRoot) throw new Error('PDF without a page tree');
  const kids = refsIn(/\/Kids \[([^\]]*)\]/.exec(pagesRoot.dict)?.[1] ?? '');
  const unicodeMaps = new Map<number, Map<string, string>>();

  return kids.map((pageRef) => {
    const page = body(pageRef);
    if (!/\/Type \/Page\b/.test(page.dict)) throw new Error('nested page trees are not read here');
    const mediaBox = (/\/MediaBox \[([^\]]*)\]/.exec(page.dict)?.[1] ?? '').trim().split(/\s+/).map(Number);
    const fonts = new Map<string, Map<string, string>>();
    for (const [, name, ref] of (/\/Font <<([^>]*)>>/.exec(page.dict)?.[1] ?? '').matchAll(
      /\/(\w+) (\d+) 0 R/g,
    )) {
      const fontRef = Number(ref);
      if (!unicodeMaps.has(fontRef)) {
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(body(fontRef).dict)?.[1];
        unicodeMaps.set(fontRef, toUnicode ? parseCMap(body(Number(toUnicode)).stream()) : new Map());
      }
      fonts.set(name!, unicodeMaps.get(fontRef)!);
    }
    const contents = /\/Contents (?:(\d+) 0 R|\[([^\]]*)\])/.exec(page.dict);
    const contentRefs = contents?.[1] ? [Number(contents[1])] : refsIn(contents?.[2] ?? '');
    const operators = contentRefs.map((ref) => body(ref).stream()).join('\n');
    return { mediaBox, text: textOf(operators, fonts), operators };
  });
}

interface PdfObject {
  dict: string;
  stream(): string;
}

function indexObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const latin1 = pdf.toString('latin1');
  for (const match of latin1.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)) {
    const start = match.index + match[0].length;
    const streamAt = latin1.indexOf('stream\n', start);
    const end = latin1.indexOf('endobj', start);
    const hasStream = streamAt !== -1 && streamAt < end;
    const dict = latin1.slice(start, hasStream ? streamAt : end);
    objects.set(Number(match[1]), {
      dict,
      stream() {
        if (!hasStream) throw new Error(`PDF object ${match[1]} has no stream`);
        const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
        const raw = pdf.subarray(streamAt + 'stream\n'.length, streamAt + 'stream\n'.length + length);
        return (/\/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString('latin1');
      },
    });
  }
  return objects;
}

const refsIn = (list: string) => [...list.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));

/** Glyph code (4 hex digits) → text, from `bfchar` and `bfrange` entries. */
function parseCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(code!.toUpperCase(), utf16(text!));
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, text] of block!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const first = parseInt(from!, 16);
      const base = parseInt(text!, 16);
      for (let code = first; code <= parseInt(to!, 16); code += 1) {
        map.set(code.toString(16).toUpperCase().padStart(4, '0'), String.fromCharCode(base + code - first));
      }
    }
  }
  return map;
}

/** The hex strings shown by `Tj`/`TJ`, decoded with the font last chosen by `Tf`. */
function textOf(operators: string, fonts: Map<string, Map<string, string>>): string {
  const lines: string[] = [];
  let font = new Map<string, string>();
  for (const [, textObject] of operators.matchAll(/\nBT\n([\s\S]*?)\nET/g)) {
    let line = '';
    for (const [, fontName, shown] of textObject!.matchAll(
      /\/(\w+) [\d.]+ Tf|(\[[^\]]*\]\s*TJ|<[0-9A-Fa-f]*>\s*Tj)/g,
    )) {
      if (fontName) {
        font = fonts.get(fontName) ?? new Map();
        continue;
      }
      for (const [, hex] of shown!.matchAll(/<([0-9A-Fa-f]*)>/g)) {
        for (const code of hex!.toUpperCase().match(/.{4}/g) ?? []) line += font.get(code) ?? '\uFFFD';
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}
