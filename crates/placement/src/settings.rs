//! The settings of a placement round: the weights of the soft criteria and the
//! bounds of the hard rules, with their defaults and a reader for the TOML file
//! a municipality keeps them in.
//!
//! Every key is optional and defaults to the values below, so a new criterion can
//! be added with weight 0 without changing anyone's objective. Unknown keys are
//! errors, so a typo never silently falls back to a default.
use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest weight accepted: keeps every cost far inside `i64` and inside what the
/// flow solver accepts.
pub const MAX_WEIGHT: i64 = 1_000_000_000;

/// Settings of a round. `Default` gives the shipped values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Cost per kilometre, summed over the household's anchors (default 10).
    pub distance_per_km: i64,
    /// Extra cost of a temporary unit (default 500): permanent before temporary.
    pub temporary_penalty: i64,
    /// The k-th household in an area, counting those already living there,
    /// adds `spread_per_household × k` (default 100): spreads households.
    pub spread_per_household: i64,
    /// Cost of leaving a household unplaced this round (default 100 000).
    pub unplaced_penalty: i64,
    /// Earth radius for great-circle distances, km (default 6371.0088, the mean radius).
    pub earth_radius_km: f64,
    /// Hard rule: at most this many persons per room, so a unit needs at least
    /// ⌈persons / max_persons_per_room⌉ rooms (default 2).
    pub max_persons_per_room: u32,
    /// Hard rule: at most persons + this many rooms (default 1).
    pub max_extra_rooms: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            distance_per_km: 10,
            temporary_penalty: 500,
            spread_per_household: 100,
            unplaced_penalty: 100_000,
            earth_radius_km: 6371.0088,
            max_persons_per_room: 2,
            max_extra_rooms: 1,
        }
    }
}

/// What is wrong with a setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum SettingsReason {
    /// The file is not valid TOML, or a value has the wrong type, or a key is unknown.
    Syntax {
        /// The TOML reader's message.
        detail: String,
    },
    /// A weight is negative or above [`MAX_WEIGHT`].
    WeightOutOfRange {
        /// The value.
        value: i64,
    },
    /// The earth radius is not a positive, finite number.
    BadRadius,
    /// `max_persons_per_room` is 0.
    ZeroPersonsPerRoom,
}

/// An error in the settings file, naming file, line, column and key where known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettingsError {
    /// File name as given by the caller.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (character), when known.
    pub column: Option<usize>,
    /// The key, when the error is about one.
    pub key: Option<&'static str>,
    /// What is wrong.
    pub reason: SettingsReason,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(key) = self.key {
            write!(f, "«{key}»: ")?;
        }
        match &self.reason {
            SettingsReason::Syntax { detail } => write!(f, "{}", detail.trim()),
            SettingsReason::WeightOutOfRange { value } => {
                write!(f, "{value} skal ligge mellem 0 og {MAX_WEIGHT}")
            }
            SettingsReason::BadRadius => write!(f, "jordradius skal være et positivt tal (km)"),
            SettingsReason::ZeroPersonsPerRoom => write!(f, "skal være mindst 1"),
        }
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// Reads settings from the text of a TOML file; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Settings, SettingsError> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let (l, c) = line_column(text, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            SettingsError { file: file.to_owned(), line, column, key: None, reason: SettingsReason::Syntax { detail: e.message().to_owned() } }
        })?;
        settings.validate().map_err(|(key, reason)| {
            let (line, column) = find_key(text, key).map_or((None, None), |(l, c)| (Some(l), Some(c)));
            SettingsError { file: file.to_owned(), line, column, key: Some(key), reason }
        })?;
        Ok(settings)
    }

    /// Checks ranges; returns the offending key and reason.
    pub fn validate(&self) -> Result<(), (&'static str, SettingsReason)> {
        for (key, value) in [
            ("distance_per_km", self.distance_per_km),
            ("temporary_penalty", self.temporary_penalty),
            ("spread_per_household", self.spread_per_household),
            ("unplaced_penalty", self.unplaced_penalty),
        ] {
            if !(0..=MAX_WEIGHT).contains(&value) {
                return Err((key, SettingsReason::WeightOutOfRange { value }));
            }
        }
        if !(self.earth_radius_km.is_finite() && self.earth_radius_km > 0.0 && self.earth_radius_km < 1e6) {
            return Err(("earth_radius_km", SettingsReason::BadRadius));
        }
        if self.max_persons_per_room == 0 {
            return Err(("max_persons_per_room", SettingsReason::ZeroPersonsPerRoom));
        }
        Ok(())
    }

    /// The rooms a household of `persons` may have: `(min, max)`, both inclusive.
    pub fn room_bounds(&self, persons: u32) -> (u32, u32) {
        (persons.div_ceil(self.max_persons_per_room), persons.saturating_add(self.max_extra_rooms))
    }
}

/// 1-based line and character column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Line and column of the value of `key = …`, if the key is written on its own line.
fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let rest = l.trim_start().strip_prefix(key)?;
        let value = rest.trim_start().strip_prefix('=')?;
        let column = l.chars().count() - value.trim_start().chars().count() + 1;
        Some((i + 1, column))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_the_defaults() {
        assert_eq!(Settings::from_toml("w.toml", ""), Ok(Settings::default()));
        let s = Settings::from_toml("w.toml", "distance_per_km = 3\n").expect("valid");
        assert_eq!(s.distance_per_km, 3);
        assert_eq!(s.unplaced_penalty, 100_000);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_line_and_column() {
        let e = Settings::from_toml("w.toml", "distance_per_km = 3\ndistanse = 4\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
        assert!(matches!(e.reason, SettingsReason::Syntax { .. }));
        let e = Settings::from_toml("w.toml", "\ntemporary_penalty = -5\n").unwrap_err();
        assert_eq!((e.line, e.column, e.key), (Some(2), Some(21), Some("temporary_penalty")));
        assert_eq!(e.reason, SettingsReason::WeightOutOfRange { value: -5 });
        assert!(e.to_string().starts_with("w.toml:2:21: «temporary_penalty»"), "{e}");
        let e = Settings::from_toml("w.toml", "max_persons_per_room = 0").unwrap_err();
        assert_eq!(e.reason, SettingsReason::ZeroPersonsPerRoom);
    }

    #[test]
    fn room_bounds_follow_the_rule() {
        let s = Settings::default();
        assert_eq!(s.room_bounds(1), (1, 2));
        assert_eq!(s.room_bounds(4), (2, 5));
        assert_eq!(s.room_bounds(5), (3, 6));
    }
}
