//! Children and parents (decision 100): concern notes (underretninger) to the department
//! børn og familie with strict access (`concern.rs`: the service both faces share,
//! `concern_pages.rs`, `api.rs`), and the `/boern` front page of the module.
//!
//! Who reads a concern note: staff of børn og familie (every note of the municipality)
//! and the note's writer (their own notes); nobody else, not even the coordinator or the
//! caseworker. A note outside that answers 404 on pages and in the API and is left out
//! of every list and count. Every read and change is audited.
pub mod api;
pub mod childcare;
pub mod childcare_api;
pub mod childcare_pages;
pub mod childcare_section;
pub mod concern;
pub mod concern_pages;
pub mod pages;

/// The department code of børn og familie.
pub const CHILDREN_AND_FAMILY: &str = "born_og_familie";

/// Whether a birth date (ISO) makes a child (under 18) on `today`.
pub fn is_child(birth_date: &str, today: chrono::NaiveDate) -> bool {
    chrono::NaiveDate::parse_from_str(birth_date, "%Y-%m-%d").ok().and_then(|b| today.years_since(b)).is_some_and(|age| age < 18)
}

/// Whole years of age on `today`, when the birth date is readable.
pub fn age(birth_date: &str, today: chrono::NaiveDate) -> Option<u32> {
    chrono::NaiveDate::parse_from_str(birth_date, "%Y-%m-%d").ok().and_then(|b| today.years_since(b))
}
