-- People who use the till. PINs are stored only as scrypt hashes with a per-person salt.
CREATE TABLE staff (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin_hash        TEXT NOT NULL,
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failed_at  TEXT,
  locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  created_at      TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX staff_name_unique ON staff (name COLLATE NOCASE);

-- Append-only audit trail; each entry carries the hash of the one before it.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  till_id    TEXT NOT NULL,
  actor_id   TEXT,
  actor_name TEXT,
  action     TEXT NOT NULL,
  subject    TEXT,
  outcome    TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  detail     TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log entries cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log entries cannot be deleted');
END;

-- Provider settings. Non-secret values as JSON; secrets as one sealed (encrypted) JSON blob.
CREATE TABLE provider_settings (
  provider   TEXT PRIMARY KEY CHECK (provider IN ('gotit', 'hubble', 'vipps', 'juspay')),
  mode       TEXT NOT NULL CHECK (mode IN ('training', 'sandbox', 'production')),
  base_url   TEXT,
  "values"   TEXT NOT NULL DEFAULT '{}',
  secrets    BLOB,
  updated_at TEXT NOT NULL
) STRICT;
