//! The knowledge base's forms: describe and change a method, submit it, start a new
//! version, the secretariat's decision, comments and attachments. Bad input re-renders
//! the form with each field's reason; nothing stored is lost.
use super::comments::{self, CommentInput};
use super::pages::{NAV, method_page};
use super::review::{self, DecisionInput};
use super::service;
use super::{EvidenceLevel, LifeArea, MethodInput, TargetGroup, Theme, attachments, drafter};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::web::extract::Path;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The method form.
#[derive(Template)]
#[template(path = "knowledge/form.html")]
pub struct FormPage {
    chrome: Chrome,
    action: String,
    heading: String,
    cancel: String,
    values: MethodInput,
    errors: Vec<FieldError>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn field_label(&self, field: &str) -> &'static str {
        match field {
            "title" => "Titel",
            "summary" => "Beskrivelse",
            "theme" => "Tema",
            "life_area" => "Livsområde",
            "target_group" => "Målgruppe",
            "evidence_level" => "Evidensniveau",
            "results" => "Resultater",
            _ => "Kontakt",
        }
    }

    /// The choices of each select: (field, [(code, label)], current value).
    fn selects(&self) -> Vec<Select<'_>> {
        vec![
            ("theme", Theme::ALL.iter().map(|t| (t.code(), t.label())).collect(), self.values.theme.as_str()),
            ("life_area", LifeArea::ALL.iter().map(|t| (t.code(), t.label())).collect(), self.values.life_area.as_str()),
            ("target_group", TargetGroup::ALL.iter().map(|t| (t.code(), t.label())).collect(), self.values.target_group.as_str()),
            ("evidence_level", EvidenceLevel::ALL.iter().map(|t| (t.code(), t.label())).collect(), self.values.evidence_level.as_str()),
        ]
    }
}

/// A select of the method form: field, choices as (code, label), current value.
type Select<'a> = (&'static str, Vec<(&'static str, &'static str)>, &'a str);

/// The method form as posted.
#[derive(Debug, Deserialize)]
pub struct MethodForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: MethodInput,
}

fn form_page(state: &AppState, actor: &Actor, action: String, heading: String, cancel: String, values: MethodInput, errors: Vec<FieldError>) -> Response {
    render(&FormPage { chrome: Chrome::new(state, actor, NAV), action, heading, cancel, values, errors }).into_response()
}

/// GET /viden/ny
pub async fn new_form(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    drafter(&actor)?;
    Ok(form_page(&state, &actor, "/viden/ny".into(), "Beskriv en metode eller lokal erfaring".into(), "/viden/mine".into(), MethodInput::default(), Vec::new()))
}

/// POST /viden/ny
pub async fn create(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<MethodForm>) -> Result<Response, PageError> {
    drafter(&actor)?;
    actor.check_csrf(&form.csrf)?;
    match service::create(&state, &actor, &meta, &form.input).await {
        Ok(id) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/viden/{id}"))),
        Err(AppError::Invalid(errors)) => {
            Ok(form_page(&state, &actor, "/viden/ny".into(), "Beskriv en metode eller lokal erfaring".into(), "/viden/mine".into(), form.input, errors))
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /viden/{id}/rediger
pub async fn edit_form(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    drafter(&actor)?;
    // Only the author municipality sees the form, as only it may save it.
    let loaded = service::load_own(&state, &actor, id).await?;
    let latest = loaded.latest();
    let heading = format!("Ret «{}» (version {})", latest.title, latest.version);
    Ok(form_page(
        &state,
        &actor,
        format!("/viden/{id}/rediger"),
        heading,
        format!("/viden/{id}?version={}", latest.version),
        MethodInput::from_version(latest),
        Vec::new(),
    ))
}

/// POST /viden/{id}/rediger
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<MethodForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match service::update(&state, &actor, &meta, id, &form.input).await {
        Ok(version) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/viden/{id}?version={version}"))),
        Err(AppError::Invalid(errors)) => {
            Ok(form_page(&state, &actor, format!("/viden/{id}/rediger"), "Ret metoden".into(), format!("/viden/{id}"), form.input, errors))
        }
        Err(e) => Err(e.into()),
    }
}

/// A form with only the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /viden/{id}/indsend
pub async fn submit(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    let version = service::submit(&state, &actor, &meta, id).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Sent, &format!("/viden/{id}?version={version}")))
}

/// POST /viden/{id}/ny-version
pub async fn new_version(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    service::new_version(&state, &actor, &meta, id).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/viden/{id}/rediger")))
}

/// The decision form as posted.
#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
}

/// POST /viden/{id}/afgoerelse
pub async fn decide(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    super::reviewer(&actor)?;
    service::load(&state, &actor, id).await?;
    actor.check_csrf(&form.csrf)?;
    let version = form.version.trim().parse::<i64>().map_err(|_| FieldError::new("version", "mangler eller er ikke et versionsnummer"))?;
    // An approval says «Godkendt»; a rejection or a request for changes is saved.
    let notice = if form.decision.trim() == "approve" { crate::web::notice::Notice::Approved } else { crate::web::notice::Notice::Saved };
    let input = DecisionInput { version, decision: form.decision, comment: form.comment };
    match review::decide(&state, &actor, &meta, id, &input).await {
        Ok(()) => Ok(crate::web::notice::after(notice, &format!("/viden/{id}?version={version}"))),
        Err(AppError::Invalid(errors)) => {
            let loaded = service::load(&state, &actor, id).await?;
            Ok(method_page(&state, &actor, loaded, Some(version), None, errors, Default::default()).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// The comment form as posted.
#[derive(Debug, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: CommentInput,
}

/// POST /viden/{id}/kommentarer
pub async fn comment(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> Result<Response, PageError> {
    service::load(&state, &actor, id).await?;
    actor.check_csrf(&form.csrf)?;
    match comments::add(&state, &actor, &meta, id, &form.input).await {
        Ok(comment) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/viden/{id}#kommentar-{comment}"))),
        Err(AppError::Invalid(errors)) => {
            let loaded = service::load(&state, &actor, id).await?;
            let kept = (form.input.kind.clone(), form.input.body.clone());
            Ok(method_page(&state, &actor, loaded, None, None, errors, kept).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /viden/{id}/bilag (multipart: csrf, file)
pub async fn attach(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let mut csrf = String::new();
    let mut file: Option<(String, Option<String>, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| AppError::BadRequest(format!("kan ikke læse den sendte fil: {e}")))? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let declared = field.content_type().map(str::to_string);
                let data = field.bytes().await.map_err(|_| FieldError::new("file", "filen er for stor (højst 5 MB) eller kunne ikke læses"))?;
                file = Some((name, declared, data.to_vec()));
            }
            _ => {}
        }
    }
    actor.check_csrf(&csrf)?;
    let (name, declared, data) = file.unwrap_or_default();
    match attachments::add(&state, &actor, &meta, id, &name, declared.as_deref(), &data).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/viden/{id}#bilag"))),
        Err(AppError::Invalid(errors)) => {
            let loaded = service::load(&state, &actor, id).await?;
            let latest = loaded.latest().version;
            Ok(method_page(&state, &actor, loaded, Some(latest), None, errors, Default::default()).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /viden/{id}/bilag/{attachment}
pub async fn download(State(state): State<AppState>, actor: Actor, Path((id, attachment)): Path<(i64, i64)>) -> Result<Response, PageError> {
    Ok(attachments::download(&state, &actor, id, attachment).await?)
}
