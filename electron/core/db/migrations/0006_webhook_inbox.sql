-- Callbacks providers send to the till. The inbox holds one row per event (a duplicate delivery
-- finds its row and changes nothing); every arrival, refused or duplicate, is a delivery row.
CREATE TABLE webhook_inbox (
  id           INTEGER PRIMARY KEY,
  provider     TEXT NOT NULL,
  delivery_key TEXT NOT NULL,
  route        TEXT NOT NULL,
  body         TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  processed_at TEXT,
  outcome      TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (provider, delivery_key)
) STRICT;

CREATE TABLE webhook_deliveries (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  provider     TEXT,
  route        TEXT NOT NULL,
  delivery_key TEXT,
  remote       TEXT,
  status       INTEGER NOT NULL,
  outcome      TEXT NOT NULL
) STRICT;
CREATE INDEX webhook_deliveries_at ON webhook_deliveries (at);
