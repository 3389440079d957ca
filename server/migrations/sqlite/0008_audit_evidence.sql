-- Audit evidence: the sampler and the seed's time, the ballot manifest (its real
-- batch labels withheld), files committed by their hash before the seed was
-- drawn, the sample the portal derives from them, and each contest's risk
-- recomputed at publication; whether each contest was targeted; and, for
-- ballot comparison, each sampled ballot's machine and audit interpretations.
ALTER TABLE draft_audits ADD COLUMN seed_drawn_at TEXT;
ALTER TABLE draft_audits ADD COLUMN seed_notice TEXT;
ALTER TABLE draft_audits ADD COLUMN sampler TEXT;
ALTER TABLE draft_audits ADD COLUMN with_replacement INTEGER NOT NULL DEFAULT 0;

CREATE TABLE draft_audit_batches (
    draft_id INTEGER NOT NULL REFERENCES draft_audits (id),
    position INTEGER NOT NULL,
    batch TEXT NOT NULL,
    ballots INTEGER NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (draft_id, position)
);

CREATE TABLE draft_audit_files (
    draft_id INTEGER NOT NULL REFERENCES draft_audits (id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    PRIMARY KEY (draft_id, position)
);

ALTER TABLE published_audits ADD COLUMN seed_drawn_at TEXT;
ALTER TABLE published_audits ADD COLUMN seed_notice TEXT;
ALTER TABLE published_audits ADD COLUMN sampler TEXT;
ALTER TABLE published_audits ADD COLUMN sampler_version TEXT;
ALTER TABLE published_audits ADD COLUMN with_replacement INTEGER NOT NULL DEFAULT 0;
ALTER TABLE published_audits ADD COLUMN manifest_sha256 TEXT;
ALTER TABLE published_audits ADD COLUMN manifest_batches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE published_audits ADD COLUMN manifest_ballots INTEGER NOT NULL DEFAULT 0;
ALTER TABLE published_audits ADD COLUMN manifest_committed_at TEXT;

ALTER TABLE published_audit_contests ADD COLUMN check_method TEXT;
ALTER TABLE published_audit_contests ADD COLUMN check_p_value REAL;
ALTER TABLE published_audit_contests ADD COLUMN check_risk_limit_met INTEGER;
ALTER TABLE published_audit_contests ADD COLUMN check_consistent INTEGER;
ALTER TABLE published_audit_contests ADD COLUMN diluted_margin REAL;

CREATE TABLE published_audit_batches (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    batch TEXT NOT NULL,
    ballots INTEGER NOT NULL,
    PRIMARY KEY (audit_slug, version, position)
);

CREATE TABLE published_audit_files (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    committed_at TEXT NOT NULL,
    PRIMARY KEY (audit_slug, version, position)
);

CREATE TABLE published_sampled_units (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    round INTEGER NOT NULL,
    ticket TEXT NOT NULL,
    batch TEXT NOT NULL,
    ballot_position INTEGER NOT NULL,
    PRIMARY KEY (audit_slug, version, position)
);

ALTER TABLE draft_audit_contests ADD COLUMN targeted INTEGER NOT NULL DEFAULT 1;
ALTER TABLE published_audit_contests ADD COLUMN targeted INTEGER NOT NULL DEFAULT 1;

-- `machine` and `audited` are JSON arrays of candidate names (empty: no vote);
-- `audited` is NULL when the audit board did not find the ballot.
CREATE TABLE draft_audit_interpretations (
    draft_id INTEGER NOT NULL REFERENCES draft_audits (id),
    position INTEGER NOT NULL,
    batch TEXT NOT NULL,
    ballot_position INTEGER NOT NULL,
    contest_position INTEGER NOT NULL,
    machine TEXT NOT NULL,
    audited TEXT,
    PRIMARY KEY (draft_id, position)
);

-- `unit_position` is the sampled unit's position in published_sampled_units;
-- `discrepancy` is the overstatement in votes (-2 to 2) the portal counted.
CREATE TABLE published_ballot_interpretations (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    unit_position INTEGER NOT NULL,
    contest_position INTEGER NOT NULL,
    machine TEXT NOT NULL,
    audited TEXT,
    discrepancy INTEGER NOT NULL,
    PRIMARY KEY (audit_slug, version, position)
);
