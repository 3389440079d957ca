-- Officials: accounts, submissions for review,
-- and the append-only activity log. The public side never reads these tables.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('author', 'reviewer', 'admin')),
    office_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    disabled INTEGER NOT NULL DEFAULT 0,
    totp_secret TEXT,
    totp_required INTEGER NOT NULL DEFAULT 0,
    recovery_codes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind TEXT NOT NULL,
    draft_id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    jurisdiction_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    submitted_by INTEGER NOT NULL REFERENCES accounts (id),
    submitted_at TEXT NOT NULL,
    correction_note TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'scheduled', 'published', 'returned')),
    reviewed_by INTEGER REFERENCES accounts (id),
    reviewed_at TEXT,
    review_comment TEXT,
    publish_at TEXT,
    published_version INTEGER
);
CREATE INDEX submissions_status ON submissions (status, jurisdiction_slug);

CREATE TABLE activity_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX activity_log_action ON activity_log (action, at);

-- No role can change or remove what the log holds.
CREATE TRIGGER activity_log_no_update BEFORE UPDATE ON activity_log
BEGIN
    SELECT RAISE(ABORT, 'the activity log is append-only');
END;
CREATE TRIGGER activity_log_no_delete BEFORE DELETE ON activity_log
BEGIN
    SELECT RAISE(ABORT, 'the activity log is append-only');
END;
