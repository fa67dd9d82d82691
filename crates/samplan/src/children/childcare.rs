//! A child's daycare and school over time (vuggestue, børnehave, skole with grade,
//! modtagelsesklasse, SFO, no place), the institution, the health visitor's and dental
//! contacts and the vaccination programme status as entered; the checks (pure), the
//! rule notices from the rule set (dagtilbudsloven § 44 a and § 11, folkeskoleloven § 5)
//! and the service functions the pages and `/api/v1/persons/{id}/childcare` share.
//!
//! Everyone who may read the child reads this; caseworkers, coordinators and staff of
//! dagtilbud og skole who may read the child record and change it. Every read and change
//! is audited on the person.
use super::is_child;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{DepartmentKind, FieldError, Role, in_calendar, parse_date};
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::children::{ChildcareFields, ChildcareRow, ProfileRow};
use crate::store::persons::PersonRow;
use chrono::NaiveDate;
use rules::{Event, EventKind, Person, ResidenceBasis, RuleSet};
use serde::{Deserialize, Serialize};

/// Period kinds: (code, Danish name).
pub const KINDS: [(&str, &str); 6] = [
    ("nursery", "Vuggestue"),
    ("kindergarten", "Børnehave"),
    ("school", "Skole"),
    ("reception_class", "Modtagelsesklasse"),
    ("sfo", "SFO"),
    ("none", "Ingen plads"),
];

/// Vaccination programme status: (code, Danish name).
pub const VACCINATION: [(&str, &str); 4] = [
    ("unknown", "Ikke oplyst"),
    ("following", "Følger børnevaccinationsprogrammet"),
    ("partly", "Delvist vaccineret"),
    ("not_following", "Følger ikke programmet"),
];

/// Kinds that are a place in daycare or school (cover a small child's day).
pub fn is_place(kind: &str) -> bool {
    matches!(kind, "nursery" | "kindergarten" | "school" | "reception_class")
}

/// The Danish name of a kind code.
pub fn kind_label(code: &str) -> &str {
    KINDS.iter().find(|(c, _)| *c == code).map_or(code, |(_, l)| l)
}

/// The Danish name of a vaccination status code.
pub fn vaccination_label(code: &str) -> &str {
    VACCINATION.iter().find(|(c, _)| *c == code).map_or(code, |(_, l)| l)
}

/// A period as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ChildcarePeriodView)]
pub struct PeriodView {
    /// Id.
    pub id: i64,
    /// Kind code.
    pub kind: String,
    /// Kind in Danish, with the grade for school («Skole, 2. klasse»).
    pub label: String,
    /// School grade (0 = børnehaveklasse).
    pub grade: Option<i64>,
    /// Institution name.
    pub institution: String,
    /// Institution address.
    pub institution_address: String,
    /// ISO first day.
    pub from: String,
    /// ISO last day; `null` while it lasts.
    pub to: Option<String>,
    /// `HH:MM` usually brought.
    pub daily_from: Option<String>,
    /// `HH:MM` usually picked up.
    pub daily_to: Option<String>,
    /// Who recorded it.
    pub created_by: String,
}

fn grade_label(grade: i64) -> String {
    if grade == 0 { "børnehaveklasse".into() } else { format!("{grade}. klasse") }
}

impl From<ChildcareRow> for PeriodView {
    fn from(r: ChildcareRow) -> Self {
        let label = match (r.kind.as_str(), r.grade) {
            ("school", Some(g)) => format!("Skole, {}", grade_label(g)),
            (k, _) => kind_label(k).to_string(),
        };
        PeriodView {
            id: r.id,
            label,
            kind: r.kind,
            grade: r.grade,
            institution: r.institution,
            institution_address: r.institution_address,
            from: r.from_day.to_string(),
            to: r.to_day.map(|d| d.to_string()),
            daily_from: r.daily_from,
            daily_to: r.daily_to,
            created_by: r.created_by,
        }
    }
}

/// Contacts and programme status as shown.
#[derive(Debug, Clone, Serialize, Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Health visitor (sundhedsplejerske): name and how to reach them.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub health_visitor: String,
    /// Dental care (tandpleje): clinic and how to reach it.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub dental_care: String,
    /// Vaccination programme status: `unknown` (also empty), `following`, `partly`, `not_following`.
    #[serde(default)]
    #[schema(pattern = "^(unknown|following|partly|not_following)?$")]
    pub vaccination: String,
    /// Assessed (at about 3) as needing language support.
    #[serde(default)]
    pub language_support: bool,
    /// Lives in an udsat boligområde.
    #[serde(default)]
    pub listed_area: bool,
}

/// A requirement or limit that follows from the rule set for this child.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Notice {
    /// The rule's id.
    pub rule_id: String,
    /// What it means for the child, in Danish.
    pub message: String,
    /// The legal source.
    pub source: String,
    /// False while the rule is to be confirmed.
    pub confirmed: bool,
    /// True when the child's records break it today.
    pub breached: bool,
}

/// Everything about a child's daycare and school.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Childcare {
    /// The child.
    pub person_id: i64,
    /// Periods, by first day.
    pub periods: Vec<PeriodView>,
    /// Contacts and programme status.
    pub profile: Profile,
    /// Requirements and limits from the rule set.
    pub notices: Vec<Notice>,
}

/// A new or corrected period (also the page form's fields).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = ChildcarePeriodInput)]
#[serde(deny_unknown_fields)]
pub struct PeriodInput {
    /// Kind: `nursery`, `kindergarten`, `school`, `reception_class`, `sfo`, `none`.
    #[serde(default)]
    pub kind: String,
    /// School grade 0–10 (required for `school`).
    #[serde(default)]
    pub grade: Option<i64>,
    /// Institution name (required unless `none`).
    #[serde(default)]
    pub institution: String,
    /// Institution address.
    #[serde(default)]
    pub institution_address: String,
    /// ISO first day.
    #[serde(default)]
    pub from: String,
    /// ISO last day; omitted or empty while it lasts.
    #[serde(default)]
    pub to: Option<String>,
    /// `HH:MM` the child is usually brought (optional).
    #[serde(default)]
    pub daily_from: Option<String>,
    /// `HH:MM` the child is usually picked up (optional).
    #[serde(default)]
    pub daily_to: Option<String>,
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn parse_time(field: &'static str, raw: &str) -> Result<String, FieldError> {
    chrono::NaiveTime::parse_from_str(&raw.trim().replace('.', ":"), "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| FieldError::new(field, format!("«{raw}» er ikke et klokkeslæt på formen TT:MM, fx 07:30")))
}

fn day(s: &str) -> Option<NaiveDate> {
    crate::domain::stored_day(s)
}

use crate::domain::chrono_day;
use crate::persons::danish_date;

/// Checks a period against the child's birth and other periods (without itself when
/// correcting): places (vuggestue, børnehave, skole, modtagelsesklasse, no place) do not
/// overlap each other, nor SFO another SFO. Every error names its field.
pub fn check_period(input: &PeriodInput, birth: Option<NaiveDate>, others: &[ChildcareRow]) -> Result<ChildcareFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = input.kind.trim();
    if !KINDS.iter().any(|(c, _)| *c == kind) {
        let names: Vec<String> = KINDS.iter().map(|(c, l)| format!("{c} ({l})")).collect();
        let why = if kind.is_empty() { "vælg dagtilbud eller skole".to_string() } else { format!("«{kind}» er ikke et dagtilbud eller en skoleform") };
        errors.push(FieldError::new("kind", format!("{why}; brug en af: {}", names.join(", "))));
    }
    let grade = match (kind, input.grade) {
        ("school", None) => {
            errors.push(FieldError::new("grade", "skriv klassetrinnet (0 for børnehaveklasse, 1–10)"));
            None
        }
        ("school", Some(g)) if !(0..=10).contains(&g) => {
            errors.push(FieldError::new("grade", format!("klassetrin {g} findes ikke; brug 0 (børnehaveklasse) til 10")));
            None
        }
        ("school", g) => g,
        _ => None,
    };
    let institution = input.institution.trim().to_string();
    if kind != "none" && !kind.is_empty() && institution.is_empty() {
        errors.push(FieldError::new("institution", "skriv institutionens eller skolens navn"));
    }
    if institution.chars().count() > 200 || input.institution_address.trim().chars().count() > 200 {
        errors.push(FieldError::new("institution", "navn og adresse må højst have 200 tegn hver"));
    }
    let date = |field: &'static str, raw: &str, what: &str, errors: &mut Vec<FieldError>| match parse_date(field, raw) {
        Ok(d) if birth.is_some_and(|b| d < b) => {
            errors.push(FieldError::new(field, format!("{what} {} ligger før barnets fødselsdato", danish_date(&d))));
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let from = if input.from.trim().is_empty() {
        errors.push(FieldError::new("from", "startdatoen mangler"));
        None
    } else {
        date("from", &input.from, "startdatoen", &mut errors)
    };
    let to = blank(&input.to).and_then(|raw| date("to", raw, "slutdatoen", &mut errors));
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        errors.push(FieldError::new("to", format!("slutdatoen {} ligger før startdatoen {}", danish_date(&t), danish_date(&f))));
    }
    let times = (blank(&input.daily_from).map(|r| parse_time("daily_from", r)), blank(&input.daily_to).map(|r| parse_time("daily_to", r)));
    let (daily_from, daily_to) = match times {
        (None, None) => (None, None),
        (Some(Ok(a)), Some(Ok(b))) if a < b => (Some(a), Some(b)),
        (Some(Ok(_)), Some(Ok(_))) => {
            errors.push(FieldError::new("daily_to", "afhentningen skal ligge efter aflevering"));
            (None, None)
        }
        (a, b) => {
            for (field, t) in [("daily_from", a), ("daily_to", b)] {
                match t {
                    Some(Err(e)) => errors.push(e),
                    None => errors.push(FieldError::new(field, "skriv både aflevering og afhentning, eller ingen af dem")),
                    Some(Ok(_)) => {}
                }
            }
            (None, None)
        }
    };
    if let Some(f) = from.filter(|_| errors.is_empty()) {
        let ends = |t: Option<NaiveDate>| t.unwrap_or(NaiveDate::MAX);
        let group = |k: &str| if k == "sfo" { 1 } else { 0 };
        for o in others.iter().filter(|o| group(&o.kind) == group(kind)) {
            let (of, ot) = (chrono_day(o.from_day), o.to_day.map(chrono_day));
            if f <= ends(ot) && of <= ends(to) {
                let until = ot.map_or_else(|| "igangværende".to_string(), |t| format!("til {}", danish_date(&t)));
                let of = danish_date(&of);
                errors.push(FieldError::new(
                    "from",
                    format!("perioden overlapper «{}» fra {of} {until}; afslut den først (et barn har én plads ad gangen)", kind_label(&o.kind)),
                ));
                break;
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(from) = from else { return Err(errors) };
    let from_day = in_calendar("from", &input.from, from).map_err(|e| vec![e])?;
    let to_day = match to {
        Some(t) => Some(in_calendar("to", input.to.as_deref().unwrap_or(""), t).map_err(|e| vec![e])?),
        None => None,
    };
    Ok(ChildcareFields {
        kind: kind.to_string(),
        grade,
        institution,
        institution_address: input.institution_address.trim().to_string(),
        from_day,
        to_day,
        daily_from,
        daily_to,
    })
}

/// Checks contacts and status.
pub fn check_profile(p: &Profile) -> Result<Profile, Vec<FieldError>> {
    let mut errors = Vec::new();
    let vaccination = if p.vaccination.trim().is_empty() { "unknown" } else { p.vaccination.trim() };
    if !VACCINATION.iter().any(|(c, _)| *c == vaccination) {
        let names: Vec<String> = VACCINATION.iter().map(|(c, l)| format!("{c} ({l})")).collect();
        errors.push(FieldError::new("vaccination", format!("«{vaccination}» er ikke en status; brug en af: {}", names.join(", "))));
    }
    for (field, v) in [("health_visitor", &p.health_visitor), ("dental_care", &p.dental_care)] {
        if v.trim().chars().count() > 300 {
            errors.push(FieldError::new(field, "må højst have 300 tegn"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Profile {
        health_visitor: p.health_visitor.trim().into(),
        dental_care: p.dental_care.trim().into(),
        vaccination: vaccination.into(),
        language_support: p.language_support,
        listed_area: p.listed_area,
    })
}

/// Whether a period covers `date`.
pub fn covers(r: &ChildcareRow, date: NaiveDate) -> bool {
    chrono_day(r.from_day) <= date && r.to_day.is_none_or(|t| chrono_day(t) >= date)
}

/// The requirements and limits the rule set gives this child on `today`: the obligatory
/// learning offer (§ 44 a) and language stimulation (§ 11) for a child without a place,
/// and the reception class's 2 years (§ 5). The child's facts become events of a
/// `rules::Person`, so ages, hours, sources and "to be confirmed" come from the rules.
pub fn notices(birth_date: &str, periods: &[ChildcareRow], profile: &Profile, rules: &RuleSet, today: NaiveDate) -> Vec<Notice> {
    let as_date = crate::domain::calendar_day;
    let (Some(birth), Some(t)) = (calendar::Date::parse(birth_date).ok(), as_date(today)) else { return Vec::new() };
    let has_place = periods.iter().any(|p| is_place(&p.kind) && covers(p, today));
    // Since when the child has been without a place: the day after the last place ended.
    let without_since = periods
        .iter()
        .filter(|p| is_place(&p.kind))
        .filter_map(|p| p.to_day.map(chrono_day))
        .filter(|d| *d < today)
        .max()
        .map_or(today, |d| d.succ_opt().unwrap_or(today));
    let mut person = Person::new(birth, ResidenceBasis::Other);
    if !has_place {
        let since = as_date(without_since).unwrap_or(t);
        if profile.listed_area {
            person.events.push(Event { kind: EventKind::ListedAreaWithoutDaycare, date: since });
        }
        if profile.language_support {
            person.events.push(Event { kind: EventKind::LanguageSupportWithoutDaycare, date: since });
        }
    }
    let mut out: Vec<Notice> = rules::weekly_hours(rules, &person, t)
        .into_iter()
        .filter(|h| h.rule_id.starts_with("daycare."))
        .map(|h| {
            let rule = rules.rules().iter().find(|r| r.id == h.rule_id && r.version == h.rule_version);
            Notice {
                message: format!("Barnet har ingen plads i dagtilbud og skal have et tilbud på mindst {} timer om ugen ({}).", h.hours, h.title.to_lowercase()),
                source: rule.map(|r| r.source.to_string()).unwrap_or_default(),
                rule_id: h.rule_id,
                confirmed: h.confirmed,
                breached: true,
            }
        })
        .collect();
    // The reception class counts from the first day of the reception class spell that lasts today.
    let mut reception: Vec<&ChildcareRow> = periods.iter().filter(|p| p.kind == "reception_class").collect();
    reception.sort_by_key(|p| p.from_day);
    if let Some(current) = reception.iter().rev().find(|p| covers(p, today) || p.to_day.is_none()) {
        let mut start = current.from_day;
        for p in reception.iter().rev() {
            if let Some(end) = p.to_day
                && end.next_day().ok() == Some(start)
            {
                start = p.from_day;
            }
        }
        let mut p = Person::new(birth, ResidenceBasis::Other);
        p.events.push(Event { kind: EventKind::ReceptionClassStart, date: start });
        let start = start.danish();
        for end in rules.derive(&p, t, &calendar::Calendar::new()).periods.into_iter().filter(|e| e.rule_id == "school.reception_class") {
            let breached = end.ends < t;
            out.push(Notice {
                rule_id: end.rule_id,
                message: if breached {
                    format!(
                        "Barnet har gået i modtagelsesklasse siden {start}; perioden sluttede {} – barnet skal undervises i en almindelig klasse.",
                        end.ends.danish()
                    )
                } else {
                    format!("Barnet går i modtagelsesklasse siden {start}; senest til {}.", end.ends.danish())
                },
                source: end.source.to_string(),
                confirmed: end.confirmed,
                breached,
            });
        }
    }
    out
}

/// Periods as the weekly schedule reads them: when a child is in a place on a date.
pub fn schedule_places(rows: &[ChildcareRow]) -> Vec<crate::plans::schedule::Place> {
    rows.iter()
        .filter(|r| is_place(&r.kind) || r.kind == "sfo")
        .map(|r| crate::plans::schedule::Place {
            person_id: r.person_id,
            from: chrono_day(r.from_day),
            to: r.to_day.map(chrono_day),
            daily: r.daily_from.as_deref().zip(r.daily_to.as_deref()).map(|(a, b)| (a.to_string(), b.to_string())),
        })
        .collect()
}

/// Whether the actor may change a child's records: caseworkers, coordinators and staff of
/// dagtilbud og skole (who must also be able to read the child).
pub async fn may_write(state: &AppState, actor: &Actor) -> Result<bool, AppError> {
    if actor.role.writes_persons() {
        return Ok(true);
    }
    if actor.role != Role::DepartmentStaff {
        return Ok(false);
    }
    let tenant = actor.person_reader()?;
    Ok(crate::auth::access::department_of(&state.store, &tenant, actor).await?.as_deref() == Some(DepartmentKind::DaycareAndSchool.code()))
}

/// The child, readable by the actor and under 18; 404 otherwise (also for adults, whose
/// record has no daycare).
async fn child(state: &AppState, actor: &Actor, person_id: i64) -> Result<(PersonRow, Tenant), AppError> {
    let access = actor.person_access(&state.store).await?;
    let p = access.person(&state.store, person_id).await?;
    if !is_child(&p.birth_date, chrono::Local::now().date_naive()) {
        return Err(AppError::NotFound("barnet"));
    }
    Ok((p, access.tenant().clone()))
}

pub(crate) async fn writable_child(state: &AppState, actor: &Actor, person_id: i64) -> Result<(PersonRow, Tenant), AppError> {
    let found = child(state, actor, person_id).await?;
    if !may_write(state, actor).await? {
        return Err(AppError::Forbidden("kun sagsbehandlere, koordinatorer og dagtilbud og skole registrerer børns dagtilbud og skole".into()));
    }
    Ok(found)
}

/// Loads a child's records (the caller has checked access and audits).
pub(crate) async fn load(state: &AppState, tenant: &Tenant, child: &PersonRow) -> Result<Childcare, AppError> {
    let rows = state.store.childcare_periods(tenant, child.id).await?;
    let profile = state
        .store
        .child_profile(tenant, child.id)
        .await?
        .map(|p| Profile {
            health_visitor: p.health_visitor,
            dental_care: p.dental_care,
            vaccination: p.vaccination,
            language_support: p.language_support == 1,
            listed_area: p.listed_area == 1,
        })
        .unwrap_or_else(|| Profile { vaccination: "unknown".into(), ..Default::default() });
    let rules = crate::deadlines::municipality_rule_set(&state.store, tenant).await?;
    let notices = notices(&child.birth_date, &rows, &profile, &rules, chrono::Local::now().date_naive());
    Ok(Childcare { person_id: child.id, periods: rows.into_iter().map(PeriodView::from).collect(), profile, notices })
}

/// A child's records for a reader, audited.
pub async fn read(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, detail: &str) -> Result<(PersonRow, Childcare), AppError> {
    let (p, tenant) = child(state, actor, person_id).await?;
    let out = load(state, &tenant, &p).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), detail)]).await?;
    Ok((p, out))
}

fn span(f: &ChildcareFields) -> String {
    format!("{} {} {}–{}", f.kind, f.institution, f.from_day, f.to_day.map(|d| d.to_string()).unwrap_or_default())
}

/// Records a period.
pub async fn add_period(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &PeriodInput) -> Result<PeriodView, AppError> {
    let (p, tenant) = writable_child(state, actor, person_id).await?;
    let others = state.store.childcare_periods(&tenant, person_id).await?;
    let fields = check_period(input, day(&p.birth_date), &others).map_err(AppError::Invalid)?;
    let id = state.store.add_childcare(&tenant, person_id, &fields, &actor.user.login).await?;
    record(
        state,
        vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), format!("dagtilbud/skole {id} registreret: {}", span(&fields)))],
    )
    .await?;
    let row = state.store.childcare_periods(&tenant, person_id).await?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound("perioden"))?;
    Ok(row.into())
}

/// The child, its municipality and its periods when the caller may change period `id`
/// of `person_id` (403/404): checked before the change is read.
pub(crate) async fn writable_period(state: &AppState, actor: &Actor, person_id: i64, id: i64) -> Result<(PersonRow, Tenant, Vec<ChildcareRow>), AppError> {
    let (p, tenant) = writable_child(state, actor, person_id).await?;
    let all = state.store.childcare_periods(&tenant, person_id).await?;
    if !all.iter().any(|r| r.id == id) {
        return Err(AppError::NotFound("perioden"));
    }
    Ok((p, tenant, all))
}

/// Replaces a period (ending one is a change like any other).
pub async fn change_period(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64, input: &PeriodInput) -> Result<PeriodView, AppError> {
    let (p, tenant, all) = writable_period(state, actor, person_id, id).await?;
    let old = all.iter().find(|r| r.id == id).cloned().ok_or(AppError::NotFound("perioden"))?;
    let others: Vec<ChildcareRow> = all.into_iter().filter(|r| r.id != id).collect();
    let fields = check_period(input, day(&p.birth_date), &others).map_err(AppError::Invalid)?;
    let stored = ChildcareFields {
        kind: old.kind.clone(),
        grade: old.grade,
        institution: old.institution.clone(),
        institution_address: old.institution_address.clone(),
        from_day: old.from_day,
        to_day: old.to_day,
        daily_from: old.daily_from.clone(),
        daily_to: old.daily_to.clone(),
    };
    if fields == stored {
        // Submitted unchanged: nothing is written and nothing is recorded as a change.
        return Ok(old.into());
    }
    state.store.update_childcare(&tenant, person_id, id, &fields).await?;
    let before = ChildcareFields { grade: None, institution_address: String::new(), daily_from: None, daily_to: None, ..stored };
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::Person,
            Some(person_id),
            format!("dagtilbud/skole {id} ændret fra {} til {}", span(&before), span(&fields)),
        )],
    )
    .await?;
    let row = state.store.childcare_periods(&tenant, person_id).await?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound("perioden"))?;
    Ok(row.into())
}

/// Deletes a wrongly entered period.
pub async fn delete_period(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, id: i64) -> Result<(), AppError> {
    let (_, tenant) = writable_child(state, actor, person_id).await?;
    if !state.store.delete_childcare(&tenant, person_id, id).await? {
        return Err(AppError::NotFound("perioden"));
    }
    record(state, vec![meta.event(actor, AuditAction::Delete, AuditEntity::Person, Some(person_id), format!("dagtilbud/skole {id} slettet"))]).await?;
    Ok(())
}

/// Stores contacts and programme status.
pub async fn save_profile(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &Profile) -> Result<Profile, AppError> {
    let (_, tenant) = writable_child(state, actor, person_id).await?;
    let p = check_profile(input).map_err(AppError::Invalid)?;
    let stored = state.store.child_profile(&tenant, person_id).await?;
    let unchanged = match &stored {
        Some(s) => {
            (s.health_visitor.as_str(), s.dental_care.as_str(), s.vaccination.as_str(), s.language_support == 1, s.listed_area == 1)
                == (p.health_visitor.as_str(), p.dental_care.as_str(), p.vaccination.as_str(), p.language_support, p.listed_area)
        }
        None => p.health_visitor.is_empty() && p.dental_care.is_empty() && p.vaccination == "unknown" && !p.language_support && !p.listed_area,
    };
    if unchanged {
        // Submitted unchanged: nothing is written and nothing is recorded as a change.
        return Ok(p);
    }
    let row = ProfileRow {
        person_id,
        health_visitor: p.health_visitor.clone(),
        dental_care: p.dental_care.clone(),
        vaccination: p.vaccination.clone(),
        language_support: i64::from(p.language_support),
        listed_area: i64::from(p.listed_area),
        updated_by: actor.user.login.clone(),
        updated_at: String::new(),
    };
    state.store.save_child_profile(&tenant, &row).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::Person,
            Some(person_id),
            format!("barnets kontakter og vaccinationsstatus ({}) registreret", p.vaccination),
        )],
    )
    .await?;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, kind: &str, from: &str, to: Option<&str>) -> ChildcareRow {
        ChildcareRow {
            id,
            person_id: 1,
            kind: kind.into(),
            grade: None,
            institution: "Solsikken".into(),
            institution_address: String::new(),
            from_day: from.parse().unwrap(),
            to_day: to.map(|t| t.parse().unwrap()),
            daily_from: None,
            daily_to: None,
            created_by: String::new(),
            created_at: String::new(),
            updated_at: None,
        }
    }

    fn input(kind: &str, from: &str, to: Option<&str>) -> PeriodInput {
        PeriodInput { kind: kind.into(), institution: "Solsikken".into(), from: from.into(), to: to.map(Into::into), ..Default::default() }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn fields(r: Result<ChildcareFields, Vec<FieldError>>) -> Vec<String> {
        r.err().unwrap_or_default().into_iter().map(|e| e.field.to_string()).collect()
    }

    #[test]
    fn the_schedule_reads_places_and_sfo_but_not_no_place() {
        let mut kindergarten = row(2, "kindergarten", "2026-01-01", None);
        kindergarten.daily_from = Some("08:00".into());
        kindergarten.daily_to = Some("12:00".into());
        let rows = [row(1, "none", "2025-01-01", Some("2025-12-31")), kindergarten, row(3, "sfo", "2026-08-01", None)];
        let places = schedule_places(&rows);
        assert_eq!(places.len(), 2, "«ingen plads» is no place for the schedule's one daycare rule");
        assert_eq!((places[0].from, places[0].daily.clone()), (d("2026-01-01"), Some(("08:00".to_string(), "12:00".to_string()))));
        assert_eq!((places[1].from, places[1].daily.clone()), (d("2026-08-01"), None));
    }

    #[test]
    fn periods_are_checked_field_by_field() {
        let birth = Some(d("2021-04-01"));
        assert!(check_period(&input("kindergarten", "2024-08-01", None), birth, &[]).is_ok());
        assert_eq!(fields(check_period(&input("school", "2027-08-01", None), birth, &[])), ["grade"]);
        assert_eq!(fields(check_period(&PeriodInput { grade: Some(11), ..input("school", "2027-08-01", None) }, birth, &[])), ["grade"]);
        assert_eq!(fields(check_period(&input("sailing", "2024-08-01", None), birth, &[])), ["kind"]);
        assert_eq!(fields(check_period(&input("nursery", "2020-08-01", None), birth, &[])), ["from"]);
        assert_eq!(fields(check_period(&input("nursery", "2022-08-01", Some("2022-07-01")), birth, &[])), ["to"]);
        assert_eq!(fields(check_period(&PeriodInput { institution: " ".into(), ..input("nursery", "2022-08-01", None) }, birth, &[])), ["institution"]);
        assert!(check_period(&PeriodInput { institution: String::new(), ..input("none", "2022-08-01", None) }, birth, &[]).is_ok());
        let t = PeriodInput { daily_from: Some("8.00".into()), daily_to: Some("07:00".into()), ..input("nursery", "2022-08-01", None) };
        assert_eq!(fields(check_period(&t, birth, &[])), ["daily_to"]);
        let t = PeriodInput { daily_from: Some("8.00".into()), ..input("nursery", "2022-08-01", None) };
        assert_eq!(fields(check_period(&t, birth, &[])), ["daily_to"]);
        let ok =
            check_period(&PeriodInput { daily_from: Some("7.30".into()), daily_to: Some("15:45".into()), ..input("nursery", "2022-08-01", None) }, birth, &[])
                .unwrap();
        assert_eq!((ok.daily_from.as_deref(), ok.daily_to.as_deref()), (Some("07:30"), Some("15:45")));
    }

    #[test]
    fn one_place_at_a_time_but_sfo_beside_school() {
        let others = [row(1, "kindergarten", "2024-08-01", None)];
        assert_eq!(fields(check_period(&input("nursery", "2025-01-01", None), None, &others)), ["from"]);
        let school = [row(2, "school", "2027-08-01", None)];
        assert!(check_period(&input("sfo", "2027-08-01", None), None, &school).is_ok());
        assert!(check_period(&input("nursery", "2022-08-01", Some("2024-07-31")), None, &others).is_ok());
    }

    #[test]
    fn the_rule_set_gives_the_learning_offer_and_the_reception_class_limit() {
        let rules = RuleSet::shipped();
        let listed = Profile { listed_area: true, ..Default::default() };
        // A 1-year-old in a listed area without a place: 25 hours (§ 44 a).
        let n = notices("2025-03-01", &[], &listed, rules, d("2026-06-01"));
        assert_eq!(n.len(), 1, "{n:?}");
        assert!(n[0].message.contains("25 timer") && n[0].source.contains("§ 44 a") && !n[0].confirmed, "{n:?}");
        // With a place: nothing. At 3: § 44 a no longer applies.
        assert!(notices("2025-03-01", &[row(1, "nursery", "2026-04-01", None)], &listed, rules, d("2026-06-01")).is_empty());
        assert!(notices("2022-03-01", &[], &listed, rules, d("2026-06-01")).is_empty());
        let language = Profile { language_support: true, ..Default::default() };
        let n = notices("2023-03-01", &[], &language, rules, d("2026-06-01"));
        assert!(n.len() == 1 && n[0].message.contains("30 timer") && n[0].source.contains("§ 11"), "{n:?}");
        // Reception class: 2 years from its start, across a change of class.
        let rc = [row(1, "reception_class", "2025-01-08", Some("2025-06-30")), row(2, "reception_class", "2025-07-01", None)];
        let n = notices("2015-03-01", &rc, &Profile::default(), rules, d("2027-06-01"));
        assert!(n.len() == 1 && n[0].breached && n[0].message.contains("siden 08.01.2025"), "{n:?}");
        let n = notices("2015-03-01", &rc, &Profile::default(), rules, d("2026-06-01"));
        assert!(n.len() == 1 && !n[0].breached && n[0].message.contains("07.01.2027"), "{n:?}");
    }
}
