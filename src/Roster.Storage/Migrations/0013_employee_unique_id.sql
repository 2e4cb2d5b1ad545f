-- GET /users/{userId}?search_by_unique_id=true finds a user of the caller's account by the employee_unique_id an SSO
-- sign-in brought (kept in the profile document): an index on that field of the profile, spelt per engine.
CREATE INDEX ix_users_employee_unique_id ON users (account_id, json_extract(profile, '$.employee_unique_id')); -- sqlite only
CREATE INDEX ix_users_employee_unique_id ON users (account_id, ((profile::jsonb) ->> 'employee_unique_id')); -- postgres only
