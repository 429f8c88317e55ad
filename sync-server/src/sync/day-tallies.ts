/**
 * The logs and hours an expert already has on a date (SP-6's logs-per-day and 24-hour rules), kept
 * for the length of one push transaction. The first log of a day reads the day once; every log the
 * push then writes updates the tally, so a batch of 100 logs of one day costs one read instead of
 * 100 reads of a growing day (issue 9: the read was the largest cost of a 10,000-log push).
 *
 * Exact only because the push holds the expert's lock scope (push.ts lockScopesOf): no other
 * write can change the expert's day while the transaction runs. A day at the read's limit is not
 * kept: each log of it is counted on its own, as before.
 */
import type { DailyLog } from '../../../src/shared/schemas';
import type { DocumentReader, ExpertDayCount, StoredDocument } from '../storage/types';

export class DayTallies {
  private readonly days = new Map<string, ExpertDayCount>();

  /** `atMost`: the read stops counting there (MAX_LOGS_PER_DAY). */
  constructor(private readonly atMost: number) {}

  /** The expert's other logs on `log.date`: `current` is the stored version of `log`, if any. */
  async othersThatDay(
    reader: DocumentReader,
    expertId: string,
    log: DailyLog,
    current: StoredDocument | undefined,
  ): Promise<ExpertDayCount> {
    const key = dayKey(expertId, log.date);
    let day = this.days.get(key);
    if (!day) {
      const read = await reader.countExpertLogsOnDate({
        expertId,
        date: log.date,
        excludeLogId: '',
        atMost: this.atMost,
      });
      if (read.logs >= this.atMost) {
        return reader.countExpertLogsOnDate({
          expertId,
          date: log.date,
          excludeLogId: log.id,
          atMost: this.atMost,
        });
      }
      this.days.set(key, (day = read));
    }
    const own = contributionOf(current, log.date);
    return { logs: day.logs - own.logs, hours: day.hours - own.hours };
  }

  /** After `written` (the new version of `current`) is stored. */
  recordWrite(
    expertId: string,
    current: StoredDocument | undefined,
    written: DailyLog,
    deleted: boolean,
  ): void {
    const before = current && !current.deleted ? (current.data as DailyLog) : undefined;
    if (before) this.add(dayKey(expertId, before.date), -1, -before.hours);
    if (!deleted) this.add(dayKey(expertId, written.date), 1, written.hours);
  }

  private add(key: string, logs: number, hours: number): void {
    const day = this.days.get(key);
    // Quarter hours (the schema's multipleOf) add and subtract exactly in binary floating point.
    if (day) this.days.set(key, { logs: day.logs + logs, hours: day.hours + hours });
  }
}

const dayKey = (expertId: string, date: string) => `${expertId}\n${date}`;

/** What the stored version of a log adds to `date`'s tally. */
function contributionOf(current: StoredDocument | undefined, date: string): ExpertDayCount {
  if (!current || current.deleted) return { logs: 0, hours: 0 };
  const stored = current.data as DailyLog;
  return stored.date === date ? { logs: 1, hours: stored.hours } : { logs: 0, hours: 0 };
}
