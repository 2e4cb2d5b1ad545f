-- Daily quotas (the plan's invitations per day), counted in the store so every node agrees.
CREATE TABLE daily_counters (
    account_id TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    n          BIGINT  NOT NULL,
    PRIMARY KEY (account_id, day, key)
);
