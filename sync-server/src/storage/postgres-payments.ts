/**
 * Payment batches on PostgreSQL (PaymentStorage, PB-*). Creating a batch inserts its months with
 * ON CONFLICT DO NOTHING: a month in another batch — committed, or being committed by another
 * officer on any server process, for which the insert waits — is not inserted, and the whole batch
 * is rolled back and answered with the months taken.
 */
import type pg from 'pg';
import { POSTGRES_COLUMNS, toPaymentBatch } from './rows';
import type { CreateBatchResult, MarkPaidResult, StoredPaymentBatch } from './types';

interface BatchRow {
  id: string;
  created_at: Date;
  created_by: string;
  paid_on: string | null;
  paid_at: Date | null;
  paid_by: string | null;
  timesheet_ids: string[];
}

const SELECT_BATCH = `SELECT b.*, COALESCE(
    (SELECT array_agg(m.timesheet_id ORDER BY m.timesheet_id) FROM payment_batch_months m WHERE m.batch_id = b.id),
    '{}') AS timesheet_ids
  FROM payment_batches b`;

const toBatch = (row: BatchRow) => toPaymentBatch(POSTGRES_COLUMNS, row, row.timesheet_ids);

export class PostgresPayments {
  constructor(private readonly pool: pg.Pool) {}

  private async inTransaction<T>(
    fn: (db: pg.PoolClient) => Promise<T | 'rollback'>,
    onRollback: () => Promise<T>,
  ) {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      if (result === 'rollback') {
        await client.query('ROLLBACK');
        return await onRollback();
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  createPaymentBatch(
    batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>,
  ): Promise<CreateBatchResult> {
    return this.inTransaction<CreateBatchResult>(
      async (db) => {
        await db.query('INSERT INTO payment_batches (id, created_at, created_by) VALUES ($1, $2, $3)', [
          batch.id,
          batch.createdAt,
          batch.createdBy,
        ]);
        const { rowCount } = await db.query(
          `INSERT INTO payment_batch_months (timesheet_id, batch_id)
           SELECT id, $2 FROM unnest($1::text[]) AS t(id)
           ON CONFLICT (timesheet_id) DO NOTHING`,
          [batch.timesheetIds, batch.id],
        );
        if (rowCount !== batch.timesheetIds.length) return 'rollback';
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
      },
      async () => {
        const { rows } = await this.pool.query<{ timesheetId: string; batchId: string }>(
          `SELECT timesheet_id AS "timesheetId", batch_id AS "batchId" FROM payment_batch_months
           WHERE timesheet_id = ANY($1::text[])`,
          [batch.timesheetIds],
        );
        return { ok: false, taken: rows };
      },
    );
  }

  async getPaymentBatch(id: string): Promise<StoredPaymentBatch | undefined> {
    const { rows } = await this.pool.query<BatchRow>(`${SELECT_BATCH} WHERE b.id = $1`, [id]);
    return rows[0] && toBatch(rows[0]);
  }

  async listPaymentBatches(): Promise<StoredPaymentBatch[]> {
    const { rows } = await this.pool.query<BatchRow>(`${SELECT_BATCH} ORDER BY b.created_at DESC, b.id DESC`);
    return rows.map(toBatch);
  }

  async markPaymentBatchPaid(id: string, paidOn: string, at: Date, actorId: string): Promise<MarkPaidResult> {
    // One statement: of two officers marking at once, only the first finds it unpaid.
    const { rowCount } = await this.pool.query(
      'UPDATE payment_batches SET paid_on = $2, paid_at = $3, paid_by = $4 WHERE id = $1 AND paid_on IS NULL',
      [id, paidOn, at, actorId],
    );
    if (rowCount === 1) return { ok: true, batch: (await this.getPaymentBatch(id))! };
    return { ok: false, reason: (await this.getPaymentBatch(id)) ? 'already_paid' : 'not_found' };
  }

  async batchOfTimesheet(timesheetId: string): Promise<StoredPaymentBatch | undefined> {
    const { rows } = await this.pool.query<BatchRow>(
      `${SELECT_BATCH} WHERE b.id = (SELECT batch_id FROM payment_batch_months WHERE timesheet_id = $1)`,
      [timesheetId],
    );
    return rows[0] && toBatch(rows[0]);
  }
}
