//! A checked set of rules: the shipped default, a directory of files, and a
//! municipality's overrides, which may only tighten a rule.

use crate::error::{LoadError, LoadErrorKind, OverrideError, OverrideErrorKind};
use crate::load::{RawOffset, RuleFields, Source, check_set, parse_located};
use crate::model::{HoursBound, Measure, Rule};
use calendar::{Date, Offset};
use serde::Deserialize;
use std::path::Path;
use std::sync::OnceLock;
use toml::Spanned;

/// The shipped rule files, embedded so the binary needs no files at run time.
pub const SHIPPED_FILES: [(&str, &str); 7] = [
    ("rules/integrationsloven.toml", include_str!("../../../rules/integrationsloven.toml")),
    ("rules/danskuddannelse.toml", include_str!("../../../rules/danskuddannelse.toml")),
    ("rules/arbejdspligt.toml", include_str!("../../../rules/arbejdspligt.toml")),
    ("rules/igu.toml", include_str!("../../../rules/igu.toml")),
    ("rules/barnets_lov.toml", include_str!("../../../rules/barnets_lov.toml")),
    ("rules/dagtilbud_og_skole.toml", include_str!("../../../rules/dagtilbud_og_skole.toml")),
    ("rules/virksomhedsrettede_tilbud.toml", include_str!("../../../rules/virksomhedsrettede_tilbud.toml")),
];

/// A checked set of rules: every id and version once, no two versions of a
/// rule in force on the same day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The rule set shipped with samplan (`rules/*.toml`, embedded at build time).
    pub fn shipped() -> &'static RuleSet {
        static SHIPPED: OnceLock<RuleSet> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            // A unit test parses the same files, so a bad file fails the build's tests.
            RuleSet::from_sources(&SHIPPED_FILES).unwrap_or_else(|e| panic!("shipped rules: {e}"))
        })
    }

    /// Parses and checks several files given as `(file name, text)`.
    pub fn from_sources(files: &[(&str, &str)]) -> Result<RuleSet, LoadError> {
        let mut located = Vec::new();
        for (file, text) in files {
            located.extend(parse_located(file, text)?);
        }
        check_set(&located)?;
        Ok(RuleSet { rules: located.into_iter().map(|(r, _)| r).collect() })
    }

    /// Reads every `*.toml` file in `dir` (sorted by name) and checks the set.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, LoadError> {
        let io =
            |file: &Path, e: std::io::Error| LoadError { file: file.display().to_string(), line: None, kind: LoadErrorKind::Io { message: e.to_string() } };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut texts = Vec::with_capacity(paths.len());
        for path in &paths {
            let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
            texts.push((path.display().to_string(), text));
        }
        let files: Vec<(&str, &str)> = texts.iter().map(|(f, t)| (f.as_str(), t.as_str())).collect();
        RuleSet::from_sources(&files)
    }

    /// Every rule, every version, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The version of rule `id` in force on `date`.
    pub fn get(&self, id: &str, date: Date) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id && r.is_valid_on(date))
    }

    /// All versions of rule `id`, oldest first.
    pub fn versions(&self, id: &str) -> Vec<&Rule> {
        let mut v: Vec<&Rule> = self.rules.iter().filter(|r| r.id == id).collect();
        v.sort_by_key(|r| r.valid_from);
        v
    }

    /// This set with a municipality's overrides applied to every version of
    /// the named rules; refused when an override would loosen a rule.
    pub fn with_overrides(&self, overrides: &[Override]) -> Result<RuleSet, OverrideError> {
        let mut rules = self.rules.clone();
        for o in overrides {
            let mut found = false;
            for rule in rules.iter_mut().filter(|r| r.id == o.rule_id) {
                found = true;
                apply_override(rule, o).map_err(|kind| OverrideError { rule_id: o.rule_id.clone(), kind })?;
            }
            if !found {
                return Err(OverrideError { rule_id: o.rule_id.clone(), kind: OverrideErrorKind::UnknownRule });
            }
        }
        Ok(RuleSet { rules })
    }
}

/// A municipality's change to one rule. Each field left `None` is unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Override {
    /// The rule to change (all its versions).
    pub rule_id: String,
    /// A shorter offset for a deadline, a shorter period for a recurring
    /// rule, or a shorter gap.
    pub offset: Option<Offset>,
    /// More weekly hours for a weekly minimum.
    pub hours: Option<u32>,
    /// More events for a recurring rule.
    pub count: Option<u32>,
    /// Turn on a rule that is off by default (turning one off is refused).
    pub enabled: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverrides {
    #[serde(default, rename = "override")]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    rule: String,
    offset: Option<Spanned<RawOffset>>,
    hours: Option<u32>,
    count: Option<u32>,
    enabled: Option<bool>,
}

/// Parses a municipality's override file (`[[override]]` tables with `rule`
/// and any of `offset`, `hours`, `count`, `enabled`).
pub fn parse_overrides(file: &str, text: &str) -> Result<Vec<Override>, LoadError> {
    let src = Source::new(file, text);
    let raw: RawOverrides = src.parse()?;
    raw.overrides
        .into_iter()
        .map(|o| {
            Ok(Override {
                rule_id: o.rule,
                offset: o.offset.as_ref().map(|x| src.offset("offset", x)).transpose()?,
                hours: o.hours,
                count: o.count,
                enabled: o.enabled,
            })
        })
        .collect()
}

fn apply_override(rule: &mut Rule, o: &Override) -> Result<(), OverrideErrorKind> {
    let kind = rule.measure.kind();
    let not_adjustable = |field| OverrideErrorKind::NotAdjustable { field, kind };
    if let Some(enabled) = o.enabled {
        if rule.enabled && !enabled {
            return Err(OverrideErrorKind::Disables);
        }
        rule.enabled = rule.enabled || enabled;
    }
    if let Some(requested) = o.offset {
        let shipped = match &mut rule.measure {
            Measure::Deadline { offset, .. } => offset,
            Measure::Recurring { within, .. } => within,
            Measure::MaxGap { gap, .. } => gap,
            _ => return Err(not_adjustable("offset")),
        };
        check_not_later(*shipped, requested)?;
        *shipped = requested;
    }
    if let Some(requested) = o.hours {
        match &mut rule.measure {
            Measure::WeeklyHours { hours, bound: HoursBound::Minimum, .. } => {
                raise(hours, requested, "hours")?;
            }
            _ => return Err(not_adjustable("hours")),
        }
    }
    if let Some(requested) = o.count {
        match &mut rule.measure {
            Measure::Recurring { count, .. } => raise(count, requested, "count")?,
            _ => return Err(not_adjustable("count")),
        }
    }
    Ok(())
}

fn raise(value: &mut u32, requested: u32, field: &'static str) -> Result<(), OverrideErrorKind> {
    if requested < *value {
        return Err(OverrideErrorKind::LowerMinimum { field, shipped: *value, requested });
    }
    *value = requested;
    Ok(())
}

/// The fewest and the most calendar days `months` months can span, over every
/// start date the calendar supports.
///
/// The Gregorian calendar repeats every 400 years, so one cycle of start
/// months is enough; within a month the span is the same for every day up to
/// the 28th (no clamping), so only days 1 and 29–31 need checking.
fn month_span_bounds(months: u32) -> (i64, i64) {
    let (mut min, mut max) = (i64::MAX, 0);
    for year in calendar::MIN_YEAR..calendar::MIN_YEAR + 400 {
        for month in 1..=12 {
            for day in [1, 29, 30, 31] {
                let Ok(start) = Date::new(year, month, day) else {
                    continue;
                };
                let Ok(end) = start.add_months(i64::from(months)) else {
                    continue;
                };
                let span = start.days_until(end);
                min = min.min(span);
                max = max.max(span);
            }
        }
    }
    (min, max)
}

/// Ok when `requested` is due no later than `shipped` from every start date.
///
/// Moving to the next working day is the same for both and keeps the order,
/// so comparing the raw offsets is enough. Working days are at least as many
/// calendar days, but closed days make them unbounded, so a working-day
/// override can only be compared with working days.
fn check_not_later(shipped: Offset, requested: Offset) -> Result<(), OverrideErrorKind> {
    use Offset::{Days, Hours, Months, WorkingDays};
    let later = || OverrideErrorKind::LaterDeadline { shipped, requested };
    let ok = match (shipped, requested) {
        (Months(s), Months(r)) | (Days(s), Days(r)) | (WorkingDays(s), WorkingDays(r)) | (Hours(s), Hours(r)) => r <= s,
        // Clock hours are never moved; the others may move to a later working day.
        (Days(s) | WorkingDays(s), Hours(r)) => r.div_ceil(24) <= s,
        (Months(s), Hours(r)) => i64::from(r.div_ceil(24)) <= month_span_bounds(s).0,
        (Hours(_), Days(_) | Months(_) | WorkingDays(_)) => {
            return Err(OverrideErrorKind::IncomparableOffsets { shipped, requested });
        }
        (Months(s), Days(r)) => i64::from(r) <= month_span_bounds(s).0,
        (Days(s), Months(r)) => month_span_bounds(r).1 <= i64::from(s),
        (WorkingDays(s), Days(r)) => r <= s,
        (WorkingDays(s), Months(r)) => month_span_bounds(r).1 <= i64::from(s),
        (Days(_) | Months(_), WorkingDays(_)) => {
            return Err(OverrideErrorKind::IncomparableOffsets { shipped, requested });
        }
    };
    if ok { Ok(()) } else { Err(later()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_spans_are_28_to_31_days_for_one_month() {
        assert_eq!(month_span_bounds(1), (28, 31));
        assert_eq!(month_span_bounds(12), (365, 366));
    }

    #[test]
    fn only_offsets_due_no_later_are_accepted() {
        use Offset::*;
        assert!(check_not_later(Months(1), Days(28)).is_ok());
        assert!(check_not_later(Months(1), Days(21)).is_ok());
        assert!(matches!(check_not_later(Months(1), Days(29)), Err(OverrideErrorKind::LaterDeadline { .. })));
        assert!(check_not_later(Months(6), Months(3)).is_ok());
        assert!(check_not_later(Months(1), Months(2)).is_err());
        assert!(check_not_later(Days(31), Months(1)).is_ok());
        assert!(check_not_later(Days(30), Months(1)).is_err());
        assert!(check_not_later(WorkingDays(10), Days(10)).is_ok());
        assert!(check_not_later(WorkingDays(10), Days(11)).is_err());
        assert!(matches!(check_not_later(Months(1), WorkingDays(5)), Err(OverrideErrorKind::IncomparableOffsets { .. })));
        assert!(check_not_later(WorkingDays(10), WorkingDays(5)).is_ok());
        assert!(check_not_later(Hours(24), Hours(12)).is_ok());
        assert!(check_not_later(Hours(24), Hours(48)).is_err());
        assert!(check_not_later(Days(2), Hours(48)).is_ok());
        assert!(matches!(check_not_later(Hours(24), Days(1)), Err(OverrideErrorKind::IncomparableOffsets { .. })));
    }
}
