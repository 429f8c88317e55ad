/**
 * Payment batches on SQLite (PaymentStorage, PB-*). Synchronous on the one connection, queued by
 * SqliteStorage; each write is an IMMEDIATE transaction, and the months' primary key refuses a
 * month that is in a batch already.
 */
import type Database from 'better-sqlite3';
import { SQLITE_COLUMNS, toPaymentBatch } from './rows';
import type { CreateBatchResult, MarkPaidResult, StoredPaymentBatch } from './types';

interface BatchRow {
  id: string;
  created_at_ms: number;
  created_by: string;
  paid_on: string | null;
  paid_at_ms: number | null;
  paid_by: string | null;
}

export class SqlitePayments {
  constructor(private readonly db: Database.Database) {}

  private toBatch(row: BatchRow): StoredPaymentBatch {
    const months = this.db
      .prepare('SELECT timesheet_id FROM payment_batch_months WHERE batch_id = ? ORDER BY timesheet_id')
      .all(row.id) as { timesheet_id: string }[];
    return toPaymentBatch(
      SQLITE_COLUMNS,
      row,
      months.map((month) => month.timesheet_id),
    );
  }

  createPaymentBatch(batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>): CreateBatchResult {
    return this.db
      .transaction((): CreateBatchResult => {
        const taken = this.db
          .prepare(
            `SELECT timesheet_id AS timesheetId, batch_id AS batchId FROM payment_batch_months
             WHERE timesheet_id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(batch.timesheetIds)) as { timesheetId: string; batchId: string }[];
        if (taken.length > 0) return { ok: false, taken };
        this.db
          .prepare('INSERT INTO payment_batches (id, created_at_ms, created_by) VALUES (?, ?, ?)')
          .run(batch.id, batch.createdAt.getTime(), batch.createdBy);
        const insert = this.db.prepare(
          'INSERT INTO payment_batch_months (timesheet_id, batch_id) VALUES (?, ?)',
        );
        for (const id of batch.timesheetIds) insert.run(id, batch.id);
        return {
          ok: true,
          batch: {
            ...batch,
            timesheetIds: [...batch.timesheetIds].sort(),
            paidOn: null,
            paidAt: null,
            paidBy: null,
          },
        };
      })
      .immediate();
  }

  getPaymentBatch(id: string): StoredPaymentBatch | undefined {
    const row = this.db.prepare('SELECT * FROM payment_batches WHERE id = ?').get(id) as BatchRow | undefined;
    return row && this.toBatch(row);
  }

  listPaymentBatches(): StoredPaymentBatch[] {
    const rows = this.db
      .prepare('SELECT * FROM payment_batches ORDER BY created_at_ms DESC, id DESC')
      .all() as BatchRow[];
    return rows.map((row) => this.toBatch(row));
  }

  markPaymentBatchPaid(id: string, paidOn: string, at: Date, actorId: string): MarkPaidResult {
    return this.db
      .transaction((): MarkPaidResult => {
        const row = this.db.prepare('SELECT * FROM payment_batches WHERE id = ?').get(id) as
          BatchRow | undefined;
        if (!row) return { ok: false, reason: 'not_found' };
        if (row.paid_on !== null) return { ok: false, reason: 'already_paid' };
        this.db
          .prepare('UPDATE payment_batches SET paid_on = ?, paid_at_ms = ?, paid_by = ? WHERE id = ?')
          .run(paidOn, at.getTime(), actorId, id);
        return {
          ok: true,
          batch: this.toBatch({ ...row, paid_on: paidOn, paid_at_ms: at.getTime(), paid_by: actorId }),
        };
      })
      .immediate();
  }

  batchOfTimesheet(timesheetId: string): StoredPaymentBatch | undefined {
    const row = this.db
      .prepare(
        `SELECT b.* FROM payment_batches b JOIN payment_batch_months m ON m.batch_id = b.id
         WHERE m.timesheet_id = ?`,
      )
      .get(timesheetId) as BatchRow | undefined;
    return row && this.toBatch(row);
  }
}
