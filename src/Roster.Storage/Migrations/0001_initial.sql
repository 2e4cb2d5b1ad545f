-- Roster schema v1, one definition for both engines (see MigrationScripts for the two spellings SQLite differs in).
-- Times are Unix milliseconds; booleans are 0/1; documents are JSON text.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE accounts (
    seq                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                   TEXT    NOT NULL UNIQUE,
    account_number       BIGINT  NOT NULL UNIQUE,
    name                 TEXT    NOT NULL,
    plan                 TEXT    NOT NULL,
    licensed_seats       BIGINT  NOT NULL,
    managed_domains      TEXT    NOT NULL,
    master_account       BIGINT  NOT NULL,
    parent_id            TEXT    NULL,
    owner_id             TEXT    NOT NULL,
    sso_pre_provisioning BIGINT  NOT NULL,
    created_at           BIGINT  NOT NULL
);
CREATE INDEX ix_accounts_parent ON accounts (parent_id, seq);

CREATE TABLE users (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                TEXT    NOT NULL UNIQUE,
    account_id        TEXT    NOT NULL,
    email             TEXT    NOT NULL UNIQUE,
    type              BIGINT  NOT NULL,
    status            TEXT    NOT NULL,
    role_id           TEXT    NOT NULL,
    login_type        BIGINT  NOT NULL,
    pmi               BIGINT  NOT NULL UNIQUE,
    use_pmi           BIGINT  NOT NULL,
    vanity_name       TEXT    NULL,
    vanity_key        TEXT    NULL UNIQUE,
    created_at        BIGINT  NOT NULL,
    last_login_time   BIGINT  NULL,
    verified          BIGINT  NOT NULL,
    pic_id            TEXT    NULL,
    password_hash     TEXT    NULL,
    password_history  TEXT    NOT NULL,
    invite_token      TEXT    NULL UNIQUE,
    invite_expires_at BIGINT  NULL,
    tokens_revoked_at BIGINT  NULL,
    profile           TEXT    NOT NULL
);
CREATE INDEX ix_users_list ON users (account_id, status, seq);
CREATE INDEX ix_users_role ON users (account_id, role_id, status, seq);

CREATE TABLE assistants (
    user_id                       TEXT   NOT NULL,
    assistant_id                  TEXT   NOT NULL,
    can_manage_host_private_event BIGINT NOT NULL,
    added_at                      BIGINT NOT NULL,
    PRIMARY KEY (user_id, assistant_id)
);
CREATE INDEX ix_assistants_assistant ON assistants (assistant_id);

CREATE TABLE user_settings (
    user_id TEXT PRIMARY KEY,
    doc     TEXT NOT NULL
);

CREATE TABLE email_changes (
    user_id TEXT   NOT NULL,
    at      BIGINT NOT NULL
);
CREATE INDEX ix_email_changes ON email_changes (user_id, at);

CREATE TABLE pictures (
    id           TEXT  PRIMARY KEY,
    user_id      TEXT  NOT NULL,
    content_type TEXT  NOT NULL,
    bytes        BYTEA NOT NULL
);
CREATE INDEX ix_pictures_user ON pictures (user_id);

CREATE TABLE oauth_apps (
    client_id     TEXT PRIMARY KEY,
    secret_hash   TEXT   NOT NULL,
    account_id    TEXT   NOT NULL,
    owner_user_id TEXT   NOT NULL,
    scopes        TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    active        BIGINT NOT NULL,
    created_at    BIGINT NOT NULL
);
