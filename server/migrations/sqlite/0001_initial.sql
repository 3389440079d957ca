-- Reference data (public): jurisdictions and elections.
CREATE TABLE jurisdictions (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('state', 'county')),
    fips TEXT NOT NULL
);

CREATE TABLE elections (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    election_date TEXT NOT NULL
);

-- Site-wide public facts (office name, whether the data is a demonstration).
CREATE TABLE site_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Drafts: every field, restricted ones included. Only the officials' side reads these.
CREATE TABLE draft_audits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    election_slug TEXT NOT NULL REFERENCES elections (slug),
    jurisdiction_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    audit_type TEXT NOT NULL,
    math TEXT NOT NULL,
    risk_limit_pct REAL,
    seed TEXT,
    started_on TEXT,
    completed_on TEXT,
    outcome TEXT NOT NULL,
    summary TEXT NOT NULL,
    security_details TEXT NOT NULL DEFAULT '',
    withholding_basis TEXT NOT NULL DEFAULT '',
    withholding_statement TEXT NOT NULL DEFAULT '',
    internal_notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX draft_audits_slug ON draft_audits (slug);

CREATE TABLE draft_audit_contests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id INTEGER NOT NULL REFERENCES draft_audits (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    winners TEXT NOT NULL,
    votes_allowed INTEGER NOT NULL,
    ballots_cast INTEGER NOT NULL,
    sample_size INTEGER,
    o1 INTEGER,
    o2 INTEGER,
    u1 INTEGER,
    u2 INTEGER,
    p_value REAL,
    risk_limit_met INTEGER
);
CREATE INDEX draft_audit_contests_draft ON draft_audit_contests (draft_id);

CREATE TABLE draft_contest_tallies (
    contest_id INTEGER NOT NULL REFERENCES draft_audit_contests (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    candidate TEXT NOT NULL,
    reported_votes INTEGER NOT NULL,
    audited_votes INTEGER,
    PRIMARY KEY (contest_id, position)
);

CREATE TABLE draft_audit_documents (
    draft_id INTEGER NOT NULL REFERENCES draft_audits (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (draft_id, position)
);

CREATE TABLE draft_grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    program TEXT NOT NULL,
    funder TEXT NOT NULL,
    recipient_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    federal_cents INTEGER NOT NULL,
    match_cents INTEGER NOT NULL,
    award_date TEXT NOT NULL,
    period_start TEXT,
    period_end TEXT,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX draft_grants_slug ON draft_grants (slug);

CREATE TABLE draft_expenditures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    grant_slug TEXT NOT NULL,
    recipient_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    category TEXT NOT NULL,
    federal_cents INTEGER NOT NULL,
    match_cents INTEGER NOT NULL,
    spent_on TEXT NOT NULL,
    vendor TEXT NOT NULL,
    description TEXT NOT NULL,
    security_details TEXT NOT NULL DEFAULT '',
    withholding_basis TEXT NOT NULL DEFAULT '',
    withholding_statement TEXT NOT NULL DEFAULT '',
    internal_notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX draft_expenditures_slug ON draft_expenditures (slug);

CREATE TABLE draft_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    office_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    update_date TEXT NOT NULL,
    internal_notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX draft_updates_slug ON draft_updates (slug);

-- Published versions: public fields only, one row per (slug, version), never updated
-- except for the is_current marker that points lists at the newest version.
CREATE TABLE published_audits (
    slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    election_slug TEXT NOT NULL REFERENCES elections (slug),
    jurisdiction_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    audit_type TEXT NOT NULL,
    math TEXT NOT NULL,
    risk_limit_pct REAL,
    seed TEXT,
    started_on TEXT,
    completed_on TEXT,
    outcome TEXT NOT NULL,
    summary TEXT NOT NULL,
    withheld_count INTEGER NOT NULL,
    PRIMARY KEY (slug, version)
);
CREATE INDEX published_audits_current ON published_audits (is_current, completed_on);

CREATE TABLE published_audit_contests (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    winners TEXT NOT NULL,
    votes_allowed INTEGER NOT NULL,
    ballots_cast INTEGER NOT NULL,
    sample_size INTEGER,
    o1 INTEGER,
    o2 INTEGER,
    u1 INTEGER,
    u2 INTEGER,
    p_value REAL,
    risk_limit_met INTEGER,
    PRIMARY KEY (audit_slug, version, position)
);

CREATE TABLE published_contest_tallies (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    contest_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    candidate TEXT NOT NULL,
    reported_votes INTEGER NOT NULL,
    audited_votes INTEGER,
    PRIMARY KEY (audit_slug, version, contest_position, position)
);

CREATE TABLE published_audit_documents (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (audit_slug, version, position)
);

-- What was withheld from a published version: kind of detail, basis and statement.
CREATE TABLE published_withholdings (
    record_kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    detail TEXT NOT NULL,
    basis_citation TEXT NOT NULL,
    basis_description TEXT NOT NULL,
    statement TEXT NOT NULL,
    PRIMARY KEY (record_kind, slug, version, position)
);

CREATE TABLE published_grants (
    slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    program TEXT NOT NULL,
    funder TEXT NOT NULL,
    recipient_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    federal_cents INTEGER NOT NULL,
    match_cents INTEGER NOT NULL,
    award_date TEXT NOT NULL,
    period_start TEXT,
    period_end TEXT,
    source TEXT NOT NULL,
    PRIMARY KEY (slug, version)
);

CREATE TABLE published_expenditures (
    slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    grant_slug TEXT NOT NULL,
    recipient_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    category TEXT NOT NULL,
    federal_cents INTEGER NOT NULL,
    match_cents INTEGER NOT NULL,
    spent_on TEXT NOT NULL,
    vendor TEXT NOT NULL,
    description TEXT NOT NULL,
    withheld_count INTEGER NOT NULL,
    PRIMARY KEY (slug, version)
);
CREATE INDEX published_expenditures_grant ON published_expenditures (is_current, grant_slug);

CREATE TABLE published_updates (
    slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    title TEXT NOT NULL,
    body_html TEXT NOT NULL,
    office_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    update_date TEXT NOT NULL,
    PRIMARY KEY (slug, version)
);
CREATE INDEX published_updates_current ON published_updates (is_current, update_date);
