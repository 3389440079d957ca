-- Scale: the audit lists' order kept on each published audit, so that a list page
-- (filtered or not, however deep) is an index seek and a few rows, not a sort of
-- every audit. The order is the election's date (newest first), the completion
-- date (newest first, unfinished last), the jurisdiction's name, the slug; the
-- dates are stored negated so that every index column is ascending and a page
-- after a row is one row-value comparison. A trigger fills them from the
-- reference data as the gate (or the scale fixture) inserts a version.
ALTER TABLE published_audits ADD COLUMN sort_election INTEGER NOT NULL DEFAULT 0;
ALTER TABLE published_audits ADD COLUMN sort_completed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE published_audits ADD COLUMN sort_jurisdiction TEXT NOT NULL DEFAULT '';

UPDATE published_audits SET
    sort_election = -CAST(julianday((SELECT election_date FROM elections e WHERE e.slug = election_slug)) AS INTEGER),
    sort_completed = CASE WHEN completed_on IS NULL THEN 0 ELSE -CAST(julianday(completed_on) AS INTEGER) END,
    sort_jurisdiction = (SELECT name FROM jurisdictions j WHERE j.slug = jurisdiction_slug);

CREATE TRIGGER published_audits_sort AFTER INSERT ON published_audits FOR EACH ROW
BEGIN
    UPDATE published_audits SET
        sort_election = -CAST(julianday((SELECT election_date FROM elections e WHERE e.slug = NEW.election_slug)) AS INTEGER),
        sort_completed = CASE WHEN NEW.completed_on IS NULL THEN 0 ELSE -CAST(julianday(NEW.completed_on) AS INTEGER) END,
        sort_jurisdiction = (SELECT name FROM jurisdictions j WHERE j.slug = NEW.jurisdiction_slug)
    WHERE slug = NEW.slug AND version = NEW.version;
END;

-- The list, unfiltered and by each filter, in its order.
CREATE INDEX published_audits_list ON published_audits
    (is_current, sort_election, sort_completed, sort_jurisdiction, slug);
CREATE INDEX published_audits_list_election ON published_audits
    (is_current, election_slug, sort_election, sort_completed, sort_jurisdiction, slug);
CREATE INDEX published_audits_list_jurisdiction ON published_audits
    (is_current, jurisdiction_slug, sort_election, sort_completed, sort_jurisdiction, slug);
CREATE INDEX published_audits_list_type ON published_audits
    (is_current, audit_type, sort_election, sort_completed, sort_jurisdiction, slug);
CREATE INDEX published_audits_list_outcome ON published_audits
    (is_current, outcome, sort_election, sort_completed, sort_jurisdiction, slug);

-- Expenditures: a grant's page (by date), the downloads and API by each filter
-- (by slug), and the current version of one slug.
CREATE INDEX published_expenditures_grant_date ON published_expenditures
    (is_current, grant_slug, spent_on, slug);
CREATE INDEX published_expenditures_current ON published_expenditures (is_current, slug);
CREATE INDEX published_expenditures_recipient ON published_expenditures (is_current, recipient_slug, slug);
CREATE INDEX published_expenditures_category ON published_expenditures (is_current, category, slug);
CREATE INDEX published_expenditures_grant_slug ON published_expenditures (is_current, grant_slug, slug);

-- Audits in slug order (the downloads and the API), unfiltered and by each filter.
CREATE INDEX published_audits_slug_current ON published_audits (is_current, slug);
CREATE INDEX published_audits_election_slug ON published_audits (is_current, election_slug, slug);
CREATE INDEX published_audits_jurisdiction_slug ON published_audits (is_current, jurisdiction_slug, slug);
CREATE INDEX published_audits_type_slug ON published_audits (is_current, audit_type, slug);
CREATE INDEX published_audits_outcome_slug ON published_audits (is_current, outcome, slug);
