-- The transparency log: one entry per publication, correction, retraction and
-- commitment, appended in the publication's own transaction, and the Merkle
-- tree's stored hashes (RFC 9162 hashing, numbered as in Go's sumdb/tlog).
-- log_head has exactly one row; publication locks it to take the next index, so
-- two publishers can never give out the same index or leave a gap.
CREATE TABLE log_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL
);
INSERT INTO log_head (id, size) VALUES (1, 0);

CREATE TABLE log_entries (
    idx BIGINT PRIMARY KEY,
    entry TEXT NOT NULL,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    version BIGINT NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_at TEXT NOT NULL,
    -- The bytes the url serves when the log itself keeps them (a retraction's
    -- tombstone, which a later restoration removes from published_retractions).
    body TEXT
);
CREATE INDEX log_entries_record ON log_entries (record_kind, slug, version);
CREATE INDEX log_entries_url ON log_entries (url);

CREATE TABLE log_hashes (
    idx BIGINT PRIMARY KEY,
    hash TEXT NOT NULL
);

-- Witnesses' cosignatures (c2sp.org/tlog-cosignature) of the checkpoint of a size.
CREATE TABLE log_cosignatures (
    witness TEXT NOT NULL,
    size BIGINT NOT NULL,
    line TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (witness, size)
);
