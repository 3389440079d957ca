-- Rounds of a risk-limiting audit, per contest. When round 1 does not meet
-- the risk limit, a further round draws more ballots from the same seed and
-- sampler, and the risk is measured on the cumulative sample. Every number of
-- a round is cumulative (as Arlo reports it): the sample size, the audited
-- votes (`Name=votes;...`) and the discrepancies found so far. A contest's own
-- sample and claim are its last round's; a draft without rounds is one round.
CREATE TABLE draft_audit_rounds (
    draft_id INTEGER NOT NULL REFERENCES draft_audits (id),
    position INTEGER NOT NULL,
    contest_position INTEGER NOT NULL,
    round INTEGER NOT NULL,
    sample_size INTEGER NOT NULL,
    audited_results TEXT NOT NULL,
    o1 INTEGER,
    o2 INTEGER,
    u1 INTEGER,
    u2 INTEGER,
    p_value REAL,
    risk_limit_met INTEGER,
    started_on TEXT,
    completed_on TEXT,
    PRIMARY KEY (draft_id, position)
);

-- `position` is contest_position * 1000 + round - 1: the order of the
-- audit-rounds collection and its cursor. `check_*` is the portal's
-- recomputation of the round's risk on the cumulative sample.
CREATE TABLE published_audit_rounds (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    contest_position INTEGER NOT NULL,
    round INTEGER NOT NULL,
    sample_size INTEGER NOT NULL,
    audited_results TEXT,
    o1 INTEGER,
    o2 INTEGER,
    u1 INTEGER,
    u2 INTEGER,
    p_value REAL,
    risk_limit_met INTEGER,
    started_on TEXT,
    completed_on TEXT,
    check_method TEXT,
    check_p_value REAL,
    check_risk_limit_met INTEGER,
    check_consistent INTEGER,
    PRIMARY KEY (audit_slug, version, position)
);

-- Versions published before rounds keep no rows here: a version's JSON (whose
-- SHA-256 is in the transparency log) never changes, so its contests keep
-- their single sample, as published.
