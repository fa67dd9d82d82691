//! The plan document: goals per life area, each with actions owned by a department,
//! with a responsible person, dates, weekly time slots or weekly hours, and a status.
//! Stored whole as JSON per version; parsed and checked here, every error naming its field.
use crate::domain::person::vocabulary;
use crate::domain::{DepartmentKind, FieldError, parse_date};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The life areas a goal belongs to (livsområder).
    LifeArea, "life_area" {
        Language => ("sprog", "Sprog"),
        Education => ("uddannelse", "Uddannelse"),
        Employment => ("beskaeftigelse", "Beskæftigelse"),
        Health => ("helbred", "Helbred"),
        ChildrenAndSchool => ("boern_og_skole", "Børn og skole"),
        Housing => ("bolig", "Bolig"),
        Economy => ("oekonomi", "Økonomi"),
        Community => ("faellesskab_og_fritid", "Fællesskab og fritid"),
    }
);

vocabulary!(
    /// Where an action stands.
    ActionStatus, "status" {
        Planned => ("planned", "Planlagt"),
        Active => ("active", "I gang"),
        Done => ("done", "Afsluttet"),
        Cancelled => ("cancelled", "Aflyst"),
    }
);

/// The municipality's catalogue of standard actions: (code, Danish title, department).
pub const CATALOGUE: &[(&str, &str, DepartmentKind)] = &[
    ("du1", "Danskuddannelse 1", DepartmentKind::LanguageCentre),
    ("du2", "Danskuddannelse 2", DepartmentKind::LanguageCentre),
    ("du3", "Danskuddannelse 3", DepartmentKind::LanguageCentre),
    ("virksomhedspraktik", "Virksomhedspraktik", DepartmentKind::Jobcenter),
    ("loentilskud", "Løntilskud", DepartmentKind::Jobcenter),
    ("igu", "IGU-forløb", DepartmentKind::BusinessService),
    ("jobsoegning", "Jobsøgning og samtaler", DepartmentKind::Jobcenter),
    ("dagtilbud", "Plads i dagtilbud", DepartmentKind::DaycareAndSchool),
    ("skole", "Skolegang", DepartmentKind::DaycareAndSchool),
    ("helbredsvurdering", "Helbredsvurdering", DepartmentKind::Health),
    ("sundhedsplejerske", "Besøg af sundhedsplejerske", DepartmentKind::Health),
    ("familiestoette", "Familiestøtte", DepartmentKind::ChildrenAndFamily),
    ("boligvejledning", "Boligvejledning", DepartmentKind::Housing),
    // Parent cooperation: usually with an interpreter (the action's `interpreter_language`).
    ("foraeldremoede", "Forældremøde i dagtilbud eller skole", DepartmentKind::DaycareAndSchool),
    ("skole_hjem_samtale", "Skole-hjem-samtale", DepartmentKind::DaycareAndSchool),
    ("foraeldrekursus", "Forældrekursus (forældreuddannelse)", DepartmentKind::ChildrenAndFamily),
];

/// The catalogue's parent-cooperation actions (forældresamarbejde).
pub const PARENT_COOPERATION: &[&str] = &["foraeldremoede", "skole_hjem_samtale", "foraeldrekursus"];

/// Languages offered for an interpreter on the action form (ISO 639 codes; the API
/// takes any code).
pub const INTERPRETER_LANGUAGES: &[&str] = &["ar", "uk", "ti", "so", "prs", "fa", "ps", "ku", "am", "tr", "ru", "fr", "en"];

/// A weekly time slot: weekday 1 (Monday) to 7 (Sunday), from–to as `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// 1 = Monday … 7 = Sunday.
    #[schema(minimum = 1, maximum = 7)]
    pub weekday: u8,
    /// Start, `HH:MM`.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]
    pub from: String,
    /// End, `HH:MM`, after the start.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]
    pub to: String,
}

impl Slot {
    /// Start and end in minutes after midnight (valid slots only).
    pub fn minutes(&self) -> (u32, u32) {
        (minutes(&self.from).unwrap_or(0), minutes(&self.to).unwrap_or(0))
    }
}

/// `HH:MM` (00:00–24:00) as minutes after midnight, without allocating; `None` when malformed.
pub(crate) fn minutes(hhmm: &str) -> Option<u32> {
    forms::slot::minutes(hhmm)
}

/// An action (indsats) in a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable id within the plan; given by the server when missing.
    #[serde(default)]
    pub id: i64,
    /// Code from the municipality's catalogue, or none for a free-text action.
    #[serde(default)]
    pub catalogue_code: Option<String>,
    /// What is done (filled from the catalogue when empty).
    #[serde(default)]
    pub title: String,
    /// Owning department (code).
    #[schema(value_type = crate::domain::DepartmentKind)]
    pub department: String,
    /// The responsible staff member's user id.
    #[serde(default)]
    pub responsible_user_id: Option<i64>,
    /// The responsible staff member's name.
    #[serde(default)]
    pub responsible_name: String,
    /// Whom it is for; the goal's person when missing.
    #[serde(default)]
    pub person_id: Option<i64>,
    /// ISO start date.
    #[schema(format = Date)]
    pub start_date: String,
    /// ISO end date, on or after the start.
    #[serde(default)]
    pub end_date: Option<String>,
    /// Fixed weekly time slots.
    #[serde(default)]
    pub slots: Vec<Slot>,
    /// Weekly hours when there are no fixed slots.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 80)]
    pub weekly_hours: Option<f64>,
    /// Status code.
    #[serde(default = "planned")]
    #[schema(value_type = ActionStatus)]
    pub status: String,
    /// The language an interpreter is needed in (ISO 639 code, e.g. `ar`); none: no
    /// interpreter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter_language: Option<String>,
}

fn planned() -> String {
    "planned".into()
}

/// A goal (mål) in a life area, for the family or one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Stable id within the plan; given by the server when missing.
    #[serde(default)]
    pub id: i64,
    /// Life area code.
    #[schema(value_type = LifeArea)]
    pub life_area: String,
    /// The member it is for; none = the whole family.
    #[serde(default)]
    pub person_id: Option<i64>,
    /// The goal in words.
    #[schema(pattern = r"\S")]
    pub text: String,
    /// Its actions.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// A whole plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDocument {
    /// The family's coordinator (user id).
    #[serde(default)]
    pub coordinator_user_id: Option<i64>,
    /// Members with an education order (uddannelsespålæg), for the 15-hour rule.
    #[serde(default)]
    pub education_orders: Vec<i64>,
    /// Goals.
    #[serde(default)]
    pub goals: Vec<Goal>,
}

impl Action {
    /// The person the action is for: its own, or its goal's.
    pub fn person(&self, goal: &Goal) -> Option<i64> {
        self.person_id.or(goal.person_id)
    }

    /// Danish label of the status.
    pub fn status_label(&self) -> &'static str {
        ActionStatus::parse(&self.status).map(|s| s.label()).unwrap_or("ukendt")
    }

    /// Danish label of the department.
    pub fn department_label(&self) -> &'static str {
        DepartmentKind::parse(&self.department).map(|d| d.label()).unwrap_or("ukendt")
    }

    /// "Tolk på arabisk", when an interpreter is needed.
    pub fn interpreter_label(&self) -> Option<String> {
        self.interpreter_language.as_deref().map(|c| format!("Tolk på {}", crate::domain::person::language_name(c)))
    }

    /// Whether it is one of the catalogue's parent-cooperation actions.
    pub fn is_parent_cooperation(&self) -> bool {
        self.catalogue_code.as_deref().is_some_and(|c| PARENT_COOPERATION.contains(&c))
    }

    /// Checks the action; `at` is its path in the document (e.g. `goals[0].actions[1]`).
    pub fn check(&mut self, at: &str, members: &[i64], errors: &mut Vec<FieldError>) {
        let field = |name: &str| format!("{at}.{name}");
        if let Some(code) = self.catalogue_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            match CATALOGUE.iter().find(|(c, _, _)| *c == code) {
                Some((_, title, _)) if self.title.trim().is_empty() => self.title = (*title).into(),
                Some(_) => {}
                None => errors.push(FieldError::new(field("catalogue_code"), format!("«{code}» findes ikke i kataloget"))),
            }
        } else {
            self.catalogue_code = None;
        }
        self.title = self.title.trim().to_string();
        if self.title.is_empty() {
            errors.push(FieldError::new(field("title"), "skal udfyldes (eller vælg en indsats fra kataloget)"));
        } else if self.title.chars().count() > 200 {
            errors.push(FieldError::new(field("title"), "må højst have 200 tegn"));
        }
        if let Err(e) = DepartmentKind::parse(&self.department) {
            errors.push(FieldError::new(field("department"), e.reason));
        }
        if let Err(e) = ActionStatus::parse(&self.status) {
            errors.push(FieldError::new(field("status"), e.reason));
        }
        if self.person_id.is_some_and(|p| !members.contains(&p)) {
            errors.push(FieldError::new(field("person_id"), "personen er ikke medlem af familien"));
        }
        let start = parse_date("start_date", &self.start_date).map_err(|e| errors.push(FieldError::new(field("start_date"), e.reason))).ok();
        let end = self
            .end_date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .and_then(|raw| parse_date("end_date", raw).map_err(|e| errors.push(FieldError::new(field("end_date"), e.reason))).ok());
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errors.push(FieldError::new(field("end_date"), "slutdatoen ligger før startdatoen"));
        }
        self.start_date = start.map(|d| d.to_string()).unwrap_or_else(|| self.start_date.clone());
        self.end_date = end.map(|d| d.to_string());
        for (i, slot) in self.slots.iter().enumerate() {
            errors.extend(forms::slot::check(&format!("{at}.slots[{i}]"), slot.weekday, &slot.from, &slot.to).into_iter().map(FieldError::from));
        }
        if let Some(h) = self.weekly_hours
            && (!(0.0..=80.0).contains(&h) || !h.is_finite())
        {
            errors.push(FieldError::new(field("weekly_hours"), "skal være mellem 0 og 80 timer"));
        }
        self.interpreter_language = match self.interpreter_language.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(raw) => match crate::domain::person::LanguageList::parse(raw) {
                Ok(list) if list.codes().len() == 1 && list.codes()[0] != "da" => Some(list.codes()[0].clone()),
                Ok(list) if list.codes().first().is_some_and(|c| c == "da") => {
                    errors.push(FieldError::new(field("interpreter_language"), "der skal ikke tolkes til dansk; vælg forælderens sprog eller «Ingen tolk»"));
                    None
                }
                _ => {
                    errors.push(FieldError::new(field("interpreter_language"), format!("«{raw}» er ikke én sprogkode (ISO 639, fx ar, uk, ti)")));
                    Some(raw.to_string())
                }
            },
        };
        self.responsible_name = self.responsible_name.trim().to_string();
    }
}

impl PlanDocument {
    /// Parses stored JSON (stored documents were checked when saved).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plan documents serialise")
    }

    /// Each department with an action in the plan and whom it is for (`None`: the whole
    /// family), without repeats: what links department staff to the family's persons.
    pub fn department_links(&self) -> Vec<(Option<i64>, String)> {
        let mut links: Vec<(Option<i64>, String)> =
            self.goals.iter().flat_map(|g| g.actions.iter().map(move |a| (a.person(g), a.department.clone()))).collect();
        links.sort();
        links.dedup();
        links
    }

    /// Checks every goal and action against the family's members, gives new goals and
    /// actions ids (never reusing one of `previous`), and collects every error.
    pub fn check(&mut self, members: &[i64], previous: Option<&PlanDocument>) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        // Ids are given by the server; one near the top of the range was not, and new ids
        // after it would overflow.
        let highest = self.max_id().max(previous.map_or(0, PlanDocument::max_id));
        if highest > i64::from(i32::MAX) {
            return Err(vec![FieldError::new("goals", format!("id {highest} er ikke givet af planen; udelad id for nye mål og indsatser"))]);
        }
        let mut next = highest + 1;
        for (g, goal) in self.goals.iter_mut().enumerate() {
            let at = format!("goals[{g}]");
            if let Err(e) = LifeArea::parse(&goal.life_area) {
                errors.push(FieldError::new(format!("{at}.life_area"), e.reason));
            }
            goal.text = goal.text.trim().to_string();
            if goal.text.is_empty() {
                errors.push(FieldError::new(format!("{at}.text"), "skal udfyldes"));
            }
            if goal.person_id.is_some_and(|p| !members.contains(&p)) {
                errors.push(FieldError::new(format!("{at}.person_id"), "personen er ikke medlem af familien"));
            }
            if goal.id <= 0 {
                goal.id = next;
                next += 1;
            }
            for (a, action) in goal.actions.iter_mut().enumerate() {
                action.check(&format!("{at}.actions[{a}]"), members, &mut errors);
                if action.id <= 0 {
                    action.id = next;
                    next += 1;
                }
            }
        }
        self.education_orders.retain(|p| members.contains(p));
        let mut ids: Vec<i64> = self.goals.iter().flat_map(|g| std::iter::once(g.id).chain(g.actions.iter().map(|a| a.id))).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            errors.push(FieldError::new("goals", "to mål eller indsatser har samme id"));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    fn max_id(&self) -> i64 {
        self.goals.iter().flat_map(|g| std::iter::once(g.id).chain(g.actions.iter().map(|a| a.id))).max().unwrap_or(0)
    }

    /// Every action with its goal.
    pub fn actions(&self) -> impl Iterator<Item = (&Goal, &Action)> {
        self.goals.iter().flat_map(|g| g.actions.iter().map(move |a| (g, a)))
    }

    /// An action and its goal by id.
    pub fn action(&self, id: i64) -> Option<(&Goal, &Action)> {
        self.actions().find(|(_, a)| a.id == id)
    }
}
