-- Totals per account, status and role, kept in the same transaction as every user write,
-- so that total_records costs the same at a million users as at ten.
CREATE TABLE user_counts (
    account_id TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    role_id    TEXT    NOT NULL,
    n          BIGINT  NOT NULL,
    PRIMARY KEY (account_id, status, role_id)
);
INSERT INTO user_counts (account_id, status, role_id, n)
SELECT account_id, status, role_id, COUNT(*) FROM users GROUP BY account_id, status, role_id;
