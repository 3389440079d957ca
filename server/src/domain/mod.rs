//! Pure types: value types, each record kind's draft, the withholding rule, roles,
//! review states and activity actions. Nothing here knows about SQL or HTTP, so
//! every rule in this folder is tested without a database.

pub mod account;
pub mod activity;
pub mod audit;
pub mod digest;
pub mod draft;
pub mod expenditure;
pub mod form;
pub mod grant;
pub mod review;
pub mod update;
pub mod values;
pub mod withholding;

pub use app::model::{AuditMath, AuditType, Category, Code, JurisdictionKind, Outcome, RecordKind};
