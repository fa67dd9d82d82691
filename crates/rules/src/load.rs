//! Reading rule files: TOML text → checked [`Rule`]s, refusing a malformed
//! file with its name, line and reason.
//!
//! The serde structs here mirror the file format only. Each is converted by
//! hand into the plain model types, which is where names are looked up and
//! the semantic checks (dates in order, offsets with one unit, fields that fit
//! the measure kind) are made.
//!
//! The file is longer than most because the format and its checks belong
//! together: every field of a rule file is read and checked here, once.

use crate::error::{LoadError, LoadErrorKind};
use crate::model::{
    AnnualDate, AppliesTo, Benefit, Employer, EventKind, HoursBound, LegalSource, Measure, OfferKind, Programme, ResidenceBasis, Rule, TakeoverMethod,
};
use calendar::{Date, Offset};
use data_file::TomlSource;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    area: String,
    #[serde(default)]
    rule: Vec<RawRule>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    version: u32,
    title: String,
    explanation: String,
    #[serde(default)]
    law: String,
    #[serde(default)]
    law_number: String,
    #[serde(default)]
    paragraph: String,
    url: Option<Spanned<String>>,
    valid_from: Option<Spanned<Datetime>>,
    valid_to: Option<Spanned<Datetime>>,
    #[serde(default = "yes")]
    confirmed: bool,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    applies_to: RawAppliesTo,
    trigger: Option<Spanned<String>>,
    during: Option<Spanned<String>>,
    measure: Spanned<RawMeasure>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAppliesTo {
    #[serde(default)]
    residence: Vec<Spanned<String>>,
    #[serde(default)]
    residence_excluded: Vec<Spanned<String>>,
    #[serde(default)]
    programme: Vec<Spanned<String>>,
    #[serde(default)]
    benefit: Vec<Spanned<String>>,
    age_min: Option<u32>,
    age_max: Option<u32>,
    self_supporting: Option<bool>,
    education_order: Option<bool>,
    lacks_residence_and_employment_requirement: Option<bool>,
    in_programme: Option<bool>,
    visited: Option<bool>,
    ordinary_work_or_education: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    kind: Spanned<String>,
    method: Option<Spanned<String>>,
    offset: Option<Spanned<RawOffset>>,
    within: Option<Spanned<RawOffset>>,
    gap: Option<Spanned<RawOffset>>,
    length: Option<Spanned<RawOffset>>,
    met_by: Option<Spanned<String>>,
    count: Option<u32>,
    hours: Option<u32>,
    bound: Option<Spanned<String>>,
    averaged: Option<bool>,
    date: Option<Spanned<Datetime>>,
    weeks: Option<u32>,
    residence_less_than: Option<Spanned<RawOffset>>,
    residence_at_most: Option<Spanned<RawOffset>>,
    key: Option<String>,
    dates: Option<Vec<Spanned<RawAnnualDate>>>,
    offer: Option<Spanned<String>>,
    offers: Option<Vec<Spanned<String>>>,
    employer: Option<Spanned<String>>,
    job_ready: Option<bool>,
    extendable: Option<bool>,
    per_staff: Option<u32>,
    up_to_staff: Option<u32>,
    then_per_staff: Option<u32>,
    at_least: Option<u32>,
}

/// An offset as written: exactly one of the units.
#[derive(Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOffset {
    months: Option<u32>,
    years: Option<u32>,
    days: Option<u32>,
    weeks: Option<u32>,
    working_days: Option<u32>,
    hours: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnualDate {
    month: u32,
    day: u32,
    label: String,
}

const PROGRAMME: [(&str, Programme); 3] = [
    ("introduktionsprogram", Programme::Introduktionsprogram),
    ("selvforsoergelses_og_hjemrejseprogram", Programme::SelvforsoergelsesOgHjemrejseprogram),
    ("integrationsprogram", Programme::Integrationsprogram),
];

const BENEFIT: [(&str, Benefit); 4] = [
    ("kontanthjaelp", Benefit::Kontanthjaelp),
    ("selvforsoergelses_og_hjemrejseydelse", Benefit::SelvforsoergelsesOgHjemrejseydelse),
    ("overgangsydelse", Benefit::Overgangsydelse),
    ("uddannelseshjaelp", Benefit::Uddannelseshjaelp),
];

const TAKEOVER_METHOD: [(&str, TakeoverMethod); 2] = [("after_first_whole_month", TakeoverMethod::AfterFirstWholeMonth), ("same_day", TakeoverMethod::SameDay)];

const BOUND: [(&str, HoursBound); 2] = [("minimum", HoursBound::Minimum), ("maximum", HoursBound::Maximum)];

const OFFER: [(&str, OfferKind); 2] = [("praktik", OfferKind::Praktik), ("loentilskud", OfferKind::Loentilskud)];

const EMPLOYER: [(&str, Employer); 2] = [("private", Employer::Private), ("public", Employer::Public)];

const MEASURE_KINDS: [&str; 15] = [
    "takeover",
    "deadline",
    "recurring",
    "max_gap",
    "weekly_hours",
    "period",
    "latest_date",
    "total_weeks",
    "eligibility",
    "prohibition",
    "annual_dates",
    "offer_length",
    "staff_ratio",
    "requirement",
    "hours_reduction",
];

/// A rule or override file being read.
pub(crate) type Source<'a> = TomlSource<'a, LoadErrorKind>;

/// The rule format's own fields, read from a [`TomlSource`] with errors at their line.
pub(crate) trait RuleFields {
    /// Looks every name in `values` up in `table`.
    fn lookup_all<T: Copy>(&self, field: &'static str, values: &[Spanned<String>], table: &[(&'static str, T)]) -> Result<Vec<T>, LoadError>;
    /// Residence bases by their codes.
    fn residences(&self, field: &'static str, values: &[Spanned<String>]) -> Result<Vec<ResidenceBasis>, LoadError>;
    /// An event kind by its key.
    fn event(&self, field: &'static str, value: &Spanned<String>) -> Result<EventKind, LoadError>;
    /// A plain TOML date (`YYYY-MM-DD` without quotes).
    fn date(&self, field: &'static str, value: &Spanned<Datetime>) -> Result<Date, LoadError>;
    /// An offset given in exactly one unit.
    fn offset(&self, field: &'static str, value: &Spanned<RawOffset>) -> Result<Offset, LoadError>;
}

impl RuleFields for Source<'_> {
    fn lookup_all<T: Copy>(&self, field: &'static str, values: &[Spanned<String>], table: &[(&'static str, T)]) -> Result<Vec<T>, LoadError> {
        values.iter().map(|v| self.lookup(field, v, table)).collect()
    }

    fn residences(&self, field: &'static str, values: &[Spanned<String>]) -> Result<Vec<ResidenceBasis>, LoadError> {
        let allowed = || ResidenceBasis::ALL.iter().map(|b| b.code()).collect();
        let one = |v: &Spanned<String>| {
            ResidenceBasis::parse(v.get_ref()).map_err(|e| self.error(v.span(), LoadErrorKind::UnknownValue { field, value: e.0, allowed: allowed() }))
        };
        values.iter().map(one).collect()
    }

    fn event(&self, field: &'static str, value: &Spanned<String>) -> Result<EventKind, LoadError> {
        EventKind::from_key(value.get_ref()).ok_or_else(|| {
            self.error(
                value.span(),
                LoadErrorKind::UnknownValue { field, value: value.get_ref().clone(), allowed: EventKind::ALL.iter().map(|k| k.key()).collect() },
            )
        })
    }

    fn date(&self, field: &'static str, value: &Spanned<Datetime>) -> Result<Date, LoadError> {
        let invalid = |reason: String| self.error(value.span(), LoadErrorKind::InvalidValue { field, reason });
        let dt = value.get_ref();
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => Date::new(i32::from(d.year), d.month.into(), d.day.into()).map_err(|e| invalid(e.to_string())),
            _ => Err(invalid(format!("{dt} is not a plain date; write it as YYYY-MM-DD without quotes"))),
        }
    }

    fn offset(&self, field: &'static str, value: &Spanned<RawOffset>) -> Result<Offset, LoadError> {
        let o = value.get_ref();
        let units = [
            o.months.map(Offset::Months),
            o.years.map(|y| Offset::Months(y.saturating_mul(12))),
            o.days.map(Offset::Days),
            o.weeks.map(|w| Offset::Days(w.saturating_mul(7))),
            o.working_days.map(Offset::WorkingDays),
            o.hours.map(Offset::Hours),
        ];
        let mut given = units.into_iter().flatten();
        match (given.next(), given.next()) {
            (Some(offset), None) => Ok(offset),
            _ => Err(self.error(
                value.span(),
                LoadErrorKind::InvalidValue { field, reason: "give exactly one of months, years, days, weeks, working_days, hours".into() },
            )),
        }
    }
}

/// Parses one rule file. `file` is only used in error messages.
///
/// This checks the file on its own; [`crate::RuleSet::from_sources`] also
/// checks the whole set (duplicate ids, overlapping versions).
pub fn parse_rules(file: &str, text: &str) -> Result<Vec<Rule>, LoadError> {
    Ok(parse_located(file, text)?.into_iter().map(|(r, _)| r).collect())
}

/// Like [`parse_rules`], with each rule's `file:line` for later errors.
pub(crate) fn parse_located(file: &str, text: &str) -> Result<Vec<(Rule, String)>, LoadError> {
    let src = Source::new(file, text);
    let raw: RawFile = src.parse()?;
    if raw.area.trim().is_empty() {
        return Err(src.file_error(LoadErrorKind::InvalidValue { field: "area", reason: "must name the legal area".into() }));
    }
    raw.rule
        .iter()
        .map(|r| {
            let at = format!("{file}:{}", src.line(r.id.span().start));
            convert_rule(&src, &raw.area, r).map(|rule| (rule, at))
        })
        .collect()
}

fn convert_rule(src: &Source<'_>, area: &str, r: &RawRule) -> Result<Rule, LoadError> {
    let id = r.id.get_ref().clone();
    let at_rule = |kind| src.error(r.id.span(), kind);
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if !id_ok {
        return Err(at_rule(LoadErrorKind::InvalidValue { field: "id", reason: format!("{id:?} must be lower-case letters, digits, '_' and '.'") }));
    }
    for (field, value) in [("title", &r.title), ("explanation", &r.explanation)] {
        if value.trim().is_empty() {
            return Err(at_rule(LoadErrorKind::InvalidValue { field, reason: format!("rule {id} needs a non-empty {field}") }));
        }
    }
    // Every rule cites its law by name and number and the provision with stk.
    for (field, value) in [("law", &r.law), ("law_number", &r.law_number), ("paragraph", &r.paragraph)] {
        if value.trim().is_empty() {
            return Err(at_rule(LoadErrorKind::MissingSource { id: id.clone(), field }));
        }
    }
    let number = r.law_number.trim();
    let number_ok = ["lov nr. ", "LBK nr. ", "BEK nr. "].iter().any(|p| number.starts_with(p)) && number.contains(" af ");
    if !number_ok {
        return Err(at_rule(LoadErrorKind::InvalidValue {
            field: "law_number",
            reason: format!(
                "rule {id}: {number:?} must read like \"lov nr. 1654 af 30/12/2024\" \
                 or \"LBK nr. 1146 af 22/06/2020\""
            ),
        }));
    }
    if !r.paragraph.trim().starts_with('§') {
        return Err(at_rule(LoadErrorKind::InvalidValue {
            field: "paragraph",
            reason: format!("rule {id}: {:?} must start with § (e.g. \"§ 4, stk. 2\")", r.paragraph.trim()),
        }));
    }
    if let Some(url) = &r.url
        && !url.get_ref().starts_with("https://www.retsinformation.dk/")
    {
        return Err(src.error(
            url.span(),
            LoadErrorKind::InvalidValue { field: "url", reason: format!("rule {id}: the official text is linked on https://www.retsinformation.dk/") },
        ));
    }
    let Some(raw_from) = &r.valid_from else {
        return Err(at_rule(LoadErrorKind::MissingSource { id, field: "valid_from" }));
    };
    if r.version == 0 {
        return Err(at_rule(LoadErrorKind::InvalidValue { field: "version", reason: format!("rule {id}: versions start at 1") }));
    }
    let valid_from = src.date("valid_from", raw_from)?;
    let valid_to = r.valid_to.as_ref().map(|v| src.date("valid_to", v)).transpose()?;
    if let (Some(to), Some(span)) = (valid_to, r.valid_to.as_ref().map(|v| v.span()))
        && to < valid_from
    {
        return Err(src.error(span, LoadErrorKind::ValidToBeforeValidFrom { id, valid_from, valid_to: to }));
    }
    let a = &r.applies_to;
    let applies_to = AppliesTo {
        residence: src.residences("applies_to.residence", &a.residence)?,
        residence_excluded: src.residences("applies_to.residence_excluded", &a.residence_excluded)?,
        programme: src.lookup_all("applies_to.programme", &a.programme, &PROGRAMME)?,
        benefit: src.lookup_all("applies_to.benefit", &a.benefit, &BENEFIT)?,
        age_min: a.age_min,
        age_max: a.age_max,
        self_supporting: a.self_supporting,
        education_order: a.education_order,
        lacks_residence_and_employment_requirement: a.lacks_residence_and_employment_requirement,
        in_programme: a.in_programme,
        visited: a.visited,
        ordinary_work_or_education: a.ordinary_work_or_education,
    };
    if let (Some(min), Some(max)) = (a.age_min, a.age_max)
        && min > max
    {
        return Err(at_rule(LoadErrorKind::InvalidValue { field: "applies_to.age_max", reason: format!("rule {id}: age_max {max} is below age_min {min}") }));
    }
    let trigger = r.trigger.as_ref().map(|t| src.event("trigger", t)).transpose()?;
    let measure = convert_measure(src, &id, &r.measure)?;
    let during = r.during.as_ref().map(|d| d.get_ref().clone());
    if let (Some(span), false) = (r.during.as_ref().map(|d| d.span()), matches!(measure, Measure::WeeklyHours { .. })) {
        return Err(src.error(span, LoadErrorKind::UnexpectedField { id, field: "during", kind: measure.kind() }));
    }
    let needs_trigger =
        matches!(measure, Measure::Takeover { .. } | Measure::Deadline { .. } | Measure::Recurring { .. } | Measure::MaxGap { .. } | Measure::Period { .. });
    if needs_trigger && trigger.is_none() {
        return Err(at_rule(LoadErrorKind::MissingField { id, field: "trigger", kind: measure.kind() }));
    }
    Ok(Rule {
        id,
        version: r.version,
        area: area.to_owned(),
        title: r.title.trim().to_owned(),
        explanation: r.explanation.trim().to_owned(),
        source: LegalSource {
            law: r.law.trim().to_owned(),
            number: number.to_owned(),
            paragraph: r.paragraph.trim().to_owned(),
            url: r.url.as_ref().map(|u| u.get_ref().trim().to_owned()),
        },
        valid_from,
        valid_to,
        confirmed: r.confirmed,
        enabled: r.enabled,
        applies_to,
        trigger,
        during,
        measure,
    })
}

fn convert_measure(src: &Source<'_>, id: &str, m: &Spanned<RawMeasure>) -> Result<Measure, LoadError> {
    let span = m.span();
    let raw = m.get_ref();
    let kind_name = raw.kind.get_ref().as_str();
    let Some(kind) = MEASURE_KINDS.iter().copied().find(|k| *k == kind_name) else {
        return Err(
            src.error(raw.kind.span(), LoadErrorKind::UnknownValue { field: "measure.kind", value: kind_name.to_owned(), allowed: MEASURE_KINDS.to_vec() })
        );
    };
    // Which optional fields are present, by name, to refuse those the kind does not use.
    let present: [(&'static str, bool); 25] = [
        ("method", raw.method.is_some()),
        ("offset", raw.offset.is_some()),
        ("within", raw.within.is_some()),
        ("gap", raw.gap.is_some()),
        ("length", raw.length.is_some()),
        ("met_by", raw.met_by.is_some()),
        ("count", raw.count.is_some()),
        ("hours", raw.hours.is_some()),
        ("bound", raw.bound.is_some()),
        ("averaged", raw.averaged.is_some()),
        ("date", raw.date.is_some()),
        ("weeks", raw.weeks.is_some()),
        ("residence_less_than", raw.residence_less_than.is_some()),
        ("residence_at_most", raw.residence_at_most.is_some()),
        ("key", raw.key.is_some()),
        ("dates", raw.dates.is_some()),
        ("offer", raw.offer.is_some()),
        ("offers", raw.offers.is_some()),
        ("employer", raw.employer.is_some()),
        ("job_ready", raw.job_ready.is_some()),
        ("extendable", raw.extendable.is_some()),
        ("per_staff", raw.per_staff.is_some()),
        ("up_to_staff", raw.up_to_staff.is_some()),
        ("then_per_staff", raw.then_per_staff.is_some()),
        ("at_least", raw.at_least.is_some()),
    ];
    let uses: &[&str] = match kind {
        "takeover" => &["method"],
        "deadline" => &["offset", "met_by"],
        "recurring" => &["count", "within", "met_by"],
        "max_gap" => &["gap", "met_by"],
        "weekly_hours" => &["hours", "bound", "averaged"],
        "period" => &["length"],
        "latest_date" => &["date"],
        "total_weeks" => &["weeks"],
        "eligibility" => &["residence_less_than", "residence_at_most"],
        "prohibition" => &["key"],
        "offer_length" => &["offer", "length", "employer", "job_ready", "extendable"],
        "staff_ratio" => &["offers", "per_staff", "up_to_staff", "then_per_staff", "at_least"],
        "requirement" => &["key", "offers"],
        "hours_reduction" => &["key"],
        _ => &["dates"],
    };
    if let Some((field, _)) = present.iter().find(|(f, p)| *p && !uses.contains(f)) {
        return Err(src.error(span, LoadErrorKind::UnexpectedField { id: id.to_owned(), field, kind }));
    }
    let missing = |field: &'static str| src.error(span.clone(), LoadErrorKind::MissingField { id: id.to_owned(), field, kind });
    let positive = |field: &'static str, value: u32| {
        if value == 0 {
            Err(src.error(span.clone(), LoadErrorKind::InvalidValue { field, reason: format!("rule {id}: must be at least 1") }))
        } else {
            Ok(value)
        }
    };
    let met_by = || raw.met_by.as_ref().ok_or_else(|| missing("met_by")).and_then(|v| src.event("measure.met_by", v));
    let offset = |field: &'static str, v: &Option<Spanned<RawOffset>>| v.as_ref().ok_or_else(|| missing(field)).and_then(|o| src.offset(field, o));
    Ok(match kind {
        "takeover" => Measure::Takeover { method: src.lookup("measure.method", raw.method.as_ref().ok_or_else(|| missing("method"))?, &TAKEOVER_METHOD)? },
        "deadline" => Measure::Deadline { offset: offset("offset", &raw.offset)?, met_by: met_by()? },
        "recurring" => Measure::Recurring {
            count: positive("count", raw.count.ok_or_else(|| missing("count"))?)?,
            within: offset("within", &raw.within)?,
            met_by: met_by()?,
        },
        "max_gap" => Measure::MaxGap { gap: offset("gap", &raw.gap)?, met_by: met_by()? },
        "weekly_hours" => Measure::WeeklyHours {
            hours: positive("hours", raw.hours.ok_or_else(|| missing("hours"))?)?,
            bound: match &raw.bound {
                Some(b) => src.lookup("measure.bound", b, &BOUND)?,
                None => HoursBound::Minimum,
            },
            averaged: raw.averaged.unwrap_or(false),
        },
        "period" => Measure::Period { length: offset("length", &raw.length)? },
        "latest_date" => Measure::LatestDate { date: src.date("measure.date", raw.date.as_ref().ok_or_else(|| missing("date"))?)? },
        "total_weeks" => Measure::TotalWeeks { weeks: positive("weeks", raw.weeks.ok_or_else(|| missing("weeks"))?)? },
        "eligibility" => Measure::Eligibility {
            residence_less_than: raw.residence_less_than.as_ref().map(|o| src.offset("residence_less_than", o)).transpose()?,
            residence_at_most: raw.residence_at_most.as_ref().map(|o| src.offset("residence_at_most", o)).transpose()?,
        },
        "prohibition" => Measure::Prohibition { key: raw.key.clone().ok_or_else(|| missing("key"))? },
        "offer_length" => Measure::OfferLength {
            offer: src.lookup("measure.offer", raw.offer.as_ref().ok_or_else(|| missing("offer"))?, &OFFER)?,
            length: offset("length", &raw.length)?,
            employer: raw.employer.as_ref().map(|e| src.lookup("measure.employer", e, &EMPLOYER)).transpose()?,
            job_ready: raw.job_ready,
            extendable: raw.extendable.unwrap_or(false),
        },
        "staff_ratio" => Measure::StaffRatio {
            offers: src.lookup_all("measure.offers", raw.offers.as_deref().ok_or_else(|| missing("offers"))?, &OFFER)?,
            per_staff: positive("per_staff", raw.per_staff.ok_or_else(|| missing("per_staff"))?)?,
            up_to_staff: positive("up_to_staff", raw.up_to_staff.ok_or_else(|| missing("up_to_staff"))?)?,
            then_per_staff: positive("then_per_staff", raw.then_per_staff.ok_or_else(|| missing("then_per_staff"))?)?,
            at_least: raw.at_least.unwrap_or(0),
        },
        "hours_reduction" => Measure::HoursReduction { key: raw.key.clone().ok_or_else(|| missing("key"))? },
        "requirement" => Measure::Requirement {
            key: raw.key.clone().ok_or_else(|| missing("key"))?,
            offers: src.lookup_all("measure.offers", raw.offers.as_deref().ok_or_else(|| missing("offers"))?, &OFFER)?,
        },
        _ => {
            let dates = raw.dates.as_ref().ok_or_else(|| missing("dates"))?;
            let mut out = Vec::with_capacity(dates.len());
            for d in dates {
                let v = d.get_ref();
                let last = calendar::days_in_month(2024, v.month);
                if v.day == 0 || v.day > last {
                    return Err(src.error(
                        d.span(),
                        LoadErrorKind::InvalidValue { field: "measure.dates", reason: format!("{}/{} is not a day of the year", v.day, v.month) },
                    ));
                }
                out.push(AnnualDate { month: v.month, day: v.day, label: v.label.clone() });
            }
            Measure::AnnualDates { dates: out }
        }
    })
}

/// Checks a whole set across files: no id and version twice, no two versions
/// of one rule in force on the same day.
pub(crate) fn check_set(rules: &[(Rule, String)]) -> Result<(), LoadError> {
    let mut seen: HashMap<(&str, u32), &str> = HashMap::new();
    for (rule, at) in rules {
        if let Some(first) = seen.insert((rule.id.as_str(), rule.version), at.as_str()) {
            return Err(located(at, LoadErrorKind::DuplicateRule { id: rule.id.clone(), version: rule.version, first: first.to_owned() }));
        }
    }
    for (rule, at) in rules {
        if let Some(period) = &rule.during {
            let known = rules.iter().any(|(r, _)| &r.id == period && matches!(r.measure, Measure::Period { .. }));
            if !known {
                return Err(located(
                    at,
                    LoadErrorKind::InvalidValue { field: "during", reason: format!("rule {}: there is no period rule {period:?}", rule.id) },
                ));
            }
        }
    }
    for (i, (a, _)) in rules.iter().enumerate() {
        for (b, at) in &rules[i + 1..] {
            let overlap = a.id == b.id && a.valid_from <= b.valid_to.unwrap_or(Date::MAX) && b.valid_from <= a.valid_to.unwrap_or(Date::MAX);
            if overlap {
                return Err(located(at, LoadErrorKind::OverlappingVersions { id: b.id.clone(), version: b.version, other: a.version }));
            }
        }
    }
    Ok(())
}

/// Splits a `file:line` location back into a [`LoadError`].
fn located(at: &str, kind: LoadErrorKind) -> LoadError {
    let (file, line) = match at.rsplit_once(':') {
        Some((file, line)) => (file, line.parse().ok()),
        None => (at, None),
    };
    LoadError { file: file.to_owned(), line, kind }
}
