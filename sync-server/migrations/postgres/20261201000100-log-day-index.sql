-- The logs-per-day and 24-hour checks of every pushed log (SP-6) read one expert's logs of one
-- day: the expert's assignments, then each one's logs of that date (documents_log_dates, in the
-- initial migration). This finds the assignments without reading every assignment of the programme.
CREATE INDEX documents_assignment_expert ON documents ((data ->> 'expertId'))
  WHERE collection = 'assignments';
