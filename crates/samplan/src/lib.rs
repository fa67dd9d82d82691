//! samplan: the integration-work system of a Danish municipality.
//!
//! The library holds everything; `main.rs` only parses the command line.
pub mod cli;
