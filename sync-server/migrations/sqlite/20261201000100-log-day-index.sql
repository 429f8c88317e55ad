-- The logs-per-day and 24-hour checks of every pushed log (SP-6) read one expert's logs of one
-- day: the expert's assignments, then each one's logs of that date. Without these indexes each
-- check scanned every assignment and every log of the assignment, inside the write transaction.
-- storage/sqlite.ts repeats these expressions word for word: SQLite only uses an expression index
-- for the very same expression.
CREATE INDEX documents_assignment_expert ON documents (json_extract(data, '$.expertId'))
  WHERE collection = 'assignments';
CREATE INDEX documents_log_dates ON documents (assignment_id, json_extract(data, '$.date'))
  WHERE collection = 'logs';
