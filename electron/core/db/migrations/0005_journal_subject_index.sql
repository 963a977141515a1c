-- Looking up a bill's operations (its latest attempt, its reservations) must not scan the journal.
CREATE INDEX journal_subject ON journal (subject, id);
