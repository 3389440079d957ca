-- A retraction: the public tombstone of a record withdrawn from publication, with
-- the office's reason. The record's versions stay readable at their addresses.
CREATE TABLE published_retractions (
    record_kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    last_version INTEGER NOT NULL,
    retracted_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    jurisdiction_slug TEXT NOT NULL REFERENCES jurisdictions (slug),
    title TEXT NOT NULL,
    PRIMARY KEY (record_kind, slug)
);
