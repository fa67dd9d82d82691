//! The pages under `/civilsamfund`: the registry of organisations and offers, an
//! organisation's page (contacts, users, offers), a person's page (matching, referral
//! with chosen fields, participation, fritidspas), the referrals (the organisation's
//! slim view shows only the shared fields), and fritidspas (settings, budget, grants).
//! A refused form comes back filled in with the error at its field, and a summary that
//! names each field in Danish (`field_label`). The file is long because the capability's
//! nine pages share that form plumbing here rather than in nine copies.
use super::matching::OfferMatch;
use super::service::{self as svc, *};
use super::sharing::{ReferralView, SharedField};
use super::{OfferKind, OrganisationKind, ParticipationKind, ParticipationStatus, Window, kroner};
use crate::app::AppState;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::plans::consent::{check_csrf, field, pairs};
use crate::store::civil_society::{ContactRow, OfferFilter, OrganisationUserRow, ReferralFilter};
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use crate::web::paging::PageNav;
use askama::Template;
use axum::extract::{RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// Rows per page.
const PAGE: usize = 25;
/// The navigation key.
const NAV: &str = "civilsamfund";

/// The Danish name of a form field, for the error summaries (`offer_`, `contact_`,
/// `grant_` and `participation_` prefix the fields of the forms that share a page with another; `used_kr-{id}`
/// is one grant's amount used).
pub fn field_label(name: &str) -> &'static str {
    let base = name.split('-').next().unwrap_or(name);
    let base = ["offer_", "contact_", "grant_", "participation_"].iter().find_map(|p| base.strip_prefix(p)).unwrap_or(base);
    match (name.starts_with("contact_"), base) {
        (true, "name") => "Navn på kontaktperson",
        (true, "title") => "Rolle",
        (_, "kind") => "Slags",
        (_, "name") => "Navn",
        (_, "cvr") => "CVR-nummer",
        (_, "description") => "Beskrivelse",
        (_, "street") => "Adresse",
        (_, "postal_code") => "Postnummer",
        (_, "email") => "E-mail",
        (_, "phone") => "Telefon",
        (_, "login") => "Brugernavn",
        (_, "title") => "Titel",
        (_, "topics") => "Emner",
        (_, "min_age") => "Fra alder",
        (_, "max_age") => "Til alder",
        (_, "sex") => "Kun for",
        (_, "languages") => "Sprog der tales",
        (_, "slots") => "Ugentlige tider",
        (_, "price_kr") => "Pris om året",
        (_, "seats") => "Pladser",
        (_, "consent_id") => "Samtykke",
        (_, "organisation_id") => "Organisation",
        (_, "offer_id") => "Tilbud",
        (_, "shared") => "Oplysninger der deles",
        (_, "contact") => "Kontaktoplysninger til organisationen",
        (_, "note") => "Bemærkning",
        (_, "status") => "Status",
        (_, "date") => "Dato",
        (_, "from") => "Fra",
        (_, "to") => "Til",
        (_, "person_id") => "Barn",
        (_, "household_income") => "Husstandens indkomst",
        (_, "fee") => "Kontingent",
        (_, "equipment") => "Udstyr",
        (_, "income_limit") => "Indkomstgrænse",
        (_, "extra_per_child") => "Tillæg pr. barn",
        (_, "max_fee") => "Højst til kontingent",
        (_, "max_equipment") => "Højst til udstyr",
        (_, "yearly_budget") => "Årets budget",
        (_, "used_kr") => "Brugt",
        _ => "Feltet",
    }
}

fn error_in<'a>(errors: &'a [FieldError], name: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == name).map(|e| e.reason.as_str())
}

fn options<T: Copy>(all: &[T], f: impl Fn(T) -> (&'static str, &'static str)) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|k| f(*k)).collect()
}

/// One page of a list with «Forrige side / Næste side» (`?side=`, decision 006).
pub struct Listing<T> {
    /// The rows of the page.
    pub items: Vec<T>,
    /// Where the page is.
    pub nav: PageNav,
}

/// Reads one page: `read` gets the window and returns its rows and one more when
/// another page follows.
async fn listing<T, F, Fut>(side: Option<&str>, per_page: usize, read: F) -> Result<Listing<T>, AppError>
where
    F: FnOnce(Window) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<T>, AppError>>,
{
    let mut nav = PageNav::new(side, per_page);
    let rows = read(Window::of_page(&nav)).await?;
    Ok(Listing { items: nav.take(rows), nav })
}

/// Paging and filters in a query string.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Page number (`?side=`, from 1).
    pub side: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// Name part.
    pub q: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Interests (matching).
    pub interests: Option<String>,
    /// Year.
    pub year: Option<i64>,
    /// After a save: `1` changed, `0` nothing to change.
    pub gemt: Option<String>,
    /// The offer to refer to (a person's page).
    pub tilbud: Option<i64>,
}

// ---------------------------------------------------------------- registry

/// `/civilsamfund`: the registry for staff and the volunteer centre; an organisation's
/// own page for its users.
#[derive(Template)]
#[template(path = "civil_society/home.html")]
pub struct Home {
    chrome: Chrome,
    keeps_registry: bool,
    list: Listing<OrganisationView>,
    kinds: Vec<(&'static str, &'static str)>,
    kind: String,
    q: String,
    values: OrganisationInput,
    errors: Vec<FieldError>,
}

impl Home {
    fn error_for(&self, name: &str) -> Option<&str> {
        error_in(&self.errors, name)
    }

    fn pager_base(&self) -> String {
        format!("/civilsamfund?kind={}&q={}&", enc(&self.kind), enc(&self.q))
    }
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn home_page(state: &AppState, actor: &Actor, q: &ListQuery, values: OrganisationInput, errors: Vec<FieldError>) -> Result<Response, AppError> {
    let who = svc::who(state, actor).await?;
    if let Some(own) = who.own() {
        return Ok(Redirect::to(&format!("/civilsamfund/organisationer/{own}")).into_response());
    }
    let list = listing(q.side.as_deref(), PAGE, |w| svc::organisations(state, actor, q.kind.as_deref(), q.q.as_deref().unwrap_or(""), w)).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = Home {
        chrome: Chrome::new(state, actor, NAV),
        keeps_registry: who.keeps_registry(),
        list,
        kinds: options(OrganisationKind::ALL, |k| (k.code(), k.label())),
        kind: q.kind.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        values,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /civilsamfund
pub async fn home(State(state): State<AppState>, actor: Actor, Query(q): Query<ListQuery>) -> Result<Response, PageError> {
    Ok(home_page(&state, &actor, &q, OrganisationInput::default(), Vec::new()).await?)
}

fn organisation_input(p: &[(String, String)]) -> OrganisationInput {
    OrganisationInput {
        kind: field(p, "kind"),
        name: field(p, "name"),
        cvr: field(p, "cvr"),
        description: field(p, "description"),
        postal_code: field(p, "postal_code"),
        street: field(p, "street"),
        email: field(p, "email"),
        phone: field(p, "phone"),
    }
}

/// POST /civilsamfund/organisationer
pub async fn create_organisation(State(state): State<AppState>, actor: Actor, meta: RequestMeta, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let input = organisation_input(&p);
    match svc::create_organisation(&state, &actor, &meta, &input).await {
        Ok(o) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/organisationer/{}", o.id))),
        Err(AppError::Invalid(errors)) => Ok(home_page(&state, &actor, &ListQuery::default(), input, errors).await?),
        Err(AppError::Conflict(what)) => {
            Ok(home_page(&state, &actor, &ListQuery::default(), input, vec![FieldError::new("name", format!("{what} findes allerede"))]).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// One organisation.
#[derive(Template)]
#[template(path = "civil_society/organisation.html")]
pub struct OrganisationPage {
    chrome: Chrome,
    org: OrganisationView,
    contacts: Vec<ContactRow>,
    users: Vec<OrganisationUserRow>,
    offers: Listing<OfferView>,
    referrals: Option<Listing<ReferralView>>,
    can_edit: bool,
    is_admin: bool,
    own: bool,
    kinds: Vec<(&'static str, &'static str)>,
    offer_kinds: Vec<(&'static str, &'static str)>,
    values: OrganisationInput,
    offer: OfferForm,
    contact: ContactInput,
    login: String,
    errors: Vec<FieldError>,
    /// Which form the errors belong to: `organisation`, `contact`, `user` or `offer`.
    form: &'static str,
    notice: &'static str,
}

/// What the forms of an organisation's page hold: empty (the organisation's own values
/// and a new offer), or what was typed into the one refused, with its errors.
struct OrgForms {
    values: Option<OrganisationInput>,
    offer: OfferForm,
    contact: ContactInput,
    login: String,
    errors: Vec<FieldError>,
    form: &'static str,
    notice: &'static str,
}

impl Default for OrgForms {
    fn default() -> Self {
        OrgForms { values: None, offer: new_offer(), contact: ContactInput::default(), login: String::new(), errors: Vec::new(), form: "", notice: "" }
    }
}

impl OrganisationPage {
    fn pager_base(&self) -> String {
        format!("/civilsamfund/organisationer/{}?", self.org.id)
    }

    fn error_for(&self, form: &str, name: &str) -> Option<&str> {
        if self.form == form { error_in(&self.errors, name) } else { None }
    }
}

async fn organisation_page(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, side: Option<&str>, forms: OrgForms) -> Result<Response, AppError> {
    let OrgForms { values, offer, contact, login, errors, form, notice } = forms;
    let who = svc::who(state, actor).await?;
    let detail = svc::organisation(state, actor, id).await?;
    let offers = listing(side, PAGE, |w| svc::offers(state, actor, OfferFilter { organisation_id: Some(id), inactive: true, ..Default::default() }, w)).await?;
    let own = matches!(who, Who::Organisation { organisation_id, .. } if organisation_id == id);
    let referrals = if own { Some(listing(None, PAGE, |w| svc::referrals(state, actor, meta, ReferralFilter::default(), w)).await?) } else { None };
    let o = &detail.organisation;
    let values = values.unwrap_or_else(|| OrganisationInput {
        kind: o.kind.clone(),
        name: o.name.clone(),
        cvr: o.cvr.clone().unwrap_or_default(),
        description: o.description.clone(),
        postal_code: o.postal_code.clone().unwrap_or_default(),
        street: o.street.clone(),
        email: o.email.clone(),
        phone: o.phone.clone(),
    });
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = OrganisationPage {
        chrome: Chrome::new(state, actor, NAV),
        can_edit: who.edits(id),
        is_admin: actor.role.administers(),
        own,
        org: detail.organisation,
        contacts: detail.contacts,
        users: detail.users,
        offers,
        referrals,
        kinds: options(OrganisationKind::ALL, |k| (k.code(), k.label())),
        offer_kinds: options(OfferKind::ALL, |k| (k.code(), k.label())),
        values,
        offer,
        contact,
        login,
        errors,
        form,
        notice,
    };
    Ok((status, render(&page)).into_response())
}

/// The notice after a save: `?gemt=1` (changed) or `?gemt=0` (nothing to change).
fn saved_notice(gemt: Option<&str>, what: &'static str) -> &'static str {
    match (gemt, what) {
        (Some("1"), "organisation") => "Organisationen er gemt.",
        (Some("1"), "offer") => "Tilbuddet er gemt.",
        (Some("1"), _) => "Kommunens beløb er gemt.",
        (Some("0"), _) => "Der var ingen ændringer – intet er gemt.",
        _ => "",
    }
}

fn new_offer() -> OfferForm {
    OfferForm { active: true, min_age: "0".into(), max_age: "120".into(), languages: "da".into(), price_kr: "0".into(), ..Default::default() }
}

/// GET /civilsamfund/organisationer/{id}
pub async fn organisation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let forms = OrgForms { notice: saved_notice(q.gemt.as_deref(), "organisation"), ..Default::default() };
    Ok(organisation_page(&state, &actor, &meta, id, q.side.as_deref(), forms).await?)
}

/// POST /civilsamfund/organisationer/{id}
pub async fn update_organisation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let input = organisation_input(&p);
    match svc::update_organisation(&state, &actor, &meta, id, &input).await {
        Ok((_, changed)) => Ok(Redirect::to(&format!("/civilsamfund/organisationer/{id}?gemt={}#ret", u8::from(changed))).into_response()),
        Err(AppError::Invalid(errors)) => {
            Ok(organisation_page(&state, &actor, &meta, id, None, OrgForms { values: Some(input), errors, form: "organisation", ..Default::default() }).await?)
        }
        Err(AppError::Conflict(what)) => {
            let errors = vec![FieldError::new("name", format!("{what} findes allerede"))];
            Ok(organisation_page(&state, &actor, &meta, id, None, OrgForms { values: Some(input), errors, form: "organisation", ..Default::default() }).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /civilsamfund/organisationer/{id}/kontakter
pub async fn add_contact(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let c = ContactInput {
        name: field(&p, "contact_name"),
        title: field(&p, "contact_title"),
        email: field(&p, "contact_email"),
        phone: field(&p, "contact_phone"),
    };
    match svc::add_contact(&state, &actor, &meta, id, &c).await {
        Ok(contact) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/organisationer/{id}#kontakt-{contact}"))),
        Err(AppError::Invalid(errors)) => {
            let errors = errors.into_iter().map(|e| FieldError::new(format!("contact_{}", e.field), e.reason)).collect();
            Ok(organisation_page(&state, &actor, &meta, id, None, OrgForms { contact: c, errors, form: "contact", ..Default::default() }).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /civilsamfund/organisationer/{id}/brugere
pub async fn link_user(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let login = field(&p, "login");
    match svc::link_user(&state, &actor, &meta, id, &login).await {
        Ok(()) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/organisationer/{id}#brugere"))),
        Err(AppError::Invalid(errors)) => {
            Ok(organisation_page(&state, &actor, &meta, id, None, OrgForms { login, errors, form: "user", ..Default::default() }).await?)
        }
        Err(e) => Err(e.into()),
    }
}

fn offer_form(p: &[(String, String)]) -> OfferForm {
    OfferForm {
        organisation_id: field(p, "organisation_id"),
        kind: field(p, "kind"),
        title: field(p, "title"),
        description: field(p, "description"),
        topics: field(p, "topics"),
        min_age: field(p, "min_age"),
        max_age: field(p, "max_age"),
        sex: field(p, "sex"),
        postal_code: field(p, "postal_code"),
        street: field(p, "street"),
        languages: field(p, "languages"),
        slots: field(p, "slots"),
        price_kr: field(p, "price_kr"),
        seats: field(p, "seats"),
        fritidspas: !field(p, "fritidspas").is_empty(),
        active: !field(p, "active").is_empty(),
    }
}

/// POST /civilsamfund/organisationer/{id}/tilbud
pub async fn create_offer(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    svc::editable_organisation(&state, &actor, id).await?;
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let p: Vec<(String, String)> = p.into_iter().map(|(k, v)| (k.strip_prefix("offer_").map(str::to_string).unwrap_or(k), v)).collect();
    let mut form = offer_form(&p);
    form.organisation_id = id.to_string();
    form.active = true;
    match svc::create_offer(&state, &actor, &meta, &form).await {
        Ok(offer) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/organisationer/{id}#tilbud-{}", offer.id))),
        Err(AppError::Invalid(errors)) => {
            let errors = errors.into_iter().map(|e| FieldError::new(format!("offer_{}", e.field), e.reason)).collect();
            Ok(organisation_page(&state, &actor, &meta, id, None, OrgForms { offer: form, errors, form: "offer", ..Default::default() }).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// `/civilsamfund/tilbud`: every offer, filtered and paged.
#[derive(Template)]
#[template(path = "civil_society/offers.html")]
pub struct OffersPage {
    chrome: Chrome,
    list: Listing<OfferView>,
    kinds: Vec<(&'static str, &'static str)>,
    kind: String,
    postal_code: String,
}

impl OffersPage {
    fn pager_base(&self) -> String {
        format!("/civilsamfund/tilbud?kind={}&postal_code={}&", enc(&self.kind), enc(&self.postal_code))
    }
}

/// GET /civilsamfund/tilbud
pub async fn offers(State(state): State<AppState>, actor: Actor, Query(q): Query<ListQuery>) -> Result<Response, PageError> {
    let filter =
        OfferFilter { kind: q.kind.clone().filter(|k| !k.is_empty()), postal_code: q.postal_code.clone().filter(|p| !p.is_empty()), ..Default::default() };
    let list = listing(q.side.as_deref(), PAGE, |w| svc::offers(&state, &actor, filter, w)).await?;
    let page = OffersPage {
        chrome: Chrome::new(&state, &actor, NAV),
        list,
        kinds: options(OfferKind::ALL, |k| (k.code(), k.label())),
        kind: q.kind.unwrap_or_default(),
        postal_code: q.postal_code.unwrap_or_default(),
    };
    Ok(render(&page).into_response())
}

/// `/civilsamfund/tilbud/{id}`: one offer, with its edit form for those who may change
/// it. A refused form comes back as typed with each error at its field; a submit that
/// changes nothing says so and stores nothing.
#[derive(Template)]
#[template(path = "civil_society/offer.html")]
pub struct OfferPage {
    chrome: Chrome,
    offer: OfferView,
    own: bool,
    can_edit: bool,
    kinds: Vec<(&'static str, &'static str)>,
    values: OfferForm,
    errors: Vec<FieldError>,
    notice: &'static str,
}

impl OfferPage {
    fn error_for(&self, name: &str) -> Option<&str> {
        error_in(&self.errors, name)
    }

    /// The Danish name of a field, for the error summary.
    fn label(&self, name: &str) -> &'static str {
        match name {
            "kind" => "Slags tilbud",
            "price_kr" => "Pris om året (kr.)",
            other => field_label(other),
        }
    }
}

/// After a save: `?gemt=1` (changed) or `?gemt=0` (nothing to change).
#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    /// `1` changed, `0` unchanged.
    pub gemt: Option<String>,
}

async fn offer_page(
    state: &AppState,
    actor: &Actor,
    id: i64,
    values: Option<OfferForm>,
    errors: Vec<FieldError>,
    notice: &'static str,
) -> Result<Response, AppError> {
    let who = svc::who(state, actor).await?;
    let offer = svc::offer(state, actor, id).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = OfferPage {
        chrome: Chrome::new(state, actor, NAV),
        own: who.own().is_some(),
        can_edit: who.edits(offer.organisation_id),
        kinds: options(OfferKind::ALL, |k| (k.code(), k.label())),
        values: values.unwrap_or_else(|| offer.form()),
        offer,
        errors,
        notice,
    };
    Ok((status, render(&page)).into_response())
}

/// GET /civilsamfund/tilbud/{id}
pub async fn offer(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    let notice = match q.gemt.as_deref() {
        Some("1") => "Tilbuddet er gemt.",
        Some("0") => "Der var ingen ændringer – intet er gemt.",
        _ => "",
    };
    Ok(offer_page(&state, &actor, id, None, Vec::new(), notice).await?)
}

/// POST /civilsamfund/tilbud/{id}
pub async fn update_offer(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let form = offer_form(&p);
    match svc::update_offer(&state, &actor, &meta, id, &form).await {
        Ok((_, changed)) => Ok(Redirect::to(&format!("/civilsamfund/tilbud/{id}?gemt={}", u8::from(changed))).into_response()),
        Err(AppError::Invalid(errors)) => Ok(offer_page(&state, &actor, id, Some(form), errors, "").await?),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- a person

/// `/civilsamfund/personer/{id}`: matching, referral, participation and fritidspas for one person.
#[derive(Template)]
#[template(path = "civil_society/person.html")]
pub struct PersonPage {
    chrome: Chrome,
    person_id: i64,
    name: String,
    child: bool,
    interests: String,
    matches: Vec<OfferMatch>,
    consents: Vec<(i64, String)>,
    organisations: Vec<(i64, String)>,
    fields: Vec<(&'static str, &'static str, bool)>,
    referrals: Vec<ReferralView>,
    participations: Vec<ParticipationView>,
    participation_kinds: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    grants: Vec<GrantView>,
    /// Offers fritidspas can pay for that fit the child's age.
    fritidspas_offers: Vec<(i64, String)>,
    /// The ranked offers to choose one to refer to.
    offer_choices: Vec<(i64, String)>,
    can_write: bool,
    values: Vec<(String, String)>,
    errors: Vec<FieldError>,
    form: &'static str,
    today: String,
}

impl PersonPage {
    fn error_for(&self, form: &str, name: &str) -> Option<&str> {
        if self.form == form { error_in(&self.errors, name) } else { None }
    }

    fn value(&self, form: &str, name: &str) -> String {
        if self.form == form { field(&self.values, name) } else { String::new() }
    }

    fn value_or(&self, form: &str, name: &str, default: &str) -> String {
        if self.form == form { field(&self.values, name) } else { default.to_string() }
    }

    /// This page with the referral form set to an offer and its organisation.
    fn refer_link(&self, offer_id: impl std::borrow::Borrow<i64>) -> String {
        let offer_id = *offer_id.borrow();
        format!("/civilsamfund/personer/{}?interests={}&tilbud={offer_id}#henvis", self.person_id, enc(&self.interests))
    }

    fn checked(&self, code: &str) -> bool {
        self.form == "referral" && self.values.iter().any(|(k, v)| k == "shared" && v == code)
    }
}

#[expect(clippy::too_many_arguments, reason = "the page is redrawn from every piece a handler holds")]
async fn person_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    interests: &str,
    values: Vec<(String, String)>,
    errors: Vec<FieldError>,
    form: &'static str,
) -> Result<Response, AppError> {
    let access = actor.person_access(&state.store).await?;
    let row = access.person(&state.store, id).await?;
    let tenant = access.tenant().clone();
    let day = chrono::Local::now().date_naive();
    let child = super::sharing::age_on(&row.birth_date, day).is_some_and(|a| a < 18);
    let matches = svc::matches(state, actor, meta, id, interests).await?;
    let can_write = actor.role.writes_persons();
    let (consents, referrals, grants, fritidspas_offers) = if can_write {
        let today = crate::deadlines::today();
        // Live consents that name organisations, each with what every organisation may get.
        let consents = crate::plans::consent::load(state, &tenant, id)
            .await?
            .into_iter()
            .filter(|c| c.withdrawn_at.is_none() && c.given_on <= today && !c.organisations.is_empty())
            .map(|c| (c.id, format!("Givet {} – {}: {}", c.given_on.danish(), c.purpose, c.organisation_names())))
            .collect();
        let window = Window::first(100);
        let mut refs = svc::referrals(state, actor, meta, ReferralFilter { person_id: Some(id), organisation_id: None }, window).await?;
        refs.truncate(window.limit as usize);
        let (grants, offers) = if child {
            use chrono::Datelike;
            let window = Window::first(100);
            let mut grants = svc::grants(state, actor, meta, i64::from(day.year()), Some(id), window).await?;
            grants.truncate(window.limit as usize);
            let age = super::sharing::age_on(&row.birth_date, day).unwrap_or(0);
            let filter = OfferFilter { fritidspas: true, ..Default::default() };
            let offers = svc::offers(state, actor, filter, Window::first(500)).await?;
            let offers = offers
                .into_iter()
                .filter(|o| (o.min_age..=o.max_age).contains(&age))
                .map(|o| (o.id, format!("{} – {}", o.title, o.organisation_name)))
                .collect();
            (grants, offers)
        } else {
            (Vec::new(), Vec::new())
        };
        (consents, refs, grants, offers)
    } else {
        (Vec::new(), Vec::new(), Vec::new(), Vec::new())
    };
    let participations = svc::participations_of(state, &tenant, id).await?;
    let offer_choices = matches.iter().map(|m| (m.offer_id, format!("{} – {}", m.title, m.organisation_name))).collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = PersonPage {
        chrome: Chrome::new(state, actor, NAV),
        person_id: id,
        name: format!("{} {}", row.given_name, row.family_name),
        child,
        interests: interests.to_string(),
        matches,
        consents,
        organisations: state.store.organisation_names(&tenant).await?,
        fields: SharedField::ALL.iter().map(|f| (f.code(), f.label(), super::sharing::MINIMUM.contains(f))).collect(),
        referrals,
        participations,
        participation_kinds: options(ParticipationKind::ALL, |k| (k.code(), k.label())),
        statuses: options(ParticipationStatus::ALL, |k| (k.code(), k.label())),
        grants,
        fritidspas_offers,
        offer_choices,
        can_write,
        values,
        errors,
        form,
        today: crate::persons::danish_date(&day),
    };
    Ok((status, render(&page)).into_response())
}

/// GET /civilsamfund/personer/{id}; `?tilbud=` sets the referral form to that offer and
/// its organisation.
pub async fn person(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let (values, form) = match q.tilbud {
        Some(offer) => {
            let o = svc::offer(&state, &actor, offer).await?;
            (vec![("organisation_id".to_string(), o.organisation_id.to_string()), ("offer_id".to_string(), o.id.to_string())], "referral")
        }
        None => (Vec::new(), ""),
    };
    Ok(person_page(&state, &actor, &meta, id, q.interests.as_deref().unwrap_or(""), values, Vec::new(), form).await?)
}

fn id_of(p: &[(String, String)], name: &str) -> i64 {
    field(p, name).trim().parse().unwrap_or(0)
}

/// POST /civilsamfund/personer/{id}/henvisning
pub async fn refer(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let offer_id: Option<i64> = field(&p, "offer_id").trim().parse().ok();
    // An offer chosen without its organisation refers to the offer's organisation.
    let organisation_id = match (id_of(&p, "organisation_id"), offer_id) {
        (0, Some(offer)) => svc::offer(&state, &actor, offer).await.map_or(0, |o| o.organisation_id),
        (org, _) => org,
    };
    let input = ReferralInput {
        person_id: id,
        consent_id: id_of(&p, "consent_id"),
        organisation_id,
        offer_id,
        shared: p.iter().filter(|(k, _)| k == "shared").map(|(_, v)| v.clone()).collect(),
        contact: field(&p, "contact"),
        note: field(&p, "note"),
    };
    match svc::create_referral(&state, &actor, &meta, &input).await {
        Ok(r) => Ok(crate::web::notice::after(crate::web::notice::Notice::Sent, &format!("/civilsamfund/henvisninger/{}", r.id))),
        Err(AppError::Invalid(errors)) => Ok(person_page(&state, &actor, &meta, id, "", p, errors, "referral").await?),
        Err(e) => Err(e.into()),
    }
}

/// POST /civilsamfund/personer/{id}/deltagelse
pub async fn participate(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let input = StaffParticipationInput {
        organisation_id: id_of(&p, "participation_organisation_id"),
        kind: field(&p, "participation_kind"),
        status: field(&p, "participation_status"),
        from: field(&p, "participation_from"),
        to: Some(field(&p, "participation_to")),
    };
    match svc::add_participation(&state, &actor, &meta, id, &input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/personer/{id}#deltagelse"))),
        Err(AppError::Invalid(errors)) => {
            let errors = errors.into_iter().map(|e| FieldError::new(format!("participation_{}", e.field), e.reason)).collect();
            Ok(person_page(&state, &actor, &meta, id, "", p, errors, "participation").await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /civilsamfund/personer/{id}/fritidspas
pub async fn apply(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let input = GrantInput {
        person_id: id,
        offer_id: field(&p, "grant_offer_id").trim().parse().ok(),
        household_income: field(&p, "grant_household_income"),
        fee: field(&p, "grant_fee"),
        equipment: field(&p, "grant_equipment"),
        note: field(&p, "grant_note"),
    };
    let grant_field = |e: FieldError| FieldError::new(format!("grant_{}", e.field), e.reason);
    match svc::decide_grant(&state, &actor, &meta, &input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/personer/{id}#fritidspas"))),
        Err(AppError::Invalid(errors)) => Ok(person_page(&state, &actor, &meta, id, "", p, errors.into_iter().map(grant_field).collect(), "grant").await?),
        Err(AppError::WrongState(why)) => {
            Ok(person_page(&state, &actor, &meta, id, "", p, vec![FieldError::new("grant_household_income", why)], "grant").await?)
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- referrals

/// `/civilsamfund/henvisninger`.
#[derive(Template)]
#[template(path = "civil_society/referrals.html")]
pub struct ReferralsPage {
    chrome: Chrome,
    list: Listing<ReferralView>,
    staff: bool,
}

impl ReferralsPage {
    fn pager_base(&self) -> String {
        "/civilsamfund/henvisninger?".into()
    }
}

/// GET /civilsamfund/henvisninger
pub async fn referrals(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<ListQuery>) -> Result<Response, PageError> {
    let list = listing(q.side.as_deref(), PAGE, |w| svc::referrals(&state, &actor, &meta, ReferralFilter::default(), w)).await?;
    let page = ReferralsPage { chrome: Chrome::new(&state, &actor, NAV), list, staff: actor.role.writes_persons() };
    Ok(render(&page).into_response())
}

/// One referral.
#[derive(Template)]
#[template(path = "civil_society/referral.html")]
pub struct ReferralPage {
    chrome: Chrome,
    r: ReferralView,
    participations: Vec<ParticipationView>,
    organisation_user: bool,
    statuses: Vec<(&'static str, &'static str)>,
    errors: Vec<FieldError>,
    /// What was typed into the participation form when it was refused.
    values: Vec<(String, String)>,
    today: String,
}

impl ReferralPage {
    fn error_for(&self, name: &str) -> Option<&str> {
        error_in(&self.errors, name)
    }

    fn value_or(&self, name: &str, default: &str) -> String {
        if self.values.is_empty() { default.to_string() } else { field(&self.values, name) }
    }
}

async fn referral_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    errors: Vec<FieldError>,
    values: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let (r, participations) = svc::referral(state, actor, meta, id).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = ReferralPage {
        chrome: Chrome::new(state, actor, NAV),
        r,
        participations: participations.into_iter().map(Into::into).collect(),
        organisation_user: actor.role == crate::domain::Role::VolunteerCoordinator,
        statuses: options(ParticipationStatus::ALL, |k| (k.code(), k.label())),
        errors,
        values,
        today: crate::deadlines::today().danish().to_string(),
    };
    Ok((status, render(&page)).into_response())
}

/// GET /civilsamfund/henvisninger/{id}
pub async fn referral(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    Ok(referral_page(&state, &actor, &meta, id, Vec::new(), Vec::new()).await?)
}

/// POST /civilsamfund/henvisninger/{id}/svar
pub async fn answer(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    svc::answer_referral(&state, &actor, &meta, id, &field(&p, "status")).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/henvisninger/{id}")))
}

/// POST /civilsamfund/henvisninger/{id}/deltagelse
pub async fn referral_participation(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let input = ParticipationInput { status: field(&p, "status"), date: field(&p, "date") };
    match svc::record_referral_participation(&state, &actor, &meta, id, &input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/henvisninger/{id}"))),
        Err(AppError::Invalid(errors)) => Ok(referral_page(&state, &actor, &meta, id, errors, p).await?),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- fritidspas

/// `/civilsamfund/fritidspas`.
#[derive(Template)]
#[template(path = "civil_society/fritidspas.html")]
pub struct FritidspasPage {
    chrome: Chrome,
    budget: Budget,
    grants: Option<Listing<GrantView>>,
    can_set: bool,
    values: SettingsInput,
    errors: Vec<FieldError>,
    /// What was typed as used for one grant, when refused: (grant, text).
    used: Option<(i64, String)>,
    notice: &'static str,
}

impl FritidspasPage {
    /// The amount used shown in a grant's field: what was typed when it was refused.
    fn used_value(&self, g: &GrantView) -> String {
        match &self.used {
            Some((id, typed)) if *id == g.id => typed.clone(),
            _ => g.used_kr.to_string(),
        }
    }

    fn error_for(&self, name: &str) -> Option<&str> {
        error_in(&self.errors, name)
    }

    fn kr(&self, n: impl std::borrow::Borrow<i64>) -> String {
        kroner(*n.borrow())
    }

    fn pager_base(&self) -> String {
        format!("/civilsamfund/fritidspas?year={}&", self.budget.year)
    }
}

async fn fritidspas_page(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    q: &ListQuery,
    values: Option<SettingsInput>,
    errors: Vec<FieldError>,
    used: Option<(i64, String)>,
) -> Result<Response, AppError> {
    use chrono::Datelike;
    let year = q.year.unwrap_or_else(|| i64::from(chrono::Local::now().date_naive().year()));
    let budget = svc::budget(state, actor, year).await?;
    let grants =
        if actor.role.writes_persons() { Some(listing(q.side.as_deref(), PAGE, |w| svc::grants(state, actor, meta, year, None, w)).await?) } else { None };
    let s = &budget.settings;
    let values = values.unwrap_or_else(|| SettingsInput {
        income_limit: s.income_limit.to_string(),
        extra_per_child: s.extra_per_child.to_string(),
        max_fee: s.max_fee.to_string(),
        max_equipment: s.max_equipment.to_string(),
        yearly_budget: s.yearly_budget.to_string(),
    });
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = FritidspasPage {
        chrome: Chrome::new(state, actor, NAV),
        budget,
        grants,
        can_set: matches!(actor.role, crate::domain::Role::Manager | crate::domain::Role::Admin),
        values,
        errors,
        used,
        notice: saved_notice(q.gemt.as_deref(), "settings"),
    };
    Ok((status, render(&page)).into_response())
}

/// GET /civilsamfund/fritidspas
pub async fn fritidspas(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<ListQuery>) -> Result<Response, PageError> {
    Ok(fritidspas_page(&state, &actor, &meta, &q, None, Vec::new(), None).await?)
}

/// POST /civilsamfund/fritidspas/{id}/brugt: how much of a grant has been used.
pub async fn set_used(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    RawForm(raw): RawForm,
) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let used = field(&p, "used_kr");
    match svc::set_used(&state, &actor, &meta, id, &used).await {
        Ok(g) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/civilsamfund/fritidspas?year={}#afgoerelser", g.year))),
        Err(AppError::Invalid(errors)) => {
            let year = match actor.tenant() {
                Some(tenant) => state.store.fritidspas_grant(&tenant, id).await.ok().flatten().map(|g| g.year),
                None => None,
            };
            let errors = errors.into_iter().map(|e| FieldError::new(format!("{}-{id}", e.field), e.reason)).collect();
            let q = ListQuery { year, ..Default::default() };
            Ok(fritidspas_page(&state, &actor, &meta, &q, None, errors, Some((id, used))).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /civilsamfund/fritidspas/indstillinger
pub async fn save_settings(State(state): State<AppState>, actor: Actor, meta: RequestMeta, RawForm(raw): RawForm) -> Result<Response, PageError> {
    let p = pairs(&raw);
    check_csrf(&actor, &p)?;
    let input = SettingsInput {
        income_limit: field(&p, "income_limit"),
        extra_per_child: field(&p, "extra_per_child"),
        max_fee: field(&p, "max_fee"),
        max_equipment: field(&p, "max_equipment"),
        yearly_budget: field(&p, "yearly_budget"),
    };
    match svc::save_settings(&state, &actor, &meta, &input).await {
        Ok((_, changed)) => Ok(Redirect::to(&format!("/civilsamfund/fritidspas?gemt={}#indstillinger", u8::from(changed))).into_response()),
        Err(AppError::Invalid(errors)) => Ok(fritidspas_page(&state, &actor, &meta, &ListQuery::default(), Some(input), errors, None).await?),
        Err(e) => Err(e.into()),
    }
}
