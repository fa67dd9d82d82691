//! Reading indicator files: TOML text → checked [`Indicator`]s, refusing a
//! malformed file with its name, line and reason.
//!
//! The serde structs here mirror the file format only; each is converted by
//! hand into the plain model types, which is where names are looked up and
//! fields are checked against the predicate or reference that uses them.

use crate::error::{LoadError, LoadErrorKind};
use crate::model::{Anchor, Direction, During, Indicator, Predicate, Reference, Unit};
use crate::record::{EventKind, ResidenceBasis, Sex, StatusKind};
use data_file::TomlSource;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    name: String,
    definition: String,
    unit: Spanned<String>,
    direction: Spanned<String>,
    reference: Spanned<RawReference>,
    days_from: Option<Spanned<String>>,
    #[serde(default)]
    cohort: Vec<Spanned<RawPredicate>>,
    outcome: Vec<Spanned<RawPredicate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    kind: Spanned<String>,
    anchor: Option<Spanned<String>>,
    months: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPredicate {
    is: Spanned<String>,
    min: Option<u32>,
    max: Option<u32>,
    any_of: Option<Vec<Spanned<String>>>,
    during: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    after: Option<Spanned<String>>,
    within_months: Option<u32>,
    by: Option<Spanned<String>>,
    anchor: Option<Spanned<String>>,
}

const UNITS: [(&str, Unit); 3] = [("percent", Unit::Percent), ("count", Unit::Count), ("days", Unit::Days)];

const DIRECTIONS: [(&str, Direction); 2] = [("higher_is_better", Direction::HigherIsBetter), ("lower_is_better", Direction::LowerIsBetter)];

const DURING: [(&str, During); 2] = [("day", During::Day), ("month", During::Month)];

const REFERENCE_KINDS: [&str; 2] = ["end_of_month", "anniversary"];

/// An indicator file being read.
type Source<'a> = TomlSource<'a, LoadErrorKind>;

/// The indicator format's own names, read from a [`TomlSource`] with errors at their line.
trait IndicatorFields {
    /// A key of one of the record vocabularies.
    fn vocab<T: Copy>(&self, field: &'static str, value: &Spanned<String>, all: &'static [T], key: fn(T) -> &'static str) -> Result<T, LoadError>;
    /// A fixed anchor or an event kind.
    fn anchor(&self, field: &'static str, value: &Spanned<String>) -> Result<Anchor, LoadError>;
}

impl IndicatorFields for Source<'_> {
    fn vocab<T: Copy>(&self, field: &'static str, value: &Spanned<String>, all: &'static [T], key: fn(T) -> &'static str) -> Result<T, LoadError> {
        let table: Vec<(&'static str, T)> = all.iter().map(|v| (key(*v), *v)).collect();
        self.lookup(field, value, &table)
    }

    fn anchor(&self, field: &'static str, value: &Spanned<String>) -> Result<Anchor, LoadError> {
        Anchor::from_key(value.get_ref()).ok_or_else(|| {
            let mut allowed: Vec<&'static str> = Anchor::FIXED.iter().map(|(k, _)| *k).collect();
            allowed.extend(EventKind::ALL.iter().map(|k| k.key()));
            self.error(value.span(), LoadErrorKind::UnknownValue { field, value: value.get_ref().clone(), allowed })
        })
    }
}

/// Parses an indicator file. `file` is only used in error messages.
///
/// Every indicator is checked on its own, and ids must be unique in the file.
pub fn parse_indicators(file: &str, text: &str) -> Result<Vec<Indicator>, LoadError> {
    let src = Source::new(file, text);
    let raw: RawFile = src.parse()?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(raw.indicator.len());
    for r in &raw.indicator {
        let indicator = convert(&src, r)?;
        let line = src.line(r.id.span().start);
        if let Some(first_line) = seen.insert(indicator.id.clone(), line) {
            return Err(src.error(r.id.span(), LoadErrorKind::DuplicateId { id: indicator.id, first_line }));
        }
        out.push(indicator);
    }
    Ok(out)
}

fn convert(src: &Source<'_>, r: &RawIndicator) -> Result<Indicator, LoadError> {
    let id = r.id.get_ref().clone();
    let at_id = |kind| src.error(r.id.span(), kind);
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !id_ok {
        return Err(at_id(LoadErrorKind::InvalidValue { field: "id", reason: format!("{id:?} must be lower-case letters, digits and '_'") }));
    }
    for (field, value) in [("name", &r.name), ("definition", &r.definition)] {
        if value.trim().is_empty() {
            return Err(at_id(LoadErrorKind::InvalidValue { field, reason: format!("indicator {id} needs a non-empty {field}") }));
        }
    }
    let unit = src.lookup("unit", &r.unit, &UNITS)?;
    let direction = src.lookup("direction", &r.direction, &DIRECTIONS)?;
    let reference = convert_reference(src, &id, &r.reference)?;
    if r.outcome.is_empty() {
        return Err(at_id(LoadErrorKind::MissingField { id, field: "outcome", by: "an indicator" }));
    }
    let cohort = r.cohort.iter().map(|p| convert_predicate(src, &id, p)).collect::<Result<Vec<_>, _>>()?;
    let outcome = r.outcome.iter().map(|p| convert_predicate(src, &id, p)).collect::<Result<Vec<_>, _>>()?;
    let days_from = match (unit, &r.days_from) {
        (Unit::Days, None) => {
            return Err(at_id(LoadErrorKind::MissingField { id, field: "days_from", by: "unit = \"days\"" }));
        }
        (Unit::Days, Some(a)) => {
            let single = matches!(outcome.as_slice(), [Predicate::InStatus { .. }] | [Predicate::HasEvent { .. }]);
            if !single {
                return Err(src.error(
                    r.outcome[0].span(),
                    LoadErrorKind::InvalidValue {
                        field: "outcome",
                        reason: format!(
                            "indicator {id}: a days indicator needs exactly one in_status or \
                             has_event outcome, to know the first day it holds"
                        ),
                    },
                ));
            }
            Some(src.anchor("days_from", a)?)
        }
        (_, Some(a)) => {
            return Err(src.error(a.span(), LoadErrorKind::UnexpectedField { id, field: "days_from", by: "an indicator that is not in days" }));
        }
        (_, None) => None,
    };
    Ok(Indicator {
        id,
        name: r.name.trim().to_owned(),
        definition: r.definition.split_whitespace().collect::<Vec<_>>().join(" "),
        unit,
        direction,
        reference,
        cohort,
        outcome,
        days_from,
    })
}

fn convert_reference(src: &Source<'_>, id: &str, r: &Spanned<RawReference>) -> Result<Reference, LoadError> {
    let raw = r.get_ref();
    let Some(kind) = REFERENCE_KINDS.iter().copied().find(|k| *k == raw.kind.get_ref()) else {
        return Err(src.error(
            raw.kind.span(),
            LoadErrorKind::UnknownValue { field: "reference.kind", value: raw.kind.get_ref().clone(), allowed: REFERENCE_KINDS.to_vec() },
        ));
    };
    let at = |kind| src.error(r.span(), kind);
    if kind == "end_of_month" {
        for (field, present) in [("anchor", raw.anchor.is_some()), ("months", raw.months.is_some())] {
            if present {
                return Err(at(LoadErrorKind::UnexpectedField { id: id.to_owned(), field, by: "reference end_of_month" }));
            }
        }
        return Ok(Reference::EndOfMonth);
    }
    let missing = |field| at(LoadErrorKind::MissingField { id: id.to_owned(), field, by: "reference anniversary" });
    let anchor = src.anchor("reference.anchor", raw.anchor.as_ref().ok_or_else(|| missing("anchor"))?)?;
    let months = raw.months.ok_or_else(|| missing("months"))?;
    if months > 600 {
        return Err(at(LoadErrorKind::InvalidValue { field: "reference.months", reason: format!("indicator {id}: {months} months is more than 50 years") }));
    }
    Ok(Reference::Anniversary { anchor, months })
}

fn convert_predicate(src: &Source<'_>, id: &str, p: &Spanned<RawPredicate>) -> Result<Predicate, LoadError> {
    let raw = p.get_ref();
    let span = p.span();
    let Some(is) = Predicate::KEYS.iter().copied().find(|k| *k == raw.is.get_ref()) else {
        return Err(src.error(raw.is.span(), LoadErrorKind::UnknownValue { field: "is", value: raw.is.get_ref().clone(), allowed: Predicate::KEYS.to_vec() }));
    };
    let present: [(&'static str, bool); 9] = [
        ("min", raw.min.is_some()),
        ("max", raw.max.is_some()),
        ("any_of", raw.any_of.is_some()),
        ("during", raw.during.is_some()),
        ("kind", raw.kind.is_some()),
        ("after", raw.after.is_some()),
        ("within_months", raw.within_months.is_some()),
        ("by", raw.by.is_some()),
        ("anchor", raw.anchor.is_some()),
    ];
    let uses: &[&str] = match is {
        "age_between" => &["min", "max"],
        "sex" | "residence_basis" => &["any_of"],
        "in_status" => &["any_of", "during"],
        "has_event" => &["kind", "after", "within_months", "by"],
        _ => &["anchor", "min", "max"],
    };
    if let Some((field, _)) = present.iter().find(|(f, p)| *p && !uses.contains(f)) {
        return Err(src.error(span, LoadErrorKind::UnexpectedField { id: id.to_owned(), field, by: is }));
    }
    let missing = |field: &'static str| src.error(span.clone(), LoadErrorKind::MissingField { id: id.to_owned(), field, by: is });
    let invalid = |field: &'static str, reason: String| src.error(span.clone(), LoadErrorKind::InvalidValue { field, reason });
    let any_of = || -> Result<&Vec<Spanned<String>>, LoadError> {
        match &raw.any_of {
            None => Err(missing("any_of")),
            Some(v) if v.is_empty() => Err(invalid("any_of", format!("indicator {id}: {is} needs at least one value"))),
            Some(v) => Ok(v),
        }
    };
    if let (Some(min), Some(max)) = (raw.min, raw.max)
        && min > max
    {
        return Err(invalid("max", format!("indicator {id}: max {max} is below min {min}")));
    }
    Ok(match is {
        "age_between" => Predicate::AgeBetween { min: raw.min.ok_or_else(|| missing("min"))?, max: raw.max.ok_or_else(|| missing("max"))? },
        "sex" => Predicate::Sex(any_of()?.iter().map(|v| src.vocab("any_of", v, Sex::ALL, Sex::key)).collect::<Result<_, _>>()?),
        "residence_basis" => {
            Predicate::ResidenceBasis(any_of()?.iter().map(|v| src.vocab("any_of", v, &ResidenceBasis::ALL, ResidenceBasis::code)).collect::<Result<_, _>>()?)
        }
        "in_status" => Predicate::InStatus {
            any_of: any_of()?.iter().map(|v| src.vocab("any_of", v, StatusKind::ALL, StatusKind::key)).collect::<Result<_, _>>()?,
            during: match &raw.during {
                Some(d) => src.lookup("during", d, &DURING)?,
                None => During::Day,
            },
        },
        "has_event" => {
            let after = raw.after.as_ref().map(|a| src.anchor("after", a)).transpose()?;
            if raw.within_months.is_some() && after.is_none() {
                return Err(missing("after"));
            }
            Predicate::HasEvent {
                kind: src.vocab("kind", raw.kind.as_ref().ok_or_else(|| missing("kind"))?, EventKind::ALL, EventKind::key)?,
                after,
                within_months: raw.within_months,
                by: raw.by.as_ref().map(|a| src.anchor("by", a)).transpose()?,
            }
        }
        _ => {
            if raw.min.is_none() && raw.max.is_none() {
                return Err(missing("min"));
            }
            Predicate::MonthsSince { anchor: src.anchor("anchor", raw.anchor.as_ref().ok_or_else(|| missing("anchor"))?)?, min: raw.min, max: raw.max }
        }
    })
}
