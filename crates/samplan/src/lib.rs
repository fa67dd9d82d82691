//! samplan: the integration-work system of a Danish municipality.
//!
//! The library holds everything; `main.rs` only parses the command line. Start reading
//! at `web::router` (every route) and `cli` (every command); `app` is the state every
//! handler shares and `error` the errors they answer with.
#![expect(missing_docs, reason = "the application crate is read as code, not used as a library; its modules say what they hold")]
pub mod admin;
pub mod app;
pub mod auth;
pub mod children;
pub mod civil_society;
pub mod cli;
pub mod config;
pub mod council;
pub mod crypto;
pub mod danish_education;
pub mod deadlines;
pub mod demo;
pub mod domain;
pub mod employment;
pub mod error;
pub mod families;
pub mod forecast;
pub mod goals;
pub mod housing;
pub mod knowledge;
pub mod mail;
pub mod my_plan;
pub mod persons;
pub mod plans;
pub mod reports;
pub mod server;
pub mod spreadsheet;
pub mod status;
pub mod store;
pub mod translations;
pub mod visits;
pub mod web;
