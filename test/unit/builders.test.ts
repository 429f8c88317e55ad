/**
 * The test builders (test/helpers/builders.ts) make documents the server would accept as they
 * are: a test that overrides one field tests that field, not a broken default.
 */
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../sync-server/src/sync/validation';
import { aLog, aReport, aTimesheet, anAssignment } from '../helpers/builders';

describe('test builders', () => {
  it('build documents that pass the shared schemas', () => {
    expect(validateDocument('assignments', anAssignment({ objectives: ['Train the team'] }))).toBeNull();
    expect(validateDocument('logs', aLog())).toBeNull();
    expect(validateDocument('timesheets', aTimesheet())).toBeNull();
    expect(validateDocument('reports', aReport({}, ['Train the team']))).toBeNull();
  });

  it('derive the id of a timesheet and a report from what they belong to, and keep what is overridden', () => {
    expect(aTimesheet({ assignmentId: 'a2', month: '2025-07' }).id).toBe('a2:2025-07');
    expect(aReport({ assignmentId: 'a2', kind: 'final' }).id).toBe('a2:final');
    expect(aLog({ hours: 2.5 }).hours).toBe(2.5);
    expect(aLog().id).not.toBe(aLog().id);
    expect(aReport({}, ['One', 'Two']).sections.objectives.map((o) => o.objective)).toEqual(['One', 'Two']);
  });
});
