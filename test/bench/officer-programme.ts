/**
 * A programme officer's phone and the whole programme (issue 10 §6): 200 experts over the four
 * countries and their sectors, each on one three-month assignment ending around today, with a
 * log on most working days (~12,000 logs) and their past months submitted or approved.
 *
 * - First sync over 3G: the app shell is installed first, counting starts at "Sign in" and ends
 *   when the sync bar says all changes are synced and the device's IndexedDB holds every document
 *   the server has for the officer. Requests and bytes are the page's, as in edge-first-sync.ts.
 * - The dashboard on that data with the CPU 4× slower: from a click on "Dashboard" in the header
 *   (app open, start-up sync done) until the figures per country and the work queues are drawn.
 *
 * Run alone: `npx tsx test/bench/officer-programme.ts` (BENCH_STATIC_DIR: the built app, default dist).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, localIsoDate } from '../../src/shared/dates';
import { COUNTRY_SECTORS, COUNTRIES, type Country } from '../../src/shared/reference-data';
import {
  assignmentMonths,
  snapshotHash,
  snapshotLogs,
  timesheetPeriod,
} from '../../src/shared/rules/timesheet-rules';
import {
  COLLECTION_NAMES,
  type Assignment,
  type CollectionName,
  type DailyLog,
  type Timesheet,
} from '../../src/shared/schemas';
import { timesheetId, type TimesheetHistoryEntry } from '../../src/shared/schemas/timesheet.schema';
import { DEMO_PASSWORD, DEMO_USERS, previousMonth } from '../../sync-server/src/seed';
import type { DocumentTransaction } from '../../sync-server/src/storage/types';
import { waitUntil } from '../helpers/devices';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { launchChromium } from '../e2e/browser';
import { NetworkMeter } from '../e2e/network-meter';
import { buildDataset } from './expert-dataset';
import { CPU_SLOWDOWN } from './offline-repeat-visit';

export const PROGRAMME_EXPERTS = 200;
/** Within MAX_ASSIGNMENT_DAYS (92). */
const ASSIGNMENT_DAYS = 90;
/**
 * End dates spread over three weeks, from 15 days ago to 5 days ahead: most assignments have
 * just ended, the rest end soon, so nearly all of the three months is logged.
 */
const END_SPREAD_DAYS = 21;
const DAYS_AFTER_TODAY = 5;
/** About one working day in twenty has no log (leave, travel, a day not written up). */
const MISSED_DAY_SHARE = 1 / 20;
/** Experts written per transaction: big enough to be quick, small enough not to hold 12,000 rows. */
const EXPERTS_PER_TRANSACTION = 50;
const DASHBOARD_RUNS = 3;
/** A first download of the whole programme over 3G takes minutes; a stuck one fails the bench. */
const SYNC_TIMEOUT_MS = 900_000;

/**
 * WebPageTest's "3G" link: 1.6 Mbit/s down, 750 kbit/s up (WebPageTest says 768), 300 ms round
 * trip. Chrome DevTools' "Fast 3G" has the same throughput scaled by 0.9 and a 562.5 ms latency;
 * the 300 ms here is the round trip as measured on the network, not DevTools' adjusted one.
 */
export const THREE_G = {
  offline: false,
  latency: 300,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
} as const;

const OFFICER = DEMO_USERS.find((user) => user.role === 'officer')!;
const SUPERVISORS = DEMO_USERS.filter((user) => user.role === 'supervisor');
const CITIES: Record<Country, string> = {
  Afghanistan: 'Kabul',
  Iraq: 'Erbil',
  Nigeria: 'Abuja',
  Somalia: 'Mogadishu',
};
const FIRST_NAMES = 'Amina Hassan Farah Ngozi Ahmad Layla Chidi Zainab Omar Halima'.split(' ');
const LAST_NAMES =
  'Yusuf Karimi Okafor Mohamed Rahimi Adeyemi Al-Jabouri Warsame Bello Hashimi Nwosu Aziz Ali Sultani Eze Jama Kareem Obi Noori Abdi'.split(
    ' ',
  );
/** Every country's sectors in turn, so each sector of the reference data has experts. */
const PLACES = COUNTRIES.flatMap((country) =>
  COUNTRY_SECTORS[country].map((sector) => ({ country, sector })),
);

/** One expert's assignment, logs and timesheets, as the server stores them. */
interface ExpertWork {
  expert: { id: string; email: string; name: string };
  assignment: Assignment;
  logs: DailyLog[];
  timesheets: Timesheet[];
}

/** A moment of `date` (ISO), never later than `now`: documents look written back then. */
function momentOf(date: string, time: string, now: Date): string {
  const moment = new Date(`${date}T${time}Z`);
  return (moment < now ? moment : now).toISOString();
}

function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

async function expertWork(index: number, today: string, now: Date, texts: DailyLog[]): Promise<ExpertWork> {
  const number = String(index + 1).padStart(3, '0');
  const { country, sector } = PLACES[index % PLACES.length]!;
  const supervisor = SUPERVISORS[index % SUPERVISORS.length]!;
  const expert = {
    id: `user-programme-expert-${number}`,
    email: `programme.expert${number}@bench.test`,
    name: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]}`,
  };
  const endDate = addDays(today, DAYS_AFTER_TODAY - (index % END_SPREAD_DAYS));
  const startDate = addDays(endDate, -(ASSIGNMENT_DAYS - 1));
  const city = CITIES[country];
  const assignment: Assignment = {
    id: `asg-programme-${number}`,
    expertId: expert.id,
    expertName: expert.name,
    institution: { name: `${sector} Office, ${city}`, country, sector },
    supervisorIds: [supervisor.id],
    supervisorNames: [supervisor.name],
    mode: index % 5 === 0 ? 'hybrid' : 'physical',
    startDate,
    endDate,
    objectives: [
      `Strengthen the ${sector.toLowerCase()} team's procedures and write them down.`,
      'Train staff so the work goes on after the assignment.',
    ],
    status: endDate < today ? 'completed' : 'active',
    createdAt: momentOf(addDays(startDate, -7), '09:00:00', now),
    updatedAt: momentOf(addDays(startDate, -7), '09:00:00', now),
  };

  const logs: DailyLog[] = [];
  const lastLogDay = endDate < today ? endDate : addDays(today, -1);
  for (let day = startDate, n = 0; day <= lastLogDay; day = addDays(day, 1), n += 1) {
    // A deterministic, uneven pattern of missed days, different for each expert.
    const missed = ((index * 31 + n * 7) % 97) / 97 < MISSED_DAY_SHARE;
    if (!isWorkingDay(day) || missed) continue;
    const text = texts[(index * 13 + n) % texts.length]!;
    const written = momentOf(day, '17:00:00', now);
    logs.push({
      ...text,
      id: `log-programme-${number}-${day}`,
      assignmentId: assignment.id,
      date: day,
      location: text.workMode === 'remote' ? `Home office (${city})` : assignment.institution.name,
      authorId: expert.id,
      createdAt: written,
      updatedAt: written,
    });
  }

  const thisMonth = today.slice(0, 7);
  const lastMonth = previousMonth(thisMonth);
  const timesheets: Timesheet[] = [];
  for (const month of assignmentMonths(assignment)) {
    if (month > thisMonth) break;
    const id = timesheetId(assignment.id, month);
    const draftAt = momentOf(`${month}-20`, '16:00:00', now);
    // The current month is still being logged; last month waits for two experts in three.
    if (month === thisMonth) {
      timesheets.push({
        id,
        assignmentId: assignment.id,
        month,
        status: 'draft',
        authorId: expert.id,
        createdAt: draftAt,
        updatedAt: draftAt,
      });
      continue;
    }
    const period = timesheetPeriod(assignment, month)!;
    const snapshotEntries = snapshotLogs(logs, assignment.id, period);
    const hash = await snapshotHash(assignment.id, month, snapshotEntries);
    // Submitted on the 1st of the following month, approved two days later.
    const following = nextMonth(month);
    const submittedAt = momentOf(`${following}-01`, '08:30:00', now);
    const approvedAt = momentOf(`${following}-03`, '10:15:00', now);
    const approved = month !== lastMonth || index % 3 === 0;
    const history: TimesheetHistoryEntry[] = [
      {
        at: submittedAt,
        byUserId: expert.id,
        byName: expert.name,
        role: 'expert',
        from: 'draft',
        to: 'submitted',
        hash,
      },
    ];
    if (approved) {
      history.push({
        at: approvedAt,
        byUserId: supervisor.id,
        byName: supervisor.name,
        role: 'supervisor',
        from: 'submitted',
        to: 'approved',
        hash,
      });
    }
    timesheets.push({
      id,
      assignmentId: assignment.id,
      month,
      status: approved ? 'approved' : 'submitted',
      submission: { declaration: true, fullName: expert.name, snapshot: { logs: snapshotEntries, hash } },
      ...(approved
        ? {
            approval: {
              fullName: supervisor.name,
              signature: 'M10 42 C 22 8, 34 8, 40 30 S 58 52, 70 20 L 92 36',
              hash,
            },
          }
        : {}),
      history,
      authorId: expert.id,
      createdAt: draftAt,
      updatedAt: approved ? approvedAt : submittedAt,
    });
  }
  return { expert, assignment, logs, timesheets };
}

function nextMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
}

async function writeWork(tx: DocumentTransaction, work: ExpertWork): Promise<void> {
  const write = async <K extends CollectionName>(
    collection: K,
    data: ExpertWork['assignment'] | DailyLog | Timesheet,
  ) =>
    tx.writeDocument({
      collection,
      id: data.id,
      assignmentId: work.assignment.id,
      data: data as never,
      deleted: false,
    });
  await write('assignments', work.assignment);
  for (const log of work.logs) await write('logs', log);
  for (const timesheet of work.timesheets) await write('timesheets', timesheet);
}

/**
 * The programme written straight into storage, in a few big transactions: the push endpoint
 * would take minutes for 12,000 logs, and what is measured is the officer's download, not the
 * experts' uploads. Returns how many logs it wrote.
 */
export async function seedProgramme(server: TestServer, now: Date = new Date()): Promise<number> {
  const today = localIsoDate(now);
  // Varied log texts, the same on every run, so byte counts compare across runs.
  const texts = buildDataset(today).logs;
  const works: ExpertWork[] = [];
  for (let index = 0; index < PROGRAMME_EXPERTS; index += 1)
    works.push(await expertWork(index, today, now, texts));
  for (const { expert } of works)
    await server.storage.createUser({ ...expert, role: 'expert', passwordHash: 'unused' });
  for (let first = 0; first < works.length; first += EXPERTS_PER_TRANSACTION) {
    await server.storage.transaction(async (tx) => {
      for (const work of works.slice(first, first + EXPERTS_PER_TRANSACTION)) await writeWork(tx, work);
    });
  }
  return works.reduce((sum, work) => sum + work.logs.length, 0);
}

/**
 * Rows of each replicated collection on the device, read from IndexedDB (RxDB's Dexie storage
 * keeps one database per collection, its documents in the `docs` store). A string, not a
 * function: tsx's compiled functions call helpers that do not exist in the page.
 */
const COUNT_ON_DEVICE = `(async () => {
  const collections = ${JSON.stringify(COLLECTION_NAMES)};
  const counts = {};
  for (const { name } of await indexedDB.databases()) {
    const match = /^rxdb-dexie-fieldbook-.*--\\d+--([a-z]+)$/.exec(name ?? '');
    if (!match || !collections.includes(match[1])) continue;
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    counts[match[1]] = await new Promise((resolve, reject) => {
      const request = db.transaction('docs', 'readonly').objectStore('docs').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
  }
  return counts;
})()`;

/** The sync bar's sentence, and whether a first download is still under way. */
const SYNC_BAR = `(() => {
  const status = [...document.querySelectorAll('[role="status"]')].find((s) => s.closest('.sync-bar'));
  return { text: status?.textContent ?? '', downloading: document.querySelector('.sync-download') !== null };
})()`;

async function settled(page: Page): Promise<boolean> {
  const bar = (await page.evaluate(SYNC_BAR)) as { text: string; downloading: boolean };
  return bar.text.includes('All changes synced') && !bar.downloading;
}

export interface OfficerSync {
  experts: number;
  logs: number;
  /** Every document the officer's device received: assignments, logs, timesheets, reports. */
  documents: number;
  syncMs: number;
  requests: number;
  upBytes: number;
  downBytes: number;
}

/** The officer's synced device, kept open for the dashboard figure. */
export interface OfficerDevice {
  server: TestServer;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function measureOfficerFirstSync(
  browser: Browser,
  staticDir = 'dist',
): Promise<OfficerSync & { device: OfficerDevice }> {
  // A server of its own, so the other figures keep the demo data exactly as seeded.
  const server = await startTestServer({ staticDir });
  let context: BrowserContext | undefined;
  try {
    const logs = await seedProgramme(server);
    const expected: Record<string, number> = {};
    for (const collection of COLLECTION_NAMES) {
      expected[collection] = await server.storage.countPullable({
        collection,
        afterSeq: 0,
        assignmentIds: 'all',
      });
    }
    context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const { meter, cdp } = await NetworkMeter.attach(page);
    await cdp.send('Network.emulateNetworkConditions', THREE_G);

    await page.goto(`${server.url}/login`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.getByLabel('Email').fill(OFFICER.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    meter.reset();
    const started = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitUntil(
      async () => {
        if (!(await settled(page))) return false;
        const counts = (await page.evaluate(COUNT_ON_DEVICE)) as Record<string, number>;
        return COLLECTION_NAMES.every((collection) => (counts[collection] ?? 0) >= expected[collection]!);
      },
      'every document of the programme on the device, all synced',
      SYNC_TIMEOUT_MS,
    );
    const syncMs = performance.now() - started;
    // The last, empty pull pages may still be on their way: count them whole.
    await waitUntil(
      () =>
        meter.overTheWire().every((request) => request.finished || request.url.endsWith('/api/sync/stream')),
      'the last pull pages',
      120_000,
    );
    await page.close();
    const openContext = context;
    return {
      experts: PROGRAMME_EXPERTS,
      logs,
      documents: Object.values(expected).reduce((sum, count) => sum + count, 0),
      syncMs,
      ...meter.totals(),
      device: {
        server,
        context: openContext,
        close: async () => {
          await openContext.close();
          await server.close();
        },
      },
    };
  } catch (error) {
    await context?.close();
    await server.close();
    throw error;
  }
}

/**
 * In the page: clicks the header's Dashboard link and resolves with the ms until the figures per
 * country and the work queues are in the document and the next frame has been drawn (a task
 * after requestAnimationFrame runs once that frame's layout and paint are done).
 */
const OPEN_DASHBOARD = `new Promise((resolve, reject) => {
  const link = [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === 'Dashboard');
  if (!link) return reject(new Error('No Dashboard link in the header'));
  const drawn = () =>
    document.getElementById('queues-title') !== null &&
    [...document.querySelectorAll('caption')].some((caption) => caption.textContent === 'Figures per country');
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!drawn()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  link.click();
})`;

/**
 * The dashboard on the officer's synced device, CPU throttled: each run opens the app in a new
 * tab, waits for its start-up sync to finish (so it does not share the CPU with the dashboard)
 * and times the dashboard from the click. The network is not throttled: the figures come from
 * the device.
 */
export async function measureDashboardRender(
  officer: OfficerDevice,
  runs = DASHBOARD_RUNS,
): Promise<number[]> {
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await officer.context.newPage();
    const cdp = await officer.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(`${officer.server.url}/`);
    await waitUntil(() => settled(page), 'the start-up sync', 120_000);
    timings.push((await page.evaluate(OPEN_DASHBOARD)) as number);
    await page.close();
  }
  return timings;
}

// npx tsx test/bench/officer-programme.ts  (BENCH_STATIC_DIR=/tmp/bench-dist for another build)
if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await launchChromium();
  try {
    const { device, ...sync } = await measureOfficerFirstSync(
      browser,
      process.env.BENCH_STATIC_DIR ?? 'dist',
    );
    try {
      const dashboard = await measureDashboardRender(device);
      console.log(
        `officer's first sync over 3G, ${sync.experts} experts, ${sync.logs} logs (${sync.documents} documents): ` +
          `${(sync.syncMs / 1000).toFixed(1)} s, ${sync.requests} requests, ` +
          `${(sync.downBytes / 1024).toFixed(1)} KB down, ${(sync.upBytes / 1024).toFixed(1)} KB up`,
      );
      console.log(
        `dashboard, CPU ${CPU_SLOWDOWN}× slower, click → figures drawn: ${dashboard.map((t) => t.toFixed(0)).join(', ')} ms`,
      );
    } finally {
      await device.close();
    }
  } finally {
    await browser.close();
  }
}
