/**
 * The randomized convergence test (tldraw's syncFuzz, Actual's sync property test): one seed
 * drives several simulated devices (sim-device.ts) of the demo users through edits, deletions,
 * timesheet and report decisions, offline windows, lost and duplicated replies and server
 * restarts between commit and reply, against the real server (fuzz-server.ts). After every step
 * the server's state must keep the rules (server-invariants.ts) and every acknowledged write must
 * be stored as sent and based on what the server held; a conflict or refusal must leave the device
 * with the server's version and never drop what the user typed without keeping it aside. After a
 * final settle every device holds exactly what the server holds for it, with nothing pending and
 * every change the user made either on the server or kept aside. A failure names its seed and the
 * steps that led there.
 */
import { addDays } from '../../src/shared/dates';
import { OFFICERS_ONLY, canReadAssignment, isOfficersOnly } from '../../src/shared/rules/access';
import {
  API_PATHS,
  type PullResponse,
  type PushResponse,
  type PushRow,
} from '../../src/shared/sync/protocol';
import { deepEqualDocs } from '../../src/db/doc-equality';
import { COLLECTION_NAMES, type Assignment, type CollectionName } from '../../src/shared/schemas';
import { same } from '../../src/shared/sync/merge';
import { revisionOf } from '../../src/shared/sync/revision';
import { DEMO_USERS } from '../../sync-server/src/seed';
import { toSyncDocument } from '../../sync-server/src/sync/documents';
import type { StoredDocument } from '../../sync-server/src/storage/types';
import { act, type ActionContext } from './device-actions';
import { FUZZ_NOW, FuzzServer } from './fuzz-server';
import { Random } from './prng';
import { ServerObserver, serverDocuments } from './server-invariants';
import { FuzzFailure, SimDevice, type Doc, type Transport } from './sim-device';

export interface FuzzOptions {
  /** Steps before the final settle (default 40). */
  steps?: number;
  /** Print the trace of every run, not only of a failing one. */
  verbose?: boolean;
}

export interface RunStats {
  seed: number;
  devices: number;
  actions: number;
  syncs: number;
  requests: number;
  lostReplies: number;
  duplicated: number;
  restarts: number;
  conflicts: number;
  refusals: number;
  keptAside: number;
  settleRounds: number;
}

const user = (id: string) => DEMO_USERS.find((u) => u.id === id)!;
const SETTLE_MAX_ROUNDS = 25;
/** Each demo user's device state right after signing in: every run starts from the same data. */
const signedIn = new Map<string, unknown>();

type Fault = 'none' | 'lost' | 'restart' | 'duplicate';

export async function runSeed(seed: number, options: FuzzOptions = {}): Promise<RunStats> {
  const rng = new Random(seed);
  const trace: string[] = [];
  const log = (line: string) => trace.push(line);
  const server = await FuzzServer.start(`${process.pid}-${seed}`);
  const stats: RunStats = {
    seed,
    devices: 0,
    actions: 0,
    syncs: 0,
    requests: 0,
    lostReplies: 0,
    duplicated: 0,
    restarts: 0,
    conflicts: 0,
    refusals: 0,
    keptAside: 0,
    settleRounds: 0,
  };
  let faultsOn = true;
  const fault = (): Fault => {
    if (!faultsOn) return 'none';
    const roll = rng.next();
    return roll < 0.05 ? 'lost' : roll < 0.065 ? 'restart' : roll < 0.11 ? 'duplicate' : 'none';
  };
  const observer = new ServerObserver();
  let typing: ActionContext | undefined;

  const transport: Transport = {
    async push(device, collection, rows) {
      const wire = rows.map((row) => ({
        newDocumentState: row.newDocumentState,
        assumedRevision: row.assumedMasterState ? revisionOf(row.assumedMasterState) : undefined,
      }));
      const chosen = fault();
      let body = await checkedPush(server, device, collection, wire, stats);
      if (chosen === 'duplicate') {
        stats.duplicated += 1;
        const again = await checkedPush(server, device, collection, wire, stats);
        if (rng.chance(0.5)) body = again;
      }
      const refused = body.rejections.map((r) => `${r.id} ${r.code}: ${r.message.slice(0, 60)}`);
      log(
        `  ${device.name} pushes ${collection} ${rows.map((r) => r.newDocumentState.id).join(' ')}: ` +
          `${body.conflicts.length} conflicts${refused.length ? `; refused ${refused.join('; ')}` : ''}`,
      );
      // The user goes on typing while the push is out: the reply meets a changed document.
      if (typing && faultsOn && rng.chance(0.08)) {
        const done = await act(device, typing);
        if (done) log(`  while the push is out, ${device.name} ${done}`);
      }
      return deliver(chosen, body, `${device.name} push ${collection} (${rows.length})`);
    },
    async pull(device, collection, checkpoint, limit) {
      const query = `${checkpoint ? `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&` : ''}limit=${limit}`;
      const url = `${API_PATHS.pull(collection)}?${query}`;
      const chosen = fault();
      stats.requests += 1;
      let reply = await server.request('GET', url, device.user.id);
      if (chosen === 'duplicate') {
        stats.duplicated += 1;
        stats.requests += 1;
        reply = await server.request('GET', url, device.user.id);
      }
      if (reply.statusCode !== 200)
        throw new FuzzFailure(`pull answered ${reply.statusCode}: ${JSON.stringify(reply.body)}`);
      return deliver(chosen, reply.body as PullResponse, `${device.name} pull ${collection}`);
    },
  };
  const deliver = async <T>(chosen: Fault, body: T, what: string): Promise<T | 'lost'> => {
    if (chosen === 'lost' || chosen === 'restart') {
      stats.lostReplies += 1;
      if (chosen === 'restart') {
        await server.restart();
        stats.restarts += 1;
      }
      log(`  ${what}: reply lost${chosen === 'restart' ? ' (server restarted after the commit)' : ''}`);
      return 'lost';
    }
    return body;
  };

  try {
    const devices = makeDevices(rng);
    stats.devices = devices.length;
    log(`devices: ${devices.map((d) => d.name).join(', ')}`);
    // Signing in: the first full pull, in big pages so that a thousand runs stay quick.
    faultsOn = false;
    for (const device of devices) {
      const known = signedIn.get(device.user.id);
      if (known) {
        device.importSynced(known);
        continue;
      }
      const limit = device.pullLimit;
      device.pullLimit = 100;
      await device.sync(transport, () => false);
      device.pullLimit = limit;
      signedIn.set(device.user.id, device.exportSynced());
    }
    const afterSignIn = stats.requests;
    faultsOn = true;

    const today = FUZZ_NOW.toISOString().slice(0, 10);
    const asg = (await serverDocuments(server.storage, 'assignments')).map((doc) => doc.data as Assignment);
    const start = asg[0]!.startDate;
    const span = Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000);
    const hotDates = Array.from({ length: 5 }, () => addDays(start, rng.int(span + 1)));
    let counter = 0;
    const ctx: ActionContext = { rng, today, hotDates, nextId: () => `log-fuzz-${seed}-${(counter += 1)}` };
    typing = ctx;

    const steps = options.steps ?? 40;
    for (let step = 0; step < steps; step += 1) {
      const device = rng.pick(devices);
      const roll = rng.next();
      if (roll < 0.02) {
        await server.restart();
        stats.restarts += 1;
        log(`${step}: server restarts`);
      } else if (roll < 0.05) {
        device.restartApp();
        log(`${step}: ${device.name} closes the app and opens it again`);
      } else if (roll < 0.12) {
        device.offlineUntilStep = step + 1 + rng.int(10);
        log(`${step}: ${device.name} goes offline until step ${device.offlineUntilStep}`);
      } else if (roll < 0.7) {
        const done = await act(device, ctx);
        if (done) {
          stats.actions += 1;
          log(`${step}: ${device.name} ${done}`);
        }
      } else if (device.offlineUntilStep <= step) {
        stats.syncs += 1;
        log(`${step}: ${device.name} syncs`);
        await device.sync(transport, () => rng.chance(0.5));
      }
      await observer.check(server.storage, server.now());
    }

    const afterSteps = stats.requests;
    faultsOn = false;
    log('settle');
    for (;;) {
      stats.settleRounds += 1;
      if (stats.settleRounds > SETTLE_MAX_ROUNDS) {
        throw new FuzzFailure(`devices still exchange changes after ${SETTLE_MAX_ROUNDS} rounds of syncing`);
      }
      let moved = 0;
      for (const device of devices) moved += (await device.sync(transport, () => true)) as number;
      await observer.check(server.storage, server.now());
      if (moved === 0) break;
    }
    for (const device of devices) await checkConverged(device, server);
    for (const device of devices) {
      stats.conflicts += device.stats.conflicts;
      stats.refusals += device.stats.refusals;
      stats.keptAside += device.stats.keptAside;
    }
    log(
      `requests: sign-in ${afterSignIn}, steps ${afterSteps - afterSignIn}, settle ${stats.requests - afterSteps}`,
    );
    if (options.verbose) console.log(`seed ${seed}\n${trace.join('\n')}`);
    return stats;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = new FuzzFailure(
      `seed ${seed}: ${message}\nreplay: npm run fuzz -- --seed ${seed} --runs 1 --verbose\n${trace.slice(-60).join('\n')}`,
    );
    failure.stack = `${failure.message}\n${error instanceof Error ? error.stack : ''}`;
    throw failure;
  } finally {
    await server.close();
  }
}

function makeDevices(rng: Random): SimDevice[] {
  const ids = ['user-expert1', 'user-expert1', 'user-supervisor1', 'user-officer'];
  for (const extra of ['user-expert2', 'user-supervisor2', 'user-expert1', 'user-expert2']) {
    if (rng.chance(0.5)) ids.push(extra);
  }
  const counts = new Map<string, number>();
  return ids.map((id) => {
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    return new SimDevice(`${id.replace('user-', '')}#${n}`, user(id), rng.pick([3, 20, 100]));
  });
}

/**
 * The push, with what the server did checked against what it answered: a row it acknowledged
 * (not in `conflicts`) is stored with that content, and if it was written, it was based on the
 * version the server held (SP-3) — so no acknowledged write is ever overwritten unseen. A row
 * it did not acknowledge changed nothing.
 */
async function checkedPush(
  server: FuzzServer,
  device: SimDevice,
  collection: CollectionName,
  wire: PushRow[],
  stats: RunStats,
): Promise<PushResponse> {
  const ids = wire.map((row) => row.newDocumentState.id);
  const read = async () => Promise.all(ids.map((id) => server.storage.getDocument(collection, id)));
  const before = await read();
  stats.requests += 1;
  const reply = await server.request('POST', API_PATHS.push(collection), device.user.id, wire);
  if (reply.statusCode !== 200) {
    throw new FuzzFailure(
      `${device.name} push ${collection} answered ${reply.statusCode}: ${JSON.stringify(reply.body)}`,
    );
  }
  const body = reply.body as PushResponse;
  const after = await read();
  const unacknowledged = new Set(body.conflicts.map((doc) => doc.id));
  wire.forEach((row, i) => {
    const was: StoredDocument | undefined = before[i];
    const now: StoredDocument | undefined = after[i];
    const where = `${device.name} push ${collection}/${row.newDocumentState.id}`;
    const written = now?.seq !== was?.seq;
    if (unacknowledged.has(row.newDocumentState.id)) {
      if (written) throw new FuzzFailure(`${where}: not acknowledged, yet the server wrote it`);
      return;
    }
    if (!now || revisionOf(toSyncDocument(now)) !== revisionOf(row.newDocumentState)) {
      throw new FuzzFailure(`${where}: acknowledged, but the server holds other content`);
    }
    if (written && was && row.assumedRevision !== revisionOf(toSyncDocument(was))) {
      throw new FuzzFailure(`${where}: written over a version the device had not seen (a lost update)`);
    }
  });
  return body;
}

/** After the settle: nothing pending, and the device's documents are the server's, exactly. */
async function checkConverged(device: SimDevice, server: FuzzServer): Promise<void> {
  const dropped = device.unsettledChanges();
  if (dropped.length > 0) {
    throw new FuzzFailure(
      `${device.name} dropped the user's change to ${dropped.join(', ')} without keeping it aside`,
    );
  }
  if (device.pendingCount() > 0)
    throw new FuzzFailure(`${device.name} still has ${device.pendingCount()} pending changes`);
  const assignments = new Map(
    (await serverDocuments(server.storage, 'assignments')).map((doc) => [doc.id, doc.data as Assignment]),
  );
  for (const collection of COLLECTION_NAMES) {
    const expected = new Map<string, Doc>();
    for (const doc of await serverDocuments(server.storage, collection)) {
      // IN-1: a host institution names nobody but officers, whatever its key.
      const access = isOfficersOnly(collection) ? OFFICERS_ONLY : assignments.get(doc.assignmentId);
      if (!doc.deleted && access && canReadAssignment(device.user, access)) {
        expected.set(doc.id, toSyncDocument(doc) as unknown as Doc);
      }
    }
    const held = new Map(device.live(collection).map((doc) => [doc.id, doc]));
    for (const [id, doc] of expected) {
      const mine = held.get(id);
      if (!mine) throw new FuzzFailure(`${device.name} lacks ${collection}/${id}`);
      if (!deepEqualDocs(mine, doc)) {
        const keys = [...new Set([...Object.keys(mine), ...Object.keys(doc)])].filter(
          (key) => !same(mine[key], doc[key]),
        );
        throw new FuzzFailure(
          `${device.name} holds another version of ${collection}/${id} (${keys.join(', ')} differ):\n` +
            `  device ${JSON.stringify(mine)}\n  server ${JSON.stringify(doc)}`,
        );
      }
    }
    for (const id of held.keys()) {
      if (!expected.has(id))
        throw new FuzzFailure(`${device.name} holds ${collection}/${id}, which the server does not`);
    }
  }
}

/** Runs `runs` seeds from `firstSeed`; stops at the first failure. */
export async function runSeeds(
  firstSeed: number,
  runs: number,
  options: FuzzOptions = {},
): Promise<RunStats[]> {
  const results: RunStats[] = [];
  for (let seed = firstSeed; seed < firstSeed + runs; seed += 1) results.push(await runSeed(seed, options));
  return results;
}
