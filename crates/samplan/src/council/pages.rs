//! The council's pages under `/integrationsraad`: the overview (members with the
//! minimum-size warning, meetings, recommendations), a page per meeting (agenda,
//! documents, minutes, publishing, PDFs) and per recommendation (status, follow-ups),
//! and one form page for members, meetings and recommendations. A refused form comes
//! back filled in with the error beside its field.
use super::{Council, FollowUpInput, ItemInput, MeetingInput, MeetingView, MemberInput, RecommendationInput, RecommendationView, StatusInput};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{DepartmentKind, FieldError};
use crate::error::{AppError, PageError};
use crate::web::extract::Path;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// `/integrationsraad`.
#[derive(Template)]
#[template(path = "council/overview.html")]
pub struct OverviewPage {
    chrome: Chrome,
    council: Council,
    warning: Option<String>,
    can_edit: bool,
    public_link: String,
}

/// GET /integrationsraad
pub async fn overview(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let (tenant, council) = super::load_for(&state, &actor).await?;
    let page = OverviewPage {
        chrome: Chrome::new(&state, &actor, "integrationsraad"),
        warning: council.size_warning(),
        council,
        can_edit: super::may_edit(actor.role),
        public_link: format!("/integrationsraad/offentlig/{tenant}"),
    };
    Ok(render(&page).into_response())
}

/// One field of a form page.
pub struct Field {
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    /// `input`, `textarea` or `select`.
    kind: &'static str,
    value: String,
    options: Vec<(String, String)>,
    error: Option<String>,
}

fn field(name: &'static str, label: &'static str, hint: &'static str, kind: &'static str, value: &str) -> Field {
    Field { name, label, hint, kind, value: value.to_string(), options: Vec::new(), error: None }
}

/// A form page (members, meetings, recommendations).
#[derive(Template)]
#[template(path = "council/form.html")]
pub struct FormPage {
    chrome: Chrome,
    title: String,
    intro: &'static str,
    action: String,
    submit: &'static str,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

impl FormPage {
    fn label(&self, name: &str) -> &'static str {
        self.fields.iter().find(|f| f.name == name || name.starts_with(&format!("{}.", f.name))).map(|f| f.label).unwrap_or("Felt")
    }
}

#[expect(clippy::too_many_arguments, reason = "the form page is redrawn from every piece a handler holds")]
fn form_page(
    state: &AppState,
    actor: &Actor,
    title: String,
    intro: &'static str,
    action: String,
    submit: &'static str,
    mut fields: Vec<Field>,
    errors: Vec<FieldError>,
) -> Response {
    for f in &mut fields {
        f.error = errors.iter().find(|e| e.field == f.name || e.field.starts_with(&format!("{}.", f.name))).map(|e| e.reason.clone());
    }
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = FormPage { chrome: Chrome::new(state, actor, "integrationsraad"), title, intro, action, submit, fields, errors };
    (status, render(&page)).into_response()
}

fn invalid(e: AppError) -> Result<Vec<FieldError>, PageError> {
    match e {
        AppError::Invalid(errors) => Ok(errors),
        other => Err(other.into()),
    }
}

/// A member form.
#[derive(Debug, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    member: MemberInput,
}

fn member_fields(m: &MemberInput) -> Vec<Field> {
    vec![
        field("name", "Navn", "", "input", &m.name),
        field("nominated_by", "Indstillet af", "Den forening eller organisation, der indstillede medlemmet", "input", &m.nominated_by),
        field("election_period", "Valgperiode", "Byrådets valgperiode, fx 2026-2029; byrådet udpeger for sin valgperiode", "input", &m.election_period),
        field("term_from", "Medlem fra (DD.MM.ÅÅÅÅ)", "", "input", &m.term_from),
        field("term_to", "Medlem til (DD.MM.ÅÅÅÅ)", "", "input", &m.term_to),
        field("substitute", "Personlig stedfortræder", "Navn; kan være tomt", "input", &m.substitute),
    ]
}

const MEMBER_INTRO: &str =
    "Medlemmerne udpeges af byrådet for valgperioden efter indstilling fra foreninger m.fl. (integrationsloven § 42). Kun navnet vises på den offentlige side.";

/// GET /integrationsraad/medlemmer/ny
pub async fn new_member(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    super::editor(&actor)?;
    let year = chrono::Local::now().date_naive().format("%Y").to_string().parse::<i32>().unwrap_or(2026);
    let first = year - (year - 2026).rem_euclid(4);
    let blank = MemberInput { election_period: format!("{first}-{}", first + 3), term_to: format!("31.12.{}", first + 3), ..Default::default() };
    Ok(form_page(
        &state,
        &actor,
        "Tilføj medlem".into(),
        MEMBER_INTRO,
        "/integrationsraad/medlemmer/ny".into(),
        "Tilføj medlem",
        member_fields(&blank),
        Vec::new(),
    ))
}

/// POST /integrationsraad/medlemmer/ny
pub async fn create_member(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<MemberForm>) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match super::add_member(&state, &actor, &meta, &form.member).await {
        Ok(m) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad#medlem-{}", m.id))),
        Err(e) => {
            let errors = invalid(e)?;
            Ok(form_page(
                &state,
                &actor,
                "Tilføj medlem".into(),
                MEMBER_INTRO,
                "/integrationsraad/medlemmer/ny".into(),
                "Tilføj medlem",
                member_fields(&form.member),
                errors,
            ))
        }
    }
}

/// GET /integrationsraad/medlemmer/{id}
pub async fn edit_member(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    let tenant = super::editor(&actor)?;
    let m = state.store.council_members(&tenant).await?.into_iter().find(|m| m.id == id).ok_or(AppError::NotFound("medlemmet"))?;
    let input = MemberInput {
        name: m.name,
        nominated_by: m.nominated_by,
        election_period: m.election_period,
        term_from: crate::persons::danish_date(&m.term_from),
        term_to: crate::persons::danish_date(&m.term_to),
        substitute: m.substitute,
    };
    Ok(form_page(&state, &actor, "Ret medlem".into(), MEMBER_INTRO, format!("/integrationsraad/medlemmer/{id}"), "Gem", member_fields(&input), Vec::new()))
}

/// POST /integrationsraad/medlemmer/{id}
pub async fn update_member(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<MemberForm>,
) -> Result<Response, PageError> {
    super::editable_member(&state, &actor, id).await?;
    actor.check_csrf(&form.csrf)?;
    match super::update_member(&state, &actor, &meta, id, &form.member).await {
        Ok(m) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad#medlem-{}", m.id))),
        Err(e) => {
            let errors = invalid(e)?;
            Ok(form_page(
                &state,
                &actor,
                "Ret medlem".into(),
                MEMBER_INTRO,
                format!("/integrationsraad/medlemmer/{id}"),
                "Gem",
                member_fields(&form.member),
                errors,
            ))
        }
    }
}

/// A meeting form.
#[derive(Debug, Deserialize)]
pub struct MeetingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    place: String,
}

fn meeting_fields(f: &MeetingForm) -> Vec<Field> {
    vec![
        field("held_on", "Dato (DD.MM.ÅÅÅÅ)", "", "input", &f.held_on),
        field("starts_at", "Klokkeslæt (TT:MM)", "", "input", &f.starts_at),
        field("place", "Sted", "", "input", &f.place),
    ]
}

const MEETING_INTRO: &str = "Opret mødet; dagsordenens punkter, bilag og referat tilføjes på mødets side.";

/// GET /integrationsraad/moeder/ny
pub async fn new_meeting(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    super::editor(&actor)?;
    let blank = MeetingForm { csrf: String::new(), held_on: String::new(), starts_at: "16:00".into(), place: String::new() };
    Ok(form_page(&state, &actor, "Nyt møde".into(), MEETING_INTRO, "/integrationsraad/moeder/ny".into(), "Opret mødet", meeting_fields(&blank), Vec::new()))
}

/// POST /integrationsraad/moeder/ny
pub async fn create_meeting(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<MeetingForm>) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    let input = MeetingInput { held_on: form.held_on.clone(), starts_at: form.starts_at.clone(), place: form.place.clone(), items: Vec::new() };
    match super::add_meeting(&state, &actor, &meta, &input).await {
        Ok(m) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/moeder/{}", m.id))),
        Err(e) => {
            let errors = invalid(e)?;
            Ok(form_page(&state, &actor, "Nyt møde".into(), MEETING_INTRO, "/integrationsraad/moeder/ny".into(), "Opret mødet", meeting_fields(&form), errors))
        }
    }
}

/// `/integrationsraad/moeder/{id}`.
#[derive(Template)]
#[template(path = "council/meeting.html")]
pub struct MeetingPage {
    chrome: Chrome,
    meeting: MeetingView,
    can_edit: bool,
    item: ItemInput,
    errors: Vec<FieldError>,
    /// The item whose minutes were refused, with what was typed.
    minutes_error: Option<(i64, String, String)>,
}

impl MeetingPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn item_fields(&self) -> Vec<(&'static str, &'static str, &'static str, u32, String)> {
        vec![
            ("title", "Overskrift", "", 1, self.item.title.clone()),
            ("description", "Beskrivelse", "Teksten kan offentliggøres; skriv ikke om enkeltpersoner", 3, self.item.description.clone()),
            ("documents", "Bilag", "Ét pr. linje: titel | webadresse", 2, self.item.documents.clone()),
        ]
    }

    fn minutes_of(&self, item: &super::ItemView) -> String {
        match &self.minutes_error {
            Some((id, typed, _)) if *id == item.id => typed.clone(),
            _ => item.minutes.clone(),
        }
    }

    fn minutes_error_of(&self, item: &super::ItemView) -> Option<&str> {
        match &self.minutes_error {
            Some((id, _, reason)) if *id == item.id => Some(reason.as_str()),
            _ => None,
        }
    }
}

async fn meeting_page(
    state: &AppState,
    actor: &Actor,
    id: i64,
    item: ItemInput,
    errors: Vec<FieldError>,
    minutes_error: Option<(i64, String, String)>,
) -> Result<Response, PageError> {
    let (_, meeting) = super::meeting_for(state, actor, id).await?;
    let status = if errors.is_empty() && minutes_error.is_none() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page =
        MeetingPage { chrome: Chrome::new(state, actor, "integrationsraad"), meeting, can_edit: super::may_edit(actor.role), item, errors, minutes_error };
    Ok((status, render(&page)).into_response())
}

/// GET /integrationsraad/moeder/{id}
pub async fn show_meeting(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    meeting_page(&state, &actor, id, ItemInput::default(), Vec::new(), None).await
}

/// The add-item form.
#[derive(Debug, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    item: ItemInput,
}

/// POST /integrationsraad/moeder/{id}/punkter
pub async fn create_item(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<ItemForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match super::add_item(&state, &actor, &meta, id, &form.item).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/moeder/{id}#dagsorden"))),
        Err(e) => meeting_page(&state, &actor, id, form.item, invalid(e)?, None).await,
    }
}

/// The minutes form.
#[derive(Debug, Deserialize)]
pub struct MinutesForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    minutes: String,
}

/// POST /integrationsraad/moeder/{id}/punkter/{item}/referat
pub async fn save_minutes(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, item)): Path<(i64, i64)>,
    Form(form): Form<MinutesForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match super::set_minutes(&state, &actor, &meta, id, item, &form.minutes).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/moeder/{id}#punkt-{item}"))),
        Err(e) => {
            let errors = invalid(e)?;
            let reason = errors.into_iter().map(|e| e.reason).collect::<Vec<_>>().join("; ");
            meeting_page(&state, &actor, id, ItemInput::default(), Vec::new(), Some((item, form.minutes, reason))).await
        }
    }
}

/// The publish form.
#[derive(Debug, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    published: String,
}

/// POST /integrationsraad/moeder/{id}/offentliggoer
pub async fn publish(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<PublishForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    super::publish(&state, &actor, &meta, id, form.published == "1").await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/moeder/{id}")))
}

/// A recommendation form.
#[derive(Debug, Deserialize)]
pub struct RecommendationForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: RecommendationInput,
}

fn recommendation_fields(r: &RecommendationInput, meetings: &[crate::store::council::MeetingRow]) -> Vec<Field> {
    let mut meeting = field(
        "meeting_id",
        "Vedtaget på mødet",
        "Anbefalingen vises på rådets offentlige side, når dette møde er offentliggjort",
        "select",
        r.meeting_id.as_deref().unwrap_or(""),
    );
    meeting.options = std::iter::once((String::new(), "Intet møde valgt".to_string()))
        .chain(meetings.iter().map(|m| (m.id.to_string(), format!("{} – {}", m.held_on.danish(), m.place))))
        .collect();
    let mut department = field(
        "department",
        "Ansvarlig afdeling",
        "Afdelingen besvarer anbefalingen og følger op; opfølgningsdatoerne står i afdelingens Frister",
        "select",
        &r.department,
    );
    department.options =
        std::iter::once((String::new(), "Vælg".to_string())).chain(DepartmentKind::ALL.iter().map(|d| (d.code().to_string(), d.label().to_string()))).collect();
    let mut status = field("status", "Status", "", "select", if r.status.is_empty() { "sent" } else { &r.status });
    status.options = super::RecommendationStatus::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect();
    vec![
        field("title", "Overskrift", "", "input", &r.title),
        field("body", "Anbefalingen til byrådet", "Teksten offentliggøres med mødet; skriv ikke om enkeltpersoner", "textarea", &r.body),
        meeting,
        department,
        field("sent_on", "Sendt til byrådet (DD.MM.ÅÅÅÅ)", "", "input", &r.sent_on),
        status,
        field("status_reason", "Begrundelse", "Skal udfyldes, når byrådet har afvist anbefalingen", "textarea", &r.status_reason),
        field("follow_up_lines", "Opfølgningsdatoer", "Én pr. linje: DD.MM.ÅÅÅÅ og hvad der skal følges op på", "textarea", &r.follow_up_lines),
    ]
}

const RECOMMENDATION_INTRO: &str = "Rådets anbefalinger til byrådet med den afdeling, der er ansvarlig for svar og opfølgning.";

/// GET /integrationsraad/anbefalinger/ny
pub async fn new_recommendation(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let tenant = super::editor(&actor)?;
    let meetings = state.store.council_meetings(&tenant).await?;
    let blank = RecommendationInput { sent_on: crate::deadlines::today().danish().to_string(), ..Default::default() };
    Ok(form_page(
        &state,
        &actor,
        "Ny anbefaling".into(),
        RECOMMENDATION_INTRO,
        "/integrationsraad/anbefalinger/ny".into(),
        "Gem anbefalingen",
        recommendation_fields(&blank, &meetings),
        Vec::new(),
    ))
}

/// POST /integrationsraad/anbefalinger/ny
pub async fn create_recommendation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Form(form): Form<RecommendationForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match super::add_recommendation(&state, &actor, &meta, &form.input).await {
        Ok(r) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/anbefalinger/{}", r.id))),
        Err(e) => {
            let errors = invalid(e)?;
            let meetings = state.store.council_meetings(&super::editor(&actor)?).await?;
            Ok(form_page(
                &state,
                &actor,
                "Ny anbefaling".into(),
                RECOMMENDATION_INTRO,
                "/integrationsraad/anbefalinger/ny".into(),
                "Gem anbefalingen",
                recommendation_fields(&form.input, &meetings),
                errors,
            ))
        }
    }
}

/// `/integrationsraad/anbefalinger/{id}`.
#[derive(Template)]
#[template(path = "council/recommendation.html")]
pub struct RecommendationPage {
    chrome: Chrome,
    r: RecommendationView,
    can_edit: bool,
    statuses: &'static [super::RecommendationStatus],
    status: StatusInput,
    follow_up: FollowUpInput,
    errors: Vec<FieldError>,
}

impl RecommendationPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

async fn recommendation_page(
    state: &AppState,
    actor: &Actor,
    id: i64,
    status: Option<StatusInput>,
    follow_up: FollowUpInput,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let (_, r) = super::recommendation_for(state, actor, id).await?;
    let status = status.unwrap_or(StatusInput { status: r.status.clone(), status_reason: r.status_reason.clone() });
    let code = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = RecommendationPage {
        chrome: Chrome::new(state, actor, "integrationsraad"),
        r,
        can_edit: super::may_edit(actor.role),
        statuses: super::RecommendationStatus::ALL,
        status,
        follow_up,
        errors,
    };
    Ok((code, render(&page)).into_response())
}

/// GET /integrationsraad/anbefalinger/{id}
pub async fn show_recommendation(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    recommendation_page(&state, &actor, id, None, FollowUpInput::default(), Vec::new()).await
}

/// The status form.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: StatusInput,
}

/// POST /integrationsraad/anbefalinger/{id}/status
pub async fn change_status(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match super::set_status(&state, &actor, &meta, id, &form.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/anbefalinger/{id}"))),
        Err(e) => recommendation_page(&state, &actor, id, Some(form.input), FollowUpInput::default(), invalid(e)?).await,
    }
}

/// The follow-up form.
#[derive(Debug, Deserialize)]
pub struct FollowUpForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: FollowUpInput,
}

/// POST /integrationsraad/anbefalinger/{id}/opfoelgning
pub async fn add_follow_up(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<FollowUpForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    match super::add_follow_up(&state, &actor, &meta, id, &form.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/anbefalinger/{id}#opfoelgning"))),
        Err(e) => recommendation_page(&state, &actor, id, None, form.input, invalid(e)?).await,
    }
}

/// The "done" form.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// POST /integrationsraad/anbefalinger/{id}/opfoelgning/{follow_up}/udfoert
pub async fn complete_follow_up(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, follow_up)): Path<(i64, i64)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    super::complete_follow_up(&state, &actor, &meta, id, follow_up).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/integrationsraad/anbefalinger/{id}#opfoelgning")))
}

async fn meeting_pdf(state: &AppState, actor: &Actor, id: i64, kind: super::pdf::Kind) -> Result<Response, PageError> {
    let (tenant, meeting) = super::meeting_for(state, actor, id).await?;
    let name =
        crate::domain::MunicipalityCode::parse(tenant.code()).map(|c| format!("{} Kommune", c.municipality().name)).unwrap_or_else(|_| tenant.to_string());
    Ok(super::pdf::response(name, meeting, kind).await?)
}

/// GET /integrationsraad/moeder/{id}/dagsorden.pdf
pub async fn agenda_pdf(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    meeting_pdf(&state, &actor, id, super::pdf::Kind::Agenda).await
}

/// GET /integrationsraad/moeder/{id}/referat.pdf
pub async fn minutes_pdf(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    meeting_pdf(&state, &actor, id, super::pdf::Kind::Minutes).await
}
