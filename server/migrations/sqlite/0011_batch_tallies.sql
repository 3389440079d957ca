-- Batch comparison: each contest's votes per batch of the manifest, as the
-- machines reported them and, for the batches the seed drew, as counted by
-- hand. The reported votes are committed before the seed (their SHA-256 is a
-- committed file of kind batch_tallies); the portal draws the batches from
-- them and recomputes the MACRO risk.
CREATE TABLE draft_audit_batch_tallies (
    draft_id INTEGER NOT NULL REFERENCES draft_audits (id),
    position INTEGER NOT NULL,
    contest_position INTEGER NOT NULL,
    batch TEXT NOT NULL,
    candidate TEXT NOT NULL,
    reported INTEGER NOT NULL,
    audited INTEGER,
    PRIMARY KEY (draft_id, position)
);

CREATE TABLE published_batch_tallies (
    audit_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    contest_position INTEGER NOT NULL,
    batch TEXT NOT NULL,
    candidate TEXT NOT NULL,
    reported INTEGER NOT NULL,
    audited INTEGER,
    PRIMARY KEY (audit_slug, version, position)
);
