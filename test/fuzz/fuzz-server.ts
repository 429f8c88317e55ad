/**
 * The real sync server for the convergence fuzz (test/fuzz/sync-fuzz.ts): buildApp in-process,
 * reached with `app.inject`, on a SQLite file in memory-backed /dev/shm where there is one.
 *
 * Seeding the demo data hashes five passwords (scrypt), far too slow for a thousand runs, so it is
 * done once into a template file with a bearer token per demo user stored beside it; every run
 * copies the template. The server clock is fixed (FUZZ_TODAY) and moves one second per request,
 * so a seed replays the same run on any day.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../src/shared/sync/protocol';
import { buildApp } from '../../sync-server/src/app';
import { hashToken } from '../../sync-server/src/auth/tokens';
import { DEMO_USERS, seedDemoData } from '../../sync-server/src/seed';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite';

/** The server's "now" at the start of every run: mid-month, so the current month has days. */
export const FUZZ_NOW = new Date('2026-06-20T10:00:00Z');

/** A bearer token per demo user, stored (hashed) in the template. */
export function fuzzToken(userId: string): string {
  return `fuzz-token-${userId}-0123456789abcdef`;
}

let template: { dir: string; file: string } | undefined;

function scratchRoot(): string {
  // tmpfs: a commit costs no disk flush, which is most of a push on a busy machine.
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Seeds the template once per process. */
async function templateFile(): Promise<{ dir: string; file: string }> {
  if (template) return template;
  const dir = mkdtempSync(path.join(scratchRoot(), 'fieldbook-fuzz-'));
  const file = path.join(dir, 'template.sqlite');
  const storage = new SqliteStorage({ path: file });
  await seedDemoData(storage, FUZZ_NOW);
  for (const user of DEMO_USERS) {
    await storage.saveToken({
      tokenHash: hashToken(fuzzToken(user.id)),
      userId: user.id,
      createdAt: FUZZ_NOW,
      expiresAt: new Date('2099-01-01T00:00:00Z'),
      revokedAt: null,
    });
  }
  // Closing the last connection folds the WAL into the file, so a plain copy is complete.
  await storage.close();
  template = { dir, file };
  return template;
}

/** Removes the template (the CLI calls it at exit; vitest workers just leave /dev/shm tidy-ish). */
export function removeTemplate(): void {
  if (template) rmSync(template.dir, { recursive: true, force: true });
  template = undefined;
}

export interface InjectReply {
  statusCode: number;
  body: unknown;
}

/** One server on its own copy of the seeded database. */
export class FuzzServer {
  app!: FastifyInstance;
  storage!: SqliteStorage;
  restarts = 0;
  private current = FUZZ_NOW.getTime();
  private constructor(private readonly file: string) {}

  static async start(runId: string): Promise<FuzzServer> {
    const { dir, file } = await templateFile();
    const copy = path.join(dir, `run-${runId}.sqlite`);
    copyFileSync(file, copy);
    const server = new FuzzServer(copy);
    server.open();
    return server;
  }

  now(): Date {
    return new Date(this.current);
  }

  private open(): void {
    this.storage = new SqliteStorage({ path: this.file });
    this.app = buildApp({ storage: this.storage, now: () => new Date(this.current) });
  }

  /** A fresh process on the same database: whatever was committed stays, nothing else. */
  async restart(): Promise<void> {
    await this.app.close();
    await this.storage.close();
    this.restarts += 1;
    this.open();
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    userId: string,
    payload?: unknown,
  ): Promise<InjectReply> {
    this.current += 1000;
    const response = await this.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${fuzzToken(userId)}`,
        [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });
    return { statusCode: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.storage.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.file}${suffix}`, { force: true });
  }
}
