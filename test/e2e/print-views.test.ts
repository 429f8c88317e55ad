/**
 * The print views in real Chromium, printed to PDF as the Print button does (the paper size is
 * the print CSS's own): the approved timesheet with its drawn signature and totals, the endorsed
 * report with its endorsement and activity totals, and drafts holding a long unbroken link.
 * Checked: the number of A4 pages, that nothing runs past the right edge of A4's printable width,
 * and that the signature and totals are printed whole on one page. Assertions read labels and
 * regions from the screen rather than whole sentences, so wording can change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { previousMonth } from '../../sync-server/src/seed';
import { localIsoDate } from '../../src/shared/dates';
import { waitUntil } from '../helpers/devices';
import { startBrowserSession, type BrowserSession } from './session';
import { AppPage } from './pages/app-page';
import { ReportPage } from './pages/report-page';
import { A4_POINTS, readPdf, squeeze, type PdfPage } from './pdf';
import { assignmentPath, reportPath, timesheetPath } from '../../src/shared/paths';

/** A4 less the 15 mm margins of the print CSS's @page, in CSS px (96 per inch). */
const A4_CONTENT_WIDTH_PX = Math.floor(((210 - 2 * 15) / 25.4) * 96);
/** A pasted share link: one unbroken word, wider than A4's printable width. */
const LONG_LINK = `https://drive.example.org/file/d/${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'.repeat(4)}/view`;

let session: BrowserSession;
let app: AppPage;

beforeAll(async () => {
  session = await startBrowserSession();
  ({ app } = await session.signedIn('expert1@demo.test'));
});
afterAll(async () => {
  await session?.close();
});

/** The PDF the browser's print dialog would make: paper size from the print CSS, not from here. */
async function printed(page: Page): Promise<PdfPage[]> {
  const pages = readPdf(await page.pdf({ preferCSSPageSize: true }));
  for (const [index, { mediaBox }] of pages.entries()) {
    expect(mediaBox[2]! - mediaBox[0]!, `width of page ${index + 1}`).toBeCloseTo(A4_POINTS.width, 0);
    expect(mediaBox[3]! - mediaBox[1]!, `height of page ${index + 1}`).toBeCloseTo(A4_POINTS.height, 0);
    expect(squeeze(pages[index]!.text), `text on page ${index + 1}`).not.toBe('');
  }
  return pages;
}

/**
 * What would be cut at the right edge of A4: laid out for print at A4's printable width, every
 * element and every line of text that reaches past it, and every box that hides overflowing text.
 */
async function cutAtRightEdge(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: A4_CONTENT_WIDTH_PX, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const name = (element: Element) =>
        `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).replace(/ /g, '.')}` : ''} “${(element.textContent ?? '').slice(0, 40)}”`;
      const cut: string[] = [];
      if (document.documentElement.scrollWidth > width)
        cut.push(`the page is ${document.documentElement.scrollWidth} px wide`);
      for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        // Nothing to see, or visually hidden (1 px, clipped): not printed.
        if (box.width <= 1 && box.height <= 1) continue;
        if (getComputedStyle(element).visibility === 'hidden') continue;
        const clips = getComputedStyle(element).overflowX !== 'visible';
        if (box.right > width + 0.5 || box.left < -0.5)
          cut.push(`${name(element)} spans ${box.left}–${box.right}`);
        else if (clips && element.scrollWidth > element.clientWidth + 1)
          cut.push(`${name(element)} hides overflow`);
      }
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        range.selectNodeContents(node);
        for (const line of range.getClientRects()) {
          if (line.width > 0 && line.right > width + 0.5) {
            cut.push(`text “${(node.textContent ?? '').slice(0, 40)}” reaches ${line.right}`);
          }
        }
      }
      return cut;
    });
  } finally {
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 360, height: 740 });
  }
}

/** The text a region shows in print, line by line, for finding it in the PDF. */
async function printedLines(page: Page, region: ReturnType<Page['getByRole']>): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  try {
    expect(await region.isVisible(), 'the region is printed').toBe(true);
    const text = await region.evaluate((element) => (element as HTMLElement).innerText);
    return text.split('\n').map(squeeze).filter(Boolean);
  } finally {
    await page.emulateMedia({ media: null });
  }
}

/** The one page that holds all of `lines`, in order; fails when they are split or missing. */
function pageHolding(pages: PdfPage[], lines: string[], what: string): number {
  const whole = squeeze(lines.join(''));
  const index = pages.findIndex((page) => squeeze(page.text).includes(whole));
  expect(index, `${what} printed whole on one page: ${whole}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe('print views on A4', () => {
  it('prints the approved timesheet with its drawn signature and its totals on one page each, nothing cut', async () => {
    const month = previousMonth(previousMonth(new Date().toISOString().slice(0, 7)));
    const id = `asg-expert1:${month}`;
    const stored = (await session.onServer('timesheets')).find((doc) => doc.id === id);
    const signature = stored?.approval?.signature ?? '';
    expect(signature, 'the demo month carries a drawn signature').not.toBe('');
    const hours = (await session.onServer('logs'))
      .filter((log) => !log._deleted && log.assignmentId === 'asg-expert1' && log.date.startsWith(month))
      .reduce((sum, log) => sum + log.hours, 0);

    await app.openScreen(timesheetPath('asg-expert1', month), /Timesheet/);
    const page = app.page;
    await page.getByRole('img', { name: /Signature of/ }).waitFor();
    const approval = page.getByRole('region', { name: /Approved by/ });
    const totals = page.getByRole('region', { name: /Totals/ });
    const totalsLines = await printedLines(page, totals);
    const declarationLines = await printedLines(page, page.getByRole('region', { name: /Declaration/ }));
    expect(totalsLines.join(' '), 'the month’s hours among the totals').toContain(String(hours));
    const approvalHeading = squeeze((await approval.getByRole('heading').textContent()) ?? '');

    expect(await cutAtRightEdge(page)).toEqual([]);
    const pages = await printed(page);

    // The drawn signature is in the PDF as the very curve that was signed, beside its heading.
    const firstCurve =
      /C\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(signature);
    expect(firstCurve, 'the demo signature has a curve').not.toBeNull();
    const drawn = `${firstCurve!.slice(1).join(' ')} c`;
    const signedOn = pages.findIndex((pdfPage) => pdfPage.operators.includes(drawn));
    expect(signedOn, 'the signature drawn in the PDF').toBeGreaterThanOrEqual(0);
    expect(squeeze(pages[signedOn]!.text)).toContain(approvalHeading);

    pageHolding(pages, totalsLines, 'the totals');
    // The declaration and the fingerprint of the days it declares are one statement on paper.
    pageHolding(pages, declarationLines, 'the declaration');
    // Four days: heading, approval, days and totals fill page 1; the declaration and history page 2.
    expect(pages).toHaveLength(2);
  });

  it('prints the endorsed report with the endorsement and the activity totals on one page each, nothing cut', async () => {
    const stored = (await session.onServer('reports')).find((doc) => doc.id === 'asg-expert1:inception');
    expect(stored?.status).toBe('endorsed');
    const endorsedBy = stored?.decision?.kind === 'endorsed' ? stored.decision.fullName : '';
    expect(endorsedBy, 'the endorsement carries a typed name').toBeTruthy();

    await app.openScreen(reportPath('asg-expert1', 'inception'), /Inception report/);
    const page = app.page;
    const endorsement = page.getByRole('region', { name: /Endorsement/ });
    const activity = page.getByRole('region', { name: /Activity summary/ });
    const endorsementLines = await printedLines(page, endorsement);
    expect(endorsementLines.join(' ')).toContain(squeeze(endorsedBy!));
    const activityLines = await printedLines(page, activity);

    expect(await cutAtRightEdge(page)).toEqual([]);
    const pages = await printed(page);
    pageHolding(pages, endorsementLines, 'the endorsement');
    pageHolding(pages, activityLines, 'the activity summary');
    // Every section the expert wrote is printed in full (not the cut-off textarea).
    const all = squeeze(pages.map((pdfPage) => pdfPage.text).join(''));
    for (const [name, text] of Object.entries(stored!.sections)) {
      if (typeof text === 'string' && text) expect(all, `section ${name}`).toContain(squeeze(text));
    }
    // Long sections: the narrative fills page 1, the activity table and the rest page 2, the
    // endorsement and history page 3.
    expect(pages).toHaveLength(3);
  });

  it('wraps a long link in a day and in a draft report instead of cutting it at the edge', async () => {
    const page = app.page;
    await app.openScreen(assignmentPath('asg-expert1'), /Ministry of Energy and Water Resources/);
    await app.logToday({ hours: '1', activities: `Shared the records at ${LONG_LINK}` });
    await page.getByRole('button', { name: 'Save log' }).waitFor({ state: 'detached' });
    await app.openScreen(timesheetPath('asg-expert1', localIsoDate().slice(0, 7)), /Timesheet/);
    await page.getByText(LONG_LINK).first().waitFor();
    expect(await cutAtRightEdge(page)).toEqual([]);
    expect(squeeze((await printed(page)).map((pdfPage) => pdfPage.text).join(''))).toContain(LONG_LINK);

    const report = new ReportPage(page, session.server.url);
    await report.open('asg-expert1', 'midterm');
    await report.write('Summary', `The records are at ${LONG_LINK}`);
    await report.write('Evidence for objective 1', LONG_LINK);
    // Printed once both texts are on the server and back on screen: this test is about the page
    // layout. (In one CI run the print showed the summary as it was before typing, a moment after
    // it was saved: a report sync race under investigation, see the closing note of issue 9.)
    await waitUntil(async () => {
      const midterm = (await session.onServer('reports')).find((doc) => doc.id === 'asg-expert1:midterm');
      return (
        midterm?.sections.summary === `The records are at ${LONG_LINK}` &&
        midterm.sections.objectives[0]?.evidence === LONG_LINK
      );
    }, 'both texts on the server');
    await expect(report.section('Summary').inputValue()).resolves.toBe(`The records are at ${LONG_LINK}`);
    expect(await cutAtRightEdge(page)).toEqual([]);
    const all = squeeze((await printed(page)).map((pdfPage) => pdfPage.text).join(''));
    expect(all).toContain(squeeze(`The records are at ${LONG_LINK}`));
  });
});
