/**
 * The officers' CSV export of approved timesheets (docs/sync-protocol.md TS-8): who may export,
 * the columns and totals from the approved snapshot, quoting and formula defusing, and how days
 * count towards the allowance. Test names cite the rules.
 */
import { describe, expect, it } from 'vitest';
import { timesheetPeriod } from '../../src/shared/rules/timesheet-rules';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { ApiErrorBody } from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { ACCEPTED, type DemoUser, expert1Log, useApiServer } from '../helpers/api-client';

type TimesheetDoc = SyncDocument<'timesheets'>;

describe('CSV export', () => {
  const f = useApiServer();
  const exportCsv = (who: DemoUser, query = '') => f.exportTimesheets(who, query);

  /** A minimal RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF rows. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted && c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (!quoted && c === ',') {
        row.push(cell);
        cell = '';
      } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else {
        cell += c;
      }
    }
    return rows;
  }

  it('TS-8: only officers export; other statuses and bad months are refused', async () => {
    for (const who of ['expert1', 'supervisor1', 'supervisor2'] as const) {
      const { status, text } = await exportCsv(who);
      expect(status).toBe(403);
      expect((JSON.parse(text) as ApiErrorBody).error.code).toBe('forbidden');
    }
    expect((await exportCsv('officer', '?status=submitted')).status).toBe(400);
    expect((await exportCsv('officer', '?month=2026-13')).status).toBe(400);
    expect((await exportCsv('officer', '?month=June')).status).toBe(400);
  });

  it('TS-8: one row per approved timesheet with the columns, totals from the approved snapshot', async () => {
    const { status, headers, text } = await exportCsv('officer', '?status=approved');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe(
      'attachment; filename="fieldbook-timesheets-approved.csv"',
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([
      'timesheet_id',
      'assignment_id',
      'expert_name',
      'country',
      'sector',
      'host_institution',
      'month',
      'period_start',
      'period_end',
      'days_worked',
      'hours',
      'allowance_days',
      'daily_rate_eur',
      'allowance_eur',
      'approved_by',
      'approved_at',
      'hash',
    ]);
    const approved = (await f.timesheet(timesheetId('asg-expert1', f.monthBefore)))!;
    const period = timesheetPeriod(await f.assignment('asg-expert1'), f.monthBefore)!;
    // The seeded month: 8 h travel, 7 h and 7.5 h on site, 4 h remote, in Somalia at 125 EUR.
    expect(rows).toEqual([
      [
        approved.id,
        'asg-expert1',
        'Amina Yusuf',
        'Somalia',
        'Water',
        'Ministry of Energy and Water Resources, Mogadishu',
        f.monthBefore,
        period.start,
        period.end,
        '4',
        '26.5',
        '3',
        '125',
        '375',
        'Abdirahman Warsame',
        approved.history![1]!.at,
        approved.approval!.hash,
      ],
    ]);
    // The comma in the institution's name is quoted, not a column break.
    expect(text).toContain(',"Ministry of Energy and Water Resources, Mogadishu",');
  });

  it('TS-8: quotes are doubled and a cell that a spreadsheet would run as a formula is defused', async () => {
    const assignment = await f.assignment('asg-expert2');
    const hostile: SyncDocument<'assignments'> = {
      ...assignment,
      id: 'asg-hostile',
      // Virtual: the expert's on-site assignments may not overlap (AS-3).
      mode: 'virtual',
      expertName: '=HYPERLINK("http://evil.example","Chidi")',
      institution: { ...assignment.institution, name: 'Agency "NITDA"\r\nAbuja' },
      _deleted: false,
    };
    expect(await f.push('officer', 'assignments', [{ newDocumentState: hostile }])).toEqual(ACCEPTED);
    const log = expert1Log(f.today, { assignmentId: 'asg-hostile', hours: 7.25, workMode: 'remote' });
    expect(await f.push('expert2', 'logs', [{ newDocumentState: log }])).toEqual(ACCEPTED);
    const id = timesheetId('asg-hostile', f.thisMonth);
    const snapshot = await f.snapshot('asg-hostile', f.thisMonth);
    const submitted: TimesheetDoc = {
      id,
      assignmentId: 'asg-hostile',
      month: f.thisMonth,
      status: 'submitted',
      submission: { declaration: true, fullName: 'Chidi Okafor', snapshot },
      _deleted: false,
    };
    expect(await f.push('expert2', 'timesheets', [{ newDocumentState: submitted }])).toEqual(ACCEPTED);
    const approval = { fullName: 'Ngozi Adeyemi', hash: snapshot.hash };
    expect(
      await f.decide('supervisor2', { ...(await f.timesheet(id))!, status: 'approved', approval }),
    ).toEqual(ACCEPTED);

    const { text } = await exportCsv('officer', `?month=${f.thisMonth}`);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""Chidi"")",`);
    expect(text).toContain(`,"Agency ""NITDA""\r\nAbuja",`);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(2, 3)).toEqual([`'=HYPERLINK("http://evil.example","Chidi")`]);
    // Remote only: hours and a worked day, but no allowance.
    expect(rows[1]!.slice(9, 14)).toEqual(['1', '7.25', '0', '110', '0']);
    // The month filter leaves out the seeded month.
    expect(rows.some((r) => r[0] === timesheetId('asg-expert1', f.monthBefore))).toBe(false);
    const { headers } = await exportCsv('officer', `?month=${f.thisMonth}`);
    expect(headers.get('content-disposition')).toBe(
      `attachment; filename="fieldbook-timesheets-approved-${f.thisMonth}.csv"`,
    );
  });

  it('TS-8: days are counted once by on site > travel > remote, and a virtual assignment earns no allowance', async () => {
    const assignment = await f.assignment('asg-expert2');
    // The hybrid copy would overlap the expert's hybrid assignment on site (AS-3).
    const remote: SyncDocument<'assignments'> = { ...assignment, mode: 'virtual', _deleted: false };
    expect(
      await f.push('officer', 'assignments', [
        { newDocumentState: remote, assumedRevision: revisionOf({ ...assignment, _deleted: false }) },
      ]),
    ).toEqual(ACCEPTED);
    for (const mode of ['virtual', 'hybrid'] as const) {
      const id = `asg-${mode}`;
      const copy: SyncDocument<'assignments'> = { ...assignment, id, mode, _deleted: false };
      expect(await f.push('officer', 'assignments', [{ newDocumentState: copy }])).toEqual(ACCEPTED);
      // Travelled to the institution and worked there on the same day.
      const logs = (['travel', 'on_site'] as const).map((workMode) =>
        expert1Log(f.today, { assignmentId: id, hours: 2, workMode }),
      );
      expect(
        await f.push(
          'expert2',
          'logs',
          logs.map((log) => ({ newDocumentState: log })),
        ),
      ).toEqual(ACCEPTED);
      const snapshot = await f.snapshot(id, f.thisMonth);
      const timesheet: TimesheetDoc = {
        id: timesheetId(id, f.thisMonth),
        assignmentId: id,
        month: f.thisMonth,
        status: 'submitted',
        submission: { declaration: true, fullName: 'Chidi Okafor', snapshot },
        _deleted: false,
      };
      expect(await f.push('expert2', 'timesheets', [{ newDocumentState: timesheet }])).toEqual(ACCEPTED);
      const approval = { fullName: 'Ngozi Adeyemi', hash: snapshot.hash };
      const stored = (await f.timesheet(timesheet.id))!;
      expect(await f.decide('supervisor2', { ...stored, status: 'approved', approval })).toEqual(ACCEPTED);
    }
    const rows = parseCsv((await exportCsv('officer', `?month=${f.thisMonth}`)).text.slice(1));
    const figures = (id: string) => rows.find((row) => row[1] === id)!.slice(9, 14);
    // days_worked, hours, allowance_days, daily_rate_eur, allowance_eur (Nigeria: EUR 110).
    expect(figures('asg-hybrid')).toEqual(['1', '4', '1', '110', '110']);
    expect(figures('asg-virtual')).toEqual(['1', '4', '0', '110', '0']);
  });
});
