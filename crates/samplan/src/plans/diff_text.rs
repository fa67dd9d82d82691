//! A comparison of two plan versions told in Danish sentences, one per change a
//! caseworker would name: «Indsatsen "Sprogskole" fik tidspunkt mandag 9.00–12.00.»,
//! «Målet "Amal taler dansk" blev tilføjet.». Values are shown as staff write them
//! (Danish dates, times with a full stop, department and status names), never as JSON.
use super::diff::Change;
use super::document::{Action, Goal, LifeArea, PlanDocument, Slot};
use crate::domain::DepartmentKind;
use crate::persons::danish_date;

const WEEKDAYS: [&str; 7] = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];

/// `09:00` as Danes write a time of day: `9.00`.
fn clock(hhmm: &str) -> String {
    match hhmm.split_once(':') {
        Some((h, m)) => {
            let h = h.trim_start_matches('0');
            format!("{}.{m}", if h.is_empty() { "0" } else { h })
        }
        None => hhmm.to_string(),
    }
}

/// «mandag 9.00–12.00 og onsdag 9.00–12.00».
fn slots_text(slots: &[Slot]) -> String {
    let parts: Vec<String> = slots
        .iter()
        .map(|s| format!("{} {}–{}", WEEKDAYS.get(usize::from(s.weekday).saturating_sub(1)).copied().unwrap_or("?"), clock(&s.from), clock(&s.to)))
        .collect();
    join(&parts)
}

/// «a, b og c».
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

fn area(code: &str) -> &'static str {
    LifeArea::parse(code).map(|a| a.label()).unwrap_or("ukendt")
}

fn department(code: &str) -> &'static str {
    DepartmentKind::parse(code).map(|d| d.label()).unwrap_or("ukendt")
}

fn hours(h: f64) -> String {
    let text = if h.fract() == 0.0 { format!("{h:.0}") } else { format!("{h:.1}").replace('.', ",") };
    format!("{text} timer om ugen")
}

/// The sentences for one change from `old` to `new`; `name` gives a member's name.
pub fn sentences(old: &PlanDocument, new: &PlanDocument, change: &Change, name: &dyn Fn(i64) -> String) -> Vec<String> {
    let who = |p: Option<i64>| p.map_or_else(|| "hele familien".to_string(), name);
    match (change.item.as_str(), change.kind.as_str()) {
        ("goal", "added") => {
            let g = new.goals.iter().find(|g| g.id == change.id);
            vec![format!(
                "Målet \"{}\" blev tilføjet{}.",
                change.title,
                g.map_or_else(String::new, |g| format!(" under {} for {}", area(&g.life_area), who(g.person_id)))
            )]
        }
        ("goal", "removed") => vec![format!("Målet \"{}\" blev fjernet.", change.title)],
        ("goal", _) => match (old.goals.iter().find(|g| g.id == change.id), new.goals.iter().find(|g| g.id == change.id)) {
            (Some(o), Some(n)) => goal_changes(o, n, &who),
            _ => Vec::new(),
        },
        ("action", "added") => {
            let a = new.action(change.id);
            let when = a.map(|(_, a)| when_text(a)).unwrap_or_default();
            let whom = a.map_or_else(String::new, |(g, a)| format!(" for {}", who(a.person(g))));
            vec![format!("Indsatsen \"{}\" blev tilføjet{whom}{when}.", change.title)]
        }
        ("action", "removed") => vec![format!("Indsatsen \"{}\" blev fjernet.", change.title)],
        _ => match (old.action(change.id), new.action(change.id)) {
            (Some((og, o)), Some((ng, n))) => action_changes(og, o, ng, n, &who),
            _ => Vec::new(),
        },
    }
}

/// « (mandag 9.00–12.00)» or « (10 timer om ugen)», or nothing.
fn when_text(a: &Action) -> String {
    if !a.slots.is_empty() {
        format!(" ({})", slots_text(&a.slots))
    } else if let Some(h) = a.weekly_hours {
        format!(" ({})", hours(h))
    } else {
        String::new()
    }
}

fn goal_changes(o: &Goal, n: &Goal, who: &dyn Fn(Option<i64>) -> String) -> Vec<String> {
    let mut out = Vec::new();
    if o.text != n.text {
        out.push(format!("Målet \"{}\" blev omformuleret til \"{}\".", o.text, n.text));
    }
    if o.life_area != n.life_area {
        out.push(format!("Målet \"{}\" blev flyttet fra livsområdet {} til {}.", n.text, area(&o.life_area), area(&n.life_area)));
    }
    if o.person_id != n.person_id {
        out.push(format!("Målet \"{}\" gælder nu {} (før: {}).", n.text, who(n.person_id), who(o.person_id)));
    }
    out
}

fn action_changes(og: &Goal, o: &Action, ng: &Goal, n: &Action, who: &dyn Fn(Option<i64>) -> String) -> Vec<String> {
    let mut out = Vec::new();
    let t = &n.title;
    if o.title != n.title {
        out.push(format!("Indsatsen \"{}\" hedder nu \"{t}\".", o.title));
    }
    if og.id != ng.id {
        out.push(format!("Indsatsen \"{t}\" hører nu under målet \"{}\" (før: \"{}\").", ng.text, og.text));
    }
    if o.slots != n.slots {
        out.push(match (o.slots.is_empty(), n.slots.is_empty(), n.slots.len()) {
            (_, true, _) => format!("Indsatsen \"{t}\" har ikke længere faste tidspunkter (før: {}).", slots_text(&o.slots)),
            (true, false, 1) => format!("Indsatsen \"{t}\" fik tidspunkt {}.", slots_text(&n.slots)),
            (true, false, _) => format!("Indsatsen \"{t}\" fik tidspunkterne {}.", slots_text(&n.slots)),
            (false, false, 1) => format!("Indsatsen \"{t}\" fik tidspunkt {} (før: {}).", slots_text(&n.slots), slots_text(&o.slots)),
            (false, false, _) => format!("Indsatsen \"{t}\" fik tidspunkterne {} (før: {}).", slots_text(&n.slots), slots_text(&o.slots)),
        });
    }
    if o.weekly_hours != n.weekly_hours {
        out.push(match (o.weekly_hours, n.weekly_hours) {
            (_, None) => format!("Indsatsen \"{t}\" har ikke længere et ugentligt timetal."),
            (None, Some(h)) => format!("Indsatsen \"{t}\" fylder nu {}.", hours(h)),
            (Some(b), Some(h)) => format!("Indsatsen \"{t}\" fylder nu {} (før: {}).", hours(h), hours(b)),
        });
    }
    if o.status != n.status {
        out.push(format!("Indsatsen \"{t}\" skiftede status fra {} til {}.", o.status_label(), n.status_label()));
    }
    if o.department != n.department {
        out.push(format!("Indsatsen \"{t}\" blev flyttet fra {} til {}.", department(&o.department), department(&n.department)));
    }
    if o.responsible_name != n.responsible_name {
        out.push(match n.responsible_name.trim() {
            "" => format!("Indsatsen \"{t}\" har ikke længere en navngiven ansvarlig (før: {}).", o.responsible_name),
            now if o.responsible_name.trim().is_empty() => format!("{now} er nu ansvarlig for indsatsen \"{t}\"."),
            now => format!("{now} er nu ansvarlig for indsatsen \"{t}\" (før: {}).", o.responsible_name),
        });
    } else if o.responsible_user_id != n.responsible_user_id {
        out.push(format!("Indsatsen \"{t}\" fik en anden ansvarlig medarbejder."));
    }
    if o.start_date != n.start_date {
        out.push(format!("Indsatsen \"{t}\" begynder nu {} (før: {}).", danish_date(&n.start_date), danish_date(&o.start_date)));
    }
    if o.end_date != n.end_date {
        out.push(match (&o.end_date, &n.end_date) {
            (_, None) => format!("Indsatsen \"{t}\" har ikke længere en slutdato."),
            (None, Some(e)) => format!("Indsatsen \"{t}\" slutter nu {}.", danish_date(e)),
            (Some(b), Some(e)) => format!("Indsatsen \"{t}\" slutter nu {} (før: {}).", danish_date(e), danish_date(b)),
        });
    }
    if o.person(og) != n.person(ng) {
        out.push(format!("Indsatsen \"{t}\" gælder nu {} (før: {}).", who(n.person(ng)), who(o.person(og))));
    }
    if o.interpreter_language != n.interpreter_language {
        out.push(match n.interpreter_label() {
            Some(label) => format!("Indsatsen \"{t}\" kræver nu {}.", label.to_lowercase()),
            None => format!("Indsatsen \"{t}\" kræver ikke længere tolk."),
        });
    }
    if o.catalogue_code != n.catalogue_code && out.is_empty() {
        out.push(format!("Indsatsen \"{t}\" er knyttet til et andet punkt i kataloget."));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(id: i64, title: &str, slots: Vec<Slot>) -> Action {
        serde_json::from_value(
            serde_json::json!({"id": id, "title": title, "department": "jobcenter", "start_date": "2026-01-05", "slots": slots, "status": "planned"}),
        )
        .unwrap()
    }

    fn plan(actions: Vec<Action>) -> PlanDocument {
        PlanDocument {
            goals: vec![Goal { id: 1, life_area: "sprog".into(), person_id: Some(7), text: "Amal taler dansk".into(), actions }],
            ..Default::default()
        }
    }

    fn told(old: &PlanDocument, new: &PlanDocument) -> Vec<String> {
        super::super::diff::compare(old, new).iter().flat_map(|c| sentences(old, new, c, &|_| "Amal Haddad".to_string())).collect()
    }

    #[test]
    fn times_status_and_dates_are_told_as_staff_say_them() {
        let monday = Slot { weekday: 1, from: "09:00".into(), to: "12:00".into() };
        let old = plan(vec![action(2, "Sprogskole", vec![])]);
        let mut new = plan(vec![action(2, "Sprogskole", vec![monday.clone()])]);
        assert_eq!(told(&old, &new), vec!["Indsatsen \"Sprogskole\" fik tidspunkt mandag 9.00–12.00."]);
        let before = new.clone();
        let a = &mut new.goals[0].actions[0];
        a.slots.push(Slot { weekday: 3, from: "13:30".into(), to: "15:00".into() });
        a.status = "active".into();
        a.end_date = Some("2026-06-30".into());
        assert_eq!(
            told(&before, &new),
            vec![
                "Indsatsen \"Sprogskole\" fik tidspunkterne mandag 9.00–12.00 og onsdag 13.30–15.00 (før: mandag 9.00–12.00).",
                "Indsatsen \"Sprogskole\" skiftede status fra Planlagt til I gang.",
                "Indsatsen \"Sprogskole\" slutter nu 30.06.2026.",
            ]
        );
    }

    #[test]
    fn goals_and_actions_added_or_removed() {
        let empty = PlanDocument::default();
        let new = plan(vec![action(2, "Praktik", vec![Slot { weekday: 2, from: "08:00".into(), to: "16:00".into() }])]);
        assert_eq!(
            told(&empty, &new),
            vec![
                "Målet \"Amal taler dansk\" blev tilføjet under Sprog for Amal Haddad.",
                "Indsatsen \"Praktik\" blev tilføjet for Amal Haddad (tirsdag 8.00–16.00)."
            ]
        );
        assert_eq!(told(&new, &empty), vec!["Målet \"Amal taler dansk\" blev fjernet.", "Indsatsen \"Praktik\" blev fjernet."]);
    }

    #[test]
    fn a_clock_drops_its_leading_zero_only() {
        assert_eq!(clock("09:05"), "9.05");
        assert_eq!(clock("10:00"), "10.00");
        assert_eq!(clock("00:30"), "0.30");
    }
}
