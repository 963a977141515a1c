-- What the till attached to Vipps MobilePay payments (a receipt can be added only once at Vipps).
CREATE TABLE vipps_attachments (
  id           INTEGER PRIMARY KEY,
  msn          TEXT NOT NULL,
  payment_type TEXT NOT NULL,
  order_id     TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('receipt')),
  status       TEXT NOT NULL CHECK (status IN ('sending', 'attached', 'refused', 'verifying', 'needs_review', 'queued')),
  problem      TEXT,
  request_ids  TEXT NOT NULL DEFAULT '[]',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (msn, payment_type, order_id, kind)
) STRICT;
