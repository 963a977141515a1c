-- migrate: rebuilds tables
-- A sold order Hubble takes back (REVERSED) is a state of its own, and a failure the till guessed on
-- a timer (no answer in 15 minutes) that Hubble later contradicts is corrected: the order keeps
-- where it was corrected from. SQLite cannot change a CHECK in place, so the table is rebuilt.
CREATE TABLE gift_orders_next (
  id              INTEGER PRIMARY KEY,
  reference_id    TEXT NOT NULL UNIQUE,
  hubble_order_id TEXT,
  product_id      TEXT NOT NULL,
  brand_title     TEXT NOT NULL,
  amount_paise    INTEGER NOT NULL,
  lines           TEXT NOT NULL,
  customer        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('placing', 'processing', 'succeeded', 'failed', 'verifying', 'needs_review', 'reversed')),
  failure         TEXT,
  cards           TEXT NOT NULL DEFAULT '[]',
  request_ids     TEXT NOT NULL DEFAULT '[]',
  polls           INTEGER NOT NULL DEFAULT 0,
  staff_id        TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  settled_at      TEXT,
  corrected_from  TEXT
) STRICT;
INSERT INTO gift_orders_next (id, reference_id, hubble_order_id, product_id, brand_title, amount_paise, lines, customer, status, failure, cards, request_ids, polls, staff_id, created_at, updated_at, settled_at)
  SELECT id, reference_id, hubble_order_id, product_id, brand_title, amount_paise, lines, customer, status, failure, cards, request_ids, polls, staff_id, created_at, updated_at, settled_at FROM gift_orders;
DROP TABLE gift_orders;
ALTER TABLE gift_orders_next RENAME TO gift_orders;
CREATE INDEX gift_orders_status ON gift_orders (status, created_at);
CREATE INDEX gift_orders_hubble_order_id ON gift_orders (hubble_order_id);

-- History takes the same state: done once, then taken back. Its search terms refer to it, so the
-- rebuild runs with foreign keys off and is checked before it commits (see migrations.ts).
CREATE TABLE history_next (
  id            INTEGER PRIMARY KEY,
  provider      TEXT NOT NULL,
  kind          TEXT NOT NULL,
  ref           TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'done', 'failed', 'review', 'reversed')),
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
INSERT INTO history_next SELECT * FROM history;
DROP TABLE history;
ALTER TABLE history_next RENAME TO history;
CREATE INDEX history_time ON history (created_at, id);
CREATE INDEX history_provider_time ON history (provider, created_at, id);
CREATE INDEX history_status_time ON history (status, created_at, id);
CREATE INDEX history_staff_time ON history (staff_id, created_at, id);
