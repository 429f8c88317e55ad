/**
 * `npm run bench`: prints the speed and size figures of the built app and writes them to
 * bench-results/latest.md. Figures, not pass/fail: timed assertions flake on a busy machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { startTestServer } from '../helpers/test-server';
import { launchChromium } from '../e2e/browser';
import { measureFirstScreen, measureSignedInHome } from './first-screen';
import { measureOnlineToServer } from './online-to-server';
import { measureSupervisorApproval, type WireCost } from './supervisor-approval';
import { CPU_SLOWDOWN, measureOfflineRepeatVisit } from './offline-repeat-visit';
import { measureEdgeFirstSync, type EdgeSync } from './edge-first-sync';
import { measureDashboardRender, measureOfficerFirstSync, type OfficerSync } from './officer-programme';
import { auditWithLighthouse, type LighthouseScores } from './lighthouse-audit';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const runsOf = (values: number[]) =>
  `${median(values).toFixed(0)} ms (runs: ${values.map((t) => t.toFixed(0)).join(', ')})`;

const size = measureFirstScreen('dist');
const home = measureSignedInHome('dist');
// A repeat visit shows last visit's list before the database code has loaded (home-snapshot.ts).
const homeShown = measureSignedInHome('dist', []);
const server = await startTestServer({ staticDir: 'dist' });
const browser = await launchChromium();
let timings: number[];
let approval: WireCost;
let offlineVisit: number[];
let edge: EdgeSync;
let officer: OfficerSync;
let dashboard: number[];
let audit: LighthouseScores | Error;
try {
  timings = await measureOnlineToServer(browser, server, RUNS);
  approval = await measureSupervisorApproval(browser, server);
  offlineVisit = await measureOfflineRepeatVisit(browser, server, RUNS);
  edge = await measureEdgeFirstSync(browser);
  const { device: officerDevice, ...officerSync } = await measureOfficerFirstSync(browser);
  try {
    dashboard = await measureDashboardRender(officerDevice);
  } finally {
    await officerDevice.close();
  }
  officer = officerSync;
  // Its own Chromium; a failure is printed as the figure instead of hiding the others.
  audit = await auditWithLighthouse(`${server.url}/`).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
} finally {
  await browser.close();
  await server.close();
}

const rows: [string, string][] = [
  ['First screen JS (gzip)', kb(size.jsGzipBytes)],
  ['First screen CSS (gzip)', kb(size.cssGzipBytes)],
  ['First screen HTML + JS + CSS (gzip)', kb(size.htmlGzipBytes + size.jsGzipBytes + size.cssGzipBytes)],
  [
    'Signed-in home JS before its list shows, repeat visit (gzip): entry and its imports',
    kb(homeShown.jsGzipBytes),
  ],
  [
    'Signed-in start JS in all (gzip): + database and sync, loaded while the list shows',
    kb(home.jsGzipBytes),
  ],
  [
    `Log reaches the server after going online (median of ${timings.length})`,
    `${median(timings).toFixed(0)} ms (runs: ${timings.map((t) => t.toFixed(0)).join(', ')})`,
  ],
  [
    'Supervisor: receive one submitted month + send the approval',
    `${approval.requests} HTTP requests, ${kb(approval.bytes)}`,
  ],
  [
    `Repeat visit offline, CPU ${CPU_SLOWDOWN}× slower: navigation start → assignment link visible (median of ${offlineVisit.length})`,
    runsOf(offlineVisit),
  ],
  [
    `Fresh device over EDGE (240 kbit/s, 840 ms RTT): sign-in → ${edge.logs} logs on the device, all synced`,
    `${(edge.syncMs / 1000).toFixed(1)} s`,
  ],
  [
    'Fresh device over EDGE: HTTP requests over the network, bytes down / up (stream included)',
    `${edge.requests} requests, ${kb(edge.downBytes)} down, ${kb(edge.upBytes)} up`,
  ],
  [
    'Bytes per log on the wire (log pulls ÷ logs) vs one log’s JSON gzipped alone (average)',
    `${edge.wireBytesPerLog.toFixed(0)} B vs ${edge.gzipBytesPerLog.toFixed(0)} B`,
  ],
  [
    `Officer’s first sync over 3G (1.6 Mbit/s down, 750 kbit/s up, 300 ms RTT): sign-in → ${officer.experts} experts’ programme, ${officer.logs} logs (${officer.documents} documents) on the device, all synced`,
    `${(officer.syncMs / 1000).toFixed(1)} s`,
  ],
  [
    'Officer’s first sync over 3G: HTTP requests over the network, bytes down / up (stream included)',
    `${officer.requests} requests, ${kb(officer.downBytes)} down, ${kb(officer.upBytes)} up`,
  ],
  [
    `Officer’s dashboard on that programme, CPU ${CPU_SLOWDOWN}× slower: click → figures and work queues drawn (median of ${dashboard.length})`,
    runsOf(dashboard),
  ],
  // Its own in-process server, measured after the browser runs so they do not share the CPU.
  ...(await (await import('./stream-load')).streamLoadRows()),
  ...(await (await import('./stream-bytes')).streamBytesRows()),
  ...(await (await import('./push-throughput')).pushThroughputRows()),
  // The app's sync code in Node, each scenario in a child process of its own.
  ...(await (await import('./device-sync')).deviceSyncRows()),
  ...lighthouseRows(audit),
];
function lighthouseRows(result: LighthouseScores | Error): [string, string][] {
  if (result instanceof Error) return [['Lighthouse mobile audit', `could not run: ${result.message}`]];
  const { scores } = result;
  return [
    [
      `Lighthouse ${result.lighthouseVersion} mobile (simulated throttling), ${new URL(result.url).pathname}`,
      `performance ${scores.performance}, accessibility ${scores.accessibility}, best practices ${scores['best-practices']}, SEO ${scores.seo}`,
    ],
    ['Lighthouse audits below 90', result.weakAudits.join('; ') || 'none'],
  ];
}

const table = [
  `Fieldbook bench — ${new Date().toISOString()}`,
  '',
  '| figure | value |',
  '| --- | --- |',
  ...rows.map(([name, value]) => `| ${name} | ${value} |`),
  '',
  'Fresh device over EDGE, requests over the network:',
  '',
  '```',
  edge.breakdown,
  '```',
  '',
  'Signed-in home JS, chunk by chunk (gzip):',
  '',
  '```',
  ...home.chunks.map((chunk) => `${kb(chunk.gzipBytes).padStart(9)}  ${chunk.file}  (${chunk.via})`),
  '```',
  '',
].join('\n');
console.log(table);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.md', table);
