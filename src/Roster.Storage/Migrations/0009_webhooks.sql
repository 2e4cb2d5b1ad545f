-- Webhooks. Each app has one secret token (Zoom's "Secret Token"), kept sealed like the other store secrets.
ALTER TABLE oauth_apps ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT '';

-- An app's event subscriptions (Zoom: at most 20 per app).
CREATE TABLE webhook_subscriptions (
    seq                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                  TEXT    NOT NULL UNIQUE,
    client_id           TEXT    NOT NULL,
    account_id          TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    events              TEXT    NOT NULL,
    url                 TEXT    NOT NULL,
    scope               TEXT    NOT NULL,
    user_ids            TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL,
    validated_at        BIGINT  NOT NULL,
    validation_failures BIGINT  NOT NULL DEFAULT 0,
    disabled            BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX webhook_subscriptions_app ON webhook_subscriptions (client_id, seq);
CREATE INDEX webhook_subscriptions_account ON webhook_subscriptions (account_id);

-- One row per (event, subscription): the delivery, leased by one node at a time. next_at is on the store's clock;
-- lease_until on the real clock (a frozen store clock must not hold a lease forever).
CREATE TABLE webhook_deliveries (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    event_id        TEXT    NOT NULL,
    subscription_id TEXT    NOT NULL,
    client_id       TEXT    NOT NULL,
    account_id      TEXT    NOT NULL,
    event           TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    occurred_at     BIGINT  NOT NULL,
    state           TEXT    NOT NULL,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    retries         BIGINT  NOT NULL DEFAULT 0,
    next_at         BIGINT  NOT NULL,
    lease_owner     TEXT,
    lease_until     BIGINT  NOT NULL DEFAULT 0,
    last_status     BIGINT,
    last_error      TEXT,
    UNIQUE (event_id, subscription_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_account ON webhook_deliveries (account_id, seq);

-- Every attempt of a delivery: the delivery log.
CREATE TABLE webhook_attempts (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id     TEXT    NOT NULL,
    account_id      TEXT    NOT NULL,
    attempt         BIGINT  NOT NULL,
    retry_num       BIGINT  NOT NULL,
    at              BIGINT  NOT NULL,
    status          BIGINT  NOT NULL,
    latency_ms      BIGINT  NOT NULL,
    failure         TEXT,
    response        TEXT,
    node            TEXT    NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, seq);
