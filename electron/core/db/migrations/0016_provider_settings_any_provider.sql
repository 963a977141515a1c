-- migrate: rebuilds tables
-- Which providers exist is the manifests' to say (shared/providers/), not the schema's: the CHECK
-- that named the first four is dropped, so a provider added later can keep its settings. The id's
-- shape is still checked (lower-case letters and digits, as ProviderIdSchema says). SQLite cannot
-- change a CHECK in place, so the table is rebuilt with its rows.
CREATE TABLE provider_settings_next (
  provider   TEXT PRIMARY KEY CHECK (length(provider) BETWEEN 2 AND 20 AND provider NOT GLOB '*[^a-z0-9]*' AND substr(provider, 1, 1) GLOB '[a-z]'),
  mode       TEXT NOT NULL CHECK (mode IN ('training', 'sandbox', 'production')),
  base_url   TEXT,
  "values"   TEXT NOT NULL DEFAULT '{}',
  secrets    BLOB,
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO provider_settings_next (provider, mode, base_url, "values", secrets, updated_at)
  SELECT provider, mode, base_url, "values", secrets, updated_at FROM provider_settings;
DROP TABLE provider_settings;
ALTER TABLE provider_settings_next RENAME TO provider_settings;
