-- Roles of accounts (zoom-roles.md): custom roles, and the built-in Admin once an account changed its privileges.
-- A user's role stays users.role_id; members are users, counted by the kept totals (user_counts).
CREATE TABLE roles (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id       TEXT   NOT NULL,
    id               TEXT   NOT NULL,
    name             TEXT   NOT NULL,
    name_key         TEXT   NOT NULL,
    description      TEXT   NOT NULL,
    type             TEXT   NOT NULL,
    privileges       TEXT   NOT NULL,
    sub_account_level BIGINT,
    created_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_roles_id ON roles (account_id, id);
-- names are unique per account, ignoring case (1224)
CREATE UNIQUE INDEX ux_roles_name_key ON roles (account_id, name_key);
-- a role's members in creation order, any status: GET /roles/{id}/members pages by keyset on it
CREATE INDEX ix_users_role_seq ON users (account_id, role_id, seq);
-- The Server-to-Server apps Roster's first start made (every user and account admin scope) hold the role scopes too,
-- as the first start makes them now: an existing set-up calls the Roles API without a new app.
UPDATE oauth_apps
SET scopes = scopes || ' role:read:admin role:write:admin role:master role:read:list_roles:admin role:write:role:admin role:read:role:admin role:update:role:admin role:delete:role:admin role:read:list_members:admin role:write:member:admin role:delete:member:admin'
WHERE app_type = 's2s'
  AND (' ' || scopes || ' ') LIKE '% user:read:admin %' AND (' ' || scopes || ' ') LIKE '% user:write:admin %'
  AND (' ' || scopes || ' ') LIKE '% user:master %' AND (' ' || scopes || ' ') LIKE '% account:master %'
  AND (' ' || scopes || ' ') NOT LIKE '% role:write:admin %';
