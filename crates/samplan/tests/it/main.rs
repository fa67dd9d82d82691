//! The application crate's integration tests, as one test binary: one module per area
//! (`cargo test -p samplan --test it store::` runs one), `common` shared by them all.
//! One binary links once, where a binary per file linked the whole application each.
#[macro_use]
mod common;

mod access_matrix;
mod children;
mod civil_society;
mod cli_admin;
mod cli_backup;
mod cli_calendar;
mod cli_place;
mod cli_place_employment;
mod cli_place_year;
mod cli_quota;
mod cli_solve_mcf;
mod contract;
mod council;
mod crash;
mod daily_work;
mod danish_education;
mod deadlines;
mod employment;
mod forecast;
mod forms;
mod goals;
mod hardening;
mod housing;
mod http;
mod knowledge;
mod mail;
mod my_plan;
mod navigation;
mod paging;
mod person_access;
mod plans;
mod replica;
mod reports;
mod scale;
mod status;
mod store;
mod takeover;
mod tidy;
mod translations;
mod visits;
