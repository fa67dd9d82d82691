//! The legal rule set as data and the derivation of a person's deadlines.
#![deny(missing_docs)]
