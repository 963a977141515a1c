-- Bills whose vouchers were accepted while Got It could not be reached, and who approved it.
ALTER TABLE bills ADD COLUMN offline_accepted INTEGER NOT NULL DEFAULT 0 CHECK (offline_accepted IN (0, 1));
ALTER TABLE bills ADD COLUMN offline_approved_by TEXT;
