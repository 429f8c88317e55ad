-- SP-13: who wrote each row's current version, as `<user id>/<device id>`, when the server stored
-- it exactly as that device sent it; NULL otherwise (and for rows written before this). Pulls and
-- streams leave such rows out for that device: it holds them already.
ALTER TABLE documents ADD COLUMN origin_device TEXT;
