-- A written row carries a provisional seq (10^15 + this sequence) until its transaction
-- commits; the final seqs are handed out at commit, in commit order (storage/postgres.ts).
CREATE SEQUENCE documents_provisional_seq;
