-- What a provider call was about (a Vipps payment, a Juspay order), so support sees every call about
-- one thing from its lookup without a provider portal.
ALTER TABLE provider_calls ADD COLUMN subject TEXT;
CREATE INDEX provider_calls_subject ON provider_calls (provider, subject, id) WHERE subject IS NOT NULL;
