//! A person's Danish level, read in one place. Today it is the level entered on the
//! person's employment profile; when the Danish education module records DU tracks and
//! passed modules, this function reads those instead and nothing else changes.
use super::DanishLevel;
use crate::store::employment::CandidateRow;

/// The Danish level of a matching candidate (the one place matching reads it).
pub fn of_candidate(c: &CandidateRow) -> DanishLevel {
    DanishLevel { track: c.danish_track, module: c.danish_module }
}

/// Where the level comes from, in Danish, for the reasons shown with a match.
pub const SOURCE: &str = "indtastet i beskæftigelsesprofilen";
