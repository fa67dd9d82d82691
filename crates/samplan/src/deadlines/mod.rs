//! Legal deadlines in the application: a person's record and events are turned into the
//! rules crate's `Person`, derived on the municipality's calendar, and stored with the
//! rule version that applied. Recomputed whenever the person's data, events or the
//! municipality's closed days change. Status is worked out when read, against today.
pub mod api;
pub mod calendar_pages;
pub mod pages;
pub mod rules_pages;
pub mod service;

use crate::store::Tenant;
use crate::store::deadlines::{DeadlineRow, NewDeadline};
use crate::store::persons::PersonRow;
use crate::store::{Store, StoreError};
use calendar::{Calendar, Date};
use rules::{Event, EventKind, Programme, ResidenceBasis, RuleSet, Status};
use std::collections::HashMap;

/// Danish labels of the event kinds a caseworker records.
pub fn event_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::VisitationDecision => "Visiteringsafgørelse",
        EventKind::CprRegistration => "Folkeregistreret i kommunen",
        EventKind::Takeover => "Kommunen har overtaget ansvaret",
        EventKind::ProgrammeStart => "Introduktionsprogram begyndt",
        EventKind::ProgrammeVisitation => "Visitation efter § 17 afsluttet",
        EventKind::ContractSigned => "Integrationskontrakt underskrevet",
        EventKind::FollowUpInterview => "Opfølgningssamtale holdt",
        EventKind::HealthAssessmentOffered => "Helbredsvurdering tilbudt",
        EventKind::DuApplication => "Ansøgt om danskuddannelse",
        EventKind::DuReferral => "Henvist til danskuddannelse",
        EventKind::DuStart => "Danskuddannelse begyndt",
        EventKind::CompanyOffer => "Virksomhedsrettet tilbud begyndt",
        EventKind::IguStart => "IGU-forløb begyndt",
        // Recorded by the children and parents module, never on the person's case.
        EventKind::ConcernReceived => "Underretning modtaget",
        EventKind::ConcernAssessed => "Underretning vurderet",
        EventKind::ConcernReceiptSent => "Kvittering sendt til underretter",
        EventKind::ChildInvestigationStarted => "Børnefaglig undersøgelse begyndt",
        EventKind::ChildInvestigationCompleted => "Børnefaglig undersøgelse afsluttet",
        EventKind::ReceptionClassStart => "Begyndt i modtagelsesklasse",
        EventKind::ListedAreaWithoutDaycare => "Bor i udsat boligområde uden dagtilbud",
        EventKind::LanguageSupportWithoutDaycare => "Behov for sprogstimulering uden dagtilbud",
    }
}

/// The department a rule's deadline belongs to (a `DepartmentKind` code).
pub fn department_of(rule_id: &str) -> &'static str {
    match rule_id.split('.').next().unwrap_or("") {
        "du" => "sprogcenter",
        "health" => "sundhed",
        "igu" => "virksomhedsservice",
        _ => "jobcenter",
    }
}

/// Today in the municipality's time zone (Danish dates).
pub fn today() -> Date {
    Date::parse(&chrono::Local::now().date_naive().to_string()).expect("today is within 1700–2200")
}

/// The status of a stored deadline on `today`.
pub fn status_of(row: &DeadlineRow, today: Date) -> Status {
    Status::of(row.due, row.met_on, today)
}

/// A short Danish description of a status, with its days.
pub fn status_text(status: Status) -> String {
    match status {
        Status::Upcoming => "Kommende".into(),
        Status::DueSoon { days_left: 0 } => "Forfalder i dag".into(),
        Status::DueSoon { days_left } => format!("Forfalder om {}", days(days_left)),
        Status::Overdue { days_overdue } => format!("Overskredet med {}", days(days_overdue)),
        Status::Met { on, in_time: true } => format!("Opfyldt rettidigt {}", on.danish()),
        Status::Met { on, in_time: false } => format!("Opfyldt for sent {}", on.danish()),
    }
}

/// «1 dag», «2 dage».
fn days(n: u32) -> String {
    if n == 1 { "1 dag".into() } else { format!("{n} dage") }
}

/// A machine-readable status code: `upcoming`, `due_soon`, `overdue`, `met`, `met_late`.
pub fn status_code(status: Status) -> &'static str {
    match status {
        Status::Upcoming => "upcoming",
        Status::DueSoon { .. } => "due_soon",
        Status::Overdue { .. } => "overdue",
        Status::Met { in_time: true, .. } => "met",
        Status::Met { in_time: false, .. } => "met_late",
    }
}

/// The programme a person is in, from the takeover date: the introduction programme
/// since 2025, the self-support and return programme 2019–2024, the integration
/// programme before. Only refugees and family-reunified persons are in one.
fn programme(residence: ResidenceBasis, takeover: Option<Date>) -> Option<Programme> {
    let year = takeover?.year();
    residence.has_programme().then_some(match year {
        2025.. => Programme::Introduktionsprogram,
        2019..=2024 => Programme::SelvforsoergelsesOgHjemrejseprogram,
        _ => Programme::Integrationsprogram,
    })
}

/// Builds the rules crate's view of a person from the stored record and events, as
/// known on `today`. A refugee is visited unless marked as a quota refugee; the
/// programme follows from the takeover date, recorded or derived.
pub fn rules_person(rules: &RuleSet, row: &PersonRow, events: &[(EventKind, Date)], today: Date) -> Option<rules::Person> {
    let birth = Date::parse(&row.birth_date).ok()?;
    let basis = row.residence_basis;
    let mut person = rules::Person::new(birth, basis);
    person.visited = basis == ResidenceBasis::Refugee && row.quota_refugee != 1;
    person.arrival_date = row.arrival_date.as_deref().and_then(|d| Date::parse(d).ok());
    person.takeover_date = row.takeover_date.as_deref().and_then(|d| Date::parse(d).ok());
    person.events = events.iter().map(|(kind, date)| Event { kind: *kind, date: *date }).collect();
    let takeover = rules::takeover(rules, &person, today).map(|t| t.date);
    person.programme = programme(basis, takeover);
    Some(person)
}

/// What is derived for one person: the deadlines to store, the takeover date the
/// rules give when none is recorded, and the event a takeover rule lacks.
pub struct Derived {
    /// The deadlines (the takeover itself is a fact, never among them).
    pub deadlines: Vec<NewDeadline>,
    /// The derived takeover date (ISO), when no date is recorded.
    pub takeover: Option<String>,
    /// The missing event's key (e.g. `visitation_decision`), when there is no takeover.
    pub missing: Option<String>,
}

/// Derives a person's deadlines (pure).
pub fn derive(rules: &RuleSet, row: &PersonRow, events: &[(EventKind, Date)], calendar: &Calendar, today: Date) -> Vec<NewDeadline> {
    derive_for(rules, row, events, false, calendar, today)
}

/// Derives a person's deadlines (pure), for a self-supporting person or not (a
/// self-supporting Danish-education learner).
pub fn derive_for(rules: &RuleSet, row: &PersonRow, events: &[(EventKind, Date)], self_supporting: bool, calendar: &Calendar, today: Date) -> Vec<NewDeadline> {
    derive_all(rules, row, events, self_supporting, calendar, today).deadlines
}

/// Derives a person's deadlines and takeover (pure).
pub fn derive_all(rules: &RuleSet, row: &PersonRow, events: &[(EventKind, Date)], self_supporting: bool, calendar: &Calendar, today: Date) -> Derived {
    let Some(mut person) = rules_person(rules, row, events, today) else {
        return Derived { deadlines: Vec::new(), takeover: None, missing: None };
    };
    // A self-supporting learner (S-kursist, decision 090) takes Danish education
    // outside the integration act's programme (danskuddannelsesloven § 5, stk. 2).
    if self_supporting {
        person.self_supporting = true;
        person.programme = None;
    }
    let out = rules::derive(rules, &person, today, calendar);
    let takeover = out.takeover.as_ref().filter(|t| matches!(t.source, rules::TakeoverSource::Derived { .. })).map(|t| t.date.to_string());
    let missing = out.missing.first().map(|m| m.event.key().to_string());
    let deadlines = out
        .deadlines
        .into_iter()
        .map(|d| NewDeadline {
            department: department_of(&d.rule_id).into(),
            rule_id: d.rule_id,
            rule_version: i64::from(d.rule_version),
            title: d.title,
            law: d.source.law,
            paragraph: d.source.paragraph,
            confirmed: d.confirmed,
            counts_from: d.counts_from,
            due: d.due,
            met_on: match d.status {
                Status::Met { on, .. } => Some(on),
                _ => None,
            },
            progress: d.progress.map(|p| (i64::from(p.done), i64::from(p.required))),
        })
        .collect();
    Derived { deadlines, takeover, missing }
}

/// The municipality's working calendar: helligdage plus its own closed days.
pub async fn municipality_calendar(store: &Store, tenant: &Tenant) -> Result<Calendar, StoreError> {
    let days = store.closed_days(tenant).await?;
    Ok(Calendar::with_closed_days(days.iter().map(|d| d.day)))
}

/// What a municipality's deadlines are computed with: its calendar and its rules (the
/// shipped rules, tightened by its own overrides).
pub struct MunicipalityRules {
    /// Helligdage plus the municipality's closed days.
    pub calendar: Calendar,
    /// The rule set in force for the municipality.
    pub rules: RuleSet,
}

/// The shipped rules with the municipality's overrides applied. Overrides are checked
/// when saved; should stored ones no longer apply (the shipped rules changed), the
/// shipped rules are used and the problem is logged.
pub async fn municipality_rule_set(store: &Store, tenant: &Tenant) -> Result<RuleSet, StoreError> {
    let shipped = RuleSet::shipped();
    let Some(text) = store.rule_overrides(tenant).await? else { return Ok(shipped.clone()) };
    match rules::parse_overrides("kommunens regler", &text).map_err(|e| e.to_string()).and_then(|o| shipped.with_overrides(&o).map_err(|e| e.to_string())) {
        Ok(set) => Ok(set),
        Err(e) => {
            tracing::error!(municipality = %tenant, error = %e, "stored rule overrides no longer apply; using the shipped rules");
            Ok(shipped.clone())
        }
    }
}

/// The municipality's calendar and rules.
pub async fn municipality_rules(store: &Store, tenant: &Tenant) -> Result<MunicipalityRules, StoreError> {
    Ok(MunicipalityRules { calendar: municipality_calendar(store, tenant).await?, rules: municipality_rule_set(store, tenant).await? })
}

/// Recomputes and stores one person's deadlines.
pub async fn recompute(store: &Store, tenant: &Tenant, person_id: i64, with: &MunicipalityRules) -> Result<(), StoreError> {
    recompute_many(store, tenant, &[person_id], with).await
}

/// Recomputes and stores the deadlines of the persons among `ids` (those of another
/// municipality or none are skipped): the facts of a few hundred persons read at a time,
/// one query per kind of fact, and each such group's deadlines written in one transaction.
pub async fn recompute_many(store: &Store, tenant: &Tenant, ids: &[i64], with: &MunicipalityRules) -> Result<(), StoreError> {
    fn by_person<T>(rows: Vec<T>, person: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
        let mut map: HashMap<i64, Vec<T>> = HashMap::new();
        for row in rows {
            map.entry(person(&row)).or_default().push(row);
        }
        map
    }
    let today = today();
    let local = chrono::Local::now().date_naive();
    for chunk in ids.chunks(crate::store::IDS_PER_QUERY) {
        let persons = store.persons_by_ids(tenant, chunk).await?;
        let mut events = by_person(store.events_of_persons(tenant, chunk).await?, |e| e.person_id);
        let courses = by_person(store.du_courses_of_persons(tenant, chunk).await?, |c| c.person_id);
        let igu = by_person(store.igu_courses_of_persons(tenant, chunk).await?, |c| c.person_id);
        let offers = by_person(store.offers_of_persons(tenant, chunk).await?, |o| o.person_id);
        let mut replaced = Vec::with_capacity(persons.len());
        let mut takeovers = Vec::new();
        for row in persons {
            let mut facts: Vec<(EventKind, Date)> =
                events.remove(&row.id).unwrap_or_default().iter().filter_map(|e| Some((EventKind::from_key(&e.kind)?, e.day))).collect();
            // Danish education: referrals, starts and applications are recorded there.
            let (du_events, self_supporting) = crate::danish_education::rule_events(courses.get(&row.id).map_or(&[], Vec::as_slice));
            facts.extend(du_events);
            let mut derived = derive_all(&with.rules, &row, &facts, self_supporting, &with.calendar, today);
            // IGU courses: the next school week of each (employment).
            derived.deadlines.extend(crate::employment::igu::deadlines(igu.get(&row.id).map_or(&[], Vec::as_slice), &with.rules));
            // Praktik and løntilskud: the last day each accepted offer may run (employment).
            if let Some(offers) = offers.get(&row.id) {
                let offers: Vec<_> = offers.iter().map(|o| o.offer.clone()).collect();
                derived.deadlines.extend(crate::employment::offers::deadlines(&offers, &crate::employment::offers::candidate_of(&row), &with.rules, local));
            }
            if (row.derived_takeover_date.as_deref(), row.takeover_missing.as_deref()) != (derived.takeover.as_deref(), derived.missing.as_deref()) {
                takeovers.push((row.id, derived.takeover.take(), derived.missing.take()));
            }
            replaced.push((row.id, one_per_rule(std::mem::take(&mut derived.deadlines))));
        }
        store.replace_deadlines_many(tenant, &replaced).await?;
        for (id, takeover, missing) in takeovers {
            store.set_derived_takeover(tenant, id, takeover.as_deref(), missing.as_deref()).await?;
        }
    }
    Ok(())
}

/// One deadline per rule and person (the table's key): where several courses or offers give
/// rows of the same rule (a second IGU course, two praktik offers), the most pressing one is
/// kept — the open one due first, else the one met last — and the others wait until it is met.
pub fn one_per_rule(deadlines: Vec<NewDeadline>) -> Vec<NewDeadline> {
    let mut out: Vec<NewDeadline> = Vec::with_capacity(deadlines.len());
    for d in deadlines {
        match out.iter_mut().find(|o| o.rule_id == d.rule_id) {
            None => out.push(d),
            Some(kept) => {
                // Open before met; among open ones the first due, among met ones the last.
                let better = match (d.met_on.is_none(), kept.met_on.is_none()) {
                    (true, false) => true,
                    (false, true) => false,
                    (true, true) => d.due < kept.due,
                    (false, false) => d.due > kept.due,
                };
                if better {
                    *kept = d;
                }
            }
        }
    }
    out
}

/// Recomputes every person of a municipality (after its calendar or rules changed).
pub async fn recompute_all(store: &Store, tenant: &Tenant) -> Result<usize, StoreError> {
    let with = municipality_rules(store, tenant).await?;
    let ids = store.person_ids(tenant).await?;
    recompute_many(store, tenant, &ids, &with).await?;
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_day_is_a_dag() {
        assert_eq!(status_text(Status::Overdue { days_overdue: 1 }), "Overskredet med 1 dag");
        assert_eq!(status_text(Status::Overdue { days_overdue: 3 }), "Overskredet med 3 dage");
        assert_eq!(status_text(Status::DueSoon { days_left: 1 }), "Forfalder om 1 dag");
        assert_eq!(status_text(Status::DueSoon { days_left: 6 }), "Forfalder om 6 dage");
    }

    fn row(takeover: &str, basis: ResidenceBasis) -> PersonRow {
        PersonRow {
            id: 1,
            municipality_code: "0316".into(),
            family_id: None,
            family_role: "adult".into(),
            cpr_encrypted: String::new(),
            given_name: "A".into(),
            family_name: "B".into(),
            birth_date: "1990-01-01".into(),
            sex: "female".into(),
            languages: "ar".into(),
            nationality: "Syrien".into(),
            arrival_date: None,
            takeover_date: Some(takeover.into()),
            residence_basis: basis,
            updated_at: String::new(),
            quota_refugee: 0,
            derived_takeover_date: None,
            takeover_missing: None,
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_refugee_gets_the_contract_deadline_and_meeting_it_is_recorded() {
        let today = d("2026-03-20");
        let calendar = Calendar::new();
        let open = derive(RuleSet::shipped(), &row("2026-02-02", ResidenceBasis::Refugee), &[], &calendar, today);
        let contract = open.iter().find(|x| x.rule_id == "contract.deadline").expect("contract deadline");
        assert_eq!(contract.due, d("2026-03-02"));
        assert_eq!(contract.department, "jobcenter");
        assert!(contract.met_on.is_none());
        let met = derive(RuleSet::shipped(), &row("2026-02-02", ResidenceBasis::Refugee), &[(EventKind::ContractSigned, d("2026-02-20"))], &calendar, today);
        let contract = met.iter().find(|x| x.rule_id == "contract.deadline").unwrap();
        assert_eq!(contract.met_on, Some(d("2026-02-20")));
        assert!(met.iter().any(|x| x.department == "sprogcenter"), "DU deadlines belong to the language centre");
    }

    #[test]
    fn closed_days_move_a_due_date() {
        // 2 March 2026 is a Monday; closed, the contract is due Tuesday 3 March.
        let closed = Calendar::with_closed_days([d("2026-03-02")]);
        let list = derive(RuleSet::shipped(), &row("2026-02-02", ResidenceBasis::Refugee), &[], &closed, d("2026-02-10"));
        assert_eq!(list.iter().find(|x| x.rule_id == "contract.deadline").unwrap().due, d("2026-03-03"));
    }

    #[test]
    fn statuses_read_against_today() {
        let mut r = DeadlineRow {
            person_id: 1,
            rule_id: "x".into(),
            rule_version: 1,
            title: String::new(),
            law: String::new(),
            paragraph: String::new(),
            confirmed: 1,
            department: "jobcenter".into(),
            counts_from: d("2026-01-01"),
            due: d("2026-03-02"),
            met_on: None,
            progress_done: None,
            progress_required: None,
            computed_at: String::new(),
        };
        assert_eq!(status_code(status_of(&r, d("2026-02-01"))), "upcoming");
        assert_eq!(status_code(status_of(&r, d("2026-02-27"))), "due_soon");
        assert_eq!(status_code(status_of(&r, d("2026-03-03"))), "overdue");
        r.met_on = Some(d("2026-03-05"));
        assert_eq!(status_code(status_of(&r, d("2026-03-10"))), "met_late");
        assert_eq!(status_text(status_of(&r, d("2026-03-10"))), "Opfyldt for sent 05.03.2026");
    }
}
