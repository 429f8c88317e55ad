-- PB-1 … PB-3: allowance payment batches. A month (an approved timesheet) joins one batch only:
-- timesheet_id is the primary key of the months, so the database itself refuses a second batch.
CREATE TABLE payment_batches (
  id TEXT PRIMARY KEY,
  created_at_ms INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  paid_on TEXT,
  paid_at_ms INTEGER,
  paid_by TEXT
);
CREATE TABLE payment_batch_months (
  timesheet_id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES payment_batches (id)
);
CREATE INDEX payment_batch_months_batch ON payment_batch_months (batch_id);
