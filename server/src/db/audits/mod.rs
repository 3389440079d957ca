//! Audits: the draft tables (`draft_audits`, `draft_audit_contests`,
//! `draft_contest_tallies`, `draft_audit_documents`, and the evidence's
//! `draft_audit_batches` and `draft_audit_files`) and their published
//! counterparts, with the public reader's queries over the published ones.

mod drafts;
mod entries;
mod evidence;
mod reader;

pub use drafts::{insert_draft, load_draft, update_draft};
pub use entries::*;
pub use evidence::*;
pub use reader::*;

use super::{table_row, Conn};
use crate::error::AppResult;

table_row! {
    /// One audit draft: every field, restricted ones included.
    pub struct AuditDraftRow in "draft_audits" {
        pub slug: String,
        pub election_slug: String,
        pub jurisdiction_slug: String,
        pub audit_type: String,
        pub math: String,
        pub risk_limit_pct: Option<f64>,
        pub seed: Option<String>,
        pub seed_drawn_at: Option<String>,
        pub seed_notice: Option<String>,
        pub sampler: Option<String>,
        pub with_replacement: i64,
        pub started_on: Option<String>,
        pub completed_on: Option<String>,
        pub outcome: String,
        pub summary: String,
        pub security_details: String,
        pub withholding_basis: String,
        pub withholding_statement: String,
        pub internal_notes: String,
        pub created_at: String,
        pub updated_at: String,
    }
}

table_row! {
    pub struct ContestDraftRow in "draft_audit_contests" {
        pub draft_id: i64,
        pub position: i64,
        pub name: String,
        /// JSON array of names.
        pub winners: String,
        pub votes_allowed: i64,
        pub ballots_cast: i64,
        pub sample_size: Option<i64>,
        pub o1: Option<i64>,
        pub o2: Option<i64>,
        pub u1: Option<i64>,
        pub u2: Option<i64>,
        pub p_value: Option<f64>,
        pub risk_limit_met: Option<i64>,
        pub targeted: i64,
    }
}

table_row! {
    pub struct TallyDraftRow in "draft_contest_tallies" {
        pub contest_id: i64,
        pub position: i64,
        pub candidate: String,
        pub reported_votes: i64,
        pub audited_votes: Option<i64>,
    }
}

table_row! {
    pub struct DocumentDraftRow in "draft_audit_documents" {
        pub draft_id: i64,
        pub position: i64,
        pub title: String,
        pub url: String,
        pub sha256: String,
    }
}

table_row! {
    /// One published version of an audit: public fields only.
    pub struct PublishedAuditRow in "published_audits" {
        pub slug: String,
        pub version: i64,
        pub is_current: i64,
        pub published_at: String,
        pub election_slug: String,
        pub jurisdiction_slug: String,
        pub audit_type: String,
        pub math: String,
        pub risk_limit_pct: Option<f64>,
        pub seed: Option<String>,
        pub seed_drawn_at: Option<String>,
        pub seed_notice: Option<String>,
        pub sampler: Option<String>,
        pub sampler_version: Option<String>,
        pub with_replacement: i64,
        pub manifest_sha256: Option<String>,
        pub manifest_batches: i64,
        pub manifest_ballots: i64,
        /// When this manifest was first published (its commitment).
        pub manifest_committed_at: Option<String>,
        pub started_on: Option<String>,
        pub completed_on: Option<String>,
        pub outcome: String,
        pub summary: String,
        pub withheld_count: i64,
        pub correction_note: Option<String>,
    }
}

table_row! {
    pub struct PublishedContestRow in "published_audit_contests" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub name: String,
        /// JSON array of names.
        pub winners: String,
        pub votes_allowed: i64,
        pub ballots_cast: i64,
        pub sample_size: Option<i64>,
        pub o1: Option<i64>,
        pub o2: Option<i64>,
        pub u1: Option<i64>,
        pub u2: Option<i64>,
        pub p_value: Option<f64>,
        pub risk_limit_met: Option<i64>,
        /// The risk recomputed at publication from the numbers above.
        pub check_method: Option<String>,
        pub check_p_value: Option<f64>,
        pub check_risk_limit_met: Option<i64>,
        pub check_consistent: Option<i64>,
        pub diluted_margin: Option<f64>,
        pub targeted: i64,
    }
}

table_row! {
    pub struct PublishedTallyRow in "published_contest_tallies" {
        pub audit_slug: String,
        pub version: i64,
        pub contest_position: i64,
        pub position: i64,
        pub candidate: String,
        pub reported_votes: i64,
        pub audited_votes: Option<i64>,
    }
}

table_row! {
    pub struct PublishedDocumentRow in "published_audit_documents" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub title: String,
        pub url: String,
        pub sha256: String,
    }
}

/// A published audit version: its row and the rows of its contests, tallies,
/// documents and evidence, as the gate writes them in one transaction.
pub struct PublishedAudit {
    pub audit: PublishedAuditRow,
    pub contests: Vec<PublishedContestRow>,
    pub tallies: Vec<PublishedTallyRow>,
    pub documents: Vec<PublishedDocumentRow>,
    pub batches: Vec<PublishedBatchRow>,
    pub files: Vec<PublishedFileRow>,
    pub units: Vec<PublishedUnitRow>,
    pub interpretations: Vec<PublishedInterpretationRow>,
    pub batch_tallies: Vec<PublishedBatchTallyRow>,
    pub rounds: Vec<PublishedRoundRow>,
}

impl PublishedAudit {
    /// Whether the version carries audit evidence (a manifest, committed files,
    /// sampled units, readings or batch tallies). Every field is named, so a
    /// new kind of evidence must be placed here.
    pub fn has_evidence(&self) -> bool {
        let PublishedAudit {
            audit: _,
            contests: _,
            tallies: _,
            documents: _,
            batches,
            files,
            units,
            interpretations,
            batch_tallies,
            rounds: _,
        } = self;
        !(batches.is_empty()
            && files.is_empty()
            && units.is_empty()
            && interpretations.is_empty()
            && batch_tallies.is_empty())
    }

    pub async fn insert(&self, conn: &mut Conn) -> AppResult<()> {
        self.audit.insert(conn).await?;
        for c in &self.contests {
            c.insert(conn).await?;
        }
        for t in &self.tallies {
            t.insert(conn).await?;
        }
        for d in &self.documents {
            d.insert(conn).await?;
        }
        for b in &self.batches {
            b.insert(conn).await?;
        }
        for f in &self.files {
            f.insert(conn).await?;
        }
        for u in &self.units {
            u.insert(conn).await?;
        }
        for i in &self.interpretations {
            i.insert(conn).await?;
        }
        for t in &self.batch_tallies {
            t.insert(conn).await?;
        }
        for r in &self.rounds {
            r.insert(conn).await?;
        }
        Ok(())
    }
}
