-- The till's copy of Hubble's brand catalogue, so the Gift cards screen works offline.
CREATE TABLE gift_brands (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  status     TEXT NOT NULL,
  data       TEXT NOT NULL,
  synced_at  TEXT NOT NULL
) STRICT;

-- One gift card sale: its referenceId is made once, before the call, and every retry reuses it.
-- Card numbers are kept masked and PINs never: the cards are shown whole once, then fetched again.
CREATE TABLE gift_orders (
  id              INTEGER PRIMARY KEY,
  reference_id    TEXT NOT NULL UNIQUE,
  hubble_order_id TEXT,
  product_id      TEXT NOT NULL,
  brand_title     TEXT NOT NULL,
  amount_paise    INTEGER NOT NULL,
  lines           TEXT NOT NULL,
  customer        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('placing', 'processing', 'succeeded', 'failed', 'verifying', 'needs_review')),
  failure         TEXT,
  cards           TEXT NOT NULL DEFAULT '[]',
  request_ids     TEXT NOT NULL DEFAULT '[]',
  polls           INTEGER NOT NULL DEFAULT 0,
  staff_id        TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  settled_at      TEXT
) STRICT;
CREATE INDEX gift_orders_status ON gift_orders (status, created_at);
