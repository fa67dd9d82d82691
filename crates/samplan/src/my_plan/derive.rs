//! A person's Min plan derived from the family plan, in plain language and one of the
//! catalogue's languages: their goals (their own and the family's), their actions with
//! where, who and when, the next appointments from the weekly time slots, their contact
//! persons and their deadlines. Pure: the plan, the deadlines, the names and "today"
//! come in as values, so the same input always gives the same Min plan.
//!
//! Words come from the translation catalogue (`i18n`); text written by staff (goals,
//! free-text actions) is kept as written and marked as Danish.
use crate::plans::{Action, ActionStatus, Goal, PlanDocument};
use chrono::{Datelike, Duration, NaiveDate};
use i18n::Language;
use serde::Serialize;

/// How many days ahead the next appointments are looked for.
pub const APPOINTMENT_DAYS: i64 = 14;
/// At most this many next appointments are shown.
pub const MAX_APPOINTMENTS: usize = 8;

/// A piece of text and, when it is not in the page's language, the language it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Text {
    /// The text.
    pub text: String,
    /// BCP 47 tag of the text's language when it differs from the plan's (e.g. `da`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// True when the catalogue lacks a translation and this is the Danish text instead.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
}

impl Text {
    /// Text in the plan's own language.
    pub fn plain(text: impl Into<String>) -> Self {
        Text { text: text.into(), lang: None, fallback: false }
    }

    /// Whether the text is in another language than the plan's.
    pub fn foreign(&self) -> bool {
        self.lang.is_some()
    }
}

/// What the derivation needs to know about the person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Id.
    pub id: i64,
    /// Full name.
    pub name: String,
}

/// A deadline of the person, as stored.
#[derive(Debug, Clone)]
pub struct DeadlineInput {
    /// Rule id, e.g. `contract.deadline`.
    pub rule_id: String,
    /// Danish title from the rule set.
    pub title: String,
    /// ISO due date.
    pub due: String,
    /// Already met.
    pub met: bool,
}

/// Everything a Min plan is made from.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Whose plan.
    pub person: Person,
    /// The family plan (as far as the reader may see it).
    pub plan: &'a PlanDocument,
    /// Its version number (0: no plan yet).
    pub version: i64,
    /// The family coordinator's name.
    pub coordinator: Option<String>,
    /// The person's deadlines.
    pub deadlines: Vec<DeadlineInput>,
    /// "Holbæk Kommune".
    pub municipality: String,
    /// Today.
    pub today: NaiveDate,
    /// The municipality's approved texts for the plan's language (decision 062).
    pub overrides: &'a i18n::Overrides,
}

/// Headings and field labels, in the plan's language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Labels {
    /// "My goals".
    pub goals: Text,
    /// "What I will do".
    pub actions: Text,
    /// "Where".
    pub department: Text,
    /// "Contact person".
    pub responsible: Text,
    /// "Period".
    pub period: Text,
    /// "When".
    pub times: Text,
    /// "Status".
    pub status: Text,
    /// "My next appointments".
    pub appointments: Text,
    /// "My contact persons".
    pub contacts: Text,
    /// "Important dates".
    pub deadlines: Text,
    /// "in Danish": the marker of text not in the plan's language.
    pub in_danish: Text,
}

/// An action in the person's plan.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyAction {
    /// What is done: the catalogue's text, or the staff's own words.
    pub title: Text,
    /// The department, by its plain name.
    pub department: Text,
    /// The responsible staff member.
    pub responsible: Option<String>,
    /// "From … to …".
    pub period: Text,
    /// Weekly times, or weekly hours.
    pub times: Vec<Text>,
    /// Status code (`planned`, `active`, `done`).
    pub status_code: String,
    /// Status in words.
    pub status: Text,
    /// For the whole family rather than the person.
    pub for_family: bool,
}

/// A goal in the person's plan.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyGoal {
    /// Life area, in words.
    pub area: Text,
    /// The goal as staff wrote it.
    pub text: Text,
    /// A goal for the whole family.
    pub for_family: bool,
    /// Its actions for the person.
    pub actions: Vec<MyAction>,
}

/// One coming appointment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Appointment {
    /// ISO date.
    pub date: String,
    /// `HH:MM`.
    pub from: String,
    /// When, in words ("Monday 01.12.2026, 09:00–12:00").
    pub when: Text,
    /// What.
    pub what: Text,
    /// Where.
    pub department: Text,
}

/// A contact person.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Their role: a department, or "family coordinator".
    pub role: Text,
}

/// A deadline in plain language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyDeadline {
    /// What.
    pub title: Text,
    /// ISO due date.
    pub due: String,
    /// "By 01.03.2027".
    pub due_text: Text,
}

/// A person's Min plan in one language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyPlan {
    /// Whose.
    pub person_id: i64,
    /// Their name.
    pub person_name: String,
    /// Language code (`da`, `ar`, …).
    pub language: String,
    /// BCP 47 tag for `lang` attributes.
    pub language_tag: String,
    /// `rtl` for Arabic and Dari, else `ltr`.
    pub direction: String,
    /// The municipality's name.
    pub municipality: String,
    /// ISO date it was made.
    pub date: String,
    /// The family plan's version (0: no plan yet).
    pub plan_version: i64,
    /// "My plan for …".
    pub title: Text,
    /// Municipality, date, version.
    pub meta: Vec<Text>,
    /// What the plan is.
    pub intro: Text,
    /// That staff text is shown in Danish (absent in Danish).
    pub staff_text_note: Option<Text>,
    /// Headings and labels.
    pub labels: Labels,
    /// Goals with actions.
    pub goals: Vec<MyGoal>,
    /// Shown when there are no goals.
    pub no_goals: Text,
    /// The next appointments.
    pub appointments: Vec<Appointment>,
    /// Shown when there are none.
    pub no_appointments: Text,
    /// Contact persons.
    pub contacts: Vec<Contact>,
    /// Shown when there are none.
    pub no_contacts: Text,
    /// Open deadlines, soonest first.
    pub deadlines: Vec<MyDeadline>,
    /// Shown when there are none.
    pub no_deadlines: Text,
    /// Where to ask.
    pub footer: Text,
}

/// Looks up catalogue words for one language.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a>(pub &'static Language, pub &'a i18n::Overrides);

impl Words<'_> {
    /// The text of `key` with arguments (the municipality's own text first); Danish,
    /// marked, when the language lacks it.
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> Text {
        let args: Vec<(&str, i18n::Value<'_>)> = args.iter().map(|(name, text)| (*name, i18n::Value::Text(text))).collect();
        Self::marked(i18n::text_overridden(self.0, self.1, key, &args))
    }

    /// A key whose one argument is a number, so the language's plural form is chosen.
    pub fn counted(&self, key: &str, name: &str, number: f64) -> Text {
        Self::marked(i18n::text_overridden(self.0, self.1, key, &[(name, i18n::Value::Number(number))]))
    }

    fn marked(t: i18n::Translated) -> Text {
        let lang = t.fallback.then(|| i18n::danish().tag.to_string());
        Text { text: t.text, lang, fallback: t.fallback }
    }

    /// A key without arguments.
    pub fn key(&self, key: &str) -> Text {
        self.get(key, &[])
    }

    /// Text written by staff: as written, marked as Danish unless the plan is Danish.
    pub fn staff(&self, text: &str) -> Text {
        let lang = (self.0.code != "da").then(|| i18n::danish().tag.to_string());
        Text { text: text.to_string(), lang, fallback: false }
    }

    fn weekday(&self, n: u32) -> String {
        self.key(&format!("weekday-{n}")).text
    }
}

/// `dd.mm.yyyy`, read the same way in every supported language.
pub fn date_text(iso: &str) -> String {
    crate::persons::danish_date(iso)
}

/// Whether an action or goal concerns the person: their own, or the whole family's.
fn concerns(person: Option<i64>, id: i64) -> bool {
    person.is_none_or(|p| p == id)
}

fn action_title(words: Words<'_>, action: &Action) -> Text {
    match action.catalogue_code.as_deref() {
        // A catalogue action keeps its catalogue text unless staff gave it their own title.
        Some(code) if crate::plans::document::CATALOGUE.iter().any(|(c, title, _)| *c == code && *title == action.title) => {
            words.key(&format!("action-{code}"))
        }
        _ => words.staff(&action.title),
    }
}

fn my_action(words: Words<'_>, goal: &Goal, action: &Action) -> MyAction {
    let period = match &action.end_date {
        Some(end) => words.get("period-from-to", &[("from", &date_text(&action.start_date)), ("to", &date_text(end))]),
        None => words.get("period-from", &[("from", &date_text(&action.start_date))]),
    };
    let mut times: Vec<Text> =
        action.slots.iter().map(|s| words.get("slot", &[("weekday", &words.weekday(u32::from(s.weekday))), ("from", &s.from), ("to", &s.to)])).collect();
    if times.is_empty()
        && let Some(hours) = action.weekly_hours
    {
        times.push(words.counted("weekly-hours", "hours", (hours * 10.0).round() / 10.0));
    }
    MyAction {
        title: action_title(words, action),
        department: words.key(&format!("dept-{}", action.department)),
        responsible: Some(action.responsible_name.clone()).filter(|n| !n.is_empty()),
        period,
        times,
        status_code: action.status.clone(),
        status: words.key(&format!("status-{}", action.status)),
        for_family: action.person(goal).is_none(),
    }
}

fn live(action: &Action) -> bool {
    matches!(ActionStatus::parse(&action.status), Ok(ActionStatus::Planned | ActionStatus::Active))
}

fn appointments(words: Words<'_>, input: &Input) -> Vec<Appointment> {
    let mut out = Vec::new();
    for (goal, action) in input.plan.actions() {
        if !concerns(action.person(goal), input.person.id) || !live(action) {
            continue;
        }
        let start = NaiveDate::parse_from_str(&action.start_date, "%Y-%m-%d").ok();
        let end = action.end_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        for offset in 0..APPOINTMENT_DAYS {
            let day = input.today + Duration::days(offset);
            if start.is_some_and(|s| day < s) || end.is_some_and(|e| day > e) {
                continue;
            }
            for slot in action.slots.iter().filter(|s| u32::from(s.weekday) == day.weekday().number_from_monday()) {
                let date = day.to_string();
                out.push(Appointment {
                    when: words.get(
                        "appointment",
                        &[("weekday", &words.weekday(day.weekday().number_from_monday())), ("date", &date_text(&date)), ("from", &slot.from), ("to", &slot.to)],
                    ),
                    date,
                    from: slot.from.clone(),
                    what: action_title(words, action),
                    department: words.key(&format!("dept-{}", action.department)),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.date, &a.from).cmp(&(&b.date, &b.from)));
    out.truncate(MAX_APPOINTMENTS);
    out
}

fn contacts(words: Words<'_>, input: &Input) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    if let Some(name) = input.coordinator.as_ref().filter(|n| !n.is_empty()) {
        out.push(Contact { name: name.clone(), role: words.key("coordinator") });
    }
    for (goal, action) in input.plan.actions() {
        if !concerns(action.person(goal), input.person.id) || !live(action) || action.responsible_name.is_empty() {
            continue;
        }
        let role = words.key(&format!("dept-{}", action.department));
        if !out.iter().any(|c| c.name == action.responsible_name && c.role == role) {
            out.push(Contact { name: action.responsible_name.clone(), role });
        }
    }
    out
}

/// The citizen's words for a rule's deadline: `deadline-` and the rule id, or of the
/// family it belongs to (`company_offer.praktik.job_ready` → `deadline-company_offer-praktik`).
fn deadline_key(rule_id: &str) -> Option<String> {
    let parts: Vec<&str> = rule_id.split('.').collect();
    (1..=parts.len()).rev().map(|n| format!("deadline-{}", parts[..n].join("-"))).find(|key| i18n::has(i18n::danish(), key))
}

/// The person's Min plan in `language`.
pub fn derive(input: &Input, language: &'static Language) -> MyPlan {
    let words = Words(language, input.overrides);
    let goals: Vec<MyGoal> = input
        .plan
        .goals
        .iter()
        .filter(|g| concerns(g.person_id, input.person.id) || g.actions.iter().any(|a| a.person(g) == Some(input.person.id)))
        .map(|g| MyGoal {
            area: words.key(&format!("area-{}", g.life_area)),
            text: words.staff(&g.text),
            for_family: g.person_id.is_none(),
            actions: g
                .actions
                .iter()
                .filter(|a| concerns(a.person(g), input.person.id) && a.status != ActionStatus::Cancelled.code())
                .map(|a| my_action(words, g, a))
                .collect(),
        })
        .collect();
    let mut deadlines: Vec<&DeadlineInput> = input.deadlines.iter().filter(|d| !d.met).collect();
    deadlines.sort_by(|a, b| a.due.cmp(&b.due));
    let date = input.today.to_string();
    let mut meta = vec![Text::plain(&input.municipality), words.get("printed-on", &[("date", &date_text(&date))])];
    if input.version > 0 {
        meta.push(words.get("plan-version", &[("version", &input.version.to_string())]));
    }
    MyPlan {
        person_id: input.person.id,
        person_name: input.person.name.clone(),
        language: language.code.into(),
        language_tag: language.tag.into(),
        direction: if language.rtl { "rtl" } else { "ltr" }.into(),
        municipality: input.municipality.clone(),
        date,
        plan_version: input.version,
        title: words.get("my-plan-for", &[("name", &input.person.name)]),
        meta,
        intro: if input.version > 0 { words.key("intro") } else { words.key("no-plan") },
        staff_text_note: (language.code != "da").then(|| words.key("staff-text-note")),
        labels: Labels {
            goals: words.key("goals"),
            actions: words.key("actions"),
            department: words.key("department"),
            responsible: words.key("responsible"),
            period: words.key("period"),
            times: words.key("times"),
            status: words.key("status"),
            appointments: words.key("appointments"),
            contacts: words.key("contacts"),
            deadlines: words.key("deadlines"),
            in_danish: words.key("in-danish"),
        },
        goals,
        no_goals: words.key("no-goals"),
        appointments: appointments(words, input),
        no_appointments: words.key("no-appointments"),
        contacts: contacts(words, input),
        no_contacts: words.key("no-contacts"),
        deadlines: deadlines
            .into_iter()
            .map(|d| {
                let title = match deadline_key(&d.rule_id) {
                    Some(key) => words.key(&key),
                    None => words.staff(&d.title),
                };
                MyDeadline { title, due: d.due.clone(), due_text: words.get("deadline-due", &[("date", &date_text(&d.due))]) }
            })
            .collect(),
        no_deadlines: words.key("no-deadlines"),
        footer: words.key("footer"),
    }
}

/// An invented family's plan for previewing texts (the translators' page): goals of the
/// person and the family, catalogue actions with weekly times and hours, contacts and
/// deadlines, around `today` so that appointments show.
pub fn sample_plan(today: NaiveDate) -> PlanDocument {
    let day = |d: i64| (today + Duration::days(d)).to_string();
    let slot = |weekday, from: &str, to: &str| crate::plans::Slot { weekday, from: from.into(), to: to.into() };
    let action = |id, code: &str, department: &str, responsible: &str, slots, hours| Action {
        id,
        catalogue_code: Some(code.into()),
        title: crate::plans::document::CATALOGUE.iter().find(|(c, _, _)| *c == code).map(|(_, t, _)| t.to_string()).unwrap_or_default(),
        department: department.into(),
        responsible_user_id: None,
        responsible_name: responsible.into(),
        person_id: None,
        start_date: day(-30),
        end_date: Some(day(180)),
        slots,
        weekly_hours: hours,
        status: "active".into(),
        interpreter_language: None,
    };
    PlanDocument {
        coordinator_user_id: None,
        education_orders: vec![],
        goals: vec![
            Goal {
                id: 1,
                life_area: "sprog".into(),
                person_id: Some(1),
                text: "Eksempel: tale dansk på arbejdet".into(),
                actions: vec![action(2, "du2", "sprogcenter", "Eksempel Underviser", vec![slot(1, "09:00", "12:00"), slot(3, "09:00", "12:00")], None)],
            },
            Goal {
                id: 3,
                life_area: "beskaeftigelse".into(),
                person_id: Some(1),
                text: "Eksempel: job inden for et år".into(),
                actions: vec![
                    action(4, "virksomhedspraktik", "jobcenter", "Eksempel Konsulent", vec![slot(2, "08:00", "15:00")], None),
                    action(5, "jobsoegning", "jobcenter", "Eksempel Konsulent", vec![], Some(1.0)),
                ],
            },
            Goal {
                id: 6,
                life_area: "boern_og_skole".into(),
                person_id: None,
                text: "Eksempel: børnene trives".into(),
                actions: vec![action(7, "foraeldremoede", "dagtilbud_og_skole", "Eksempel Pædagog", vec![], Some(2.0))],
            },
        ],
    }
}

/// The input of [`sample_plan`]'s person, with deadlines of several rules.
pub fn sample_input<'a>(plan: &'a PlanDocument, overrides: &'a i18n::Overrides, today: NaiveDate, municipality: String) -> Input<'a> {
    let due = |d: i64| (today + Duration::days(d)).to_string();
    let deadline = |rule: &str, d| DeadlineInput { rule_id: rule.into(), title: rule.into(), due: due(d), met: false };
    Input {
        person: Person { id: 1, name: "Eksempel Person".into() },
        plan,
        version: 1,
        coordinator: Some("Eksempel Koordinator".into()),
        deadlines: vec![deadline("contract.deadline", 10), deadline("du.start", 20), deadline("health.assessment", 60), deadline("programme.duration", 300)],
        municipality,
        today,
        overrides,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::Slot;

    fn action(id: i64, code: Option<&str>, title: &str, person: Option<i64>, status: &str, slots: Vec<Slot>) -> Action {
        Action {
            id,
            catalogue_code: code.map(str::to_string),
            title: title.into(),
            department: "sprogcenter".into(),
            responsible_user_id: None,
            responsible_name: format!("Ansvarlig {id}"),
            person_id: person,
            start_date: "2026-11-01".into(),
            end_date: Some("2026-12-31".into()),
            slots,
            weekly_hours: None,
            status: status.into(),
            interpreter_language: None,
        }
    }

    fn plan() -> PlanDocument {
        let monday = || vec![Slot { weekday: 1, from: "09:00".into(), to: "12:00".into() }];
        PlanDocument {
            coordinator_user_id: Some(9),
            education_orders: vec![],
            goals: vec![
                Goal {
                    id: 1,
                    life_area: "sprog".into(),
                    person_id: Some(1),
                    text: "Tale dansk".into(),
                    actions: vec![
                        action(2, Some("du2"), "Danskuddannelse 2", None, "active", monday()),
                        action(3, None, "Sprogcafé", None, "cancelled", monday()),
                    ],
                },
                Goal {
                    id: 4,
                    life_area: "bolig".into(),
                    person_id: None,
                    text: "Større bolig".into(),
                    actions: vec![
                        action(5, Some("boligvejledning"), "Egen titel", None, "planned", vec![]),
                        action(6, Some("du1"), "Danskuddannelse 1", Some(2), "active", monday()),
                    ],
                },
                Goal { id: 7, life_area: "helbred".into(), person_id: Some(2), text: "Andens mål".into(), actions: vec![] },
            ],
        }
    }

    static NO_OVERRIDES: std::sync::LazyLock<i18n::Overrides> = std::sync::LazyLock::new(i18n::Overrides::new);

    fn input(doc: &PlanDocument) -> Input<'_> {
        Input {
            person: Person { id: 1, name: "Amal Haddad".into() },
            plan: doc,
            version: 3,
            coordinator: Some("Ahmed Larsen".into()),
            deadlines: vec![
                DeadlineInput { rule_id: "contract.deadline".into(), title: "Integrationskontrakt".into(), due: "2027-01-10".into(), met: false },
                DeadlineInput { rule_id: "x.y".into(), title: "Noget andet".into(), due: "2026-12-01".into(), met: false },
                DeadlineInput { rule_id: "du.start".into(), title: "Start".into(), due: "2026-11-01".into(), met: true },
            ],
            municipality: "Holbæk Kommune".into(),
            // A Wednesday: the Mondays 30 November and 7 December fall within two weeks.
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            overrides: &NO_OVERRIDES,
        }
    }

    #[test]
    fn the_persons_own_and_the_familys_goals_without_cancelled_or_others_actions() {
        let doc = plan();
        let p = derive(&input(&doc), i18n::language("en").unwrap());
        let goals: Vec<&str> = p.goals.iter().map(|g| g.text.text.as_str()).collect();
        assert_eq!(goals, ["Tale dansk", "Større bolig"]);
        let titles: Vec<Vec<&str>> = p.goals.iter().map(|g| g.actions.iter().map(|a| a.title.text.as_str()).collect()).collect();
        assert_eq!(
            titles,
            [vec!["Danish education, track 2 (Danskuddannelse 2)"], vec!["Egen titel"]],
            "catalogue text translated, staff's own title kept, others' and cancelled left out"
        );
        assert_eq!(p.goals[1].actions[0].title.lang.as_deref(), Some("da"));
        assert!(p.goals[1].for_family && p.goals[1].actions[0].for_family);
        assert_eq!(p.goals[0].actions[0].times[0].text, "Monday 09:00–12:00");
        assert_eq!(p.goals[0].actions[0].period.text, "From 01.11.2026 to 31.12.2026");
        assert_eq!(p.meta.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(), ["Holbæk Kommune", "Date: 25.11.2026", "Plan version: 3"]);
    }

    #[test]
    fn appointments_contacts_and_deadlines() {
        let doc = plan();
        let p = derive(&input(&doc), i18n::language("ar").unwrap());
        let dates: Vec<&str> = p.appointments.iter().map(|a| a.date.as_str()).collect();
        assert_eq!(dates, ["2026-11-30", "2026-12-07"], "the person's own Mondays in the next two weeks, not the cancelled café");
        assert_eq!(p.appointments[0].when.text, "الاثنين 30.11.2026، من 09:00 إلى 12:00");
        assert_eq!(p.direction, "rtl");
        let contacts: Vec<(&str, &str)> = p.contacts.iter().map(|c| (c.name.as_str(), c.role.text.as_str())).collect();
        assert_eq!(contacts, [("Ahmed Larsen", "منسق العائلة"), ("Ansvarlig 2", "مركز اللغة (Sprogcenter)"), ("Ansvarlig 5", "مركز اللغة (Sprogcenter)")]);
        // Open deadlines soonest first; a rule without a plain-language title keeps the rule's Danish title, marked.
        assert_eq!(p.deadlines.len(), 2);
        assert_eq!((p.deadlines[0].title.text.as_str(), p.deadlines[0].title.lang.as_deref()), ("Noget andet", Some("da")));
        assert_eq!(p.deadlines[1].title.text, "يجب إعداد عقد الاندماج الخاص بك");
        let ti = derive(&input(&doc), i18n::language("ti").unwrap());
        assert!(!ti.deadlines[1].title.fallback, "every language has the deadline titles");
        assert_eq!(ti.deadlines[1].title.text, "ውዕል ምትእስሳርኩም ክኽተም ኣለዎ");
    }

    #[test]
    fn every_rule_that_gives_a_person_a_date_has_a_citizen_text() {
        // Rules that never put a date in a person's own plan: the municipality's and
        // children's case handling, limits and requirements checked elsewhere.
        let not_a_persons_date = |id: &str| {
            [
                "concern.",
                "child_investigation.",
                "takeover.",
                "quota.",
                "housing.",
                "work_duty.",
                "youth.",
                "daycare.",
                "du.hours_in_programme",
                "igu.eligibility",
                "igu.work_hours",
                "company_offer.ratio",
                "company_offer.extra_jobs",
            ]
            .iter()
            .any(|prefix| id.starts_with(prefix))
        };
        for rule in rules::RuleSet::shipped().rules().iter().filter(|r| !not_a_persons_date(&r.id)) {
            assert!(deadline_key(&rule.id).is_some(), "{} has no deadline text in da.ftl", rule.id);
        }
        assert_eq!(deadline_key("company_offer.praktik.job_ready").as_deref(), Some("deadline-company_offer-praktik"));
        assert_eq!(deadline_key("company_offer.first").as_deref(), Some("deadline-company_offer-first"));
    }

    #[test]
    fn every_catalogue_action_and_department_has_a_citizen_text() {
        // The catalogue test makes every Danish key exist in every language.
        for (code, _, department) in crate::plans::document::CATALOGUE {
            assert!(i18n::has(i18n::danish(), &format!("action-{code}")), "action-{code} is missing in da.ftl");
            assert!(i18n::has(i18n::danish(), &format!("dept-{}", department.code())), "dept-{} is missing in da.ftl", department.code());
        }
    }

    #[test]
    fn no_plan_yet_says_so_and_danish_needs_no_marks() {
        let doc = PlanDocument::default();
        let mut i = input(&doc);
        i.version = 0;
        let p = derive(&i, i18n::danish());
        assert!(p.goals.is_empty() && p.appointments.is_empty());
        assert!(p.intro.text.starts_with("Der er ingen plan endnu"));
        assert!(p.staff_text_note.is_none());
        assert_eq!(p.meta.len(), 2, "no version line without a plan");
    }
}
