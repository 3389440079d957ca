//! The integration tests: the real portal over real HTTP, on a fresh SQLite file
//! and on a fresh PostgreSQL database per test, in one test binary.

mod support;

mod admin;
mod attacks;
mod audit_pages;
mod caching;
mod cli;
mod crash;
mod evidence;
mod export;
mod hardening;
mod log;
mod log_verify;
mod open_data;
mod properties;
mod public_site;
mod rounds;
mod scale;
mod scanner_corpus;
mod service;
mod totals;
mod workflow;
