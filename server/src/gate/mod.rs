//! The gate: the only bridge from drafts to the published tables.
//!
//! - [`projection`] turns a draft into the rows the public reads (and nothing
//!   else), with the withholdings and the public texts the scanner reads;
//! - [`approval`] builds the proof that publication takes: an [`approval::Approved`]
//!   exists only if a reviewer who may approve claimed the submission;
//! - [`publish`] writes a version in ONE transaction with that claim: the rows,
//!   the withholdings, the submission's status and the activity entry;
//! - [`retract`] writes a public tombstone; [`policy`], [`scanner`] and
//!   [`markdown`] are what the gate applies;
//! - [`check`] recomputes each audit contest's risk, and [`commitment`] refuses a
//!   seed published before the audit's inputs.

pub mod approval;
pub mod check;
pub mod commitment;
pub mod diff;
pub mod findings;
pub mod markdown;
pub mod policy;
pub mod projection;
pub mod publish;
pub mod retract;
pub mod scanner;

pub use approval::Approved;
pub use publish::{publish, Published};
