-- Groups (Zoom's /v2/groups): an account's groups, their members and their admins.
-- total_members is kept with every membership change (same transaction), so a list's total_records reads one row.
-- name_key is the name in lower case: names are unique per account whatever their case.
CREATE TABLE groups (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                TEXT    NOT NULL UNIQUE,
    account_id        TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    name_key          TEXT    NOT NULL,
    in_directory      BIGINT,
    directory_privacy BIGINT,
    total_members     BIGINT  NOT NULL DEFAULT 0,
    created_at        BIGINT  NOT NULL
);
CREATE UNIQUE INDEX groups_account_name_key ON groups (account_id, name_key);
CREATE INDEX groups_account_seq ON groups (account_id, seq);

-- One row per (group, user). seq orders a group's members (the order they were added) and is the keyset of a page:
-- (group_id, seq) is read as a range, never skipped over with OFFSET. The pair's uniqueness is kept user first, so that
-- (group_id, seq) is the one index a group's rows are found by (given a second one, PostgreSQL read a whole group
-- through it and sorted, 35 ms for page 1 of 100,000 members, instead of reading the page's range).
CREATE TABLE group_members (
    seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    added_at BIGINT  NOT NULL
);
CREATE UNIQUE INDEX group_members_user_group ON group_members (user_id, group_id);
CREATE UNIQUE INDEX group_members_page ON group_members (group_id, seq);

CREATE TABLE group_admins (
    seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    added_at BIGINT  NOT NULL
);
CREATE UNIQUE INDEX group_admins_user_group ON group_admins (user_id, group_id);
CREATE UNIQUE INDEX group_admins_page ON group_admins (group_id, seq);

-- Before groups were real a user's PATCH group_id was only written into the profile: those ids name no group.
UPDATE users SET profile = json_remove(profile, '$.group_ids') WHERE json_extract(profile, '$.group_ids') IS NOT NULL; -- sqlite only
UPDATE users SET profile = ((profile::jsonb) - 'group_ids')::text WHERE (profile::jsonb) -> 'group_ids' IS NOT NULL; -- postgres only

-- The Server-to-Server apps Roster made (at first start, for test accounts) hold every admin scope of what Roster serves:
-- those made before groups get the group scopes as new ones do (Operations.AllAdminScopes; a test holds the two equal).
UPDATE oauth_apps SET scopes = scopes || ' group:read:admin group:write:admin group:master group:read:list_groups:admin group:write:group:admin group:read:group:admin group:update:group:admin group:delete:group:admin group:read:list_members:admin group:write:member:admin group:delete:member:admin group:update:member:admin group:read:administrator:admin group:write:administrator:admin group:delete:administrator:admin group:read:list_channels:admin'
WHERE scopes = 'user:read:admin user:write:admin user:master account:master account:read:admin account:write:admin user:read:zak:admin';
