-- The console's user search matches the start of a first or last name as well as of the e-mail (whose unique index
-- already serves a prefix): an index on each name, lower-cased, per account; spelt per engine.
CREATE INDEX ix_users_first_name ON users (account_id, lower(json_extract(profile, '$.first_name'))); -- sqlite only
CREATE INDEX ix_users_last_name ON users (account_id, lower(json_extract(profile, '$.last_name'))); -- sqlite only
CREATE INDEX ix_users_first_name ON users (account_id, lower((profile::jsonb) ->> 'first_name')); -- postgres only
CREATE INDEX ix_users_last_name ON users (account_id, lower((profile::jsonb) ->> 'last_name')); -- postgres only
