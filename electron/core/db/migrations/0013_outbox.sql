-- The back office's outbox: every History ledger change, every new search term, every audit
-- entry and every journal row's outcome is queued here by triggers, in the same transaction that
-- writes it, so nothing can be written without being queued and a rolled-back change queues
-- nothing. The sequence number orders a till's events for ever (the pair till + seq is the
-- idempotency key at the back office). Nothing secret is copied: History's summary is already
-- masked to last 4s, audit entries never hold a secret, and a journal row is sent without its
-- payload or result (which may hold whole codes and customers' details).
CREATE TABLE outbox (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('ledger', 'term', 'audit', 'journal')),
  at   TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;

CREATE TRIGGER outbox_ledger_insert AFTER INSERT ON history
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('ledger', NEW.updated_at, json_object(
    'provider', NEW.provider, 'kind', NEW.kind, 'ref', NEW.ref, 'status', NEW.status, 'detailStatus', NEW.detail_status,
    'amountMinor', NEW.amount_minor, 'currency', NEW.currency, 'staffId', NEW.staff_id, 'staffName', NEW.staff_name,
    'approvedBy', NEW.approved_by, 'offline', json(CASE WHEN NEW.offline THEN 'true' ELSE 'false' END), 'summary', NEW.summary,
    'createdAt', NEW.created_at, 'updatedAt', NEW.updated_at));
END;

CREATE TRIGGER outbox_ledger_update AFTER UPDATE ON history
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('ledger', NEW.updated_at, json_object(
    'provider', NEW.provider, 'kind', NEW.kind, 'ref', NEW.ref, 'status', NEW.status, 'detailStatus', NEW.detail_status,
    'amountMinor', NEW.amount_minor, 'currency', NEW.currency, 'staffId', NEW.staff_id, 'staffName', NEW.staff_name,
    'approvedBy', NEW.approved_by, 'offline', json(CASE WHEN NEW.offline THEN 'true' ELSE 'false' END), 'summary', NEW.summary,
    'createdAt', NEW.created_at, 'updatedAt', NEW.updated_at));
END;

CREATE TRIGGER outbox_term AFTER INSERT ON history_terms
BEGIN
  INSERT INTO outbox (kind, at, data)
  SELECT 'term', h.updated_at, json_object('provider', h.provider, 'kind', h.kind, 'ref', h.ref, 'term', NEW.term) FROM history h WHERE h.id = NEW.history_id;
END;

CREATE TRIGGER outbox_audit AFTER INSERT ON audit_log
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('audit', NEW.at, json_object(
    'id', NEW.id, 'at', NEW.at, 'tillId', NEW.till_id, 'actorId', NEW.actor_id, 'actorName', NEW.actor_name, 'action', NEW.action,
    'subject', NEW.subject, 'outcome', NEW.outcome, 'detail', NEW.detail, 'prevHash', NEW.prev_hash, 'hash', NEW.hash));
END;

CREATE TRIGGER outbox_journal AFTER UPDATE OF state ON journal
WHEN NEW.state IN ('succeeded', 'rejected', 'needs_review') AND NEW.state <> OLD.state
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('journal', NEW.updated_at, json_object(
    'id', NEW.id, 'provider', NEW.provider, 'operation', NEW.operation, 'subject', NEW.subject, 'state', NEW.state,
    'attempts', NEW.attempts, 'createdAt', NEW.created_at, 'updatedAt', NEW.updated_at));
END;

-- What the till already holds goes too, oldest first: a back office enrolled later sees the till's past.
INSERT INTO outbox (kind, at, data)
SELECT 'audit', at, json_object('id', id, 'at', at, 'tillId', till_id, 'actorId', actor_id, 'actorName', actor_name, 'action', action,
  'subject', subject, 'outcome', outcome, 'detail', detail, 'prevHash', prev_hash, 'hash', hash)
FROM audit_log ORDER BY id;
INSERT INTO outbox (kind, at, data)
SELECT 'ledger', updated_at, json_object('provider', provider, 'kind', kind, 'ref', ref, 'status', status, 'detailStatus', detail_status,
  'amountMinor', amount_minor, 'currency', currency, 'staffId', staff_id, 'staffName', staff_name, 'approvedBy', approved_by,
  'offline', json(CASE WHEN offline THEN 'true' ELSE 'false' END), 'summary', summary, 'createdAt', created_at, 'updatedAt', updated_at)
FROM history ORDER BY id;
INSERT INTO outbox (kind, at, data)
SELECT 'term', h.updated_at, json_object('provider', h.provider, 'kind', h.kind, 'ref', h.ref, 'term', t.term)
FROM history_terms t JOIN history h ON h.id = t.history_id ORDER BY h.id;
INSERT INTO outbox (kind, at, data)
SELECT 'journal', updated_at, json_object('id', id, 'provider', provider, 'operation', operation, 'subject', subject, 'state', state,
  'attempts', attempts, 'createdAt', created_at, 'updatedAt', updated_at)
FROM journal WHERE state IN ('succeeded', 'rejected', 'needs_review') ORDER BY id;
