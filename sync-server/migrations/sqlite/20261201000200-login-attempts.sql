-- A sign-in attempt is counted as a failure before its password is checked, and removed when it
-- succeeds (storage reserveLoginAttempt): the attempt id ties the rows of one attempt together.
ALTER TABLE login_failures ADD COLUMN attempt_id TEXT;
CREATE INDEX login_failures_attempt ON login_failures (attempt_id);
