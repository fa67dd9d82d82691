//! The family pages: the list of families and the family page with its members.
use super::FamilyInput;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::persons::PersonView;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::families::FamilyRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;

/// The family list.
#[derive(Template)]
#[template(path = "families/list.html")]
pub struct ListPage {
    chrome: Chrome,
    q: String,
    families: Vec<FamilyRow>,
    total: i64,
    page: i64,
    pages: i64,
    can_create: bool,
    errors: Vec<FieldError>,
    /// Only the families with a member the user may read are listed (decision 005).
    linked_only: bool,
}

/// List parameters.
#[derive(Debug, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    side: Option<i64>,
}

async fn list_page(state: &AppState, actor: &Actor, meta: &RequestMeta, q: String, page: i64, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let access = actor.person_access(&state.store).await?;
    let total = state.store.count_families(access.tenant(), access.reach()).await?;
    let filter = Some(q.trim().to_lowercase()).filter(|s| !s.is_empty());
    let page = page.max(1);
    let families = state.store.families(access.tenant(), access.reach(), filter.as_deref(), PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let events = families.iter().map(|f| meta.event(actor, AuditAction::Read, AuditEntity::Family, Some(f.id), "familieliste")).collect();
    record(state, events).await?;
    let status = if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let view = ListPage {
        chrome: Chrome::new(state, actor, "familier"),
        q,
        families,
        total,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        can_create: actor.role.writes_persons(),
        errors,
        linked_only: !access.is_all(),
    };
    Ok((status, render(&view)).into_response())
}

/// GET /familier
pub async fn list(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(p): Query<ListParams>) -> Result<Response, PageError> {
    Ok(list_page(&state, &actor, &meta, p.q, p.side.unwrap_or(1), Vec::new()).await?)
}

/// The new-family form's fields.
#[derive(Debug, Deserialize)]
pub struct FamilyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    street: String,
    #[serde(default)]
    postal_code: String,
    #[serde(default)]
    city: String,
}

/// POST /familier/ny
pub async fn create(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<FamilyForm>) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let input = FamilyInput { name: form.name, street: Some(form.street), postal_code: Some(form.postal_code), city: Some(form.city) };
    let fields = match input.parse() {
        Ok(f) => f,
        Err(errors) => return Ok(list_page(&state, &actor, &meta, String::new(), 1, errors).await?),
    };
    let id = state.store.create_family(&tenant, &fields).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::Family, Some(id), "oprettet")]).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/familier/{id}")))
}

/// The family page.
#[derive(Template)]
#[template(path = "families/show.html")]
pub struct ShowPage {
    chrome: Chrome,
    family: FamilyRow,
    groups: Vec<(&'static str, Vec<PersonView>)>,
    can_edit: bool,
    /// Only the members the user may read are shown (decision 005).
    linked_only: bool,
    /// Home visits: today's mark and the latest notes (caseworkers and coordinators).
    visit: Option<crate::visits::FamilySection>,
}

/// GET /familier/{id}
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let (family, members) = access.family(&state.store, id).await?;
    let mut events = vec![meta.event(&actor, AuditAction::Read, AuditEntity::Family, Some(id), "familieside")];
    events.extend(members.iter().map(|m| meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(m.id), "familiemedlem på familieside")));
    record(&state, events).await?;
    let (adults, children): (Vec<_>, Vec<_>) = members.into_iter().map(|m| PersonView::new(m, &state.vault, &actor)).partition(|p| p.family_role == "adult");
    let groups = vec![("Voksne", adults), ("Børn", children)];
    let visit = crate::visits::family_section(&state, &actor, id).await?;
    let page = ShowPage {
        chrome: Chrome::new(&state, &actor, "familier"),
        family,
        groups,
        can_edit: actor.role.writes_persons(),
        linked_only: !access.is_all(),
        visit,
    };
    Ok(render(&page).into_response())
}
