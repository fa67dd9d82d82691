//! samplan's legal rules as versioned data, and the derivation of a person's
//! deadlines from them.
//!
//! The rule set lives in `rules/*.toml` at the project root, one file per
//! legal area, and is embedded at build time ([`RuleSet::shipped`]), so the
//! binary needs no files at run time. Every rule carries its legal source,
//! validity dates, to whom it applies, what it counts from and what it
//! requires. A municipality may tighten a rule ([`RuleSet::with_overrides`]),
//! never loosen it. The format is described in `docs/rules.md`.
//!
//! The core does no I/O: [`RuleSet::load_dir`] is the one thin function that
//! reads files. Derivation ([`derive`]) is a pure function of the rules, a
//! [`Person`], an evaluation date and a [`calendar::Calendar`].
//!
//! # Example
//!
//! ```
//! use calendar::{Calendar, Date};
//! use rules::{Event, EventKind, Person, Programme, ResidenceBasis, RuleSet, Status};
//!
//! let d = |s: &str| s.parse::<Date>().unwrap();
//! let mut person = Person::new(d("1995-02-10"), ResidenceBasis::Refugee);
//! person.programme = Some(Programme::Introduktionsprogram);
//! // Visitation decision 15 March → first whole month April → takeover 1 May.
//! person.events.push(Event { kind: EventKind::VisitationDecision, date: d("2026-03-15") });
//!
//! let out = rules::derive(RuleSet::shipped(), &person, d("2026-05-20"), &Calendar::new());
//! assert_eq!(out.takeover.unwrap().date, d("2026-05-01"));
//! let contract = out.deadlines.iter().find(|x| x.rule_id == "contract.deadline").unwrap();
//! assert_eq!(contract.due, d("2026-06-01"));
//! assert_eq!(contract.status, Status::Upcoming);
//! ```

mod derive;
mod error;
mod load;
mod model;
mod offers;
mod ruleset;

pub use derive::{
    AppliedReduction, DUE_SOON_DAYS, Deadline, Derivation, Eligibility, Event, HoursRequirement, MissingEvent, PeriodEnd, Person, Problem, Progress, Reduction,
    RuleTakeover, Status, Takeover, TakeoverSource, derive, eligibility, takeover, takeover_after_visitation, weekly_hours,
};
pub use error::{LoadError, LoadErrorKind, OverrideError, OverrideErrorKind};
pub use load::parse_rules;
pub use model::{
    AnnualDate, AppliesTo, Benefit, Employer, EventKind, HoursBound, LegalSource, Measure, OfferKind, Programme, ResidenceBasis, Rule, TakeoverMethod,
    UnknownResidenceBasis,
};
pub use offers::{OfferLimit, RatioLimit, offer_length, requirement, staff_ratio};
pub use ruleset::{Override, RuleSet, SHIPPED_FILES, parse_overrides};

impl RuleSet {
    /// Derives `person`'s deadlines as they stand on `today`; see [`derive`].
    pub fn derive(&self, person: &Person, today: calendar::Date, calendar: &calendar::Calendar) -> Derivation {
        derive(self, person, today, calendar)
    }
}

/// The README's example, compiled and run as a doctest so it cannot go stale.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
