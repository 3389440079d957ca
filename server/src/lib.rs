//! The portal server's library, grouped by audience:
//!
//! - `domain`: pure types (values, drafts, the withholding rule, roles, actions);
//! - `db`: the only SQL — two handles, [`db::PublicDb`] (read-only) and
//!   [`db::OfficialsDb`], and one module per table group;
//! - `gate`: projection of drafts to published rows, publication in one
//!   transaction, retraction, the policy, the scanner and Markdown;
//! - `public`: the read side, with its own state holding only a `PublicDb`;
//! - `officials`: the write side: sign-in, sessions, workflow, import, web pages;
//! - `http`: composition of the two sides and the cross-cutting layers, and
//!   running as a service (health, readiness, graceful shutdown);
//! - `export`: the public site written out as files, for a static host or CDN;
//! - `metrics`: the process's Prometheus metrics;
//! - `cli`: the `portal` command line.

pub mod cli;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod gate;
pub mod http;
pub mod metrics;
pub mod officials;
pub mod public;
pub mod transparency;
