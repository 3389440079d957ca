-- The public note that comes with a correction (version 2 and later).
ALTER TABLE published_audits ADD COLUMN correction_note TEXT;
ALTER TABLE published_grants ADD COLUMN correction_note TEXT;
ALTER TABLE published_expenditures ADD COLUMN correction_note TEXT;
ALTER TABLE published_updates ADD COLUMN correction_note TEXT;
