-- A reviewer's decision to publish despite a blocking scanner finding: who, why, when.
-- Officials' data: the public side never reads it.
CREATE TABLE scanner_overrides (
    id BIGSERIAL PRIMARY KEY,
    draft_kind TEXT NOT NULL,
    draft_id BIGINT NOT NULL,
    field TEXT NOT NULL,
    rule TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    reason TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX scanner_overrides_draft ON scanner_overrides (draft_kind, draft_id);
