//! "Danskuddannelse" on the person page and its forms: record a referral, change it
//! (start, module, hours, completion or stop), record a module test. A refused form
//! comes back filled in with the error beside its field.
#[cfg(test)]
use super::section::period_of;
use super::section::today;
use super::{CourseInput, CourseView, EndReason, Learner, ModuleTestInput, Track};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::persons::{PersonView, danish_date};
use crate::web::extract::Path;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The Danish name of a form field, for the error summary.
fn field_label(field: &str) -> &'static str {
    match field {
        "learner" => "Kursisttype",
        "applied_on" => "Ansøgt",
        "referred_on" => "Henvist",
        "language_centre" => "Sprogcenter",
        "track" => "Spor",
        "module" => "Modul",
        "start_on" => "Start",
        "hours_per_week" => "Timer om ugen",
        "ended_on" => "Sluttet",
        "end_reason" => "Årsag",
        "end_note" => "Note",
        "taken_on" => "Prøvedato",
        "result" => "Resultat",
        "course_id" => "Forløb",
        _ => "Feltet",
    }
}

/// The referral form's fields (add and change).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CourseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    learner: String,
    #[serde(default)]
    applied_on: String,
    #[serde(default)]
    referred_on: String,
    #[serde(default)]
    language_centre: String,
    #[serde(default)]
    track: String,
    #[serde(default)]
    module: String,
    #[serde(default)]
    start_on: String,
    #[serde(default)]
    hours_per_week: String,
    #[serde(default)]
    ended_on: String,
    #[serde(default)]
    end_reason: String,
    #[serde(default)]
    end_note: String,
}

/// A whole number typed in a form, or the field's error.
fn number(field: &'static str, raw: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    t.parse().map_err(|_| errors.push(FieldError::new(field, format!("«{t}» er ikke et helt tal")))).ok()
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl CourseForm {
    fn input(&self, errors: &mut Vec<FieldError>) -> CourseInput {
        CourseInput {
            learner: self.learner.clone(),
            applied_on: optional(&self.applied_on),
            referred_on: self.referred_on.clone(),
            language_centre: self.language_centre.clone(),
            track: self.track.clone(),
            module: number("module", &self.module, errors),
            start_on: optional(&self.start_on),
            hours_per_week: number("hours_per_week", &self.hours_per_week, errors),
            ended_on: optional(&self.ended_on),
            end_reason: optional(&self.end_reason),
            end_note: Some(self.end_note.clone()),
        }
    }

    fn of(c: &CourseView) -> CourseForm {
        CourseForm {
            learner: c.learner.clone(),
            applied_on: c.applied_on.as_deref().map(danish_date).unwrap_or_default(),
            referred_on: danish_date(&c.referred_on),
            language_centre: c.language_centre.clone(),
            track: c.track.clone(),
            module: c.module.to_string(),
            start_on: c.start_on.as_deref().map(danish_date).unwrap_or_default(),
            hours_per_week: c.hours_per_week.to_string(),
            ended_on: c.ended_on.as_deref().map(danish_date).unwrap_or_default(),
            end_reason: c.end_reason.clone().unwrap_or_default(),
            end_note: c.end_note.clone(),
            ..Default::default()
        }
    }
}

/// The options of one select: (code, Danish label).
type Options = Vec<(&'static str, &'static str)>;

/// Recording or changing a referral.
#[derive(Template)]
#[template(path = "danish_education/course.html")]
pub struct CoursePage {
    chrome: Chrome,
    person: PersonView,
    /// `None` when adding.
    course: Option<CourseView>,
    values: CourseForm,
    errors: Vec<FieldError>,
}

impl CoursePage {
    /// The date and text inputs: (name, Danish label, hint, value).
    fn text_fields(&self) -> Vec<(&'static str, &'static str, &'static str, &str)> {
        let v = &self.values;
        vec![
            ("referred_on", "Henvist (DD.MM.ÅÅÅÅ)", "Dagen kommunen henviste til sprogcentret.", &v.referred_on),
            ("applied_on", "Ansøgt (DD.MM.ÅÅÅÅ)", "Kun S-kursister: fristen for start regnes fra ansøgningen.", &v.applied_on),
            ("language_centre", "Sprogcenter", "", &v.language_centre),
            ("module", "Modul (1–6)", "Det modul personen går på nu.", &v.module),
            ("start_on", "Start (DD.MM.ÅÅÅÅ)", "Første undervisningsdag; kan planlægges frem i tiden.", &v.start_on),
            ("hours_per_week", "Timer om ugen", "Planlagt undervisning om ugen; vises i familiens ugeplan.", &v.hours_per_week),
            ("ended_on", "Sluttet (DD.MM.ÅÅÅÅ)", "Tom mens forløbet løber.", &v.ended_on),
            ("end_note", "Note om afslutningen", "", &v.end_note),
        ]
    }

    fn choices(&self) -> Vec<(&'static str, &'static str, Options)> {
        vec![
            ("learner", "Kursisttype", Learner::ALL.iter().map(|l| (l.code(), l.label())).collect()),
            ("track", "Spor", Track::ALL.iter().map(|t| (t.code(), t.label())).collect()),
            ("end_reason", "Årsag til afslutning", EndReason::ALL.iter().map(|r| (r.code(), r.label())).collect()),
        ]
    }

    fn blank_label(&self, name: &str) -> &'static str {
        if name == "end_reason" { "Ikke afsluttet" } else { "Vælg" }
    }

    fn selected(&self, name: &str, key: &str) -> bool {
        let v = match name {
            "learner" => &self.values.learner,
            "track" => &self.values.track,
            _ => &self.values.end_reason,
        };
        v.trim() == key
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

/// The module test form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TestForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    course_id: String,
    #[serde(default)]
    module: String,
    #[serde(default)]
    taken_on: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    passed: String,
}

/// Recording a module test again after an error.
#[derive(Template)]
#[template(path = "danish_education/test.html")]
pub struct TestPage {
    chrome: Chrome,
    person: PersonView,
    course: CourseView,
    values: TestForm,
    errors: Vec<FieldError>,
}

impl TestPage {
    /// The text inputs: (name, Danish label, value).
    fn fields(&self) -> [(&'static str, &'static str, &str); 3] {
        [
            ("module", "Modul (1–6)", &self.values.module),
            ("taken_on", "Prøvedato (DD.MM.ÅÅÅÅ)", &self.values.taken_on),
            ("result", "Resultat", &self.values.result),
        ]
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }
}

fn back(person_id: i64) -> Response {
    crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/personer/{person_id}#danskuddannelse"))
}

/// The person for a form page, through the reader's access (404 outside it).
async fn person(state: &AppState, actor: &Actor, person_id: i64) -> Result<PersonView, AppError> {
    let access = actor.person_access(&state.store).await?;
    let row = access.person(&state.store, person_id).await?;
    Ok(PersonView::new(row, &state.vault, actor))
}

async fn course_page(
    state: &AppState,
    actor: &Actor,
    person_id: i64,
    course: Option<CourseView>,
    values: CourseForm,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = CoursePage { chrome: Chrome::new(state, actor, "danskuddannelse"), person: person(state, actor, person_id).await?, course, values, errors };
    Ok((status, render(&page).into_response()).into_response())
}

/// GET /personer/{id}/danskuddannelse/ny
pub async fn new_form(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    actor.person_writer()?;
    let values = CourseForm {
        learner: "integration".into(),
        referred_on: today(),
        track: "du2".into(),
        module: "1".into(),
        hours_per_week: "15".into(),
        ..Default::default()
    };
    course_page(&state, &actor, id, None, values, Vec::new()).await
}

/// POST /personer/{id}/danskuddannelse
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CourseForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let mut errors = Vec::new();
    let input = form.input(&mut errors);
    if errors.is_empty() {
        match super::add_course(&state, &actor, &meta, id, &input).await {
            Ok(_) => return Ok(back(id)),
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    course_page(&state, &actor, id, None, form, errors).await
}

async fn recorded(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, course: i64) -> Result<CourseView, AppError> {
    let education = super::read(state, actor, meta, person_id, "danskuddannelse (ændring)").await?;
    education.courses.into_iter().find(|c| c.id == course).ok_or(AppError::NotFound("henvisningen"))
}

/// GET /personer/{id}/danskuddannelse/{course}
pub async fn edit_form(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path((id, course)): Path<(i64, i64)>) -> Result<Response, PageError> {
    actor.person_writer()?;
    let c = recorded(&state, &actor, &meta, id, course).await?;
    let values = CourseForm::of(&c);
    course_page(&state, &actor, id, Some(c), values, Vec::new()).await
}

/// POST /personer/{id}/danskuddannelse/{course}
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, course)): Path<(i64, i64)>,
    Form(form): Form<CourseForm>,
) -> Result<Response, PageError> {
    actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let mut errors = Vec::new();
    let input = form.input(&mut errors);
    if errors.is_empty() {
        match super::change_course(&state, &actor, &meta, id, course, &input).await {
            Ok(_) => return Ok(back(id)),
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    let c = recorded(&state, &actor, &meta, id, course).await?;
    course_page(&state, &actor, id, Some(c), form, errors).await
}

/// POST /personer/{id}/danskuddannelse/proever
pub async fn add_test(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<TestForm>,
) -> Result<Response, PageError> {
    super::test_writer(&state, &actor, id).await?;
    actor.check_csrf(&form.csrf)?;
    let mut errors = Vec::new();
    let course_id = number("course_id", &form.course_id, &mut errors).unwrap_or(0);
    let input = ModuleTestInput {
        course_id,
        module: number("module", &form.module, &mut errors),
        taken_on: form.taken_on.clone(),
        result: form.result.clone(),
        passed: form.passed == "ja",
    };
    if errors.is_empty() {
        match super::add_test(&state, &actor, &meta, id, &input).await {
            Ok(_) => return Ok(back(id)),
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    let course = match recorded(&state, &actor, &meta, id, course_id).await {
        Ok(course) => course,
        // No course to show the form on: the refusal alone, naming the field.
        Err(AppError::NotFound(_)) if !errors.is_empty() => return Err(AppError::Invalid(errors).into()),
        Err(e) => return Err(e.into()),
    };
    let page = TestPage { chrome: Chrome::new(&state, &actor, "danskuddannelse"), person: person(&state, &actor, id).await?, course, values: form, errors };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(learner: &str, start: Option<&str>) -> CourseView {
        let row = crate::store::danish_education::CourseRow {
            id: 1,
            person_id: 1,
            learner: learner.into(),
            applied_on: None,
            referred_on: "2026-01-05".parse().unwrap(),
            language_centre: "Sprogcenter".into(),
            track: "du3".into(),
            module: 1,
            start_on: start.map(|s| s.parse().unwrap()),
            hours_per_week: 9,
            ended_on: None,
            end_reason: None,
            end_note: String::new(),
            created_by: String::new(),
            created_at: String::new(),
            updated_at: None,
        };
        row.into()
    }

    #[test]
    fn a_self_supporting_period_runs_from_the_first_start() {
        let newest = course("self_supporting", Some("2027-03-01"));
        let first = course("self_supporting", Some("2026-02-20"));
        let p = period_of(&[newest.clone(), first], 42, false).unwrap();
        assert_eq!((p.from.as_deref(), p.until.as_deref(), p.confirmed), (Some("2026-02-20"), Some("2029-08-19"), false));
        let p = period_of(&[course("self_supporting", None)], 60, true).unwrap();
        assert_eq!((p.months, p.from, p.until), (60, None, None), "not begun: the length only");
        assert!(period_of(&[course("integration", Some("2026-02-20")), newest], 42, false).is_none(), "the latest referral says what the learner is");
        assert!(period_of(&[], 42, false).is_none());
    }
}
