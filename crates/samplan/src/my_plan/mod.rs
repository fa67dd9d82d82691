//! Min plan: each person's own plan, derived from the family plan, in their language, on
//! screen, as JSON and as PDF; and the citizen's access to it (a citizen account linked
//! to the person, a local password or a one-time link from the caseworker, and "I have
//! read my plan" stored with the plan version).
//!
//! `derive.rs` is pure; `service.rs` decides who may read which plan; the words come
//! from the `i18n` crate's catalogue (decision 061).
pub mod api;
pub mod citizen;
pub mod derive;
pub mod html;
pub mod links;
pub mod pages;
pub mod pdf;
pub mod service;

pub use derive::{MyPlan, Text};
