-- A bill the cashier redeems vouchers against. Its number is unique per till and is sent to
-- the provider on every attempt, so a retry can never become a second redemption.
CREATE TABLE bills (
  id             INTEGER PRIMARY KEY,
  bill_number    TEXT NOT NULL UNIQUE,
  status         TEXT NOT NULL CHECK (status IN ('open', 'redeeming', 'verifying', 'redeemed', 'rejected', 'needs_review', 'abandoned')),
  flow           TEXT NOT NULL CHECK (flow IN ('direct', 'reserve')),
  total_vnd      INTEGER,
  skus           TEXT NOT NULL DEFAULT '[]',
  transaction_id TEXT,
  problem        TEXT,
  staff_id       TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  settled_at     TEXT
) STRICT;

CREATE TABLE bill_vouchers (
  bill_id    INTEGER NOT NULL REFERENCES bills (id),
  position   INTEGER NOT NULL,
  code       TEXT NOT NULL,
  value_vnd  INTEGER,
  amount_vnd INTEGER NOT NULL,
  PRIMARY KEY (bill_id, code)
) STRICT;

-- The operation journal (outbox): every change of money or voucher state, written before the call.
CREATE TABLE journal (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,
  provider        TEXT NOT NULL,
  operation       TEXT NOT NULL,
  subject         TEXT,
  payload         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'succeeded', 'rejected', 'unknown', 'needs_review')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until     TEXT,
  result          TEXT,
  last_error      TEXT,
  history         TEXT NOT NULL DEFAULT '[]',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX journal_due ON journal (state, next_attempt_at);

-- One row per HTTP attempt to a provider: no secrets, voucher codes masked.
CREATE TABLE provider_calls (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  provider    TEXT NOT NULL,
  operation   TEXT NOT NULL,
  endpoint    TEXT NOT NULL,
  status      INTEGER,
  duration_ms INTEGER NOT NULL,
  error_code  TEXT,
  request_id  TEXT NOT NULL,
  detail      TEXT
) STRICT;
CREATE INDEX provider_calls_at ON provider_calls (at);
