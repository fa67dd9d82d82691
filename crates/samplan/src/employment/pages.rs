//! The pages under `/beskaeftigelse`: the overview with "Lav matchforslag" and the
//! decision per pair, companies (list, page, contacts), openings (list, page with the
//! ranked persons who fit), and a person's employment profile with the ranked openings.
//! A refused form comes back filled in with the error beside its field. Forms are drawn
//! from one list of [`Field`]s (`templates/employment/fields.html`). Longer than most
//! handler files because the six pages share these form helpers.
use super::service::{self, Decision, MatchQuery, MatchView, ProposalView};
use super::{
    CompanyFilter, CompanyInput, CompanyView, ContactInput, ContactView, EducationLevel, INDUSTRIES, ISCO_MAJOR_GROUPS, OpeningFilter, OpeningInput,
    OpeningKind, OpeningView, ProfileInput,
};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use crate::web::paging::Paging;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// One form field as drawn.
#[derive(Debug, Clone)]
pub struct Field {
    /// Name (and id, prefixed by the form).
    pub name: &'static str,
    /// Danish label.
    pub label: &'static str,
    /// Help under the label.
    pub hint: &'static str,
    /// Value as typed.
    pub value: String,
    /// The error at this field.
    pub error: Option<String>,
    /// `text`, `select`, `checkbox` or `textarea`.
    pub kind: &'static str,
    /// Options of a select: (value, label).
    pub options: Vec<(String, String)>,
}

fn field(name: &'static str, label: &'static str, hint: &'static str, value: &str, errors: &[FieldError]) -> Field {
    let error = errors.iter().find(|e| e.field == name).map(|e| e.reason.clone());
    Field { name, label, hint, value: value.to_string(), error, kind: "text", options: Vec::new() }
}

/// One line of a form's error summary: the field's Danish label linking to it, and
/// the message (an error that belongs to no field of the form: the message alone).
#[derive(Debug, Clone)]
pub struct SummaryLine {
    /// `#form-field` of the field.
    pub href: Option<String>,
    /// The field's label.
    pub label: &'static str,
    /// The message.
    pub reason: String,
}

/// The error summary of form `form`: its fields' errors in the order of the fields, then
/// any error of no field of this form.
pub fn summary(form: &str, fields: &[Field], errors: &[FieldError]) -> Vec<SummaryLine> {
    let mut out: Vec<SummaryLine> = fields
        .iter()
        .filter_map(|f| f.error.as_ref().map(|m| SummaryLine { href: Some(format!("#{form}-{}", f.name)), label: f.label, reason: m.clone() }))
        .collect();
    out.extend(errors.iter().filter(|e| !fields.iter().any(|f| f.name == e.field)).map(|e| SummaryLine { href: None, label: "", reason: e.reason.clone() }));
    out
}

fn select(mut f: Field, options: Vec<(String, String)>) -> Field {
    f.kind = "select";
    f.options = options;
    f
}

fn checkbox(mut f: Field) -> Field {
    f.kind = "checkbox";
    f
}

fn textarea(mut f: Field) -> Field {
    f.kind = "textarea";
    f
}

fn company_fields(i: &CompanyInput, errors: &[FieldError]) -> Vec<Field> {
    vec![
        field("cvr", "CVR-nummer", "8 cifre", &i.cvr, errors),
        field("name", "Navn", "", &i.name, errors),
        select(field("industry", "Branche (DB07)", "", &i.industry, errors), INDUSTRIES.iter().map(|(c, l)| (c.to_string(), format!("{c} – {l}"))).collect()),
        field("street", "Adresse", "", &i.street, errors),
        field("postal_code", "Postnummer", "", &i.postal_code, errors),
        field("staff_count", "Antal ordinært ansatte", "bruges til rimelighedskravet", &i.staff_count, errors),
        checkbox(field("public_employer", "Offentlig arbejdsgiver", "", &i.public_employer, errors)),
    ]
}

fn contact_fields(i: &ContactInput, errors: &[FieldError]) -> Vec<Field> {
    vec![
        field("name", "Navn", "", &i.name, errors),
        field("role", "Rolle", "fx HR-ansvarlig, mester, tillidsrepræsentant", &i.role, errors),
        field("phone", "Telefon", "", &i.phone, errors),
        field("email", "E-mail", "", &i.email, errors),
    ]
}

fn opening_fields(i: &OpeningInput, companies: &[CompanyView], errors: &[FieldError]) -> Vec<Field> {
    vec![
        select(
            field("company_id", "Virksomhed", "", &i.company_id, errors),
            companies.iter().map(|c| (c.id.to_string(), format!("{} (CVR {})", c.name, c.cvr))).collect(),
        ),
        select(field("kind", "Slags tilbud", "", &i.kind, errors), OpeningKind::ALL.iter().map(|k| (k.code().to_string(), k.label().to_string())).collect()),
        field("title", "Titel", "fx Køkkenmedhjælper", &i.title, errors),
        field("postal_code", "Arbejdsstedets postnummer", "tom: virksomhedens", &i.postal_code, errors),
        field("start", "Start (DD.MM.ÅÅÅÅ)", "", &i.start, errors),
        field("end", "Slut (DD.MM.ÅÅÅÅ)", "tom hvis uden slutdato", &i.end, errors),
        field("weekly_hours", "Timer om ugen", "", &i.weekly_hours, errors),
        field("slots", "Tidsrum", "fx «1 08:00-15:00; 2 08:00-15:00» (ugedag 1 = mandag)", &i.slots, errors),
        field("seats", "Antal pladser", "", &i.seats, errors),
        field("skills", "Krævede kompetencer", "adskilt af komma", &i.skills, errors),
        select(
            field("isco_major", "Faggruppe (ISCO-08)", "", &i.isco_major, errors),
            ISCO_MAJOR_GROUPS.iter().map(|(c, l)| (c.to_string(), format!("{c} – {l}"))).collect(),
        ),
        field("danish", "Krævet dansk", "spor og modul, fx «DU2 3»; tom hvis intet krav", &i.danish, errors),
        checkbox(field("driving_licence", "Kørekort kræves", "", &i.driving_licence, errors)),
        field("languages", "Sprog på arbejdspladsen", "sprogkoder adskilt af komma, fx «da, en, ar»", &i.languages, errors),
        checkbox(field("extra_jobs", "Virksomheden har erklæret merbeskæftigelse", "kræves ved løntilskud", &i.extra_jobs, errors)),
        select(field("status", "Status", "", &i.status, errors), vec![("open".into(), "Åbent".into()), ("closed".into(), "Lukket".into())]),
    ]
}

fn profile_fields(i: &ProfileInput, errors: &[FieldError]) -> Vec<Field> {
    vec![
        field("skills", "Kompetencer", "adskilt af komma", &i.skills, errors),
        textarea(field("experience", "Arbejdserfaring", "", &i.experience, errors)),
        select(
            field("isco_major", "Faggruppe (ISCO-08)", "", &i.isco_major, errors),
            ISCO_MAJOR_GROUPS.iter().map(|(c, l)| (c.to_string(), format!("{c} – {l}"))).collect(),
        ),
        select(
            field("education_level", "Uddannelsesniveau", "", &i.education_level, errors),
            EducationLevel::ALL.iter().map(|e| (e.code().to_string(), e.label().to_string())).collect(),
        ),
        field("danish", "Danskniveau", "spor og modul, fx «DU2 3»", &i.danish, errors),
        checkbox(field("driving_licence", "Har kørekort", "", &i.driving_licence, errors)),
        field("hours_available", "Timer til rådighed om ugen", "", &i.hours_available, errors),
        checkbox(field("job_ready", "Jobparat (med i matchrunden)", "", &i.job_ready, errors)),
    ]
}

/// The form fields every employment form posts besides its own.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Csrf {
    #[serde(default)]
    csrf: String,
}

fn status_of(errors: &[FieldError]) -> StatusCode {
    if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY }
}

/// Splits an error into the fields to show, or passes it on.
fn field_errors(e: AppError) -> Result<Vec<FieldError>, PageError> {
    match e {
        AppError::Invalid(errors) => Ok(errors),
        AppError::WrongState(m) => Ok(vec![FieldError::new("decision", m)]),
        other => Err(other.into()),
    }
}

/// The overview with the latest proposal.
#[derive(Template)]
#[template(path = "employment/overview.html")]
pub struct OverviewPage {
    chrome: Chrome,
    consultant: bool,
    proposal: Option<ProposalView>,
    errors: Vec<FieldError>,
    /// The pair whose decision failed.
    failed_pair: i64,
}

impl OverviewPage {
    fn error_for(&self, pair: &i64, field: &str) -> Option<&str> {
        if *pair != self.failed_pair {
            return None;
        }
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

async fn overview_page(state: &AppState, actor: &Actor, meta: &RequestMeta, errors: Vec<FieldError>, failed_pair: i64) -> Result<Response, PageError> {
    let consultant = actor.business_consultant(&state.store).await.is_ok();
    let proposal = match actor.person_access(&state.store).await {
        Ok(_) => service::latest_proposal(state, actor, meta).await?,
        Err(AppError::Forbidden(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let page = OverviewPage { chrome: Chrome::new(state, actor, "beskaeftigelse"), consultant, proposal, failed_pair, errors };
    Ok((status_of(&page.errors), render(&page)).into_response())
}

/// GET /beskaeftigelse
pub async fn overview(State(state): State<AppState>, actor: Actor, meta: RequestMeta) -> Result<Response, PageError> {
    service::reader(&actor)?;
    overview_page(&state, &actor, &meta, Vec::new(), 0).await
}

/// POST /beskaeftigelse/matchforslag
pub async fn propose(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(f): Form<Csrf>) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    service::make_proposal(&state, &actor, &meta).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, "/beskaeftigelse#forslag"))
}

/// The decision form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// POST /beskaeftigelse/par/{id}
pub async fn decide(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match service::decide(&state, &actor, &meta, id, &Decision { decision: f.decision, reason: f.reason }).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse#par-{id}"))),
        Err(e) => overview_page(&state, &actor, &meta, field_errors(e)?, id).await,
    }
}

/// The company list with the form to register one.
#[derive(Template)]
#[template(path = "employment/companies.html")]
pub struct CompaniesPage {
    chrome: Chrome,
    consultant: bool,
    companies: Vec<CompanyView>,
    next: Option<String>,
    query: String,
    fields: Vec<Field>,
    form: &'static str,
    errors: Vec<FieldError>,
}

/// The page of an HTML list asked for in `?limit=`/`?cursor=` (the "Næste side" link);
/// a bad value shows the first page.
pub(super) fn html_paging(path: &str, query: Option<&str>) -> Paging {
    Paging::parse(path, query).unwrap_or_else(|_| Paging::parse(path, None).unwrap_or(Paging::first(crate::web::paging::DEFAULT_LIMIT)))
}

/// [`html_paging`] with `default` rows a page when the query does not say.
pub(super) fn html_paging_by(path: &str, query: Option<&str>, default: usize) -> Paging {
    let has_limit = query.is_some_and(|q| url::form_urlencoded::parse(q.as_bytes()).any(|(k, _)| k == "limit"));
    let query = match query.filter(|q| !q.is_empty()) {
        _ if has_limit => query.map(str::to_string),
        Some(q) => Some(format!("{q}&limit={default}")),
        None => Some(format!("limit={default}")),
    };
    html_paging(path, query.as_deref())
}

/// Rows a page in a person's list of matching openings.
const PERSON_MATCHES: usize = 10;

async fn companies_page(
    state: &AppState,
    actor: &Actor,
    f: &CompanyFilter,
    p: &Paging,
    input: &CompanyInput,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let list = service::companies(state, actor, f, p).await?;
    let page = CompaniesPage {
        chrome: Chrome::new(state, actor, "beskaeftigelse"),
        consultant: actor.business_consultant(&state.store).await.is_ok(),
        companies: list.items,
        next: list.next,
        query: f.q.clone().unwrap_or_default(),
        fields: company_fields(input, &errors),
        form: "ny",
        errors,
    };
    Ok((status_of(&page.errors), render(&page)).into_response())
}

/// GET /beskaeftigelse/virksomheder
pub async fn companies(State(state): State<AppState>, actor: Actor, uri: axum::http::Uri, Query(f): Query<CompanyFilter>) -> Result<Response, PageError> {
    companies_page(&state, &actor, &f, &html_paging(uri.path(), uri.query()), &CompanyInput::default(), Vec::new()).await
}

/// The company form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CompanyForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: CompanyInput,
}

/// POST /beskaeftigelse/virksomheder
pub async fn create_company(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(f): Form<CompanyForm>) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match service::create_company(&state, &actor, &meta, &f.input).await {
        Ok(c) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/virksomheder/{}", c.id))),
        Err(e) => {
            companies_page(&state, &actor, &CompanyFilter::default(), &html_paging("/beskaeftigelse/virksomheder", None), &f.input, field_errors(e)?).await
        }
    }
}

/// One company: details, contacts, openings and the forms to change them.
#[derive(Template)]
#[template(path = "employment/company.html")]
pub struct CompanyPage {
    chrome: Chrome,
    consultant: bool,
    company: CompanyView,
    contacts: Vec<ContactView>,
    openings: Vec<OpeningView>,
    fields: Vec<Field>,
    contact_fields: Vec<Field>,
    errors: Vec<FieldError>,
    contact_errors: Vec<FieldError>,
}

async fn company_page(
    state: &AppState,
    actor: &Actor,
    id: i64,
    input: Option<&CompanyInput>,
    contact: Option<&ContactInput>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let mut company = service::company(state, actor, id).await?;
    let contacts = company.contacts.take().unwrap_or_default();
    let openings = service::openings(
        state,
        actor,
        &OpeningFilter { company: Some(id.to_string()), open: Some("false".into()) },
        &Paging::first(crate::web::paging::MAX_LIMIT),
    )
    .await?
    .items;
    // The errors belong to the form that was sent.
    let (errors, contact_errors) = if contact.is_some() { (Vec::new(), errors) } else { (errors, Vec::new()) };
    let page = CompanyPage {
        chrome: Chrome::new(state, actor, "beskaeftigelse"),
        consultant: actor.business_consultant(&state.store).await.is_ok(),
        fields: company_fields(input.unwrap_or(&CompanyInput::from_view(&company)), &errors),
        contact_fields: contact_fields(contact.unwrap_or(&ContactInput::default()), &contact_errors),
        company,
        contacts,
        openings,
        errors,
        contact_errors,
    };
    let status = if page.errors.is_empty() && page.contact_errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&page)).into_response())
}

impl CompanyInput {
    fn from_view(c: &CompanyView) -> Self {
        CompanyInput {
            cvr: c.cvr.clone(),
            name: c.name.clone(),
            industry: c.industry.clone(),
            street: c.street.clone(),
            postal_code: c.postal_code.clone(),
            staff_count: c.staff_count.to_string(),
            public_employer: if c.public_employer { "1".into() } else { String::new() },
        }
    }
}

/// GET /beskaeftigelse/virksomheder/{id}
pub async fn company(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>) -> Result<Response, PageError> {
    company_page(&state, &actor, id, None, None, Vec::new()).await
}

/// POST /beskaeftigelse/virksomheder/{id}
pub async fn update_company(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<CompanyForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match service::update_company(&state, &actor, &meta, id, &f.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/virksomheder/{id}"))),
        Err(e) => company_page(&state, &actor, id, Some(&f.input), None, field_errors(e)?).await,
    }
}

/// The contact form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: ContactInput,
}

/// POST /beskaeftigelse/virksomheder/{id}/kontakter
pub async fn add_contact(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<ContactForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match service::add_contact(&state, &actor, &meta, id, &f.input).await {
        Ok(contact) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/virksomheder/{id}#kontakt-{}", contact.id))),
        Err(e) => company_page(&state, &actor, id, None, Some(&f.input), field_errors(e)?).await,
    }
}

/// The openings list with the form to create one.
#[derive(Template)]
#[template(path = "employment/openings.html")]
pub struct OpeningsPage {
    chrome: Chrome,
    consultant: bool,
    openings: Vec<OpeningView>,
    next: Option<String>,
    show_closed: bool,
    fields: Vec<Field>,
    form: &'static str,
    errors: Vec<FieldError>,
}

async fn all_companies(state: &AppState, actor: &Actor) -> Result<Vec<CompanyView>, AppError> {
    let mut out = Vec::new();
    let t = service::reader(actor)?;
    let mut after = 0;
    loop {
        let rows = state.store.companies(&t, "", after, crate::web::paging::MAX_LIMIT as i64).await?;
        let more = rows.len() == crate::web::paging::MAX_LIMIT;
        after = rows.last().map_or(after, |r| r.id);
        out.extend(rows.into_iter().map(CompanyView::from));
        if !more {
            return Ok(out);
        }
    }
}

async fn openings_page(
    state: &AppState,
    actor: &Actor,
    f: &OpeningFilter,
    p: &Paging,
    input: &OpeningInput,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let list = service::openings(state, actor, f, p).await?;
    let consultant = actor.business_consultant(&state.store).await.is_ok();
    let companies = if consultant { all_companies(state, actor).await? } else { Vec::new() };
    let page = OpeningsPage {
        chrome: Chrome::new(state, actor, "beskaeftigelse"),
        consultant,
        openings: list.items,
        next: list.next,
        show_closed: f.open.as_deref() == Some("false"),
        fields: opening_fields(input, &companies, &errors),
        form: "nyt",
        errors,
    };
    Ok((status_of(&page.errors), render(&page)).into_response())
}

/// GET /beskaeftigelse/tilbud
pub async fn openings(State(state): State<AppState>, actor: Actor, uri: axum::http::Uri, Query(f): Query<OpeningFilter>) -> Result<Response, PageError> {
    openings_page(
        &state,
        &actor,
        &f,
        &html_paging(uri.path(), uri.query()),
        &OpeningInput { status: "open".into(), languages: "da".into(), ..Default::default() },
        Vec::new(),
    )
    .await
}

/// The opening form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OpeningForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: OpeningInput,
}

/// POST /beskaeftigelse/tilbud
pub async fn create_opening(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(f): Form<OpeningForm>) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match service::create_opening(&state, &actor, &meta, &f.input).await {
        Ok(o) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/tilbud/{}", o.id))),
        Err(e) => openings_page(&state, &actor, &OpeningFilter::default(), &html_paging("/beskaeftigelse/tilbud", None), &f.input, field_errors(e)?).await,
    }
}

/// One opening with the persons who fit it.
#[derive(Template)]
#[template(path = "employment/opening.html")]
pub struct OpeningPage {
    chrome: Chrome,
    consultant: bool,
    opening: OpeningView,
    matches: Vec<MatchView>,
    fields: Vec<Field>,
    form: &'static str,
    errors: Vec<FieldError>,
}

async fn opening_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    input: Option<&OpeningInput>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let (opening, matches) = service::matches_for_opening(state, actor, meta, id, &MatchQuery { all: Some(false) }, &Paging::first(20)).await?;
    let matches = matches.items;
    let consultant = actor.business_consultant(&state.store).await.is_ok();
    let companies = if consultant { all_companies(state, actor).await? } else { Vec::new() };
    let page = OpeningPage {
        chrome: Chrome::new(state, actor, "beskaeftigelse"),
        consultant,
        fields: opening_fields(input.unwrap_or(&OpeningInput::from(&opening)), &companies, &errors),
        opening,
        matches,
        form: "ret",
        errors,
    };
    Ok((status_of(&page.errors), render(&page)).into_response())
}

/// GET /beskaeftigelse/tilbud/{id}
pub async fn opening(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    opening_page(&state, &actor, &meta, id, None, Vec::new()).await
}

/// POST /beskaeftigelse/tilbud/{id}
pub async fn update_opening(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<OpeningForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match service::update_opening(&state, &actor, &meta, id, &f.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/tilbud/{id}"))),
        Err(e) => opening_page(&state, &actor, &meta, id, Some(&f.input), field_errors(e)?).await,
    }
}

/// A person's employment profile and the openings that fit.
#[derive(Template)]
#[template(path = "employment/person.html")]
pub struct PersonPage {
    chrome: Chrome,
    person: crate::persons::PersonView,
    recorded: bool,
    danish_source: String,
    matches: Vec<MatchView>,
    /// The next page of matching openings.
    matches_next: Option<String>,
    /// Not the first page of matching openings.
    matches_later: bool,
    can_edit: bool,
    fields: Vec<Field>,
    form: &'static str,
    errors: Vec<FieldError>,
    igu: Vec<super::igu::IguView>,
    consultant: bool,
    igu_fields: Vec<Field>,
    igu_errors: Vec<FieldError>,
    weeks: Vec<super::duty::WeekAccount>,
    /// The work duty's recorded reductions, newest first.
    reductions: Vec<super::reduction::ReductionView>,
    reduction_fields: Vec<Field>,
    reduction_errors: Vec<FieldError>,
    /// May record a reduction (person writers).
    can_reduce: bool,
}

fn reduction_fields(i: &super::reduction::ReductionInput, errors: &[FieldError]) -> Vec<Field> {
    vec![
        field("hours", "Timer pr. uge i stedet for 37", "et helt tal fra 0 til 36", &i.hours, errors),
        field("from", "Fra (dd.mm.åååå)", "", &i.from, errors),
        field("to", "Til og med (dd.mm.åååå)", "tom: indtil videre", &i.to, errors),
        textarea(field("reason", "Begrundelse", "fx den lægeerklæring, afgørelsen bygger på", &i.reason, errors)),
    ]
}

fn igu_fields(i: &super::igu::IguInput, companies: &[CompanyView], errors: &[FieldError]) -> Vec<Field> {
    vec![
        select(field("company_id", "Arbejdsgiver", "", &i.company_id, errors), companies.iter().map(|c| (c.id.to_string(), c.name.clone())).collect()),
        field("start", "Start (DD.MM.ÅÅÅÅ)", "slutdatoen og skoleugerne følger af reglerne", &i.start, errors),
        field("school_weeks_planned", "Planlagte skoleuger", "tom: reglens antal", &i.school_weeks_planned, errors),
        field("school_weeks_taken", "Gennemførte skoleuger", "", &i.school_weeks_taken, errors),
        field("work_hours_average", "Gennemsnitlig arbejdstid (timer om ugen)", "", &i.work_hours_average, errors),
    ]
}

async fn person_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    input: Option<&ProfileInput>,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    person_page_with(state, actor, meta, id, &first_matches(id), input, errors, None, Vec::new(), None, Vec::new()).await
}

/// The first page of a person's matching openings.
fn first_matches(id: i64) -> Paging {
    html_paging_by(&format!("/beskaeftigelse/personer/{id}"), None, PERSON_MATCHES)
}

#[expect(clippy::too_many_arguments, reason = "the person page is redrawn with each of its three forms' values and errors")]
async fn person_page_with(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    paging: &Paging,
    input: Option<&ProfileInput>,
    errors: Vec<FieldError>,
    igu_input: Option<&super::igu::IguInput>,
    igu_errors: Vec<FieldError>,
    reduction_input: Option<&super::reduction::ReductionInput>,
    reduction_errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let row = access.person(&state.store, id).await?;
    let view = service::profile(state, actor, meta, id).await?;
    let matches = service::matches_for_person(state, actor, meta, id, &MatchQuery { all: Some(true) }, paging).await?;
    let consultant = actor.business_consultant(&state.store).await.is_ok();
    let can_edit = actor.person_writer().is_ok() || consultant;
    let igu = super::igu::list(state, actor, meta, id).await?;
    let companies = if consultant { all_companies(state, actor).await? } else { Vec::new() };
    let weeks = match row.family_id {
        Some(f) => super::duty::weeks(state, actor, f, id, 4).await?,
        None => Vec::new(),
    };
    let reductions = super::reduction::list(state, actor, meta, id).await?;
    let page = PersonPage {
        chrome: Chrome::new(state, actor, "beskaeftigelse"),
        person: crate::persons::PersonView::new(row, &state.vault, actor),
        recorded: view.recorded,
        danish_source: view.danish_source,
        matches: matches.items,
        matches_next: matches.next,
        matches_later: paging.offset() > 0,
        can_edit,
        fields: profile_fields(input.unwrap_or(&view.profile), &errors),
        form: "profil",
        errors,
        igu,
        consultant,
        igu_fields: igu_fields(igu_input.unwrap_or(&Default::default()), &companies, &igu_errors),
        igu_errors,
        weeks,
        reductions,
        reduction_fields: reduction_fields(reduction_input.unwrap_or(&Default::default()), &reduction_errors),
        reduction_errors,
        can_reduce: actor.person_writer().is_ok(),
    };
    let status = if page.errors.is_empty() && page.igu_errors.is_empty() && page.reduction_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

/// GET /beskaeftigelse/personer/{id} (`?limit=&cursor=` page the matching openings)
pub async fn person(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, uri: axum::http::Uri) -> Result<Response, PageError> {
    person_page_with(&state, &actor, &meta, id, &html_paging_by(uri.path(), uri.query(), PERSON_MATCHES), None, Vec::new(), None, Vec::new(), None, Vec::new())
        .await
}

/// The profile form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: ProfileInput,
}

/// POST /beskaeftigelse/personer/{id}
pub async fn save_profile(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<ProfileForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match service::save_profile(&state, &actor, &meta, id, &f.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/personer/{id}"))),
        Err(e) => person_page(&state, &actor, &meta, id, Some(&f.input), field_errors(e)?).await,
    }
}

/// The IGU form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IguForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: super::igu::IguInput,
}

/// POST /beskaeftigelse/personer/{id}/igu
pub async fn add_igu(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<IguForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match super::igu::save(&state, &actor, &meta, id, None, &f.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/personer/{id}#igu"))),
        Err(e) => person_page_with(&state, &actor, &meta, id, &first_matches(id), None, Vec::new(), Some(&f.input), field_errors(e)?, None, Vec::new()).await,
    }
}

/// POST /beskaeftigelse/personer/{id}/igu/{course}
pub async fn update_igu(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path((id, course)): Path<(i64, i64)>,
    Form(f): Form<IguForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match super::igu::save(&state, &actor, &meta, id, Some(course), &f.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/personer/{id}#igu"))),
        Err(e) => person_page_with(&state, &actor, &meta, id, &first_matches(id), None, Vec::new(), Some(&f.input), field_errors(e)?, None, Vec::new()).await,
    }
}

/// The work duty reduction form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReductionForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    input: super::reduction::ReductionInput,
}

/// POST /beskaeftigelse/personer/{id}/arbejdspligt
pub async fn add_reduction(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(f): Form<ReductionForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&f.csrf)?;
    match super::reduction::add(&state, &actor, &meta, id, &f.input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/beskaeftigelse/personer/{id}#arbejdspligt"))),
        Err(e) => person_page_with(&state, &actor, &meta, id, &first_matches(id), None, Vec::new(), None, Vec::new(), Some(&f.input), field_errors(e)?).await,
    }
}

/// Every IGU course the reader reaches.
#[derive(Template)]
#[template(path = "employment/igu.html")]
pub struct IguPage {
    chrome: Chrome,
    courses: Vec<super::igu::IguListItem>,
    next: Option<String>,
}

/// GET /beskaeftigelse/igu
pub async fn igu(State(state): State<AppState>, actor: Actor, meta: RequestMeta, uri: axum::http::Uri) -> Result<Response, PageError> {
    let page = super::igu::all(&state, &actor, &meta, &html_paging(uri.path(), uri.query())).await?;
    Ok(render(&IguPage { chrome: Chrome::new(&state, &actor, "beskaeftigelse"), courses: page.items, next: page.next }).into_response())
}
