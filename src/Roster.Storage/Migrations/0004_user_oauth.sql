-- User-level OAuth (authorization code with PKCE, rotating refresh tokens).
ALTER TABLE oauth_apps ADD COLUMN app_type TEXT NOT NULL DEFAULT 's2s';
ALTER TABLE oauth_apps ADD COLUMN redirect_uris TEXT NOT NULL DEFAULT '';

CREATE TABLE oauth_grants (
    token_hash     TEXT PRIMARY KEY,
    kind           TEXT    NOT NULL,
    client_id      TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    account_id     TEXT    NOT NULL,
    scopes         TEXT    NOT NULL,
    redirect_uri   TEXT    NULL,
    code_challenge TEXT    NULL,
    challenge_method TEXT  NULL,
    expires_at     BIGINT  NOT NULL,
    used           BIGINT  NOT NULL
);
