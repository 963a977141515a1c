-- The provider's own id for an operation (Got It's transaction id, Hubble's order id, Vipps's
-- order id, Juspay's refund or mandate id), kept apart from the search terms: the back office
-- matches a provider's statement on it, line by line, and a search term cannot say which of a
-- row's terms is the provider's.
ALTER TABLE history ADD COLUMN provider_ref TEXT;

DROP TRIGGER outbox_ledger_insert;
DROP TRIGGER outbox_ledger_update;

CREATE TRIGGER outbox_ledger_insert AFTER INSERT ON history
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('ledger', NEW.updated_at, json_object(
    'provider', NEW.provider, 'kind', NEW.kind, 'ref', NEW.ref, 'status', NEW.status, 'detailStatus', NEW.detail_status,
    'amountMinor', NEW.amount_minor, 'currency', NEW.currency, 'staffId', NEW.staff_id, 'staffName', NEW.staff_name,
    'approvedBy', NEW.approved_by, 'offline', json(CASE WHEN NEW.offline THEN 'true' ELSE 'false' END), 'summary', NEW.summary,
    'providerRef', NEW.provider_ref, 'createdAt', NEW.created_at, 'updatedAt', NEW.updated_at));
END;

CREATE TRIGGER outbox_ledger_update AFTER UPDATE ON history
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('ledger', NEW.updated_at, json_object(
    'provider', NEW.provider, 'kind', NEW.kind, 'ref', NEW.ref, 'status', NEW.status, 'detailStatus', NEW.detail_status,
    'amountMinor', NEW.amount_minor, 'currency', NEW.currency, 'staffId', NEW.staff_id, 'staffName', NEW.staff_name,
    'approvedBy', NEW.approved_by, 'offline', json(CASE WHEN NEW.offline THEN 'true' ELSE 'false' END), 'summary', NEW.summary,
    'providerRef', NEW.provider_ref, 'createdAt', NEW.created_at, 'updatedAt', NEW.updated_at));
END;

-- A journal row's outcome carries the request ids of its calls (never its payload): the back office finds an operation by one.
DROP TRIGGER outbox_journal;
CREATE TRIGGER outbox_journal AFTER UPDATE OF state ON journal
WHEN NEW.state IN ('succeeded', 'rejected', 'needs_review') AND NEW.state <> OLD.state
BEGIN
  INSERT INTO outbox (kind, at, data) VALUES ('journal', NEW.updated_at, json_object(
    'id', NEW.id, 'provider', NEW.provider, 'operation', NEW.operation, 'subject', NEW.subject, 'state', NEW.state,
    'attempts', NEW.attempts, 'createdAt', NEW.created_at, 'updatedAt', NEW.updated_at,
    'requestIds', json((SELECT json_group_array(json_extract(m.value, '$.requestId')) FROM json_each(NEW.history) m WHERE json_extract(m.value, '$.requestId') IS NOT NULL))));
END;

-- What the till already holds learns its provider id; each row so changed goes to the back office again.
UPDATE history SET provider_ref = (SELECT b.transaction_id FROM bills b WHERE b.bill_number = history.ref)
WHERE provider = 'gotit' AND kind = 'redemption' AND EXISTS (SELECT 1 FROM bills b WHERE b.bill_number = history.ref AND b.transaction_id IS NOT NULL);
UPDATE history SET provider_ref = (SELECT g.hubble_order_id FROM gift_orders g WHERE g.reference_id = history.ref)
WHERE provider = 'hubble' AND kind = 'gift_sale' AND EXISTS (SELECT 1 FROM gift_orders g WHERE g.reference_id = history.ref AND g.hubble_order_id IS NOT NULL);
UPDATE history SET provider_ref = substr(ref, instr(ref, ':') + 1) WHERE provider = 'vipps' AND kind = 'receipt';
UPDATE history SET provider_ref = (SELECT r.juspay_refund_id FROM juspay_refunds r WHERE r.unique_request_id = history.ref)
WHERE provider = 'juspay' AND kind = 'refund' AND EXISTS (SELECT 1 FROM juspay_refunds r WHERE r.unique_request_id = history.ref AND r.juspay_refund_id IS NOT NULL);
