-- The public data's version: one row whose counter the gate increments inside
-- every transaction that changes what the public side shows (a publication,
-- correction, retraction, log entry or cosignature, reference data). The public
-- side keeps rendered responses by this number and reads the row at most about
-- once a second, so several processes on one database agree within a second.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    changed_at TEXT NOT NULL
);
INSERT INTO data_version (id, version, changed_at)
SELECT 1, 1, COALESCE(MAX(t), '1970-01-01T00:00:00Z') FROM (
    SELECT MAX(published_at) AS t FROM published_audits
    UNION ALL SELECT MAX(published_at) FROM published_grants
    UNION ALL SELECT MAX(published_at) FROM published_expenditures
    UNION ALL SELECT MAX(published_at) FROM published_updates
    UNION ALL SELECT MAX(retracted_at) FROM published_retractions) changes;
