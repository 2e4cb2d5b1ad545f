-- The outbox is read in (tx, seq) order: the writing transaction's id, then the sequence number. On PostgreSQL numbers
-- are taken at insert and transactions commit in any order, so a reader by seq alone could pass a number that a
-- slower transaction fills in later; by (tx, seq), below the oldest running transaction, nothing is missed.
-- SQLite commits one writer at a time in seq order and writes 0.
ALTER TABLE outbox ADD COLUMN tx BIGINT NOT NULL DEFAULT 0;
DROP INDEX outbox_account;
CREATE INDEX outbox_position ON outbox (tx, seq);
CREATE INDEX outbox_account_position ON outbox (account_id, tx, seq);
