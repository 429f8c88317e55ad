/**
 * The rules' reasons (issue 13, src/shared/reasons.ts): a refusal is kept as reasons and read in
 * whatever language the person reads now, with that language's digits and month names; an id the
 * app does not know falls back to the server's English.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepRefusals } from '../../src/db/refusals';
import { setLanguage } from '../../src/i18n/i18n';
import { checkNewPerson } from '../../src/shared/people';
import { RefusedError, reason } from '../../src/shared/reasons';
import { checkLogRules } from '../../src/shared/rules/log-rules';
import { logLockReason } from '../../src/shared/rules/timesheet-rules';
import { errorText, reasonText, reasonsText, refusalText } from '../../src/ui/reasons';
import { anAssignment } from '../helpers/builders';
import { openTestDevice, type TestDevice } from '../helpers/devices';
import { englishOf } from '../helpers/english';

const LATIN = /[A-Za-z]/;
const FULL_DAY = reason('rules.log.dayFull', { logged: 20, date: '2026-06-03', left: 4 });

afterEach(async () => {
  await setLanguage('en', 'native');
});

describe('a reason on the screen', () => {
  it('reads in English as the server says it', () => {
    expect(reasonText(FULL_DAY)).toBe(
      'A day has at most 24 hours; 20 are already logged on Wed, 3 Jun 2026, so at most 4 remain.',
    );
    expect(englishOf(FULL_DAY)).toBe(
      'A day has at most 24 hours; 20 are already logged on 2026-06-03, so at most 4 remain.',
    );
  });

  it('reads in Arabic and Dari with their own digits, and in Latin digits when chosen', async () => {
    await setLanguage('ar');
    const arabic = reasonText(FULL_DAY);
    expect(arabic).not.toMatch(LATIN);
    expect(arabic).toContain('٢٠');
    await setLanguage('prs');
    expect(reasonText(FULL_DAY)).toContain('۲۰');
    await setLanguage('ar', 'latin');
    expect(reasonText(FULL_DAY)).toContain('20');
  });

  it('names a month in the reader’s language', async () => {
    const lock = logLockReason({ month: '2026-06', status: 'submitted', history: [] })!;
    expect(reasonText(lock)).toMatch(/^June 2026 is submitted/);
    await setLanguage('ps');
    expect(reasonText(lock)).not.toMatch(LATIN);
    expect(reasonText(lock)).not.toContain('2026-06');
  });

  it('gives a form each rule’s words in the reader’s language', async () => {
    await setLanguage('so');
    const assignment = anAssignment({ startDate: '2026-06-01', endDate: '2026-08-31' });
    const [future] = checkLogRules(
      {
        assignmentId: assignment.id,
        date: '2026-07-01',
        hours: 2,
        workMode: 'on_site',
        activities: 'x',
        notes: '',
      },
      { assignment, otherHoursThatDay: 0, otherLogsThatDay: 0, today: '2026-06-15' },
    );
    expect(future!.field).toBe('date');
    const somali = reasonText(future!.reason);
    expect(somali).not.toBe(englishOf(future!.reason));
    expect(somali).not.toBe(future!.reason.id);
  });

  it('says an error a rule threw in the reader’s language', async () => {
    await setLanguage('ar');
    const error = new RefusedError(reason('rules.timesheet.noDays'));
    expect(errorText(error)).toBe(reasonText(reason('rules.timesheet.noDays')));
    expect(errorText(error)).not.toMatch(LATIN);
    expect(errorText(new Error('Disk full'))).toBe('Disk full');
  });

  it('says a new person’s field refusal in the officer’s language, after the field’s API name', async () => {
    const checked = checkNewPerson({ name: ' ', email: 'a@example.org', role: 'expert' });
    if (checked.ok) throw new Error('expected a refusal');
    expect(checked.field).toBe('name');
    expect(englishOf(checked.reason)).toBe('name: enter the person’s name.');
    await setLanguage('prs');
    const dari = reasonText(checked.reason);
    expect(dari.replace(/^name:\s*/, '')).not.toMatch(LATIN);
  });

  it('falls back to the server’s English for a reason this app does not know', () => {
    expect(reasonsText([reason('rules.fromANewerServer')], 'The server’s words.')).toBe(
      'The server’s words.',
    );
    expect(reasonsText([], 'The server’s words.')).toBe('The server’s words.');
  });
});

describe('a refusal kept on the device', () => {
  let phone: TestDevice;
  beforeEach(async () => {
    phone = await openTestDevice('user-expert1', 'http://unused.test');
  });
  afterEach(async () => {
    await phone.close();
  });

  it('kept while the app was in English reads in Dari once the person switches', async () => {
    const why = reason('rules.log.futureDay');
    await keepRefusals(phone.device.db, [
      {
        collection: 'logs',
        docId: 'log-1',
        attempted: { id: 'log-1' },
        code: 'rule',
        message: englishOf(why),
        reasons: [why],
      },
    ]);
    const [kept] = (await phone.device.db.refusals.find().exec()).map((doc) => doc.toJSON());
    expect(kept!.reasons).toEqual([{ id: 'rules.log.futureDay' }]);
    expect(refusalText(kept!)).toBe('A day cannot be logged before it happens.');
    await setLanguage('prs');
    expect(refusalText(kept!)).toBe(reasonText(why));
    expect(refusalText(kept!)).not.toMatch(LATIN);
  });

  it('kept before reasons existed shows its English message', async () => {
    await setLanguage('prs');
    expect(refusalText({ message: 'A day cannot be logged before it happens.' })).toBe(
      'A day cannot be logged before it happens.',
    );
  });
});
