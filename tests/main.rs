//! Integration tests (being rebuilt).
