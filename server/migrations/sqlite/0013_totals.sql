-- Totals kept at publication: what the home page counts and what /spending sums
-- (per category, per recipient, per grant, overall) are kept in public tables,
-- so a page reads a few rows instead of summing every published row. Triggers
-- keep them right inside the transaction that writes the published rows: a new
-- current version adds its amounts, a version that stops being current (a
-- correction's predecessor, a retraction) takes its amounts away. Published rows
-- are never updated otherwise, nor deleted. Backfilled from the rows here.
CREATE TABLE published_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    audits INTEGER NOT NULL DEFAULT 0,
    audits_withheld INTEGER NOT NULL DEFAULT 0,
    grants INTEGER NOT NULL DEFAULT 0,
    awarded_cents INTEGER NOT NULL DEFAULT 0,
    expenditures INTEGER NOT NULL DEFAULT 0,
    spent_cents INTEGER NOT NULL DEFAULT 0,
    expenditures_withheld INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE published_spending_by_category (
    category TEXT PRIMARY KEY,
    expenditures INTEGER NOT NULL DEFAULT 0,
    federal_cents INTEGER NOT NULL DEFAULT 0,
    match_cents INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE published_spending_by_recipient (
    recipient_slug TEXT PRIMARY KEY,
    expenditures INTEGER NOT NULL DEFAULT 0,
    federal_cents INTEGER NOT NULL DEFAULT 0,
    match_cents INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE published_spending_by_grant (
    grant_slug TEXT PRIMARY KEY,
    expenditures INTEGER NOT NULL DEFAULT 0,
    federal_cents INTEGER NOT NULL DEFAULT 0,
    match_cents INTEGER NOT NULL DEFAULT 0
);

INSERT INTO published_totals
    (id, audits, audits_withheld, grants, awarded_cents, expenditures, spent_cents, expenditures_withheld)
SELECT 1,
    (SELECT COUNT(*) FROM published_audits WHERE is_current = 1),
    (SELECT COUNT(*) FROM published_audits WHERE is_current = 1 AND withheld_count > 0),
    (SELECT COUNT(*) FROM published_grants WHERE is_current = 1),
    (SELECT COALESCE(SUM(federal_cents + match_cents), 0) FROM published_grants WHERE is_current = 1),
    (SELECT COUNT(*) FROM published_expenditures WHERE is_current = 1),
    (SELECT COALESCE(SUM(federal_cents + match_cents), 0) FROM published_expenditures WHERE is_current = 1),
    (SELECT COUNT(*) FROM published_expenditures WHERE is_current = 1 AND withheld_count > 0);
INSERT INTO published_spending_by_category (category, expenditures, federal_cents, match_cents)
SELECT category, COUNT(*), SUM(federal_cents), SUM(match_cents) FROM published_expenditures
WHERE is_current = 1 GROUP BY category;
INSERT INTO published_spending_by_recipient (recipient_slug, expenditures, federal_cents, match_cents)
SELECT recipient_slug, COUNT(*), SUM(federal_cents), SUM(match_cents) FROM published_expenditures
WHERE is_current = 1 GROUP BY recipient_slug;
INSERT INTO published_spending_by_grant (grant_slug, expenditures, federal_cents, match_cents)
SELECT grant_slug, COUNT(*), SUM(federal_cents), SUM(match_cents) FROM published_expenditures
WHERE is_current = 1 GROUP BY grant_slug;

-- Audits: how many are current and how many of those withhold a detail.
CREATE TRIGGER published_audits_totals_insert AFTER INSERT ON published_audits
FOR EACH ROW WHEN NEW.is_current = 1
BEGIN
    UPDATE published_totals SET audits = audits + 1,
        audits_withheld = audits_withheld + (NEW.withheld_count > 0) WHERE id = 1;
END;
CREATE TRIGGER published_audits_totals_current AFTER UPDATE OF is_current ON published_audits
FOR EACH ROW WHEN NEW.is_current <> OLD.is_current
BEGIN
    UPDATE published_totals SET audits = audits + (NEW.is_current - OLD.is_current),
        audits_withheld = audits_withheld + (NEW.is_current - OLD.is_current) * (NEW.withheld_count > 0)
    WHERE id = 1;
END;

-- Grants: how many are current and what they award.
CREATE TRIGGER published_grants_totals_insert AFTER INSERT ON published_grants
FOR EACH ROW WHEN NEW.is_current = 1
BEGIN
    UPDATE published_totals SET grants = grants + 1,
        awarded_cents = awarded_cents + NEW.federal_cents + NEW.match_cents WHERE id = 1;
END;
CREATE TRIGGER published_grants_totals_current AFTER UPDATE OF is_current ON published_grants
FOR EACH ROW WHEN NEW.is_current <> OLD.is_current
BEGIN
    UPDATE published_totals SET grants = grants + (NEW.is_current - OLD.is_current),
        awarded_cents = awarded_cents + (NEW.is_current - OLD.is_current) * (NEW.federal_cents + NEW.match_cents)
    WHERE id = 1;
END;

-- Expenditures: overall, per category, per recipient and per grant.
CREATE TRIGGER published_expenditures_totals_insert AFTER INSERT ON published_expenditures
FOR EACH ROW WHEN NEW.is_current = 1
BEGIN
    UPDATE published_totals SET expenditures = expenditures + 1,
        spent_cents = spent_cents + NEW.federal_cents + NEW.match_cents,
        expenditures_withheld = expenditures_withheld + (NEW.withheld_count > 0) WHERE id = 1;
    INSERT OR IGNORE INTO published_spending_by_category (category) VALUES (NEW.category);
    UPDATE published_spending_by_category SET expenditures = expenditures + 1,
        federal_cents = federal_cents + NEW.federal_cents, match_cents = match_cents + NEW.match_cents
    WHERE category = NEW.category;
    INSERT OR IGNORE INTO published_spending_by_recipient (recipient_slug) VALUES (NEW.recipient_slug);
    UPDATE published_spending_by_recipient SET expenditures = expenditures + 1,
        federal_cents = federal_cents + NEW.federal_cents, match_cents = match_cents + NEW.match_cents
    WHERE recipient_slug = NEW.recipient_slug;
    INSERT OR IGNORE INTO published_spending_by_grant (grant_slug) VALUES (NEW.grant_slug);
    UPDATE published_spending_by_grant SET expenditures = expenditures + 1,
        federal_cents = federal_cents + NEW.federal_cents, match_cents = match_cents + NEW.match_cents
    WHERE grant_slug = NEW.grant_slug;
END;
CREATE TRIGGER published_expenditures_totals_current AFTER UPDATE OF is_current ON published_expenditures
FOR EACH ROW WHEN NEW.is_current <> OLD.is_current
BEGIN
    UPDATE published_totals SET expenditures = expenditures + (NEW.is_current - OLD.is_current),
        spent_cents = spent_cents + (NEW.is_current - OLD.is_current) * (NEW.federal_cents + NEW.match_cents),
        expenditures_withheld = expenditures_withheld + (NEW.is_current - OLD.is_current) * (NEW.withheld_count > 0)
    WHERE id = 1;
    INSERT OR IGNORE INTO published_spending_by_category (category) VALUES (NEW.category);
    UPDATE published_spending_by_category SET expenditures = expenditures + (NEW.is_current - OLD.is_current),
        federal_cents = federal_cents + (NEW.is_current - OLD.is_current) * NEW.federal_cents,
        match_cents = match_cents + (NEW.is_current - OLD.is_current) * NEW.match_cents
    WHERE category = NEW.category;
    INSERT OR IGNORE INTO published_spending_by_recipient (recipient_slug) VALUES (NEW.recipient_slug);
    UPDATE published_spending_by_recipient SET expenditures = expenditures + (NEW.is_current - OLD.is_current),
        federal_cents = federal_cents + (NEW.is_current - OLD.is_current) * NEW.federal_cents,
        match_cents = match_cents + (NEW.is_current - OLD.is_current) * NEW.match_cents
    WHERE recipient_slug = NEW.recipient_slug;
    INSERT OR IGNORE INTO published_spending_by_grant (grant_slug) VALUES (NEW.grant_slug);
    UPDATE published_spending_by_grant SET expenditures = expenditures + (NEW.is_current - OLD.is_current),
        federal_cents = federal_cents + (NEW.is_current - OLD.is_current) * NEW.federal_cents,
        match_cents = match_cents + (NEW.is_current - OLD.is_current) * NEW.match_cents
    WHERE grant_slug = NEW.grant_slug;
END;

-- /spending's grant list, newest award first, paged after a grant; the
-- spending charts' as-of date (the newest current expenditure).
CREATE INDEX published_grants_list ON published_grants (is_current, award_date, slug);
CREATE INDEX published_expenditures_published ON published_expenditures (is_current, published_at);
-- A grant page's category filter: the grant's categories (without it, the
-- planner reads DISTINCT category off the category index, every expenditure).
CREATE INDEX published_expenditures_grant_category ON published_expenditures (is_current, grant_slug, category);
-- A jurisdiction's page: its newest expenditures.
CREATE INDEX published_expenditures_recipient_date ON published_expenditures
    (is_current, recipient_slug, spent_on, slug);
