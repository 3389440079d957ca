//! The officials' web pages, one file per page, rendered with maud (which escapes
//! every interpolated value). Shared layout and form widgets are in [`layout`]
//! and [`widgets`].

pub mod account;
pub mod accounts;
pub mod activity;
pub mod drafts;
pub mod forms;
pub mod import;
pub mod layout;
pub mod review;
pub mod sessions;
pub mod sign_in;
pub mod widgets;
pub mod workspace;
