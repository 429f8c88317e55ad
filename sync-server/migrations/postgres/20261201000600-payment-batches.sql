-- PB-1 … PB-3: allowance payment batches; same tables and meaning as
-- migrations/sqlite/20261201000600-payment-batches.sql. timesheet_id is the primary key of the
-- months: of two officers batching the same month at once, the second waits on the key and fails.
CREATE TABLE payment_batches (
  id TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  paid_on TEXT,
  paid_at TIMESTAMPTZ,
  paid_by TEXT
);
CREATE TABLE payment_batch_months (
  timesheet_id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES payment_batches (id)
);
CREATE INDEX payment_batch_months_batch ON payment_batch_months (batch_id);
