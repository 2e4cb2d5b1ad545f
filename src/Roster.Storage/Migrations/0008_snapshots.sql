-- Named snapshots of the whole state (the sandbox's reset point is the one named "bootstrap"). Each snapshot's rows
-- live in tables of their own, snapshot_<id>_<table>, made by the engine itself (CREATE TABLE … AS SELECT) in the
-- saving transaction; schema_version says which migrations the copied columns belong to.
CREATE TABLE snapshots (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           TEXT   NOT NULL UNIQUE,
    created_at     BIGINT NOT NULL,
    schema_version BIGINT NOT NULL,
    users          BIGINT NOT NULL
);
