-- A sub account's options as its master set them (PATCH /accounts/{accountId}/options): one JSON document.
ALTER TABLE accounts ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
