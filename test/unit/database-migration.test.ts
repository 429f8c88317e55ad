/**
 * An app update with a new schema version opens the phone's existing database and keeps what is
 * in it: here a refusal, a report and an assignment stored under version 0 of their schemas, and
 * refusals stored under version 1, opened by the current app.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { expect, it } from 'vitest';
import { openUserDatabase } from '../../src/db/database';
import { clashingSections, refusalSchema } from '../../src/db/refusals';
import { newReport } from '../../src/shared/rules/report-rules';
import { COLLECTION_SCHEMAS } from '../../src/shared/schemas';

/** The phone's database as the current app opens it, migrations and all. */
function openUpdatedApp(storage: ReturnType<typeof getRxStorageDexie>) {
  return openUserDatabase('user-expert1', { storage: storage as never, name: 'phone', devMode: true });
}

it('keeps the refusals stored by an older schema version when the updated app opens the database', async () => {
  const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
  const refusal = {
    id: 'logs:log-1:1',
    collectionName: 'logs',
    docId: 'log-1',
    attempted: JSON.stringify({ id: 'log-1', activities: 'Typed in the field' }),
    code: 'forbidden' as const,
    message: 'This day is locked.',
    at: '2026-11-20T10:00:00.000Z',
  };
  const before = await createRxDatabase({ name: 'phone', storage, multiInstance: false });
  // The schema as version 0 shipped it.
  const { fields: _addedInV2, ...propertiesZero } = refusalSchema.properties;
  const versionZero = {
    ...refusalSchema,
    version: 0,
    properties: { ...propertiesZero, docId: { type: 'string', maxLength: 64 } },
  };
  // Reports as version 0 shipped them: a decision did not name the text it was made on.
  const reportsZero = structuredClone(COLLECTION_SCHEMAS.reports) as unknown as {
    version: number;
    properties: { decision: { properties: Record<string, unknown> } };
  };
  reportsZero.version = 0;
  delete reportsZero.properties.decision.properties.sectionsRevision;
  const report = {
    ...newReport({ id: 'asg-1', objectives: ['Train the borehole team'] }, 'inception'),
    status: 'endorsed' as const,
    decision: { kind: 'endorsed' as const, comment: 'As agreed.' },
  };
  // Assignments as version 0 shipped them: no daily rate of their own.
  const assignmentsZero = structuredClone(COLLECTION_SCHEMAS.assignments) as unknown as {
    version: number;
    properties: Record<string, unknown>;
  };
  assignmentsZero.version = 0;
  delete assignmentsZero.properties.dailyRateEur;
  delete assignmentsZero.properties.institutionId;
  const assignment = {
    id: 'asg-1',
    expertId: 'user-expert1',
    expertName: 'Amina Expert',
    institution: { name: 'Ministry of Health', country: 'Somalia', sector: 'Water' },
    supervisorIds: [],
    supervisorNames: [],
    mode: 'physical',
    startDate: '2026-10-01',
    endDate: '2026-12-20',
    objectives: ['Train the borehole team'],
    status: 'active',
  };
  await before.addCollections({
    refusals: { schema: versionZero as never },
    reports: { schema: reportsZero as never },
    assignments: { schema: assignmentsZero as never },
  });
  await before.collections.refusals!.insert(refusal);
  await before.collections.reports!.insert(report);
  await before.collections.assignments!.insert(assignment);
  await before.close();

  const after = await openUpdatedApp(storage);
  try {
    const kept = await after.db.refusals.findOne(refusal.id).exec();
    expect(kept?.toJSON()).toEqual(refusal);
    expect((await after.db.reports.findOne(report.id).exec())?.toJSON()).toEqual(report);
    expect((await after.db.assignments.findOne(assignment.id).exec())?.toJSON()).toEqual(assignment);
    // What version 1 allows: the id of a report (up to 80 characters).
    const longId = `${'a'.repeat(64)}:inception`;
    await after.db.refusals.insert({
      ...refusal,
      id: `reports:${longId}:2`,
      collectionName: 'reports',
      docId: longId,
    });
    expect(await after.db.refusals.count().exec()).toBe(2);
  } finally {
    await after.db.close();
  }
});

it('reads the clashing report sections of a refusal stored by version 1 out of its message, once', async () => {
  const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
  const report = newReport({ id: 'asg-1', objectives: ['Train the borehole team'] }, 'inception');
  const current = { ...report, sections: { ...report.sections, summary: 'Server text', outputs: 'Merged' } };
  const base = {
    collectionName: 'reports',
    docId: report.id,
    code: 'conflict' as const,
    at: '2026-11-20T10:00:00.000Z',
  };
  // Version 1 named the clashing sections only in the message.
  const clash = {
    ...base,
    id: 'reports:clash',
    // Outputs differ too: the other device changed them alone, which merged cleanly.
    attempted: JSON.stringify({ ...report, sections: { ...report.sections, summary: 'Phone text' } }),
    message:
      '“Summary” was also changed on another device. Both versions are kept: choose one or combine them.',
  };
  const refused = {
    ...base,
    id: 'reports:refused',
    attempted: JSON.stringify(report),
    code: 'rule' as const,
    message: 'This report is submitted and locked for editing.',
  };
  const logRefusal = {
    ...base,
    id: 'logs:log-1',
    collectionName: 'logs',
    docId: 'log-1',
    attempted: JSON.stringify({ id: 'log-1', activities: 'Typed in the field' }),
    message: 'Changed on another device at the same time (activities). The other version was kept.',
  };
  // Validated, as dev mode (on since the test above) requires of every database.
  const before = await createRxDatabase({
    name: 'phone',
    storage: wrappedValidateAjvStorage({ storage }),
    multiInstance: false,
  });
  const { fields: _addedInV2, ...propertiesOne } = refusalSchema.properties;
  await before.addCollections({
    refusals: {
      schema: { ...refusalSchema, version: 1, properties: propertiesOne } as never,
      migrationStrategies: { 1: (refusal: unknown) => refusal },
    },
  });
  await before.collections.refusals!.bulkInsert([clash, refused, logRefusal]);
  await before.close();

  const after = await openUpdatedApp(storage);
  try {
    const stored = async (id: string) => (await after.db.refusals.findOne(id).exec())?.toJSON();
    expect(await stored(clash.id)).toEqual({ ...clash, fields: ['summary'] });
    expect(clashingSections((await stored(clash.id))!, current)).toEqual(['summary']);
    // Refused as a whole, or not a report: kept as they were.
    expect(await stored(refused.id)).toEqual(refused);
    expect(await stored(logRefusal.id)).toEqual(logRefusal);
  } finally {
    await after.db.close();
  }
});
