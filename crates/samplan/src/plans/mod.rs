//! The family helhedsplan across departments: goals per life area, actions owned by
//! departments, versions (every save is a new version), consent-gated views, weekly
//! schedules with conflicts, referrals, notifications and the coordinator's overview.
//!
//! The plan itself is one JSON document per version (`document.rs`, decision 040);
//! what a user may see of it is decided in `access.rs`.
pub mod access;
pub mod api;
pub mod consent;
pub mod diff;
pub mod diff_text;
pub mod document;
pub mod forms;
pub mod kept;
pub mod notifications;
pub mod overview;
pub mod pages;
pub mod referrals;
pub mod schedule;
pub mod service;
pub mod settings;
pub mod versions;

pub use document::{Action, ActionStatus, Goal, LifeArea, PlanDocument, Slot};
