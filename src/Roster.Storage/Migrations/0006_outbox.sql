-- Every change's events, committed in the same transaction as the change (the outbox).
CREATE TABLE outbox (
    seq                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                 TEXT    NOT NULL UNIQUE,
    type               TEXT    NOT NULL,
    account_id         TEXT    NOT NULL,
    subject_id         TEXT,
    operator_id        TEXT,
    operator_client_id TEXT,
    occurred_at        BIGINT  NOT NULL,
    payload            TEXT    NOT NULL
);
CREATE INDEX outbox_account ON outbox (account_id, seq);
