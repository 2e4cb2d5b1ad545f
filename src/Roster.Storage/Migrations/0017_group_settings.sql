-- A group's settings (Zoom's /v2/groups/{id}/settings), its lock settings and its webinar registration settings: only
-- the values the group's admins changed, as JSON documents (defaults come from the settings schema, as for users).
-- A member's settings are computed when read (account default, then the primary group's value, then the user's own,
-- then the locking group's value): nothing is copied to members, so a change here is seen at once by every member.
CREATE TABLE group_settings (
    group_id     TEXT PRIMARY KEY,
    doc          TEXT NOT NULL DEFAULT '{}',
    locks        TEXT NOT NULL DEFAULT '{}',
    registration TEXT
);

-- The Server-to-Server apps Roster made hold every admin scope of what it serves: those holding the groups' classic
-- scopes get the group settings' granular ones as a first start makes them now (GroupSettingsOperations.AppScopes).
UPDATE oauth_apps
SET scopes = scopes || ' group:read:settings:admin group:update:settings:admin group:read:lock_settings:admin group:update:lock_settings:admin group:read:registration_settings:admin group:update:registration_settings:admin group:write:virtual_background_files:admin group:delete:virtual_background_files:admin'
WHERE app_type = 's2s'
  AND (' ' || scopes || ' ') LIKE '% group:read:admin %' AND (' ' || scopes || ' ') LIKE '% group:write:admin %'
  AND (' ' || scopes || ' ') LIKE '% group:master %' AND (' ' || scopes || ' ') LIKE '% user:master %'
  AND (' ' || scopes || ' ') NOT LIKE '% group:read:settings:admin %';
