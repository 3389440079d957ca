-- Records belong to offices: a slug belongs to the office that first drafted it.
CREATE TABLE record_owners (
    record_kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    office_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    PRIMARY KEY (record_kind, slug)
);
-- Records drafted or published before ownership was kept belong to the office of
-- their first draft's jurisdiction.
INSERT INTO record_owners (record_kind, slug, office_slug)
    SELECT 'audit', slug, MIN(jurisdiction_slug) FROM draft_audits GROUP BY slug;
INSERT INTO record_owners (record_kind, slug, office_slug)
    SELECT 'grant', slug, MIN(recipient_slug) FROM draft_grants GROUP BY slug;
INSERT INTO record_owners (record_kind, slug, office_slug)
    SELECT 'expenditure', slug, MIN(recipient_slug) FROM draft_expenditures GROUP BY slug;
INSERT INTO record_owners (record_kind, slug, office_slug)
    SELECT 'update', slug, MIN(office_slug) FROM draft_updates GROUP BY slug;

-- Everyone who created or edited a draft: none of them may approve it.
CREATE TABLE draft_editors (
    record_kind TEXT NOT NULL,
    draft_id INTEGER NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (record_kind, draft_id, account_id)
);

-- What a submission asks for (publish a draft, or retract a record), the
-- retraction's public reason, and the SHA-256 of what it will publish, frozen
-- when it was submitted.
ALTER TABLE submissions ADD COLUMN action TEXT NOT NULL DEFAULT 'publish';
ALTER TABLE submissions ADD COLUMN reason TEXT;
ALTER TABLE submissions ADD COLUMN projection_sha256 TEXT;
CREATE INDEX submissions_draft ON submissions (record_kind, draft_id);

-- An override belongs to one pending submission.
ALTER TABLE scanner_overrides ADD COLUMN submission_id INTEGER;

-- The last accepted second-factor time step (RFC 6238 section 5.2: a code works once).
ALTER TABLE accounts ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- Sign-in attempts per key (an account at an address, or an address): the tries
-- left before a pause, the failures in a row, the throttled tries counted (not
-- logged one by one), and when the key may try again.
CREATE TABLE sign_in_attempts (
    key TEXT PRIMARY KEY,
    budget INTEGER NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    throttled INTEGER NOT NULL DEFAULT 0,
    last_attempt TEXT NOT NULL,
    blocked_until TEXT
);
CREATE INDEX sign_in_attempts_last ON sign_in_attempts (last_attempt);

-- A second factor being set up: it is switched on only after the official types
-- a code from it (and their password).
ALTER TABLE accounts ADD COLUMN totp_pending TEXT;

-- Which office an activity entry concerns, so a county administrator reads only
-- their own office's entries.
ALTER TABLE activity_log ADD COLUMN office_slug TEXT;
CREATE INDEX activity_log_office ON activity_log (office_slug, id);

-- What changed in each version, computed once at publication.
CREATE TABLE published_changes (
    record_kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    field TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT,
    PRIMARY KEY (record_kind, slug, version, position)
);

-- Amounts are capped at $10,000,000,000 (as the drafts, imports and the gate cap
-- them), so no sum over the published tables can overflow: the database itself
-- refuses a published amount beyond the cap.
CREATE TRIGGER published_grants_amount_cap_insert BEFORE INSERT ON published_grants
WHEN NEW.federal_cents NOT BETWEEN 0 AND 1000000000000 OR NEW.match_cents NOT BETWEEN 0 AND 1000000000000
BEGIN
    SELECT RAISE(ABORT, 'an amount is beyond the cap of $10,000,000,000');
END;
CREATE TRIGGER published_grants_amount_cap_update BEFORE UPDATE ON published_grants
WHEN NEW.federal_cents NOT BETWEEN 0 AND 1000000000000 OR NEW.match_cents NOT BETWEEN 0 AND 1000000000000
BEGIN
    SELECT RAISE(ABORT, 'an amount is beyond the cap of $10,000,000,000');
END;
CREATE TRIGGER published_expenditures_amount_cap_insert BEFORE INSERT ON published_expenditures
WHEN NEW.federal_cents NOT BETWEEN 0 AND 1000000000000 OR NEW.match_cents NOT BETWEEN 0 AND 1000000000000
BEGIN
    SELECT RAISE(ABORT, 'an amount is beyond the cap of $10,000,000,000');
END;
CREATE TRIGGER published_expenditures_amount_cap_update BEFORE UPDATE ON published_expenditures
WHEN NEW.federal_cents NOT BETWEEN 0 AND 1000000000000 OR NEW.match_cents NOT BETWEEN 0 AND 1000000000000
BEGIN
    SELECT RAISE(ABORT, 'an amount is beyond the cap of $10,000,000,000');
END;
