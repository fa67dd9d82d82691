//! The one place samplan's tables become the `indicators` crate's `PersonRecord`s.
//!
//! - person: sex, birth date, residence basis; the arrival date is both the entry into
//!   Denmark and the arrival in the municipality (samplan records no earlier entry);
//!   without one the takeover date, then the birth date, stands in. No one has left:
//!   samplan keeps no moving-out date yet.
//! - person_event: every kind the crate knows (`contract_signed`, `du_referral`,
//!   `du_start`, `du_module_passed`, `citizenship_course_completed`,
//!   `council_participation`) becomes an event. The rules' `company_offer` and
//!   `igu_start` start a spell (a company-based offer lasts 13 weeks, IGU 2 years)
//!   unless the person has recorded spells of that kind.
//! - Danish education (du_course, du_module_test): each referral's day is a
//!   `du_referral` event, its start a `du_start` event, each passed module test a
//!   `du_module_passed` event (`du_module_12m` counts them), beside any such events
//!   recorded by hand.
//! - person_deadline: the derived due date of `contract.deadline` is the
//!   `contract_due` event, so the indicator uses the same due date as the Frister page.
//! - person_status: recorded spells (work, education, daycare, school, association,
//!   volunteer, housing tenure …) as they are.
//! - programme: a recorded `programme` spell, or else from the takeover date for three
//!   years for the residence bases that have a programme (the deadlines' rule).
//! - participation (civil society): a person taking part in an organisation
//!   (`participant`) is an `association` spell and a person's own volunteering is a
//!   `volunteer` spell, from its first day to its last. Citizenship courses and council
//!   participation are outcome events recorded in status (one value, one place).
//! - childcare_period (children and parents): vuggestue and børnehave are `daycare`
//!   spells, skole and modtagelsesklasse `school` spells, so `daycare_3_5` counts the
//!   children's recorded places. A child with childcare periods gets its daycare and
//!   school spells from them alone: older `daycare`/`school` status spells of that child
//!   are left out, so «ingen plads» is never outvoted by a status recorded elsewhere
//!   (decision 101).
//! - placements (employment): an accepted pair of a virksomhedspraktik or løntilskud
//!   opening is a `company_offer` spell, of an IGU opening an `igu` spell, of an ordinary
//!   job or småjob a `work` spell, from the opening's start (or the acceptance, if later)
//!   to its end (a company-based offer without an end lasts 13 weeks, IGU 2 years); every
//!   recorded IGU course is an `igu` spell from its start to its end.
//! - housing_need: the family's `temporary_since` starts a temporary-housing spell that
//!   ends the day before `permanent_since`, which starts a permanent-housing spell for
//!   every member.
//!
//! Rows that cannot be read (a malformed date, an unknown kind) are left out rather
//! than failing the whole computation.
use crate::store::goals::{DatedFact, MunicipalityFacts};
use calendar::Date;
use indicators::{Event, EventKind, PersonRecord, Sex, Spell, StatusKind};
use std::collections::HashMap;

/// How long a company-based offer lasts when only its start is recorded.
const COMPANY_OFFER_DAYS: i64 = 13 * 7;
/// How long an IGU course lasts when only its start is recorded.
const IGU_MONTHS: i64 = 24;
/// How long the programme lasts when no programme spell is recorded.
const PROGRAMME_MONTHS: i64 = 36;

fn date(s: &str) -> Option<Date> {
    Date::parse(s).ok()
}

/// The records of one municipality's persons.
pub fn records(facts: &MunicipalityFacts) -> Vec<PersonRecord> {
    let mut events: HashMap<i64, Vec<&DatedFact>> = HashMap::new();
    for e in facts.events.iter().chain(&facts.contract_due).chain(&facts.danish_education) {
        events.entry(e.person_id).or_default().push(e);
    }
    let mut statuses: HashMap<i64, Vec<&DatedFact>> = HashMap::new();
    for s in &facts.statuses {
        statuses.entry(s.person_id).or_default().push(s);
    }
    let mut participations: HashMap<i64, Vec<&DatedFact>> = HashMap::new();
    for s in &facts.participations {
        participations.entry(s.person_id).or_default().push(s);
    }
    let mut childcare: HashMap<i64, Vec<&DatedFact>> = HashMap::new();
    for s in &facts.childcare {
        childcare.entry(s.person_id).or_default().push(s);
    }
    let mut placements: HashMap<i64, Vec<&DatedFact>> = HashMap::new();
    for s in &facts.placements {
        placements.entry(s.person_id).or_default().push(s);
    }
    let housing: HashMap<i64, _> = facts.housing.iter().map(|h| (h.family_id, h)).collect();
    let mut out = Vec::with_capacity(facts.persons.len());
    for p in &facts.persons {
        let (Some(birth), Some(sex), basis) = (date(&p.birth_date), Sex::from_key(&p.sex), p.residence_basis) else {
            continue;
        };
        let takeover = p.takeover_date.as_deref().and_then(date);
        let arrival = p.arrival_date.as_deref().and_then(date).or(takeover).unwrap_or(birth).max(birth);
        let mut r = PersonRecord::new(p.id as u64, &facts.municipality, sex, birth, basis, arrival);
        r.takeover_date = takeover;
        let spells_of = statuses.get(&p.id).map(Vec::as_slice).unwrap_or_default();
        let places_of = childcare.get(&p.id).map(Vec::as_slice).unwrap_or_default();
        for s in spells_of {
            if let (Some(kind), Some(from)) = (StatusKind::from_key(&s.kind), date(&s.day)) {
                if !places_of.is_empty() && matches!(kind, StatusKind::Daycare | StatusKind::School) {
                    continue;
                }
                r.spells.push(Spell { kind, from, to: s.until.as_deref().and_then(date) });
            }
        }
        for s in participations.get(&p.id).map(Vec::as_slice).unwrap_or_default() {
            let kind = match s.kind.as_str() {
                "participant" => StatusKind::Association,
                "volunteer" => StatusKind::Volunteer,
                _ => continue,
            };
            if let Some(from) = date(&s.day) {
                r.spells.push(Spell { kind, from, to: s.until.as_deref().and_then(date) });
            }
        }
        for s in places_of {
            let kind = match s.kind.as_str() {
                "nursery" | "kindergarten" => StatusKind::Daycare,
                "school" | "reception_class" => StatusKind::School,
                _ => continue,
            };
            if let Some(from) = date(&s.day) {
                r.spells.push(Spell { kind, from, to: s.until.as_deref().and_then(date) });
            }
        }
        for s in placements.get(&p.id).map(Vec::as_slice).unwrap_or_default() {
            let Some(from) = date(&s.day) else { continue };
            let until = s.until.as_deref().and_then(date);
            let (kind, to) = match s.kind.as_str() {
                "virksomhedspraktik" | "loentilskud" => (StatusKind::CompanyOffer, until.or_else(|| from.add_days(COMPANY_OFFER_DAYS - 1).ok())),
                "igu" => (StatusKind::Igu, until.or_else(|| from.add_months(IGU_MONTHS).ok().and_then(|d| d.add_days(-1).ok()))),
                "ordinaert_job" | "smaajob" => (StatusKind::Work, until),
                _ => continue,
            };
            if to.is_none_or(|to| to >= from) {
                r.spells.push(Spell { kind, from, to });
            }
        }
        let recorded = |kind: StatusKind| spells_of.iter().any(|s| s.kind == kind.key());
        for e in events.get(&p.id).map(Vec::as_slice).unwrap_or_default() {
            let Some(day) = date(&e.day) else { continue };
            if let Some(kind) = EventKind::from_key(&e.kind) {
                r.events.push(Event { kind, date: day });
            }
            let started = match e.kind.as_str() {
                "company_offer" if !recorded(StatusKind::CompanyOffer) => Some((StatusKind::CompanyOffer, day.add_days(COMPANY_OFFER_DAYS - 1).ok())),
                "igu_start" if !recorded(StatusKind::Igu) => Some((StatusKind::Igu, day.add_months(IGU_MONTHS).ok().and_then(|d| d.add_days(-1).ok()))),
                _ => None,
            };
            if let Some((kind, to)) = started {
                r.spells.push(Spell { kind, from: day, to });
            }
        }
        if let Some(t) = takeover.filter(|_| basis.has_programme() && !recorded(StatusKind::Programme)) {
            let to = t.add_months(PROGRAMME_MONTHS).ok().and_then(|d| d.add_days(-1).ok());
            r.spells.push(Spell { kind: StatusKind::Programme, from: t, to });
        }
        if let Some(h) = p.family_id.and_then(|f| housing.get(&f)) {
            let permanent = h.permanent_since.as_deref().and_then(date);
            if let Some(from) = h.temporary_since.as_deref().and_then(date) {
                let to = permanent.and_then(|p| p.add_days(-1).ok());
                if to.is_none_or(|to| to >= from) {
                    r.spells.push(Spell { kind: StatusKind::TemporaryHousing, from, to });
                }
            }
            if let Some(from) = permanent {
                r.spells.push(Spell { kind: StatusKind::PermanentHousing, from, to: None });
            }
        }
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::goals::{FamilyHousing, PersonFacts};
    use indicators::ResidenceBasis;

    fn fact(person_id: i64, kind: &str, day: &str, until: Option<&str>) -> DatedFact {
        DatedFact { person_id, kind: kind.into(), day: day.into(), until: until.map(Into::into) }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn facts() -> MunicipalityFacts {
        let person = |id, basis: ResidenceBasis, arrival: Option<&str>| PersonFacts {
            id,
            family_id: Some(7),
            sex: "female".into(),
            birth_date: "1990-05-01".into(),
            residence_basis: basis,
            arrival_date: arrival.map(Into::into),
            takeover_date: Some("2025-03-01".into()),
        };
        MunicipalityFacts {
            municipality: "0316".into(),
            persons: vec![
                person(1, ResidenceBasis::Refugee, Some("2025-01-10")),
                person(2, ResidenceBasis::Other, None),
                PersonFacts { sex: "unknown".into(), ..person(3, ResidenceBasis::Refugee, None) },
            ],
            events: vec![
                fact(1, "contract_signed", "2025-03-20", None),
                fact(1, "du_referral", "2025-03-05", None),
                fact(1, "du_module_passed", "2025-11-01", None),
                fact(1, "company_offer", "2025-06-02", None),
                fact(1, "follow_up_interview", "2025-06-02", None),
                fact(1, "igu_start", "not a date", None),
            ],
            contract_due: vec![fact(1, "contract_due", "2025-04-01", None)],
            statuses: vec![fact(1, "work", "2026-01-01", None), fact(2, "programme", "2025-03-01", Some("2025-12-31"))],
            housing: vec![FamilyHousing { family_id: 7, temporary_since: Some("2025-01-10".into()), permanent_since: Some("2025-08-01".into()) }],
            participations: vec![
                fact(2, "participant", "2025-05-01", Some("2025-06-30")),
                fact(2, "volunteer", "2025-09-01", None),
                fact(2, "board", "2025-09-01", None),
            ],
            childcare: vec![
                fact(2, "kindergarten", "2025-08-01", Some("2025-12-31")),
                fact(2, "reception_class", "2026-01-05", None),
                fact(2, "none", "2025-01-01", Some("2025-07-31")),
            ],
            danish_education: Vec::new(),
            placements: Vec::new(),
        }
    }

    #[test]
    fn childcare_places_are_daycare_and_school_spells() {
        let rs = records(&facts());
        let b = &rs[1];
        let spells: Vec<(StatusKind, Date)> =
            b.spells.iter().filter(|s| matches!(s.kind, StatusKind::Daycare | StatusKind::School)).map(|s| (s.kind, s.from)).collect();
        assert_eq!(spells, [(StatusKind::Daycare, d("2025-08-01")), (StatusKind::School, d("2026-01-05"))]);
    }

    #[test]
    fn childcare_periods_replace_daycare_and_school_status_spells() {
        let mut f = facts();
        // A daycare status recorded for the child while the children's records say «ingen plads».
        f.statuses.push(fact(2, "daycare", "2025-01-01", None));
        f.statuses.push(fact(2, "association", "2025-02-01", None));
        // Person 1 has no childcare periods: their recorded school spell counts.
        f.statuses.push(fact(1, "school", "2025-02-01", None));
        let rs = records(&f);
        let kinds = |r: &PersonRecord| {
            r.spells
                .iter()
                .filter(|s| matches!(s.kind, StatusKind::Daycare | StatusKind::School | StatusKind::Association))
                .map(|s| (s.kind, s.from))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(&rs[1]),
            [
                (StatusKind::Association, d("2025-02-01")),
                (StatusKind::Association, d("2025-05-01")),
                (StatusKind::Daycare, d("2025-08-01")),
                (StatusKind::School, d("2026-01-05"))
            ],
            "only the childcare periods say where the child was"
        );
        assert_eq!(kinds(&rs[0]), [(StatusKind::School, d("2025-02-01"))]);
    }

    #[test]
    fn tables_become_person_records() {
        let rs = records(&facts());
        assert_eq!(rs.len(), 2, "a person with an unknown sex is left out");
        let a = &rs[0];
        assert_eq!((a.id, a.municipality.as_str(), a.sex, a.residence_basis), (1, "0316", Sex::Female, ResidenceBasis::Refugee));
        assert_eq!((a.entry_date, a.arrival_date, a.takeover_date), (d("2025-01-10"), d("2025-01-10"), Some(d("2025-03-01"))));
        let kinds: Vec<EventKind> = a.events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [EventKind::ContractSigned, EventKind::DuReferral, EventKind::DuModulePassed, EventKind::ContractDue]);
        let spell = |r: &PersonRecord, k| r.spells.iter().find(|s| s.kind == k).copied();
        assert_eq!(spell(a, StatusKind::Work), Some(Spell { kind: StatusKind::Work, from: d("2026-01-01"), to: None }));
        assert_eq!(spell(a, StatusKind::CompanyOffer).map(|s| (s.from, s.to)), Some((d("2025-06-02"), Some(d("2025-08-31")))));
        assert_eq!(spell(a, StatusKind::Programme).map(|s| (s.from, s.to)), Some((d("2025-03-01"), Some(d("2028-02-29")))));
        assert_eq!(spell(a, StatusKind::TemporaryHousing).map(|s| (s.from, s.to)), Some((d("2025-01-10"), Some(d("2025-07-31")))));
        assert_eq!(spell(a, StatusKind::PermanentHousing).map(|s| (s.from, s.to)), Some((d("2025-08-01"), None)));
        assert!(spell(a, StatusKind::Igu).is_none(), "a malformed date is left out");

        let b = &rs[1];
        assert_eq!(b.arrival_date, d("2025-03-01"), "no arrival date: the takeover date stands in");
        let programme: Vec<_> = b.spells.iter().filter(|s| s.kind == StatusKind::Programme).collect();
        assert_eq!(programme.len(), 1, "a recorded programme spell replaces the derived one");
        assert_eq!(programme[0].to, Some(d("2025-12-31")));
        let civil: Vec<(StatusKind, Date, Option<Date>)> =
            b.spells.iter().filter(|s| matches!(s.kind, StatusKind::Association | StatusKind::Volunteer)).map(|s| (s.kind, s.from, s.to)).collect();
        assert_eq!(
            civil,
            [(StatusKind::Association, d("2025-05-01"), Some(d("2025-06-30"))), (StatusKind::Volunteer, d("2025-09-01"), None)],
            "participation is association activity and volunteering"
        );
    }

    #[test]
    fn danish_education_records_feed_du_module_12m() {
        let mut f = facts();
        f.events.retain(|e| !e.kind.starts_with("du_"));
        f.danish_education =
            vec![fact(1, "du_referral", "2025-03-05", None), fact(1, "du_start", "2025-03-20", None), fact(1, "du_module_passed", "2025-12-01", None)];
        let rs = records(&f);
        let kinds: Vec<EventKind> =
            rs[0].events.iter().filter(|e| e.kind != EventKind::ContractDue && e.kind != EventKind::ContractSigned).map(|e| e.kind).collect();
        assert_eq!(kinds, [EventKind::DuReferral, EventKind::DuStart, EventKind::DuModulePassed]);
        let du = indicators::find("du_module_12m").unwrap();
        let passed = indicators::compute(du, &rs, "2026-03".parse().unwrap());
        assert_eq!(passed[0].total.numerator, 1, "{passed:?}");
        f.danish_education.pop();
        let none = indicators::compute(du, &records(&f), "2026-03".parse().unwrap());
        assert_eq!(none[0].total.numerator, 0);
    }

    #[test]
    fn placements_are_company_offer_igu_and_work_spells() {
        let mut f = facts();
        f.placements = vec![
            fact(2, "virksomhedspraktik", "2025-09-01", None),
            fact(2, "loentilskud", "2025-10-01", Some("2026-03-31")),
            fact(2, "igu", "2025-11-03", Some("2027-11-02")),
            fact(2, "ordinaert_job", "2026-01-05", None),
            fact(2, "smaajob", "not a date", None),
            fact(2, "unknown", "2026-01-05", None),
        ];
        let rs = records(&f);
        let spells: Vec<(StatusKind, Date, Option<Date>)> = rs[1]
            .spells
            .iter()
            .filter(|s| matches!(s.kind, StatusKind::CompanyOffer | StatusKind::Igu | StatusKind::Work))
            .map(|s| (s.kind, s.from, s.to))
            .collect();
        assert_eq!(
            spells,
            [
                (StatusKind::CompanyOffer, d("2025-09-01"), Some(d("2025-11-30"))),
                (StatusKind::CompanyOffer, d("2025-10-01"), Some(d("2026-03-31"))),
                (StatusKind::Igu, d("2025-11-03"), Some(d("2027-11-02"))),
                (StatusKind::Work, d("2026-01-05"), None),
            ]
        );
        // Person 2 is in a recorded programme spell to 2025-12-31: counted in a company offer.
        let offer = indicators::find("persons_in_company_offer").unwrap();
        let cells = indicators::compute(offer, &rs, "2025-10".parse().unwrap());
        assert_eq!(cells[0].total.numerator, 1, "{cells:?}");
    }

    #[test]
    fn mapped_records_feed_the_shipped_indicators() {
        let rs = records(&facts());
        let contract = indicators::find("contract_in_time").unwrap();
        let cells = indicators::compute(contract, &rs, "2025-04".parse().unwrap());
        assert_eq!((cells[0].total.denominator, cells[0].total.numerator), (1, 1));
        let housing = indicators::find("permanent_housing_6m").unwrap();
        let cells = indicators::compute(housing, &rs, "2025-07".parse().unwrap());
        assert_eq!((cells[0].total.denominator, cells[0].total.numerator), (1, 0), "still in temporary housing on 10 July");
    }
}
