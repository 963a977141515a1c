-- The back office's store of record: every till's ledger, audit log and journal outcomes, as the
-- tills pushed them. Every primary key and unique index leads with or includes the till (or the
-- store), so the same schema distributes by till on Citus. The ledger and the audit log are
-- partitioned by month, with a default partition so that a till with an absurd clock can never
-- block its outbox; partitions.ts makes the months and moves rows out of the default.

CREATE TABLE store (
  store_id   text PRIMARY KEY,
  name       text NOT NULL,
  time_zone  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE till (
  till_id        text PRIMARY KEY,
  store_id       text NOT NULL REFERENCES store (store_id),
  name           text,
  -- SHA-256 of the till's key; the key itself is never stored. Null once revoked.
  key_hash       text,
  -- Everything up to here is applied; the next batch starts at applied_seq + 1.
  applied_seq    bigint NOT NULL DEFAULT 0,
  -- The hash the till's next audit entry must chain from.
  audit_head     text NOT NULL,
  -- The first break in the audit chain seen on arrival (the entries are kept all the same).
  chain_break    jsonb,
  -- The till's clock minus ours when its last batch arrived, in ms.
  skew_ms        bigint,
  last_batch_at  timestamptz,
  last_batch_events integer,
  backlog        integer,
  backlog_oldest timestamptz,
  enrolled_at    timestamptz NOT NULL,
  revoked_at     timestamptz
);
CREATE INDEX till_store ON till (store_id, till_id);
CREATE INDEX till_key ON till (key_hash);

-- One-time enrolment codes; only their hashes are kept.
CREATE TABLE enrolment_code (
  store_id   text NOT NULL REFERENCES store (store_id),
  code_hash  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  used_by    text,
  PRIMARY KEY (store_id, code_hash)
);
CREATE INDEX enrolment_code_hash ON enrolment_code (code_hash);

CREATE TABLE ledger (
  till_id       text NOT NULL,
  store_id      text NOT NULL,
  provider      text NOT NULL,
  kind          text NOT NULL,
  ref           text NOT NULL,
  status        text NOT NULL,
  detail_status text NOT NULL,
  amount_minor  bigint,
  currency      text,
  staff_id      text,
  staff_name    text,
  approved_by   text,
  offline       boolean NOT NULL,
  summary       text NOT NULL,
  -- The outbox sequence number of this version: a row is replaced only by a newer version of itself.
  version       bigint NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (till_id, provider, kind, ref, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE ledger_default PARTITION OF ledger DEFAULT;
CREATE INDEX ledger_store_time ON ledger (store_id, created_at);

-- What a ledger row is found by besides its ref: the last 4 of a card, order and transaction ids.
CREATE TABLE ledger_term (
  till_id  text NOT NULL,
  provider text NOT NULL,
  kind     text NOT NULL,
  ref      text NOT NULL,
  term     text NOT NULL,
  PRIMARY KEY (till_id, provider, kind, ref, term)
);
CREATE INDEX ledger_term_term ON ledger_term (term);

CREATE TABLE audit (
  till_id       text NOT NULL,
  store_id      text NOT NULL,
  audit_id      bigint NOT NULL,
  at            timestamptz NOT NULL,
  -- The till id written in the entry (the hash covers it); after a copy it is the earlier till's.
  entry_till_id text NOT NULL,
  actor_id      text,
  actor_name    text,
  action        text NOT NULL,
  subject       text,
  outcome       text NOT NULL,
  detail        text NOT NULL,
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  -- Whether the entry chained from the one before it and its hash matched on arrival.
  chain_ok      boolean NOT NULL,
  seq           bigint NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (till_id, audit_id, at)
) PARTITION BY RANGE (at);
CREATE TABLE audit_default PARTITION OF audit DEFAULT;
CREATE INDEX audit_store_time ON audit (store_id, at);
CREATE INDEX audit_subject ON audit (till_id, subject);

CREATE TABLE journal_outcome (
  till_id    text NOT NULL,
  store_id   text NOT NULL,
  journal_id bigint NOT NULL,
  provider   text NOT NULL,
  operation  text NOT NULL,
  subject    text,
  state      text NOT NULL,
  attempts   integer NOT NULL,
  version    bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (till_id, journal_id)
);
CREATE INDEX journal_outcome_store_state ON journal_outcome (store_id, state, created_at);

-- Every batch applied, for support: which till, which sequence numbers, when, and the clock skew.
CREATE TABLE ingest_batch (
  till_id     text NOT NULL,
  from_seq    bigint NOT NULL,
  to_seq      bigint NOT NULL,
  events      integer NOT NULL,
  sent_at     timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  skew_ms     bigint NOT NULL,
  PRIMARY KEY (till_id, from_seq)
);
