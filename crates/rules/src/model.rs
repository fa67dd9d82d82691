//! The rule model: what a rule says, to whom it applies and what it measures.
//!
//! These are plain values without serde; the TOML shape lives in `load.rs` and
//! is converted into these types after validation, so the rest of samplan
//! never sees a half-checked rule.

use calendar::{Date, Offset};
use std::fmt;

/// The legal basis of a person's residence: the one type the rules, the indicators and
/// samplan's person records share. [`ResidenceBasis::code`] is the text stored in
/// person records and written in rule files; [`ResidenceBasis::parse`] reads it back
/// and refuses any other text, naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResidenceBasis {
    /// Refugee (flygtning), placed by visitation or as a quota refugee.
    Refugee,
    /// Family-reunified to a refugee.
    FamilyReunifiedToRefugee,
    /// Other family-reunified person.
    OtherFamilyReunified,
    /// Residence under the Ukrainian special act.
    UkrainianSpecialAct,
    /// Any other basis.
    Other,
}

impl ResidenceBasis {
    /// Every basis, in display order.
    pub const ALL: [ResidenceBasis; 5] = [
        ResidenceBasis::Refugee,
        ResidenceBasis::FamilyReunifiedToRefugee,
        ResidenceBasis::OtherFamilyReunified,
        ResidenceBasis::UkrainianSpecialAct,
        ResidenceBasis::Other,
    ];

    /// The code stored in person records, used in the API and in rule files (`refugee`).
    pub const fn code(self) -> &'static str {
        match self {
            ResidenceBasis::Refugee => "refugee",
            ResidenceBasis::FamilyReunifiedToRefugee => "family_reunified_to_refugee",
            ResidenceBasis::OtherFamilyReunified => "other_family_reunified",
            ResidenceBasis::UkrainianSpecialAct => "ukrainian_special_act",
            ResidenceBasis::Other => "other",
        }
    }

    /// The Danish label shown to people.
    pub const fn label(self) -> &'static str {
        match self {
            ResidenceBasis::Refugee => "Flygtning",
            ResidenceBasis::FamilyReunifiedToRefugee => "Familiesammenført til flygtning",
            ResidenceBasis::OtherFamilyReunified => "Anden familiesammenføring",
            ResidenceBasis::UkrainianSpecialAct => "Ukrainsk særlov",
            ResidenceBasis::Other => "Andet opholdsgrundlag",
        }
    }

    /// Whether persons with this basis are under the integration act's programme
    /// (refugees and the family-reunified).
    pub const fn has_programme(self) -> bool {
        matches!(self, ResidenceBasis::Refugee | ResidenceBasis::FamilyReunifiedToRefugee | ResidenceBasis::OtherFamilyReunified)
    }

    /// The basis whose [`code`](ResidenceBasis::code) is exactly `code`; any other text
    /// is an [`UnknownResidenceBasis`] that names it, never a fallback to `Other`.
    pub fn parse(code: &str) -> Result<ResidenceBasis, UnknownResidenceBasis> {
        ResidenceBasis::ALL.into_iter().find(|b| b.code() == code).ok_or_else(|| UnknownResidenceBasis(code.to_owned()))
    }
}

impl fmt::Display for ResidenceBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for ResidenceBasis {
    type Err = UnknownResidenceBasis;

    fn from_str(code: &str) -> Result<ResidenceBasis, UnknownResidenceBasis> {
        ResidenceBasis::parse(code)
    }
}

impl TryFrom<String> for ResidenceBasis {
    type Error = UnknownResidenceBasis;

    fn try_from(code: String) -> Result<ResidenceBasis, UnknownResidenceBasis> {
        ResidenceBasis::parse(&code)
    }
}

/// A text that is no [`ResidenceBasis`] code; it holds the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownResidenceBasis(pub String);

impl fmt::Display for UnknownResidenceBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a residence basis; use one of: ", self.0)?;
        f.write_str(&ResidenceBasis::ALL.map(ResidenceBasis::code).join(", "))
    }
}

impl std::error::Error for UnknownResidenceBasis {}

/// The integration programme a person is in; the old names are kept for history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Programme {
    /// Introduktionsprogram, since 1 January 2025.
    Introduktionsprogram,
    /// Selvforsørgelses- og hjemrejseprogram, 2019–2024.
    SelvforsoergelsesOgHjemrejseprogram,
    /// Integrationsprogram, before 2019.
    Integrationsprogram,
}

/// The benefit a person receives; the old types are kept for history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Benefit {
    /// Kontanthjælp (one benefit with several rates since 1 July 2025).
    Kontanthjaelp,
    /// Selvforsørgelses- og hjemrejseydelse (until 30 June 2025).
    SelvforsoergelsesOgHjemrejseydelse,
    /// Overgangsydelse (until 30 June 2025).
    Overgangsydelse,
    /// Uddannelseshjælp (until 30 June 2025).
    Uddannelseshjaelp,
}

/// Something that happens to a person on a date: what a rule counts from
/// (its trigger) or what fulfils it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// The visitation decision placing a refugee in the municipality.
    VisitationDecision,
    /// Registration in the CPR register with an address in the municipality.
    CprRegistration,
    /// The municipality took over responsibility (overtagelsesdato).
    Takeover,
    /// The programme started.
    ProgrammeStart,
    /// The municipality's visitation under integrationsloven § 17 was completed.
    ProgrammeVisitation,
    /// The integration contract was signed.
    ContractSigned,
    /// A follow-up interview was held.
    FollowUpInterview,
    /// A health assessment was offered.
    HealthAssessmentOffered,
    /// The person applied for Danish education.
    DuApplication,
    /// The person was referred to Danish education.
    DuReferral,
    /// Danish education started.
    DuStart,
    /// A company-based offer started.
    CompanyOffer,
    /// An IGU course started.
    IguStart,
    /// Children and parents: the municipality received a concern note (underretning).
    ConcernReceived,
    /// Children and parents: the concern note was assessed (is the child in danger, is
    /// immediate action needed).
    ConcernAssessed,
    /// Children and parents: the professional notifier was sent a receipt.
    ConcernReceiptSent,
    /// Children and parents: a child welfare investigation (børnefaglig undersøgelse) started.
    ChildInvestigationStarted,
    /// Children and parents: the child welfare investigation was finished.
    ChildInvestigationCompleted,
    /// Children and parents: a newly arrived child started in a reception class.
    ReceptionClassStart,
    /// Children and parents: a child living in an udsat boligområde has no daycare place
    /// (from the first day both hold).
    ListedAreaWithoutDaycare,
    /// Children and parents: a child assessed as needing language support has no
    /// daycare place (from the first day both hold).
    LanguageSupportWithoutDaycare,
}

impl EventKind {
    /// Every kind, in declaration order.
    pub const ALL: [EventKind; 21] = [
        EventKind::VisitationDecision,
        EventKind::CprRegistration,
        EventKind::Takeover,
        EventKind::ProgrammeStart,
        EventKind::ProgrammeVisitation,
        EventKind::ContractSigned,
        EventKind::FollowUpInterview,
        EventKind::HealthAssessmentOffered,
        EventKind::DuApplication,
        EventKind::DuReferral,
        EventKind::DuStart,
        EventKind::CompanyOffer,
        EventKind::IguStart,
        EventKind::ConcernReceived,
        EventKind::ConcernAssessed,
        EventKind::ConcernReceiptSent,
        EventKind::ChildInvestigationStarted,
        EventKind::ChildInvestigationCompleted,
        EventKind::ReceptionClassStart,
        EventKind::ListedAreaWithoutDaycare,
        EventKind::LanguageSupportWithoutDaycare,
    ];

    /// The name used in rule files (`contract_signed`).
    pub fn key(self) -> &'static str {
        match self {
            EventKind::VisitationDecision => "visitation_decision",
            EventKind::CprRegistration => "cpr_registration",
            EventKind::Takeover => "takeover",
            EventKind::ProgrammeStart => "programme_start",
            EventKind::ProgrammeVisitation => "programme_visitation",
            EventKind::ContractSigned => "contract_signed",
            EventKind::FollowUpInterview => "follow_up_interview",
            EventKind::HealthAssessmentOffered => "health_assessment_offered",
            EventKind::DuApplication => "du_application",
            EventKind::DuReferral => "du_referral",
            EventKind::DuStart => "du_start",
            EventKind::CompanyOffer => "company_offer",
            EventKind::IguStart => "igu_start",
            EventKind::ConcernReceived => "concern_received",
            EventKind::ConcernAssessed => "concern_assessed",
            EventKind::ConcernReceiptSent => "concern_receipt_sent",
            EventKind::ChildInvestigationStarted => "child_investigation_started",
            EventKind::ChildInvestigationCompleted => "child_investigation_completed",
            EventKind::ReceptionClassStart => "reception_class_start",
            EventKind::ListedAreaWithoutDaycare => "listed_area_without_daycare",
            EventKind::LanguageSupportWithoutDaycare => "language_support_without_daycare",
        }
    }

    /// Events of a child's concern note or childcare record, which the children and
    /// parents module records; they are not events of a person's integration case.
    pub fn of_children(self) -> bool {
        matches!(
            self,
            EventKind::ConcernReceived
                | EventKind::ConcernAssessed
                | EventKind::ConcernReceiptSent
                | EventKind::ChildInvestigationStarted
                | EventKind::ChildInvestigationCompleted
                | EventKind::ReceptionClassStart
                | EventKind::ListedAreaWithoutDaycare
                | EventKind::LanguageSupportWithoutDaycare
        )
    }

    /// The kind named `key` in a rule file.
    pub fn from_key(key: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where a rule comes from in law: the law by name and number, the provision
/// with its stk., and the official text where there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalSource {
    /// The law or order by name, e.g. "Integrationsloven".
    pub law: String,
    /// The act cited by number, e.g. "LBK nr. 1146 af 22/06/2020" or
    /// "lov nr. 1654 af 30/12/2024".
    pub number: String,
    /// The provision with its stk., e.g. "§ 4, stk. 2".
    pub paragraph: String,
    /// The official text on retsinformation.dk, where one exists.
    pub url: Option<String>,
}

impl fmt::Display for LegalSource {
    /// "Integrationsloven § 19 (lov nr. 1654 af 30/12/2024)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.law, self.paragraph, self.number)
    }
}

/// To whom a rule applies. An empty list or `None` means "no condition".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppliesTo {
    /// Residence bases the rule covers.
    pub residence: Vec<ResidenceBasis>,
    /// Residence bases the rule never covers (e.g. the Ukrainian special act).
    pub residence_excluded: Vec<ResidenceBasis>,
    /// Programmes the rule covers; a person in no programme is not covered when set.
    pub programme: Vec<Programme>,
    /// Benefits the rule covers; a person with no benefit is not covered when set.
    pub benefit: Vec<Benefit>,
    /// Youngest age covered, in whole years on the reference date.
    pub age_min: Option<u32>,
    /// Oldest age covered, in whole years on the reference date.
    pub age_max: Option<u32>,
    /// Only self-supporting persons (`true`) or only others (`false`).
    pub self_supporting: Option<bool>,
    /// Only persons with (`true`) or without (`false`) an education order.
    pub education_order: Option<bool>,
    /// Only persons who meet neither the residence nor the employment
    /// requirement (`true`), or only those who meet at least one (`false`).
    pub lacks_residence_and_employment_requirement: Option<bool>,
    /// Only persons in an integration programme (`true`) or only those in none (`false`).
    pub in_programme: Option<bool>,
    /// Only refugees placed in the municipality by visitation (`true`), or only
    /// persons who were not (`false`: quota refugees, family-reunified persons).
    pub visited: Option<bool>,
    /// Only persons in ordinary work or education (`true`) or only others (`false`).
    pub ordinary_work_or_education: Option<bool>,
}

/// How the takeover date follows from its trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TakeoverMethod {
    /// The 1st of the month after the first whole calendar month after the
    /// trigger (visitation), moved to the next working day.
    AfterFirstWholeMonth,
    /// The trigger date itself (CPR registration).
    SameDay,
}

/// Whether an hours figure is a floor or a ceiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoursBound {
    /// At least this many hours a week.
    Minimum,
    /// At most this many hours a week.
    Maximum,
}

/// A fixed day of the year (month, day), e.g. "by 1 May every year".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnualDate {
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// What happens by then, in Danish.
    pub label: String,
}

/// A company-based offer the limits of `rules/virksomhedsrettede_tilbud.toml` apply to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OfferKind {
    /// Virksomhedspraktik (work placement, incl. nytteindsats).
    Praktik,
    /// Ansættelse med løntilskud (wage subsidy).
    Loentilskud,
}

impl OfferKind {
    /// The name used in rule files.
    pub fn key(self) -> &'static str {
        match self {
            OfferKind::Praktik => "praktik",
            OfferKind::Loentilskud => "loentilskud",
        }
    }
}

/// Whether an employer is private or public.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Employer {
    /// A private company.
    Private,
    /// A public employer.
    Public,
}

/// What a rule requires or defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Defines the takeover date from the trigger.
    Takeover {
        /// How the date follows from the trigger.
        method: TakeoverMethod,
    },
    /// Something must happen within `offset` of the trigger.
    Deadline {
        /// How long after the trigger it is due (before moving to a working day).
        offset: Offset,
        /// The event that fulfils it.
        met_by: EventKind,
    },
    /// At least `count` events within `within` of the trigger.
    Recurring {
        /// How many events are required.
        count: u32,
        /// The period they must fall in.
        within: Offset,
        /// The event counted.
        met_by: EventKind,
    },
    /// At most `gap` between one event and the next (the first counted from the trigger).
    MaxGap {
        /// The longest allowed gap.
        gap: Offset,
        /// The event that restarts the clock.
        met_by: EventKind,
    },
    /// Weekly hours.
    WeeklyHours {
        /// Hours a week.
        hours: u32,
        /// Floor or ceiling.
        bound: HoursBound,
        /// Measured as an average over the period rather than every week.
        averaged: bool,
    },
    /// A right or programme lasting `length` from the trigger.
    Period {
        /// How long it lasts.
        length: Offset,
    },
    /// Must have happened by a fixed date.
    LatestDate {
        /// The last allowed date.
        date: Date,
    },
    /// A total number of weeks over the whole course (e.g. school in IGU).
    TotalWeeks {
        /// The number of weeks.
        weeks: u32,
    },
    /// Who may take part: the `applies_to` conditions (age on the start date),
    /// plus a limit on the time lived in Denmark before the start.
    Eligibility {
        /// Residence in Denmark must be shorter than this ("under 5 years").
        residence_less_than: Option<Offset>,
        /// Residence in Denmark may be at most this ("up to 20 years").
        residence_at_most: Option<Offset>,
    },
    /// Something the municipality must not do (checked where it is decided).
    Prohibition {
        /// A stable key the deciding code looks for, e.g. `placement_in_listed_area`.
        key: String,
    },
    /// Dates that recur every year.
    AnnualDates {
        /// The dates, in year order.
        dates: Vec<AnnualDate>,
    },
    /// The longest a company-based offer may last, from its start.
    OfferLength {
        /// The offer.
        offer: OfferKind,
        /// Its longest length.
        length: Offset,
        /// Only with this kind of employer (`None`: any).
        employer: Option<Employer>,
        /// Only for job-ready persons (`true`) or only for others (`false`); `None`: both.
        job_ready: Option<bool>,
        /// Whether it can be extended after a new assessment.
        extendable: bool,
    },
    /// The ratio rule (rimelighedskrav): how many persons a workplace may have in the
    /// listed offers at once, by its number of ordinary employees.
    StaffRatio {
        /// The offers counted together.
        offers: Vec<OfferKind>,
        /// One person per this many ordinary employees …
        per_staff: u32,
        /// … counting employees up to this number …
        up_to_staff: u32,
        /// … and one more per this many beyond it.
        then_per_staff: u32,
        /// Always at least this many.
        at_least: u32,
    },
    /// An individually decided reduction of the weekly-hours minimums of the same legal
    /// area (e.g. the work duty reduced for health reasons): a person's recorded
    /// [`crate::Reduction`] with this key, in force on the day, lowers the minimum to its
    /// hours; it never raises it.
    HoursReduction {
        /// The kind of reduction a person's record names, e.g. `health`.
        key: String,
    },
    /// A condition an offer must meet before it is given (checked where it is decided).
    Requirement {
        /// A stable key the deciding code looks for, e.g. `extra_jobs`.
        key: String,
        /// The offers it applies to.
        offers: Vec<OfferKind>,
    },
}

impl Measure {
    /// The name used in rule files (`deadline`, `weekly_hours`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Measure::Takeover { .. } => "takeover",
            Measure::Deadline { .. } => "deadline",
            Measure::Recurring { .. } => "recurring",
            Measure::MaxGap { .. } => "max_gap",
            Measure::WeeklyHours { .. } => "weekly_hours",
            Measure::Period { .. } => "period",
            Measure::LatestDate { .. } => "latest_date",
            Measure::TotalWeeks { .. } => "total_weeks",
            Measure::Eligibility { .. } => "eligibility",
            Measure::Prohibition { .. } => "prohibition",
            Measure::AnnualDates { .. } => "annual_dates",
            Measure::OfferLength { .. } => "offer_length",
            Measure::StaffRatio { .. } => "staff_ratio",
            Measure::Requirement { .. } => "requirement",
            Measure::HoursReduction { .. } => "hours_reduction",
        }
    }
}

/// One version of one legal rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable identifier, e.g. `contract.deadline`.
    pub id: String,
    /// Version; a change of value is a new version with its own validity.
    pub version: u32,
    /// The legal area (the file's `area`), e.g. `integrationsloven`.
    pub area: String,
    /// Danish title shown to users.
    pub title: String,
    /// Danish plain-language explanation.
    pub explanation: String,
    /// The legal source.
    pub source: LegalSource,
    /// First day the rule applies (by the date it counts from).
    pub valid_from: Date,
    /// Last day the rule applies, if it has ended.
    pub valid_to: Option<Date>,
    /// False when the value is not yet confirmed ("skal bekræftes" in the UI).
    pub confirmed: bool,
    /// False when the rule is off unless a municipality turns it on.
    pub enabled: bool,
    /// To whom it applies.
    pub applies_to: AppliesTo,
    /// What it counts from; `None` for rules that hold from the person's facts alone.
    pub trigger: Option<EventKind>,
    /// For weekly hours: the id of a `period` rule the requirement holds only
    /// within (e.g. the work duty during the introduction period).
    pub during: Option<String>,
    /// What it requires or defines.
    pub measure: Measure,
}

impl Rule {
    /// True when the rule is in force on `date`.
    pub fn is_valid_on(&self, date: Date) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_residence_basis_round_trips_through_its_code() {
        for basis in ResidenceBasis::ALL {
            assert_eq!(ResidenceBasis::parse(basis.code()), Ok(basis));
            assert_eq!(basis.code().parse::<ResidenceBasis>(), Ok(basis));
            assert_eq!(ResidenceBasis::try_from(basis.to_string()), Ok(basis));
        }
        let codes: std::collections::HashSet<&str> = ResidenceBasis::ALL.iter().map(|b| b.code()).collect();
        assert_eq!(codes.len(), ResidenceBasis::ALL.len());
    }

    #[test]
    fn an_unknown_residence_basis_is_an_error_that_names_it() {
        for unknown in ["tourist", "Refugee", " refugee", ""] {
            let err = ResidenceBasis::parse(unknown).unwrap_err();
            assert_eq!(err, UnknownResidenceBasis(unknown.to_owned()));
            assert!(err.to_string().starts_with(&format!("{unknown:?} is not a residence basis; use one of: refugee, ")), "{err}");
        }
    }
}
