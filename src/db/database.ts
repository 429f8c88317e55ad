/**
 * The device database: one RxDB database (Dexie storage on IndexedDB) per signed-in user, named
 * by user id, so two people sharing a phone never see each other's data. The only module that
 * creates storage; the rest of the app goes through the collections it returns.
 */
import {
  addRxPlugin,
  createRxDatabase,
  removeRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import {
  COLLECTION_SCHEMAS,
  type Assignment,
  type CollectionName,
  type DailyLog,
  type Institution,
  type Report,
  type Timesheet,
} from '../shared/schemas';
import { createConflictHandler, RefusedRevertRegistry } from './conflicts';
import { refuseWritesOnceNewerVersion } from './newer-version';
import { replicatedMigrations, syncMarkSchema, type SyncMark } from './local-schemas';
import { keepClash, refusalMigrations, refusalSchema, type ClashRefusal, type Refusal } from './refusals';

// Replication runs in one tab only (the leader); the others see its writes through IndexedDB.
addRxPlugin(RxDBLeaderElectionPlugin);
// A phone keeps its database across app updates: a schema with a new version number migrates the
// stored documents when the collection opens (test/unit/schema-versions.test.ts guards the rule).
addRxPlugin(RxDBMigrationSchemaPlugin);
// A few values kept beside the collections, such as the programme targets (targets.ts): no
// collection of their own, since RxDB's open-source build caps the collections open at once.
addRxPlugin(RxDBLocalDocumentsPlugin);

export interface FieldbookCollections {
  assignments: RxCollection<Assignment>;
  logs: RxCollection<DailyLog>;
  timesheets: RxCollection<Timesheet>;
  reports: RxCollection<Report>;
  institutions: RxCollection<Institution>;
  refusals: RxCollection<Refusal>;
  sync_marks: RxCollection<SyncMark>;
}
export type FieldbookDatabase = RxDatabase<FieldbookCollections>;

export interface DeviceDatabase {
  db: FieldbookDatabase;
  userId: string;
  /** Shared with the push handler: documents whose last push the server refused. */
  refusedReverts: RefusedRevertRegistry;
}

export interface OpenOptions {
  /** Defaults to Dexie on the browser's IndexedDB; tests pass Dexie over fake-indexeddb. */
  storage?: RxStorage<unknown, unknown>;
  /** Dev-mode checks and schema validation: development builds and tests only. */
  devMode?: boolean;
  /** Tests that simulate two devices of one user in one process give each its own name. */
  name?: string;
}

export function databaseName(userId: string): string {
  // RxDB names must match ^[a-z][_$a-z0-9-]*$; user ids are opaque, so encode the rest.
  return `fieldbook-u${userId.toLowerCase().replace(/[^a-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

async function storageFor(options: OpenOptions): Promise<RxStorage<unknown, unknown>> {
  const base = options.storage ?? (getRxStorageDexie() as RxStorage<unknown, unknown>);
  // `import.meta.env.DEV` is a build-time constant: production bundles drop dev-mode entirely
  // (it loads an iframe from an external site and must never ship).
  // (Plain Node scripts such as the bench have no import.meta.env at all.)
  if (!(import.meta.env ? import.meta.env.DEV : false) || !options.devMode) return base;
  const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all([
    import('rxdb/plugins/dev-mode'),
    import('rxdb/plugins/validate-ajv'),
  ]);
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  return wrappedValidateAjvStorage({ storage: base }) as RxStorage<unknown, unknown>;
}

export async function openUserDatabase(userId: string, options: OpenOptions = {}): Promise<DeviceDatabase> {
  const storage = await storageFor(options);
  const db = await createRxDatabase<FieldbookCollections>({
    name: options.name ?? databaseName(userId),
    storage,
    multiInstance: true,
    closeDuplicates: true,
    localDocuments: true,
  });
  const refusedReverts = new RefusedRevertRegistry();
  const keepLostClash = (clash: ClashRefusal) => keepClash(db, clash);
  const replicated = (name: CollectionName) => ({
    schema: COLLECTION_SCHEMAS[name],
    migrationStrategies: replicatedMigrations[name],
    conflictHandler: createConflictHandler(name, refusedReverts, keepLostClash),
  });
  await db.addCollections({
    assignments: replicated('assignments'),
    logs: replicated('logs'),
    timesheets: replicated('timesheets'),
    reports: replicated('reports'),
    // A new collection: the others need no migration for it (officers only replicate it).
    institutions: replicated('institutions'),
    refusals: { schema: refusalSchema, migrationStrategies: refusalMigrations },
    sync_marks: { schema: syncMarkSchema },
  } as never);
  // An older tab must not write into storage a newer version has migrated away (newer-version.ts).
  refuseWritesOnceNewerVersion(db);
  return { db, userId, refusedReverts };
}

/** Signing out: the user's local data goes with them. */
export async function removeUserDatabase(device: DeviceDatabase): Promise<void> {
  await device.db.remove();
}

export async function removeDatabaseByUserId(userId: string, options: OpenOptions = {}): Promise<void> {
  await removeRxDatabase(databaseName(userId), options.storage ?? getRxStorageDexie());
}
