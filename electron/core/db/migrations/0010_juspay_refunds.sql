-- Refunds this till asked Juspay for: written with the journal row before the call, followed until Juspay says
-- SUCCESS, FAILURE or MANUAL_REVIEW. Juspay's order ids are case-insensitive, and so is this column.
CREATE TABLE juspay_refunds (
  unique_request_id TEXT PRIMARY KEY,
  order_id          TEXT NOT NULL COLLATE NOCASE,
  customer_id       TEXT,
  amount_paise      INTEGER NOT NULL CHECK (amount_paise > 0),
  status            TEXT NOT NULL CHECK (status IN ('sending', 'queued', 'verifying', 'PENDING', 'SUCCESS', 'FAILURE', 'MANUAL_REVIEW', 'refused', 'needs_review')),
  juspay_refund_id  TEXT,
  reference         TEXT,
  problem           TEXT,
  staff_id          TEXT NOT NULL,
  staff_name        TEXT NOT NULL,
  approved_by       TEXT,
  reason            TEXT,
  request_ids       TEXT NOT NULL DEFAULT '[]',
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  next_poll_at      TEXT,
  polls             INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX juspay_refunds_order ON juspay_refunds (order_id, created_at);
CREATE INDEX juspay_refunds_created ON juspay_refunds (created_at);
CREATE INDEX juspay_refunds_follow ON juspay_refunds (next_poll_at) WHERE next_poll_at IS NOT NULL;
