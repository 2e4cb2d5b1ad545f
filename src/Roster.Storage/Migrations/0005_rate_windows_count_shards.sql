-- Rate-limit windows shared by the nodes of one store (used by PostgreSQL; a single SQLite node counts in memory).
CREATE TABLE rate_windows (
    key TEXT    PRIMARY KEY,
    win BIGINT  NOT NULL,
    n   BIGINT  NOT NULL
);

-- Totals spread over shards: concurrent writers on several nodes update different rows instead of one hot row.
-- (rebuilt rather than altered: SQLite cannot change a primary key in place, and the rebuild means the same to PostgreSQL)
CREATE TABLE user_counts_sharded (
    account_id TEXT   NOT NULL,
    status     TEXT   NOT NULL,
    role_id    TEXT   NOT NULL,
    shard      BIGINT NOT NULL,
    n          BIGINT NOT NULL,
    PRIMARY KEY (account_id, status, role_id, shard)
);
INSERT INTO user_counts_sharded (account_id, status, role_id, shard, n) SELECT account_id, status, role_id, 0, n FROM user_counts;
DROP TABLE user_counts;
ALTER TABLE user_counts_sharded RENAME TO user_counts;
