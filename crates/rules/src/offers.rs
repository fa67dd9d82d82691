//! The limits of company-based offers (virksomhedspraktik, løntilskud): how long an offer
//! may last for a person ([`offer_length`]), how many persons a workplace may have in
//! offers at once by its number of ordinary employees, the ratio rule
//! ([`staff_ratio`]), and the conditions an offer must meet ([`requirement`]). The values
//! are rules of `rules/virksomhedsrettede_tilbud.toml`, judged by the version in force
//! on the offer's start. Pure: the rule set, the person and the dates come in.

use crate::derive::Person;
use crate::model::{Employer, LegalSource, Measure, OfferKind, Rule};
use crate::ruleset::RuleSet;
use calendar::{Date, Offset};

/// How long an offer may last for a person, and the rule that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferLimit {
    /// The rule's id.
    pub rule_id: String,
    /// Its version.
    pub rule_version: u32,
    /// Its Danish title.
    pub title: String,
    /// Where it comes from.
    pub source: LegalSource,
    /// False while the value is to be confirmed.
    pub confirmed: bool,
    /// The longest length.
    pub length: Offset,
    /// Whether it can be extended after a new assessment.
    pub extendable: bool,
    /// The last day the offer may run when it starts on the given start.
    pub last_day: Date,
}

/// The last day of something lasting `length` from `start` (the start counts as day 1).
fn last_day(start: Date, length: Offset) -> Option<Date> {
    let end = match length {
        Offset::Months(m) => start.add_months(i64::from(m)).ok()?,
        Offset::Days(d) | Offset::WorkingDays(d) => start.add_days(i64::from(d)).ok()?,
        Offset::Hours(h) => start.add_days(i64::from(h.div_ceil(24))).ok()?,
    };
    end.add_days(-1).ok()
}

fn in_force(rules: &RuleSet, date: Date) -> impl Iterator<Item = &Rule> {
    rules.rules().iter().filter(move |r| r.enabled && r.is_valid_on(date))
}

/// The longest `offer` may last for `person` with an employer of kind `employer`,
/// starting on `start`: of the rules in force then that cover the person (their
/// `applies_to`, e.g. in the introduction programme or not), the offer, the employer and
/// whether the person is job-ready, the one giving the earliest last day. `None` when no
/// rule limits it.
pub fn offer_length(rules: &RuleSet, person: &Person, offer: OfferKind, employer: Employer, job_ready: bool, start: Date) -> Option<OfferLimit> {
    in_force(rules, start)
        .filter(|r| r.applies_to.matches(person, start))
        .filter_map(|r| match &r.measure {
            Measure::OfferLength { offer: o, length, employer: e, job_ready: j, extendable }
                if *o == offer && e.is_none_or(|e| e == employer) && j.is_none_or(|j| j == job_ready) =>
            {
                Some(OfferLimit {
                    rule_id: r.id.clone(),
                    rule_version: r.version,
                    title: r.title.clone(),
                    source: r.source.clone(),
                    confirmed: r.confirmed,
                    length: *length,
                    extendable: *extendable,
                    last_day: last_day(start, *length)?,
                })
            }
            _ => None,
        })
        .min_by_key(|l| (l.last_day, l.rule_id.clone()))
}

/// How many persons a workplace may have in offers at once, and the rule that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatioLimit {
    /// The rule's id.
    pub rule_id: String,
    /// Its version.
    pub rule_version: u32,
    /// Its Danish title.
    pub title: String,
    /// Where it comes from.
    pub source: LegalSource,
    /// False while the value is to be confirmed.
    pub confirmed: bool,
    /// The offers counted together.
    pub offers: Vec<OfferKind>,
    /// Persons in those offers the workplace may have at once.
    pub seats: u32,
}

/// The ratio rule for `offer` on `date` at a workplace with `staff` ordinary employees:
/// one person per `per_staff` employees counted up to `up_to_staff`, never fewer than
/// `at_least`, and one more per `then_per_staff` employees beyond. `None` when no rule
/// in force counts the offer.
pub fn staff_ratio(rules: &RuleSet, offer: OfferKind, staff: u32, date: Date) -> Option<RatioLimit> {
    in_force(rules, date).find_map(|r| match &r.measure {
        Measure::StaffRatio { offers, per_staff, up_to_staff, then_per_staff, at_least } if offers.contains(&offer) => {
            let first = (staff.min(*up_to_staff) / per_staff).max(*at_least);
            let beyond = staff.saturating_sub(*up_to_staff) / then_per_staff;
            Some(RatioLimit {
                rule_id: r.id.clone(),
                rule_version: r.version,
                title: r.title.clone(),
                source: r.source.clone(),
                confirmed: r.confirmed,
                offers: offers.clone(),
                seats: first + beyond,
            })
        }
        _ => None,
    })
}

/// The rule in force on `date` that makes `key` a condition for `offer`, if any.
pub fn requirement<'a>(rules: &'a RuleSet, key: &str, offer: OfferKind, date: Date) -> Option<&'a Rule> {
    in_force(rules, date).find(|r| matches!(&r.measure, Measure::Requirement { key: k, offers } if k == key && offers.contains(&offer)))
}
