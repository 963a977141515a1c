-- Who approved an operation is shown by name everywhere (History, its CSV) and kept by id beside
-- it. Offline acceptances stored the manager's id where the name belongs: it moves to its column.
ALTER TABLE history ADD COLUMN approved_by_id TEXT;
ALTER TABLE juspay_refunds ADD COLUMN approved_by_id TEXT;
UPDATE history SET approved_by_id = approved_by, approved_by = (SELECT name FROM staff WHERE staff.id = history.approved_by)
WHERE approved_by IN (SELECT id FROM staff);
UPDATE juspay_refunds SET approved_by_id = (SELECT id FROM staff WHERE staff.name = juspay_refunds.approved_by AND staff.role = 'manager' LIMIT 1) WHERE approved_by IS NOT NULL;
UPDATE history SET approved_by_id = (SELECT r.approved_by_id FROM juspay_refunds r WHERE r.unique_request_id = history.ref)
WHERE provider = 'juspay' AND kind = 'refund' AND approved_by IS NOT NULL;
