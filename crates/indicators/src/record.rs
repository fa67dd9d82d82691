//! The record model indicators are computed over: one plain [`PersonRecord`]
//! per person with dated events and status spells, and the closed
//! vocabularies (sex, residence basis, event kinds, status kinds, age and
//! years-in-Denmark bands) that indicator files may name.
//!
//! The application maps its tables onto these structs; nothing here knows
//! about storage. Every vocabulary value has a stable `key` (used in indicator
//! files and exports) and a Danish `label`; the residence basis is the `rules`
//! crate's, whose `code` is its key.

use calendar::Date;
/// The legal basis of a person's residence: the `rules` crate's type, shared with
/// samplan's person records (its `code` is the key in indicator files and exports).
pub use rules::ResidenceBasis;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The key used in indicator files and exports.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The Danish label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The value named `key`, if any.
            pub fn from_key(key: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.key() == key)
            }
        }
    };
}

vocabulary!(
    /// Legal sex as registered.
    Sex {
        /// Kvinde.
        Female => ("female", "Kvinde"),
        /// Mand.
        Male => ("male", "Mand"),
    }
);

vocabulary!(
    /// Something that happens to a person on one day.
    EventKind {
        /// The legal due date of the integration contract, as derived by the
        /// `rules` crate (a date, not an action).
        ContractDue => ("contract_due", "Frist for integrationskontrakt"),
        /// The integration contract was signed.
        ContractSigned => ("contract_signed", "Integrationskontrakt indgået"),
        /// Referred to Danish education.
        DuReferral => ("du_referral", "Henvist til danskuddannelse"),
        /// Danish education started.
        DuStart => ("du_start", "Danskuddannelse startet"),
        /// A DU module was passed.
        DuModulePassed => ("du_module_passed", "Modul på danskuddannelse bestået"),
        /// A citizenship course was completed.
        CitizenshipCourseCompleted => ("citizenship_course_completed", "Medborgerskabskursus gennemført"),
        /// Took part in a meeting of the integration council or a local board.
        CouncilParticipation => ("council_participation", "Deltaget i råd eller bestyrelse"),
    }
);

vocabulary!(
    /// A state a person is in over a period (a [`Spell`]).
    StatusKind {
        /// In the introduction (or self-support) programme.
        Programme => ("programme", "I program"),
        /// In ordinary work.
        Work => ("work", "I arbejde"),
        /// In ordinary education.
        Education => ("education", "I uddannelse"),
        /// In an IGU course (work and school).
        Igu => ("igu", "I IGU"),
        /// In a company-based offer (work placement or wage subsidy).
        CompanyOffer => ("company_offer", "I virksomhedsrettet tilbud"),
        /// In daycare (dagtilbud).
        Daycare => ("daycare", "I dagtilbud"),
        /// In school.
        School => ("school", "I skole"),
        /// An active member of an association.
        Association => ("association", "Aktiv i en forening"),
        /// Volunteering.
        Volunteer => ("volunteer", "Frivillig"),
        /// Living in permanent housing.
        PermanentHousing => ("permanent_housing", "I permanent bolig"),
        /// Living in temporary housing.
        TemporaryHousing => ("temporary_housing", "I midlertidig bolig"),
    }
);

vocabulary!(
    /// Age bands used in breakdowns, by whole years on the measurement date.
    AgeBand {
        /// 0–5 years.
        A0To5 => ("0-5", "0–5 år"),
        /// 6–17 years.
        A6To17 => ("6-17", "6–17 år"),
        /// 18–24 years.
        A18To24 => ("18-24", "18–24 år"),
        /// 25–29 years.
        A25To29 => ("25-29", "25–29 år"),
        /// 30–39 years.
        A30To39 => ("30-39", "30–39 år"),
        /// 40–49 years.
        A40To49 => ("40-49", "40–49 år"),
        /// 50–64 years.
        A50To64 => ("50-64", "50–64 år"),
        /// 65 years and older.
        A65Plus => ("65+", "65 år og derover"),
    }
);

vocabulary!(
    /// Time in Denmark on the measurement date, counted from the entry date;
    /// used by the expected-value model.
    YearsBand {
        /// Less than 1 year.
        Under1 => ("0-1", "Under 1 år"),
        /// 1 year up to 2 years.
        Y1To2 => ("1-2", "1–2 år"),
        /// 2 years up to 5 years.
        Y2To5 => ("2-5", "2–5 år"),
        /// 5 years or more.
        Y5Plus => ("5+", "5 år og derover"),
    }
);

impl AgeBand {
    /// The band of an age in whole years.
    pub fn of_age(years: u32) -> AgeBand {
        match years {
            0..=5 => AgeBand::A0To5,
            6..=17 => AgeBand::A6To17,
            18..=24 => AgeBand::A18To24,
            25..=29 => AgeBand::A25To29,
            30..=39 => AgeBand::A30To39,
            40..=49 => AgeBand::A40To49,
            50..=64 => AgeBand::A50To64,
            _ => AgeBand::A65Plus,
        }
    }
}

impl YearsBand {
    /// The band of a time in Denmark given in whole months.
    pub fn of_months(months: u32) -> YearsBand {
        match months {
            0..=11 => YearsBand::Under1,
            12..=23 => YearsBand::Y1To2,
            24..=59 => YearsBand::Y2To5,
            _ => YearsBand::Y5Plus,
        }
    }
}

/// An event on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// The day it happened (for [`EventKind::ContractDue`]: the day it is due).
    pub date: Date,
}

/// A status over a period, both ends included; `to: None` means "still".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spell {
    /// The status.
    pub kind: StatusKind,
    /// The first day.
    pub from: Date,
    /// The last day, or `None` while it lasts.
    pub to: Option<Date>,
}

impl Spell {
    /// True when the spell includes `day`.
    pub fn covers(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }

    /// True when the spell shares at least one day with `first..=last`.
    pub fn overlaps(&self, first: Date, last: Date) -> bool {
        self.from <= last && self.to.is_none_or(|to| first <= to)
    }
}

/// One person as indicators see them. The application fills it from its own
/// records; every date is a whole day.
///
/// A person *is present* in the municipality on a day from `arrival_date` up
/// to the day before `left_date`. Only present persons are counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRecord {
    /// An identifier unique within the input (never shown).
    pub id: u64,
    /// The municipality code (4 digits, e.g. "0101") responsible for the person.
    pub municipality: String,
    /// Sex as registered.
    pub sex: Sex,
    /// Date of birth.
    pub birth_date: Date,
    /// Residence basis.
    pub residence_basis: ResidenceBasis,
    /// First arrival in Denmark (for time in Denmark).
    pub entry_date: Date,
    /// Arrival in the municipality (for refugees: the day they moved in after
    /// placement; for children born here: the birth date).
    pub arrival_date: Date,
    /// The day the person left the municipality or its integration work, if so.
    pub left_date: Option<Date>,
    /// The municipality's takeover date (overtagelsesdato), if any.
    pub takeover_date: Option<Date>,
    /// Dated events, in any order.
    pub events: Vec<Event>,
    /// Status spells (programme, work, daycare, housing tenure, memberships …),
    /// in any order; they may overlap.
    pub spells: Vec<Spell>,
}

impl PersonRecord {
    /// A person with no events or spells, arrived in Denmark and the
    /// municipality on `arrival`.
    pub fn new(id: u64, municipality: &str, sex: Sex, birth_date: Date, residence_basis: ResidenceBasis, arrival: Date) -> PersonRecord {
        PersonRecord {
            id,
            municipality: municipality.to_owned(),
            sex,
            birth_date,
            residence_basis,
            entry_date: arrival,
            arrival_date: arrival,
            left_date: None,
            takeover_date: None,
            events: Vec::new(),
            spells: Vec::new(),
        }
    }

    /// True when the person is present in the municipality on `day`.
    pub fn present_on(&self, day: Date) -> bool {
        self.arrival_date <= day && self.left_date.is_none_or(|left| day < left)
    }

    /// Age in whole years on `day` (0 before the birth date).
    pub fn age_on(&self, day: Date) -> u32 {
        whole_months(self.birth_date, day) / 12
    }

    /// The first event of `kind`, if any.
    pub fn first_event(&self, kind: EventKind) -> Option<Date> {
        self.events.iter().filter(|e| e.kind == kind).map(|e| e.date).min()
    }
}

/// Whole calendar months from `from` to `to` (0 when `to` is before `from`):
/// 2026-01-31 → 2026-02-28 is 1 month (the month-end rule of `add_months`).
pub fn whole_months(from: Date, to: Date) -> u32 {
    if to <= from {
        return 0;
    }
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    // Step back while `from + months` lies after `to`.
    while months > 0 && from.add_months(i64::from(months)).is_ok_and(|d| d > to) {
        months -= 1;
    }
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn whole_months_follow_the_month_end_rule() {
        assert_eq!(whole_months(d("2026-01-31"), d("2026-02-28")), 1);
        assert_eq!(whole_months(d("2026-01-15"), d("2026-02-14")), 0);
        assert_eq!(whole_months(d("2026-01-15"), d("2026-02-15")), 1);
        assert_eq!(whole_months(d("2026-05-01"), d("2025-05-01")), 0);
        assert_eq!(whole_months(d("2000-02-29"), d("2026-02-28")), 312);
    }

    #[test]
    fn ages_and_bands() {
        let p = PersonRecord::new(1, "0101", Sex::Female, d("2020-03-10"), ResidenceBasis::Refugee, d("2024-01-01"));
        assert_eq!(p.age_on(d("2026-03-09")), 5);
        assert_eq!(p.age_on(d("2026-03-10")), 6);
        assert_eq!(AgeBand::of_age(5), AgeBand::A0To5);
        assert_eq!(AgeBand::of_age(64), AgeBand::A50To64);
        assert_eq!(AgeBand::of_age(65), AgeBand::A65Plus);
        assert_eq!(YearsBand::of_months(24), YearsBand::Y2To5);
        assert_eq!(Sex::from_key("female"), Some(Sex::Female));
        assert_eq!(StatusKind::from_key("igu"), Some(StatusKind::Igu));
    }
}
