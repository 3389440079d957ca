//! The portal server's library: configuration, storage, the gate, the public store,
//! charts, demo data and the HTTP application. The `portal` binary is a thin CLI
//! over it, and the integration tests drive it the same way.

pub mod accounts;
pub mod admin;
pub mod import;
pub mod activity;
pub mod api_v1;
pub mod charts;
pub mod cli;
pub mod clock;
pub mod collections;
pub mod config;
pub mod db;
pub mod demo;
pub mod drafts;
pub mod error;
pub mod exports;
pub mod feeds;
pub mod gate;
pub mod markdown;
pub mod policy;
pub mod records;
pub mod scanner;
pub mod startup;
pub mod store;
pub mod workflow;
