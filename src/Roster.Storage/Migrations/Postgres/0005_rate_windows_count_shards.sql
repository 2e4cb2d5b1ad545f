-- Rate-limit windows shared by the nodes of one store (used by PostgreSQL; a single SQLite node counts in memory).
CREATE TABLE rate_windows (
    key TEXT    PRIMARY KEY,
    win BIGINT  NOT NULL,
    n   BIGINT  NOT NULL
);

-- Totals spread over shards: concurrent writers on several nodes update different rows instead of one hot row.
ALTER TABLE user_counts ADD COLUMN shard BIGINT NOT NULL DEFAULT 0;
ALTER TABLE user_counts DROP CONSTRAINT user_counts_pkey;
ALTER TABLE user_counts ADD PRIMARY KEY (account_id, status, role_id, shard);
