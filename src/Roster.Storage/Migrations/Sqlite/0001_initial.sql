-- Roster schema v1 (SQLite). Times are Unix milliseconds; booleans are 0/1; documents are JSON text.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE accounts (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    id                   TEXT    NOT NULL UNIQUE,
    account_number       INTEGER NOT NULL UNIQUE,
    name                 TEXT    NOT NULL,
    plan                 TEXT    NOT NULL,
    licensed_seats       INTEGER NOT NULL,
    managed_domains      TEXT    NOT NULL,
    master_account       INTEGER NOT NULL,
    parent_id            TEXT    NULL,
    owner_id             TEXT    NOT NULL,
    sso_pre_provisioning INTEGER NOT NULL,
    created_at           INTEGER NOT NULL
);
CREATE INDEX ix_accounts_parent ON accounts (parent_id, seq);

CREATE TABLE users (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT    NOT NULL UNIQUE,
    account_id        TEXT    NOT NULL,
    email             TEXT    NOT NULL UNIQUE,
    type              INTEGER NOT NULL,
    status            TEXT    NOT NULL,
    role_id           TEXT    NOT NULL,
    login_type        INTEGER NOT NULL,
    pmi               INTEGER NOT NULL UNIQUE,
    use_pmi           INTEGER NOT NULL,
    vanity_name       TEXT    NULL,
    vanity_key        TEXT    NULL UNIQUE,
    created_at        INTEGER NOT NULL,
    last_login_time   INTEGER NULL,
    verified          INTEGER NOT NULL,
    pic_id            TEXT    NULL,
    password_hash     TEXT    NULL,
    password_history  TEXT    NOT NULL,
    invite_token      TEXT    NULL UNIQUE,
    invite_expires_at INTEGER NULL,
    tokens_revoked_at INTEGER NULL,
    profile           TEXT    NOT NULL
);
CREATE INDEX ix_users_list ON users (account_id, status, seq);
CREATE INDEX ix_users_role ON users (account_id, role_id, status, seq);

CREATE TABLE assistants (
    user_id                       TEXT    NOT NULL,
    assistant_id                  TEXT    NOT NULL,
    can_manage_host_private_event INTEGER NOT NULL,
    added_at                      INTEGER NOT NULL,
    PRIMARY KEY (user_id, assistant_id)
);
CREATE INDEX ix_assistants_assistant ON assistants (assistant_id);

CREATE TABLE user_settings (
    user_id TEXT PRIMARY KEY,
    doc     TEXT NOT NULL
);

CREATE TABLE email_changes (
    user_id TEXT    NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX ix_email_changes ON email_changes (user_id, at);

CREATE TABLE pictures (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL
);
CREATE INDEX ix_pictures_user ON pictures (user_id);

CREATE TABLE oauth_apps (
    client_id     TEXT PRIMARY KEY,
    secret_hash   TEXT    NOT NULL,
    account_id    TEXT    NOT NULL,
    owner_user_id TEXT    NOT NULL,
    scopes        TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    active        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);
