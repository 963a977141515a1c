-- One row per money operation of every provider (a redemption, a gift card sale, a receipt, a
-- refund, a mandate revoke), kept by each provider module in the same transaction as its own
-- records, so History and Day at a glance read one indexed table whatever the provider.
CREATE TABLE history (
  id            INTEGER PRIMARY KEY,
  provider      TEXT NOT NULL,
  kind          TEXT NOT NULL,
  ref           TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'done', 'failed', 'review')),
  detail_status TEXT NOT NULL,
  amount_minor  INTEGER,
  currency      TEXT,
  staff_id      TEXT,
  staff_name    TEXT,
  approved_by   TEXT,
  offline       INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1)),
  till_id       TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  journal_subject TEXT,
  call_subject  TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (provider, kind, ref)
) STRICT;
CREATE INDEX history_time ON history (created_at, id);
CREATE INDEX history_provider_time ON history (provider, created_at, id);
CREATE INDEX history_status_time ON history (status, created_at, id);
CREATE INDEX history_staff_time ON history (staff_id, created_at, id);

-- What History's search finds an operation by: the last 4 of a code or card, bill numbers, order
-- and reference ids (lower case). Request ids are found through provider_calls.
CREATE TABLE history_terms (
  term       TEXT NOT NULL,
  history_id INTEGER NOT NULL REFERENCES history (id),
  PRIMARY KEY (term, history_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX provider_calls_request ON provider_calls (request_id);
CREATE INDEX audit_log_subject ON audit_log (subject, id);
