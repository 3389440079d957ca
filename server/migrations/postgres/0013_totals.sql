-- Totals kept at publication: what the home page counts and what /spending sums
-- (per category, per recipient, per grant, overall) are kept in public tables,
-- so a page reads a few rows instead of summing every published row. Triggers
-- keep them right inside the transaction that writes the published rows: a new
-- current version adds its amounts, a version that stops being current (a
-- correction's predecessor, a retraction) takes its amounts away. Published rows
-- are never updated otherwise, nor deleted. Backfilled from the rows here.
CREATE TABLE published_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    audits BIGINT NOT NULL DEFAULT 0,
    audits_withheld BIGINT NOT NULL DEFAULT 0,
    grants BIGINT NOT NULL DEFAULT 0,
    awarded_cents BIGINT NOT NULL DEFAULT 0,
    expenditures BIGINT NOT NULL DEFAULT 0,
    spent_cents BIGINT NOT NULL DEFAULT 0,
    expenditures_withheld BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE published_spending_by_category (
    category TEXT PRIMARY KEY,
    expenditures BIGINT NOT NULL DEFAULT 0,
    federal_cents BIGINT NOT NULL DEFAULT 0,
    match_cents BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE published_spending_by_recipient (
    recipient_slug TEXT PRIMARY KEY,
    expenditures BIGINT NOT NULL DEFAULT 0,
    federal_cents BIGINT NOT NULL DEFAULT 0,
    match_cents BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE published_spending_by_grant (
    grant_slug TEXT PRIMARY KEY,
    expenditures BIGINT NOT NULL DEFAULT 0,
    federal_cents BIGINT NOT NULL DEFAULT 0,
    match_cents BIGINT NOT NULL DEFAULT 0
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

-- A row's weight: +1 when it is inserted current or becomes current, -1 when it
-- stops being current, 0 otherwise.
CREATE FUNCTION published_weight(op TEXT, old_current BIGINT, new_current BIGINT) RETURNS BIGINT AS $$
    SELECT CASE WHEN op = 'INSERT' THEN new_current ELSE new_current - old_current END;
$$ LANGUAGE sql IMMUTABLE;

-- Audits: how many are current and how many of those withhold a detail.
CREATE FUNCTION published_audits_totals() RETURNS trigger AS $$
DECLARE s BIGINT;
BEGIN
    s := published_weight(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN OLD.is_current ELSE 0 END, NEW.is_current);
    IF s <> 0 THEN
        UPDATE published_totals SET audits = audits + s,
            audits_withheld = audits_withheld + s * (CASE WHEN NEW.withheld_count > 0 THEN 1 ELSE 0 END)
        WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER published_audits_totals AFTER INSERT OR UPDATE OF is_current ON published_audits
    FOR EACH ROW EXECUTE FUNCTION published_audits_totals();

-- Grants: how many are current and what they award.
CREATE FUNCTION published_grants_totals() RETURNS trigger AS $$
DECLARE s BIGINT;
BEGIN
    s := published_weight(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN OLD.is_current ELSE 0 END, NEW.is_current);
    IF s <> 0 THEN
        UPDATE published_totals SET grants = grants + s,
            awarded_cents = awarded_cents + s * (NEW.federal_cents + NEW.match_cents)
        WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER published_grants_totals AFTER INSERT OR UPDATE OF is_current ON published_grants
    FOR EACH ROW EXECUTE FUNCTION published_grants_totals();

-- Expenditures: overall, per category, per recipient and per grant.
CREATE FUNCTION published_expenditures_totals() RETURNS trigger AS $$
DECLARE s BIGINT;
BEGIN
    s := published_weight(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN OLD.is_current ELSE 0 END, NEW.is_current);
    IF s = 0 THEN
        RETURN NULL;
    END IF;
    UPDATE published_totals SET expenditures = expenditures + s,
        spent_cents = spent_cents + s * (NEW.federal_cents + NEW.match_cents),
        expenditures_withheld = expenditures_withheld + s * (CASE WHEN NEW.withheld_count > 0 THEN 1 ELSE 0 END)
    WHERE id = 1;
    INSERT INTO published_spending_by_category AS t (category, expenditures, federal_cents, match_cents)
    VALUES (NEW.category, s, s * NEW.federal_cents, s * NEW.match_cents)
    ON CONFLICT (category) DO UPDATE
        SET expenditures = t.expenditures + EXCLUDED.expenditures,
            federal_cents = t.federal_cents + EXCLUDED.federal_cents,
            match_cents = t.match_cents + EXCLUDED.match_cents;
    INSERT INTO published_spending_by_recipient AS t (recipient_slug, expenditures, federal_cents, match_cents)
    VALUES (NEW.recipient_slug, s, s * NEW.federal_cents, s * NEW.match_cents)
    ON CONFLICT (recipient_slug) DO UPDATE
        SET expenditures = t.expenditures + EXCLUDED.expenditures,
            federal_cents = t.federal_cents + EXCLUDED.federal_cents,
            match_cents = t.match_cents + EXCLUDED.match_cents;
    INSERT INTO published_spending_by_grant AS t (grant_slug, expenditures, federal_cents, match_cents)
    VALUES (NEW.grant_slug, s, s * NEW.federal_cents, s * NEW.match_cents)
    ON CONFLICT (grant_slug) DO UPDATE
        SET expenditures = t.expenditures + EXCLUDED.expenditures,
            federal_cents = t.federal_cents + EXCLUDED.federal_cents,
            match_cents = t.match_cents + EXCLUDED.match_cents;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER published_expenditures_totals AFTER INSERT OR UPDATE OF is_current ON published_expenditures
    FOR EACH ROW EXECUTE FUNCTION published_expenditures_totals();

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
