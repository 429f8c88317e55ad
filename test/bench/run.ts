/**
 * `npm run bench`: prints the speed and size figures of the built app and writes them to
 * bench-results/latest.md. Figures, not pass/fail: timed assertions flake on a busy machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { startTestServer } from '../helpers/test-server';
import { launchChromium } from '../e2e/browser';
import { measureFirstScreen } from './first-screen';
import { measureOnlineToServer } from './online-to-server';
import { measureSupervisorApproval, type WireCost } from './supervisor-approval';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const size = measureFirstScreen('dist');
const server = await startTestServer({ staticDir: 'dist' });
const browser = await launchChromium();
let timings: number[];
let approval: WireCost;
try {
  timings = await measureOnlineToServer(browser, server, RUNS);
  approval = await measureSupervisorApproval(browser, server);
} finally {
  await browser.close();
  await server.close();
}

const rows: [string, string][] = [
  ['First screen JS (gzip)', kb(size.jsGzipBytes)],
  ['First screen CSS (gzip)', kb(size.cssGzipBytes)],
  ['First screen HTML + JS + CSS (gzip)', kb(size.htmlGzipBytes + size.jsGzipBytes + size.cssGzipBytes)],
  [
    `Log reaches the server after going online (median of ${timings.length})`,
    `${median(timings).toFixed(0)} ms (runs: ${timings.map((t) => t.toFixed(0)).join(', ')})`,
  ],
  [
    'Supervisor: receive one submitted month + send the approval',
    `${approval.requests} HTTP requests, ${kb(approval.bytes)}`,
  ],
];
const table = [
  `Fieldbook bench — ${new Date().toISOString()}`,
  '',
  '| figure | value |',
  '| --- | --- |',
  ...rows.map(([name, value]) => `| ${name} | ${value} |`),
  '',
].join('\n');
console.log(table);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.md', table);
