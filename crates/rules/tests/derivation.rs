//! Deriving a person's deadlines with the shipped rules: known cases worked
//! by hand from the brief, and properties that must hold for any dates.

use calendar::{Calendar, Date, Offset};
use proptest::prelude::*;
use rules::{
    Event, EventKind, HoursBound, Override, OverrideErrorKind, Person, Programme, ResidenceBasis, RuleSet, Status, TakeoverSource, derive, parse_overrides,
    takeover_after_visitation,
};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn refugee() -> Person {
    let mut p = Person::new(d("1990-06-01"), ResidenceBasis::Refugee);
    p.programme = Some(Programme::Introduktionsprogram);
    p
}

fn event(kind: EventKind, date: &str) -> Event {
    Event { kind, date: d(date) }
}

/// The one place tests call the API: derive with the shipped rules and a plain calendar.
fn check(person: &Person, today: &str) -> rules::Derivation {
    derive(RuleSet::shipped(), person, d(today), &Calendar::new())
}

fn find<'a>(out: &'a rules::Derivation, id: &str) -> Option<&'a rules::Deadline> {
    out.deadlines.iter().find(|x| x.rule_id == id)
}

#[test]
fn visitation_takeover_is_the_first_after_a_whole_month() {
    // The brief's example: 15 March → April → 1 May (a Friday in 2026).
    assert_eq!(takeover_after_visitation(d("2026-03-15")).unwrap(), d("2026-05-01"));
    // Decided on the 1st: March is not after the decision, so still 1 May.
    assert_eq!(takeover_after_visitation(d("2026-03-01")).unwrap(), d("2026-05-01"));
    // 1 August 2026 is a Saturday → Monday 3 August.
    assert_eq!(takeover_after_visitation(d("2026-06-10")).unwrap(), d("2026-08-03"));
    // 1 January 2027 is Nytårsdag (Friday) → Monday 4 January.
    assert_eq!(takeover_after_visitation(d("2026-11-05")).unwrap(), d("2027-01-04"));
}

#[test]
fn closed_days_do_not_move_the_takeover_but_do_move_later_deadlines() {
    // 1 May is no helligdag: a municipality that closes it still takes over on 1 May.
    let closed = Calendar::with_closed_days([d("2026-05-01"), d("2026-06-01")]);
    let mut p = refugee();
    p.events.push(event(EventKind::VisitationDecision, "2026-03-15"));
    let out = derive(RuleSet::shipped(), &p, d("2026-05-20"), &closed);
    assert_eq!(out.takeover.as_ref().unwrap().date, d("2026-05-01"));
    // The contract counts from 1 May and is due 1 June, which the
    // municipality has closed: its own due date moves to 2 June.
    let contract = find(&out, "contract.deadline").unwrap();
    assert_eq!((contract.counts_from, contract.due), (d("2026-05-01"), d("2026-06-02")));
}

#[test]
fn derived_takeover_feeds_the_other_deadlines() {
    let mut p = refugee();
    p.events.push(event(EventKind::VisitationDecision, "2026-03-15"));
    p.events.push(event(EventKind::CprRegistration, "2026-04-20"));
    let out = check(&p, "2026-05-20");
    let takeover = out.takeover.clone().unwrap();
    assert_eq!(takeover.date, d("2026-05-01"));
    assert_eq!(takeover.source, TakeoverSource::Derived { rule_id: "takeover.visitation".into() });
    let by_rule = takeover.by_rule.unwrap();
    assert_eq!((by_rule.rule_version, by_rule.counts_from), (2, d("2026-03-15")));
    assert_eq!(by_rule.source.paragraph, "§ 4, stk. 2");
    // The takeover date is a fact, not a deadline with a status.
    assert!(out.deadlines.iter().all(|x| !x.rule_id.starts_with("takeover.")), "{:?}", out.deadlines);
    // 1 June 2026 is a Monday.
    let contract = find(&out, "contract.deadline").unwrap();
    assert_eq!((contract.counts_from, contract.due), (d("2026-05-01"), d("2026-06-01")));
    assert_eq!(contract.status, Status::Upcoming);
    assert_eq!(contract.rule_version, 2);
    assert_eq!(contract.title, "Integrationskontrakt");
    assert_eq!(
        contract.source.to_string(),
        "Integrationsloven § 19, stk. 1 (LBK nr. 1146 af 22/06/2020 med senere ændringer, \
         senest lov nr. 1654 af 30/12/2024)"
    );
    // 6 months after 1 May is Sunday 1 November → Monday 2 November.
    assert_eq!(find(&out, "health.assessment").unwrap().due, d("2026-11-02"));
}

#[test]
fn a_case_decided_in_2024_gets_a_takeover_and_its_deadlines() {
    let mut p = refugee();
    p.programme = Some(Programme::SelvforsoergelsesOgHjemrejseprogram);
    p.events.push(event(EventKind::VisitationDecision, "2024-06-10"));
    let out = check(&p, "2024-09-01");
    // June → July is the first whole month → 1 August 2024 (a Thursday).
    let takeover = out.takeover.clone().unwrap();
    assert_eq!(takeover.date, d("2024-08-01"));
    let by_rule = takeover.by_rule.unwrap();
    assert_eq!(by_rule.rule_version, 1);
    assert_eq!(by_rule.source.number, "LBK nr. 1146 af 22/06/2020");
    let contract = find(&out, "contract.deadline").unwrap();
    assert_eq!((contract.rule_version, contract.due), (1, d("2024-09-02")));
    let start = find(&out, "programme.start").unwrap();
    assert_eq!(start.title, "Selvforsørgelses- og hjemrejseprogrammet skal begynde");
    assert!(find(&out, "du.referral").is_some());
}

#[test]
fn a_visited_refugee_never_takes_over_on_cpr_registration() {
    let mut p = refugee();
    p.events.push(event(EventKind::CprRegistration, "2026-04-20"));
    let out = check(&p, "2026-05-20");
    assert!(out.takeover.is_none(), "{:?}", out.takeover);
    assert!(out.deadlines.is_empty(), "{:?}", out.deadlines);
    assert_eq!(out.missing, [rules::MissingEvent { rule_id: "takeover.visitation".into(), event: EventKind::VisitationDecision }]);
    // A quota refugee is not visited: the CPR registration gives the takeover.
    p.visited = false;
    let out = check(&p, "2026-05-20");
    assert_eq!(out.takeover.as_ref().unwrap().date, d("2026-04-20"));
    assert!(out.missing.is_empty());
    // A recorded takeover date needs no visitation date.
    let mut q = refugee();
    q.takeover_date = Some(d("2026-02-02"));
    assert!(check(&q, "2026-05-20").missing.is_empty());
}

#[test]
fn a_recorded_takeover_is_used_and_the_rules_date_kept_beside_it() {
    let mut p = refugee();
    p.events.push(event(EventKind::VisitationDecision, "2026-03-15"));
    p.takeover_date = Some(d("2026-04-15")); // earlier, with consent
    let out = check(&p, "2026-05-20");
    let takeover = out.takeover.as_ref().unwrap();
    assert_eq!(takeover.source, TakeoverSource::Recorded);
    assert_eq!(takeover.date, d("2026-04-15"));
    assert_eq!(takeover.by_rule.as_ref().unwrap().date, d("2026-05-01"));
    assert_eq!(find(&out, "contract.deadline").unwrap().due, d("2026-05-15"));
}

#[test]
fn family_reunified_take_over_on_cpr_registration() {
    let mut p = Person::new(d("1988-01-01"), ResidenceBasis::FamilyReunifiedToRefugee);
    p.events.push(event(EventKind::CprRegistration, "2026-01-31"));
    let out = check(&p, "2026-02-01");
    assert_eq!(out.takeover.as_ref().unwrap().date, d("2026-01-31"));
    // 28 February 2026 is a Saturday → 2 March.
    assert_eq!(find(&out, "contract.deadline").unwrap().due, d("2026-03-02"));
    assert_eq!(find(&out, "du.referral").unwrap().due, d("2026-03-02"));
}

#[test]
fn no_takeover_means_no_takeover_deadlines() {
    let mut p = refugee();
    p.visited = false;
    let out = check(&p, "2026-05-20");
    assert!(out.takeover.is_none());
    assert!(out.deadlines.is_empty(), "{:?}", out.deadlines);
}

#[test]
fn status_moves_from_upcoming_to_due_soon_to_overdue() {
    let mut p = refugee();
    p.takeover_date = Some(d("2026-05-01"));
    let status = |p: &Person, today: &str| find(&check(p, today), "contract.deadline").unwrap().status;
    assert_eq!(status(&p, "2026-05-24"), Status::Upcoming);
    assert_eq!(status(&p, "2026-05-25"), Status::DueSoon { days_left: 7 });
    assert_eq!(status(&p, "2026-06-01"), Status::DueSoon { days_left: 0 });
    assert_eq!(status(&p, "2026-06-02"), Status::Overdue { days_overdue: 1 });
    p.events.push(event(EventKind::ContractSigned, "2026-06-03"));
    assert_eq!(status(&p, "2026-06-02"), Status::Overdue { days_overdue: 1 }, "future events do not count");
    assert_eq!(status(&p, "2026-06-03"), Status::Met { on: d("2026-06-03"), in_time: false });
    p.events.push(event(EventKind::ContractSigned, "2026-05-28"));
    assert_eq!(status(&p, "2026-06-10"), Status::Met { on: d("2026-05-28"), in_time: true });
}

#[test]
fn four_follow_ups_in_six_months_from_the_visitation() {
    let mut p = refugee();
    p.takeover_date = Some(d("2026-01-02"));
    // Counted from the completed visitation under § 17, not from the takeover.
    p.events.push(event(EventKind::ProgrammeVisitation, "2026-01-15"));
    p.events.extend(["2026-02-01", "2026-03-01", "2026-04-01"].map(|date| event(EventKind::FollowUpInterview, date)));
    let out = check(&p, "2026-06-01");
    let f = find(&out, "followup.first_six_months").unwrap();
    assert_eq!((f.counts_from, f.due), (d("2026-01-15"), d("2026-07-15")));
    assert_eq!((f.progress.unwrap().done, f.progress.unwrap().required), (3, 4));
    assert_eq!(f.status, Status::Upcoming);
    p.events.push(event(EventKind::FollowUpInterview, "2026-07-20"));
    let f = find(&check(&p, "2026-08-01"), "followup.first_six_months").unwrap().clone();
    assert_eq!(f.status, Status::Met { on: d("2026-07-20"), in_time: false });
    assert_eq!(f.progress.unwrap().done, 3, "the late one is outside the period");
    p.events.push(event(EventKind::FollowUpInterview, "2026-05-01"));
    let f = find(&check(&p, "2026-08-01"), "followup.first_six_months").unwrap().clone();
    assert_eq!(f.status, Status::Met { on: d("2026-05-01"), in_time: true });
}

#[test]
fn follow_up_exceptions_are_data() {
    let mut p = refugee();
    p.takeover_date = Some(d("2026-01-02"));
    // No visitation recorded: no follow-up deadline yet.
    assert!(find(&check(&p, "2026-03-01"), "followup.first_six_months").is_none());
    p.events.push(event(EventKind::ProgrammeVisitation, "2026-01-15"));
    // In ordinary work or education: every 12 months instead of 4 in 6 months.
    p.ordinary_work_or_education = true;
    let out = check(&p, "2026-03-01");
    assert!(find(&out, "followup.first_six_months").is_none());
    assert_eq!(find(&out, "followup.ordinary_work_or_education").unwrap().due, d("2027-01-15"));
    // Under § 16, stk. 4 (no right to benefits, i.e. self-supporting): as needed.
    p.ordinary_work_or_education = false;
    p.self_supporting = true;
    let out = check(&p, "2026-03-01");
    assert!(find(&out, "followup.first_six_months").is_none());
    assert!(find(&out, "followup.ordinary_work_or_education").is_none());
}

#[test]
fn persons_outside_the_programme_count_du_from_their_application() {
    let mut p = Person::new(d("1992-03-03"), ResidenceBasis::OtherFamilyReunified);
    p.self_supporting = true;
    p.takeover_date = Some(d("2026-01-05"));
    p.events.push(event(EventKind::DuApplication, "2026-03-10"));
    let out = check(&p, "2026-03-20");
    assert!(find(&out, "du.referral").is_none());
    assert!(find(&out, "du.start").is_none());
    let own = find(&out, "du.start_self_supporting").unwrap();
    assert_eq!(own.due, d("2026-04-10"));
    assert_eq!(own.source.paragraph, "§ 5, stk. 2");
    // Anyone outside the integration act's programme, not only the self-supporting.
    let mut worker = Person::new(d("1985-01-01"), ResidenceBasis::Other);
    worker.events.push(event(EventKind::DuApplication, "2026-03-10"));
    assert!(find(&check(&worker, "2026-03-20"), "du.start_self_supporting").is_some());
    // In the programme: DU counts from the takeover instead.
    let mut q = p.clone();
    q.self_supporting = false;
    q.programme = Some(Programme::Introduktionsprogram);
    let out = check(&q, "2026-03-20");
    assert!(find(&out, "du.start").is_some());
    assert!(find(&out, "du.start_self_supporting").is_none());
}

#[test]
fn the_du_right_lasts_five_years_from_the_start() {
    let mut p = refugee();
    p.events.push(event(EventKind::DuStart, "2025-09-01"));
    let out = check(&p, "2026-11-23");
    let right = out.periods.iter().find(|x| x.rule_id == "du.right").unwrap();
    assert_eq!((right.starts, right.ends), (d("2025-09-01"), d("2030-08-31")));
}

#[test]
fn work_duty_is_37_hours_from_2025_but_not_under_the_ukrainian_act() {
    let mut p = refugee();
    p.takeover_date = Some(d("2025-01-02"));
    p.events.push(event(EventKind::ProgrammeStart, "2025-01-10"));
    let hours = |p: &Person, on: &str| {
        rules::weekly_hours(RuleSet::shipped(), p, d(on)).into_iter().find(|h| h.bound == HoursBound::Minimum).map(|h| (h.rule_id, h.hours))
    };
    assert_eq!(hours(&p, "2025-01-10"), Some(("work_duty.programme".into(), 37)));
    assert_eq!(hours(&p, "2025-01-09"), None, "before the programme starts");
    // Only during the introduction period (the programme's period from its start).
    assert_eq!(hours(&p, "2026-01-09"), Some(("work_duty.programme".into(), 37)));
    assert_eq!(hours(&p, "2026-01-10"), None, "the period has ended");
    let mut self_supporting = p.clone();
    self_supporting.self_supporting = true;
    assert_eq!(hours(&self_supporting, "2025-06-01"), None, "only § 16, stk. 2");
    let mut ukrainian = p.clone();
    ukrainian.residence = ResidenceBasis::UkrainianSpecialAct;
    assert_eq!(hours(&ukrainian, "2025-06-01"), None);

    let mut k = Person::new(d("1980-01-01"), ResidenceBasis::Other);
    k.benefit = Some(rules::Benefit::Kontanthjaelp);
    assert_eq!(hours(&k, "2025-06-30"), None);
    assert_eq!(hours(&k, "2025-07-01"), Some(("work_duty.kontanthjaelp".into(), 37)));
    k.meets_employment_requirement = true;
    assert_eq!(hours(&k, "2025-07-01"), None);

    // The youth rule (15 h) yields to the higher work duty, and applies alone otherwise.
    let mut young = p.clone();
    young.birth_date = d("2006-01-01");
    young.education_order = true;
    assert_eq!(hours(&young, "2025-06-01"), Some(("work_duty.programme".into(), 37)));
    young.programme = None;
    assert_eq!(hours(&young, "2025-06-01"), Some(("youth.education_order_hours".into(), 15)));
}

#[test]
fn company_offer_deadlines_are_off_until_a_municipality_turns_them_on() {
    let mut p = refugee();
    p.takeover_date = Some(d("2026-05-01"));
    assert!(find(&check(&p, "2026-05-02"), "company_offer.first").is_none());
    let on = RuleSet::shipped().with_overrides(&[Override { rule_id: "company_offer.first".into(), enabled: Some(true), ..Override::default() }]).unwrap();
    let out = derive(&on, &p, d("2026-05-02"), &Calendar::new());
    let first = find(&out, "company_offer.first").unwrap();
    assert_eq!(first.due, d("2026-06-01"));
    assert!(!first.confirmed);
}

#[test]
fn a_municipality_may_shorten_a_deadline_but_not_lengthen_it() {
    let text = "[[override]]\nrule = \"contract.deadline\"\noffset = { days = 21 }\n";
    let overrides = parse_overrides("kommune/0316.toml", text).unwrap();
    let tighter = RuleSet::shipped().with_overrides(&overrides).unwrap();
    let mut p = refugee();
    p.takeover_date = Some(d("2026-05-01"));
    let out = derive(&tighter, &p, d("2026-05-02"), &Calendar::new());
    assert_eq!(find(&out, "contract.deadline").unwrap().due, d("2026-05-22"));

    let looser = Override { rule_id: "contract.deadline".into(), offset: Some(Offset::Months(2)), ..Override::default() };
    let err = RuleSet::shipped().with_overrides(&[looser]).unwrap_err();
    assert_eq!(err.kind, OverrideErrorKind::LaterDeadline { shipped: Offset::Months(1), requested: Offset::Months(2) });
    let message = err.to_string();
    assert!(message.contains("contract.deadline") && message.contains("2 måneder") && message.contains("1 måned"), "{message}");
}

#[test]
fn a_health_reduction_lowers_the_work_duty_only_in_its_period() {
    let mut p = refugee();
    p.takeover_date = Some(d("2025-01-02"));
    p.events.push(event(EventKind::ProgrammeStart, "2025-01-10"));
    p.reductions.push(rules::Reduction { key: "health".into(), from: d("2025-03-01"), to: Some(d("2025-05-31")), hours: 20 });
    let minimum = |p: &Person, on: &str| rules::weekly_hours(RuleSet::shipped(), p, d(on)).into_iter().find(|h| h.bound == HoursBound::Minimum).unwrap();
    assert_eq!(minimum(&p, "2025-02-28").hours, 37, "before the reduction");
    assert!(minimum(&p, "2025-02-28").reduced.is_none());
    let reduced = minimum(&p, "2025-03-01");
    assert_eq!((reduced.rule_id.as_str(), reduced.hours), ("work_duty.programme", 20));
    let applied = reduced.reduced.expect("the reduction is named");
    assert_eq!((applied.from_hours, applied.rule_id.as_str()), (37, "work_duty.health_reduction"));
    assert!(!reduced.confirmed, "the reduction rule is still to be confirmed");
    assert_eq!(minimum(&p, "2025-05-31").hours, 20);
    assert_eq!(minimum(&p, "2025-06-01").hours, 37, "after the reduction");
    // A reduction never raises the duty, and another kind of reduction does not apply.
    p.reductions[0].hours = 40;
    assert_eq!(minimum(&p, "2025-04-01").hours, 37);
    p.reductions[0].hours = 10;
    p.reductions[0].key = "other".into();
    assert_eq!(minimum(&p, "2025-04-01").hours, 37);
    // A municipality's higher duty is reduced the same way.
    p.reductions[0].key = "health".into();
    let raised = RuleSet::shipped().with_overrides(&[Override { rule_id: "work_duty.programme".into(), hours: Some(40), ..Override::default() }]).unwrap();
    let m = rules::weekly_hours(&raised, &p, d("2025-04-01"));
    assert_eq!((m[0].hours, m[0].reduced.as_ref().map(|a| a.from_hours)), (10, Some(40)));
}

#[test]
fn other_loosening_overrides_are_refused() {
    let set = RuleSet::shipped();
    let refuse = |o: Override| set.with_overrides(&[o]).unwrap_err().kind;
    let base = |id: &str| Override { rule_id: id.into(), ..Override::default() };
    assert_eq!(
        refuse(Override { hours: Some(30), ..base("work_duty.programme") }),
        OverrideErrorKind::LowerMinimum { field: "hours", shipped: 37, requested: 30 }
    );
    assert!(set.with_overrides(&[Override { hours: Some(40), ..base("work_duty.programme") }]).is_ok());
    assert_eq!(
        refuse(Override { count: Some(3), ..base("followup.first_six_months") }),
        OverrideErrorKind::LowerMinimum { field: "count", shipped: 4, requested: 3 }
    );
    assert_eq!(refuse(Override { enabled: Some(false), ..base("contract.deadline") }), OverrideErrorKind::Disables);
    assert_eq!(refuse(base("no.such.rule")), OverrideErrorKind::UnknownRule);
    assert!(matches!(
        refuse(Override { offset: Some(Offset::Months(1)), ..base("du.right") }),
        OverrideErrorKind::NotAdjustable { field: "offset", kind: "period" }
    ));
    assert!(matches!(refuse(Override { offset: Some(Offset::WorkingDays(10)), ..base("contract.deadline") }), OverrideErrorKind::IncomparableOffsets { .. }));
}

#[test]
fn a_malformed_override_file_names_its_line() {
    let err = parse_overrides("kommune/0316.toml", "[[override]]\nrule = \"contract.deadline\"\noffset = { dayz = 3 }\n").unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("kommune/0316.toml", Some(3)));
}

fn any_date() -> impl Strategy<Value = Date> {
    let (lo, hi) = (d("2025-01-01").day_number(), d("2030-12-31").day_number());
    (lo..=hi).prop_map(|n| Date::from_day_number(n).unwrap())
}

fn any_kind() -> impl Strategy<Value = EventKind> {
    prop::sample::select(EventKind::ALL.to_vec())
}

proptest! {
    #[test]
    fn status_of_follows_the_dates(due in any_date(), today in any_date(), met in prop::option::of(any_date())) {
        let status = Status::of(due, met, today);
        match (met, today.days_until(due)) {
            (Some(on), _) => prop_assert_eq!(status, Status::Met { on, in_time: on <= due }),
            (None, left) if left < 0 => prop_assert_eq!(status, Status::Overdue { days_overdue: (-left) as u32 }),
            (None, left) if left <= 7 => prop_assert_eq!(status, Status::DueSoon { days_left: left as u32 }),
            (None, _) => prop_assert_eq!(status, Status::Upcoming),
        }
    }

    #[test]
    fn a_contract_signed_by_the_due_date_is_met_in_time(takeover in any_date(), lag in 0i64..60, after in 0i64..200) {
        let mut p = refugee();
        p.takeover_date = Some(takeover);
        let signed = takeover.add_days(lag).unwrap();
        p.events.push(Event { kind: EventKind::ContractSigned, date: signed });
        let today = signed.add_days(after).unwrap();
        let out = derive(RuleSet::shipped(), &p, today, &Calendar::new());
        let c = out.deadlines.iter().find(|x| x.rule_id == "contract.deadline").unwrap();
        prop_assert_eq!(c.status, Status::Met { on: signed, in_time: signed <= c.due });
        prop_assert!(c.due >= takeover.add_months(1).unwrap());
    }

    #[test]
    fn every_due_date_is_a_working_day_after_its_start(
        takeover in any_date(),
        events in prop::collection::vec((any_kind(), any_date()), 0..12),
        today in any_date(),
        closed in prop::collection::vec(any_date(), 0..30),
    ) {
        let cal = Calendar::with_closed_days(closed);
        let mut p = refugee();
        p.takeover_date = Some(takeover);
        p.events = events.iter().map(|(kind, date)| Event { kind: *kind, date: *date }).collect();
        let out = derive(RuleSet::shipped(), &p, today, &cal);
        for x in &out.deadlines {
            // Clock hours (the 24-hour assessment of a concern note) run through weekends.
            prop_assert!(cal.is_working_day(x.due) || x.rule_id == "concern.assessment", "{:?}", x);
            prop_assert!(x.due >= x.counts_from, "{:?}", x);
        }
        prop_assert!(out.deadlines.windows(2).all(|w| w[0].due <= w[1].due));
    }

    #[test]
    fn the_order_of_events_does_not_matter(
        events in prop::collection::vec((any_kind(), any_date()), 0..12),
        today in any_date(),
    ) {
        let mut p = refugee();
        p.events = events.iter().map(|(kind, date)| Event { kind: *kind, date: *date }).collect();
        let forward = derive(RuleSet::shipped(), &p, today, &Calendar::new());
        p.events.reverse();
        let backward = derive(RuleSet::shipped(), &p, today, &Calendar::new());
        prop_assert_eq!(forward, backward);
    }

    #[test]
    fn visitation_takeover_is_a_working_day_two_months_on(decision in any_date()) {
        let cal = Calendar::new();
        let t = takeover_after_visitation(decision).unwrap();
        let first = decision.first_of_month().add_months(2).unwrap();
        prop_assert!(cal.is_working_day(t));
        prop_assert!(t >= first && cal.working_days_between(first, t) <= 1);
        prop_assert!(first > decision.last_of_month().add_months(1).unwrap());
    }

    #[test]
    fn a_tightening_override_never_moves_a_due_date_later(days in 1u32..=28, takeover in any_date()) {
        let o = Override { rule_id: "contract.deadline".into(), offset: Some(Offset::Days(days)), ..Override::default() };
        let tight = RuleSet::shipped().with_overrides(&[o]).unwrap();
        let mut p = refugee();
        p.takeover_date = Some(takeover);
        let cal = Calendar::new();
        let due = |set: &RuleSet| derive(set, &p, takeover, &cal).deadlines.into_iter().find(|x| x.rule_id == "contract.deadline").unwrap().due;
        prop_assert!(due(&tight) <= due(RuleSet::shipped()));
    }
}

#[test]
fn an_igu_is_judged_by_the_rules_in_force_when_it_starts() {
    let mut p = Person::new(d("1978-05-01"), ResidenceBasis::FamilyReunifiedToRefugee);
    p.arrival_date = Some(d("2017-03-01"));
    // 2020: 18–40 and under 5 years in Denmark — 41 years old and 3 years here.
    let e = rules::eligibility(RuleSet::shipped(), "igu.eligibility", &p, d("2020-03-01")).unwrap();
    assert_eq!(e.rule_version, 1);
    assert_eq!(e.reasons, ["over 40 år ved start"]);
    // 2024: 18–50 and up to 20 years — the same person may start.
    let e = rules::eligibility(RuleSet::shipped(), "igu.eligibility", &p, d("2024-03-01")).unwrap();
    assert_eq!(e.rule_version, 3);
    assert!(e.eligible(), "{:?}", e.reasons);
    // Six years here was too long in 2020 (under 5), fine in 2024.
    let mut young = Person::new(d("1995-01-01"), ResidenceBasis::Refugee);
    young.arrival_date = Some(d("2014-01-01"));
    let e = rules::eligibility(RuleSet::shipped(), "igu.eligibility", &young, d("2020-03-01")).unwrap();
    assert_eq!(e.reasons, ["ophold i Danmark på 5 år eller mere ved start"]);
    assert!(rules::eligibility(RuleSet::shipped(), "igu.eligibility", &young, d("2024-03-01")).unwrap().eligible());
    // Other family-reunified persons only from 2024.
    let mut other = young.clone();
    other.residence = ResidenceBasis::OtherFamilyReunified;
    other.arrival_date = Some(d("2019-01-01"));
    assert!(!rules::eligibility(RuleSet::shipped(), "igu.eligibility", &other, d("2020-03-01")).unwrap().eligible());
    assert!(rules::eligibility(RuleSet::shipped(), "igu.eligibility", &other, d("2024-03-01")).unwrap().eligible());
    // Before IGU existed there is nothing to judge by.
    assert!(rules::eligibility(RuleSet::shipped(), "igu.eligibility", &p, d("2015-01-01")).is_none());
}
