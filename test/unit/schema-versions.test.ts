/**
 * Phones in the field keep their database across app updates. RxDB refuses to open a collection
 * whose schema changed under the same version, which would leave the app unable to start with
 * the user's unsynced entries inside. So a schema may only change together with a new version
 * number and a migration strategy (RxDB's migration-schema plugin, docs/architecture.md); this
 * test fails on any change of a schema, and then shows the new fingerprint to record here.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { replicatedMigrations, syncMarkSchema } from '../../src/db/local-schemas';
import { refusalMigrations, refusalSchema } from '../../src/db/refusals';
import { COLLECTION_SCHEMAS } from '../../src/shared/schemas';
import { canonicalJson } from '../../src/shared/sync/merge';

/**
 * Every shipped version of every schema and its fingerprint. A changed schema gets a new version
 * and a new line here; lines of versions that shipped are never edited.
 */
const SHIPPED: Record<string, Record<number, string>> = {
  assignments: { 0: 'dba55583c28366ee', 1: '102ec5d9c96a8a83' },
  logs: { 0: 'a9abf62e515f5524' },
  timesheets: { 0: 'b5ecc2dc0edf2294' },
  reports: { 0: 'e2328e63bad33d86', 1: '036b3c81fb2950fd' },
  refusals: { 0: 'fce3c94f41f4f567', 1: 'b883c5235fc6ccb7', 2: '89bdd1e5273ce610', 3: '396d41900949d448' },
  sync_marks: { 0: '02df3919695cf343' },
  institutions: { 0: '8781f13e2e6727ab' },
  targets: { 0: 'f7b2933c8ca7243b' },
};

/** The migration strategies each collection is opened with (src/db/database.ts). */
const MIGRATIONS: Record<string, Record<number, unknown> | undefined> = {
  ...replicatedMigrations,
  refusals: refusalMigrations,
};

const schemas = { ...COLLECTION_SCHEMAS, refusals: refusalSchema, sync_marks: syncMarkSchema };

describe('device database schemas', () => {
  it.each(Object.entries(schemas))('%s changes only with a new version and its migration', (name, schema) => {
    const fingerprint = createHash('sha256').update(canonicalJson(schema)).digest('hex').slice(0, 16);
    expect(fingerprint, `fingerprint of ${name} v${schema.version}`).toBe(SHIPPED[name]?.[schema.version]);
    for (let version = 1; version <= schema.version; version += 1) {
      expect(typeof MIGRATIONS[name]?.[version], `migration of ${name} to v${version}`).toBe('function');
    }
  });
});
