-- Totals also by user type, so that GET /users/summary (counts by type and status) costs the same at a million
-- users as at ten. Rebuilt from the users themselves (the shards of the old totals are summed away).
CREATE TABLE user_counts_typed (
    account_id TEXT   NOT NULL,
    status     TEXT   NOT NULL,
    role_id    TEXT   NOT NULL,
    type       BIGINT NOT NULL,
    shard      BIGINT NOT NULL,
    n          BIGINT NOT NULL,
    PRIMARY KEY (account_id, status, role_id, type, shard)
);
INSERT INTO user_counts_typed (account_id, status, role_id, type, shard, n)
SELECT account_id, status, role_id, type, 0, COUNT(*) FROM users GROUP BY account_id, status, role_id, type;
DROP TABLE user_counts;
ALTER TABLE user_counts_typed RENAME TO user_counts;
