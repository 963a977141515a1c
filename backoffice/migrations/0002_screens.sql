-- What the managers' and head office's screens need: the provider's own id on every ledger row
-- (reconciliation matches statements on it), every version of a row as it arrived (an
-- operation's story), search terms that know their store and time (a search by last 4 reads one
-- store's newest first), accounts, sessions and the back office's own audit log, and imported
-- provider statements with what they were matched against.

ALTER TABLE ledger ADD COLUMN provider_ref text;
CREATE INDEX ledger_provider_ref ON ledger (provider, lower(provider_ref)) WHERE provider_ref IS NOT NULL;
CREATE INDEX ledger_time ON ledger (created_at);
CREATE INDEX ledger_store_status_time ON ledger (store_id, status, created_at);

-- Every version of a ledger row the back office received, newest last: nothing a till sent is lost
-- when a newer version replaces the row in `ledger`.
CREATE TABLE ledger_version (
  till_id       text NOT NULL,
  provider      text NOT NULL,
  kind          text NOT NULL,
  ref           text NOT NULL,
  version       bigint NOT NULL,
  status        text NOT NULL,
  detail_status text NOT NULL,
  amount_minor  bigint,
  currency      text,
  approved_by   text,
  offline       boolean NOT NULL,
  provider_ref  text,
  updated_at    timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (till_id, provider, kind, ref, version)
);

-- When the till last reached the back office: a batch, or its heartbeat while it has nothing to send.
ALTER TABLE till ADD COLUMN last_seen_at timestamptz;
UPDATE till SET last_seen_at = last_batch_at;
CREATE INDEX audit_action ON audit (till_id, action);
-- The operation an entry is about when its subject is something else (a Queue resolution names the journal row; its detail names the operation).
ALTER TABLE audit ADD COLUMN about text;
CREATE INDEX audit_about ON audit (till_id, about) WHERE about IS NOT NULL;
CREATE INDEX ledger_version_review ON ledger_version (till_id, provider, kind, ref) WHERE status = 'review';

ALTER TABLE journal_outcome ADD COLUMN request_ids text[] NOT NULL DEFAULT '{}';
CREATE INDEX journal_outcome_request_ids ON journal_outcome USING gin (request_ids);
CREATE INDEX journal_outcome_subject ON journal_outcome (till_id, provider, subject);

ALTER TABLE ledger_term ADD COLUMN store_id text;
ALTER TABLE ledger_term ADD COLUMN created_at timestamptz;
UPDATE ledger_term t SET store_id = l.store_id, created_at = l.created_at
FROM ledger l WHERE l.till_id = t.till_id AND l.provider = t.provider AND l.kind = t.kind AND l.ref = t.ref;
DROP INDEX ledger_term_term;
CREATE INDEX ledger_term_store ON ledger_term (store_id, term, created_at DESC);
CREATE INDEX ledger_term_chain ON ledger_term (term, created_at DESC);

CREATE TABLE bo_user (
  user_id         text PRIMARY KEY,
  -- What people sign in with, as typed but compared lower-cased.
  login           text NOT NULL,
  name            text NOT NULL,
  role            text NOT NULL CHECK (role IN ('head_office', 'store_manager')),
  -- scrypt$N$r$p$salt$hash: the parameters travel with the hash.
  password_hash   text NOT NULL,
  failures        integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz,
  locked_at       timestamptz,
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text
);
CREATE UNIQUE INDEX bo_user_login ON bo_user (lower(login));

-- The stores a store manager may see; head office sees every store and has no rows here.
CREATE TABLE bo_user_store (
  user_id  text NOT NULL REFERENCES bo_user (user_id),
  store_id text NOT NULL REFERENCES store (store_id),
  PRIMARY KEY (user_id, store_id)
);

-- Only the SHA-256 of a session's token is kept: a copy of the database opens no session.
CREATE TABLE bo_session (
  token_hash   text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES bo_user (user_id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX bo_session_user ON bo_session (user_id);

-- Everything people did in the back office, and every refused sign-in.
CREATE TABLE bo_audit (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL,
  user_id   text,
  user_name text,
  action    text NOT NULL,
  subject   text,
  outcome   text NOT NULL,
  detail    jsonb NOT NULL DEFAULT '{}'::jsonb,
  address   text
);
CREATE INDEX bo_audit_at ON bo_audit (at);

-- How each provider's statement is read (its columns differ by contract); saved per provider.
CREATE TABLE statement_mapping (
  provider   text PRIMARY KEY,
  mapping    jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text
);

CREATE TABLE statement_import (
  import_id   bigserial PRIMARY KEY,
  provider    text NOT NULL,
  day_from    date NOT NULL,
  day_to      date NOT NULL,
  file_name   text NOT NULL,
  lines       integer NOT NULL,
  mapping     jsonb NOT NULL,
  totals      jsonb NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL
);

-- One row per statement line and per till operation that had no line: the outcome of the match.
CREATE TABLE recon_item (
  import_id        bigint NOT NULL REFERENCES statement_import (import_id) ON DELETE CASCADE,
  item_no          integer NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('matched', 'amount_differs', 'provider_only', 'till_only')),
  provider_ref     text,
  line_no          integer,
  statement_amount bigint,
  ledger_amount    bigint,
  currency         text,
  till_id          text,
  store_id         text,
  kind             text,
  ref              text,
  created_at       timestamptz,
  PRIMARY KEY (import_id, item_no)
);
CREATE INDEX recon_item_outcome ON recon_item (import_id, outcome, item_no);
