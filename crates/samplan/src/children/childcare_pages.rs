//! The child's page `/boern/barn/{id}` (daycare and school over time, contacts,
//! requirements from the rule set, forms to record them) and the children's list on
//! `/boern` with who has no place. A refused form comes back filled in with the error at
//! its field.
use super::childcare::{self, Childcare, KINDS, PeriodInput, PeriodView, Profile, VACCINATION};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::persons::danish_date;
use crate::store::children::ChildLine;
use crate::store::persons::PersonRow;
use crate::web::extract::Path;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// Children on one page of the list.
pub const PAGE_SIZE: i64 = 50;

fn field_label(field: &str) -> &'static str {
    match field {
        "kind" => "Dagtilbud eller skole",
        "grade" => "Klassetrin",
        "institution" => "Institution",
        "from" => "Fra",
        "to" => "Til",
        "daily_from" => "Aflevering",
        "daily_to" => "Afhentning",
        "vaccination" => "Vaccinationsprogram",
        "health_visitor" => "Sundhedsplejerske",
        "dental_care" => "Tandpleje",
        _ => "Feltet",
    }
}

/// The period form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PeriodForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    institution_address: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    daily_from: String,
    #[serde(default)]
    daily_to: String,
}

impl PeriodForm {
    fn of(p: &PeriodView) -> Self {
        PeriodForm {
            csrf: String::new(),
            kind: p.kind.clone(),
            grade: p.grade.map(|g| g.to_string()).unwrap_or_default(),
            institution: p.institution.clone(),
            institution_address: p.institution_address.clone(),
            from: danish_date(&p.from),
            to: p.to.as_deref().map(danish_date).unwrap_or_default(),
            daily_from: p.daily_from.clone().unwrap_or_default(),
            daily_to: p.daily_to.clone().unwrap_or_default(),
        }
    }

    fn input(&self) -> Result<PeriodInput, FieldError> {
        let grade = match self.grade.trim() {
            "" => None,
            g => Some(g.parse::<i64>().map_err(|_| FieldError::new("grade", format!("«{g}» er ikke et klassetrin; skriv et tal fra 0 til 10")))?),
        };
        let some = |s: &str| Some(s.to_string());
        Ok(PeriodInput {
            kind: self.kind.clone(),
            grade,
            institution: self.institution.clone(),
            institution_address: self.institution_address.clone(),
            from: self.from.clone(),
            to: some(&self.to),
            daily_from: some(&self.daily_from),
            daily_to: some(&self.daily_to),
        })
    }
}

/// The contacts form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    health_visitor: String,
    #[serde(default)]
    dental_care: String,
    #[serde(default)]
    vaccination: String,
    #[serde(default)]
    language_support: Option<String>,
    #[serde(default)]
    listed_area: Option<String>,
}

/// The child's page.
#[derive(Template)]
#[template(path = "children/child.html")]
pub struct ChildPage {
    chrome: Chrome,
    child: PersonRow,
    care: Childcare,
    can_edit: bool,
    /// The period being corrected, if any.
    editing: Option<PeriodView>,
    values: PeriodForm,
    profile: Profile,
    kinds: &'static [(&'static str, &'static str)],
    vaccinations: &'static [(&'static str, &'static str)],
    errors: Vec<FieldError>,
}

impl ChildPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }

    fn vaccination_label(&self) -> &str {
        childcare::vaccination_label(&self.care.profile.vaccination)
    }

    /// The period form's text inputs: (name, Danish label, value).
    fn text_fields(&self) -> [(&'static str, &'static str, &str); 7] {
        [
            ("grade", "Klassetrin (kun skole; 0 = børnehaveklasse)", &self.values.grade),
            ("institution", "Institution eller skole", &self.values.institution),
            ("institution_address", "Adresse", &self.values.institution_address),
            ("from", "Fra (DD.MM.ÅÅÅÅ)", &self.values.from),
            ("to", "Til (DD.MM.ÅÅÅÅ; tom hvis igangværende)", &self.values.to),
            ("daily_from", "Aflevering, typisk (TT:MM)", &self.values.daily_from),
            ("daily_to", "Afhentning, typisk (TT:MM)", &self.values.daily_to),
        ]
    }
}

#[expect(clippy::too_many_arguments, reason = "the page is redrawn from every piece a handler holds")]
async fn child_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    editing: Option<i64>,
    values: Option<PeriodForm>,
    profile: Option<Profile>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let (child, care) = childcare::read(state, actor, meta, id, "dagtilbud og skole").await?;
    let editing = match editing {
        Some(pid) => Some(care.periods.iter().find(|p| p.id == pid).cloned().ok_or(AppError::NotFound("perioden"))?),
        None => None,
    };
    let values = values.unwrap_or_else(|| editing.as_ref().map(PeriodForm::of).unwrap_or_default());
    let profile = profile.unwrap_or_else(|| care.profile.clone());
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = ChildPage {
        chrome: Chrome::new(state, actor, "boern"),
        can_edit: childcare::may_write(state, actor).await?,
        child,
        care,
        editing,
        values,
        profile,
        kinds: &KINDS,
        vaccinations: &VACCINATION,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /boern/barn/{id}
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    child_page(&state, &actor, &meta, id, None, None, None, Vec::new()).await
}

/// GET /boern/barn/{id}/perioder/{period}: the page with the period in the form.
pub async fn edit(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path((id, period)): Path<(i64, i64)>) -> Result<Response, PageError> {
    child_page(&state, &actor, &meta, id, Some(period), None, None, Vec::new()).await
}

fn back(id: i64) -> Response {
    crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/boern/barn/{id}#dagtilbud"))
}

/// POST /boern/barn/{id}/perioder
pub async fn add(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<PeriodForm>,
) -> Result<Response, PageError> {
    actor.person_reader()?;
    actor.check_csrf(&form.csrf)?;
    let result = match form.input() {
        Ok(input) => childcare::add_period(&state, &actor, &meta, id, &input).await.map(|_| ()),
        Err(e) => Err(AppError::from(e)),
    };
    match result {
        Ok(()) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => child_page(&state, &actor, &meta, id, None, Some(form), None, errors).await,
        Err(e) => Err(e.into()),
    }
}

/// POST /boern/barn/{id}/perioder/{period}
pub async fn change(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    Form(form): Form<PeriodForm>,
) -> Result<Response, PageError> {
    actor.person_reader()?;
    actor.check_csrf(&form.csrf)?;
    let result = match form.input() {
        Ok(input) => childcare::change_period(&state, &actor, &meta, id, period, &input).await.map(|_| ()),
        Err(e) => Err(AppError::from(e)),
    };
    match result {
        Ok(()) => Ok(back(id)),
        Err(AppError::Invalid(errors)) => child_page(&state, &actor, &meta, id, Some(period), Some(form), None, errors).await,
        Err(e) => Err(e.into()),
    }
}

/// The delete form.
#[derive(Debug, Default, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /boern/barn/{id}/perioder/{period}/slet
pub async fn delete(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, period)): Path<(i64, i64)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    actor.person_reader()?;
    actor.check_csrf(&form.csrf)?;
    childcare::delete_period(&state, &actor, &meta, id, period).await?;
    Ok(back(id))
}

/// POST /boern/barn/{id}/kontakter
pub async fn save_profile(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<ProfileForm>,
) -> Result<Response, PageError> {
    actor.person_reader()?;
    actor.check_csrf(&form.csrf)?;
    let input = Profile {
        health_visitor: form.health_visitor,
        dental_care: form.dental_care,
        vaccination: form.vaccination,
        language_support: form.language_support.is_some(),
        listed_area: form.listed_area.is_some(),
    };
    match childcare::save_profile(&state, &actor, &meta, id, &input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/boern/barn/{id}#kontakter"))),
        Err(AppError::Invalid(errors)) => child_page(&state, &actor, &meta, id, None, None, Some(input), errors).await,
        Err(e) => Err(e.into()),
    }
}

/// A child in the list, as shown.
pub struct ChildItem {
    /// The line.
    pub line: ChildLine,
    /// Age in years.
    pub age: u32,
    /// Today's place in Danish, or «ingen plads registreret».
    pub place: String,
}

impl From<ChildLine> for ChildItem {
    fn from(line: ChildLine) -> Self {
        let age = super::age(&line.birth_date, chrono::Local::now().date_naive()).unwrap_or(0);
        let place = match (line.kind.as_deref(), line.grade) {
            (Some("school"), Some(g)) => format!("Skole, {}", if g == 0 { "børnehaveklasse".to_string() } else { format!("{g}. klasse") }),
            (Some(k), _) => childcare::kind_label(k).to_string(),
            (None, _) => "ingen plads registreret".into(),
        };
        ChildItem { line, age, place }
    }
}

/// A page of the children the reader may read, with today's place; `without_place` keeps
/// the children under 6 with no place today.
pub async fn children(state: &AppState, actor: &Actor, meta: &RequestMeta, without_place: bool, page: i64) -> Result<(Vec<ChildItem>, i64, i64), AppError> {
    let access = actor.person_access(&state.store).await?;
    let today = crate::deadlines::today();
    let years_ago = |y: i64| today.add_months(-12 * y).unwrap_or(today);
    let page = page.max(1);
    let (rows, total) = state
        .store
        .children_page(access.tenant(), access.reach(), today, years_ago(18), without_place.then(|| years_ago(6)), PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await?;
    crate::auth::audit::record(state, meta.person_reads(actor, rows.iter().map(|r| r.id), "børneliste")).await?;
    Ok((rows.into_iter().map(ChildItem::from).collect(), total, page))
}
