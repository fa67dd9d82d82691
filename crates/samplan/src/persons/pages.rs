//! The person pages: search (name, CPR, birth date), the person page, and the forms to
//! create and change a person. Work without JavaScript; every form carries a CSRF token.
use super::{PersonInput, PersonView, changed_fields, danish_date, parse_query};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, ResidenceBasis, Sex};
use crate::error::{AppError, PageError};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::families::FamilyRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The search page.
#[derive(Template)]
#[template(path = "persons/search.html")]
pub struct SearchPage {
    chrome: Chrome,
    q: String,
    error: Option<String>,
    results: Option<Vec<PersonView>>,
    can_create: bool,
    nav: crate::web::paging::PageNav,
}

/// Search parameters.
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    side: Option<String>,
}

/// GET /personer
pub async fn search(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(params): Query<SearchParams>) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let mut page = SearchPage {
        chrome: Chrome::new(&state, &actor, "personer"),
        q: params.q.clone(),
        error: None,
        results: None,
        can_create: actor.role.writes_persons(),
        nav: crate::web::paging::PageNav::new(params.side.as_deref(), 50),
    };
    if !params.q.trim().is_empty() {
        match parse_query(&params.q, &state.vault) {
            Ok(query) => {
                let rows = state.store.search_persons_page(access.tenant(), access.reach(), &query, page.nav.fetch(), page.nav.offset()).await?;
                let rows = page.nav.take(rows);
                let events = rows.iter().map(|r| meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(r.id), "søgeresultat")).collect();
                record(&state, events).await?;
                page.results = Some(rows.into_iter().map(|r| PersonView::new(r, &state.vault, &actor)).collect());
            }
            Err(e) => page.error = Some(e.reason),
        }
    }
    Ok(render(&page).into_response())
}

/// The person page.
#[derive(Template)]
#[template(path = "persons/show.html")]
pub struct ShowPage {
    chrome: Chrome,
    person: PersonView,
    family: Option<FamilyRow>,
    relatives: Vec<(String, PersonView)>,
    can_edit: bool,
    deadlines: Vec<crate::deadlines::service::DeadlineView>,
    events: Vec<(String, crate::store::deadlines::EventRow)>,
    event_kinds: Vec<(&'static str, &'static str)>,
    event_form: EventFormState,
    my_plan: crate::my_plan::links::Panel,
    status: crate::status::section::Section,
    danish_education: crate::danish_education::section::Section,
    childcare: Option<crate::children::childcare_section::Section>,
    referrals: ReferralsSection,
    contact: crate::store::persons::PersonContact,
    contact_error: Option<FieldError>,
    summary: crate::store::persons::PersonSummary,
    next_appointment: Option<String>,
    interpreter_languages: Vec<(&'static str, &'static str)>,
}

impl ShowPage {
    /// How many of the person's deadlines are overdue.
    fn overdue(&self) -> usize {
        self.deadlines.iter().filter(|d| d.status == "overdue").count()
    }

    /// The phone number for a `tel:` link.
    fn tel(&self) -> String {
        self.contact.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
    }

    /// The Danish name of a language code.
    fn language(&self, code: &str) -> String {
        crate::domain::person::language_name(code).to_string()
    }
}

/// The person's referrals between departments with their state, and the form to refer
/// the person (for users attached to a department).
pub struct ReferralsSection {
    /// (referral, from label, to label, state label), newest first.
    pub rows: Vec<(crate::store::referrals::ReferralRow, &'static str, &'static str, &'static str)>,
    /// The user's own department (code), which refers; none: the form is not shown.
    pub own_department: Option<String>,
    /// The departments one may refer to.
    pub departments: Vec<crate::domain::DepartmentKind>,
}

impl ReferralsSection {
    /// The referrals of person `id` the user sees: all for caseworkers and coordinators,
    /// else those from or to the user's department.
    pub async fn load(state: &AppState, actor: &Actor, tenant: &crate::auth::Tenant, id: i64) -> Result<Self, AppError> {
        use crate::domain::{DepartmentKind, Role};
        let own_department = crate::auth::access::department_of(&state.store, tenant, actor).await?;
        let sees_all = matches!(actor.role, Role::Coordinator | Role::Caseworker);
        let label = |code: &str| DepartmentKind::parse(code).map(|d| d.label()).unwrap_or("?");
        let rows = state
            .store
            .person_referrals(tenant, id)
            .await?
            .into_iter()
            .filter(|r| sees_all || own_department.as_deref().is_some_and(|d| d == r.from_department || d == r.to_department))
            .map(|r| {
                let (from, to, status) = (label(&r.from_department), label(&r.to_department), crate::plans::referrals::status_label(&r.status));
                (r, from, to, status)
            })
            .collect();
        let departments = DepartmentKind::ALL.iter().copied().filter(|d| own_department.as_deref() != Some(d.code())).collect();
        Ok(Self { rows, own_department, departments })
    }

    /// The referrals still waiting for an answer.
    pub fn open(&self) -> usize {
        self.rows.iter().filter(|(r, ..)| r.status == "pending").count()
    }
}

fn relation_label(kind: &str, from_this: bool) -> String {
    match (kind, from_this) {
        ("parent_of", true) => "Forælder til",
        ("parent_of", false) => "Barn af",
        ("spouse_of", _) => "Ægtefælle/samlever",
        ("sibling_of", _) => "Søskende",
        _ => "Relation",
    }
    .to_string()
}

/// What the case-event form on the person page holds: blank (today's date), or what
/// was typed with each field's reason when it was refused.
#[derive(Debug, Clone, Default)]
pub struct EventFormState {
    /// The event kind chosen.
    pub kind: String,
    /// The date as typed.
    pub date: String,
    /// The note as typed.
    pub note: String,
    /// Each refused field with its reason.
    pub errors: Vec<FieldError>,
}

impl EventFormState {
    /// The reason `field` was refused, if it was.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// GET /personer/{id}
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    let today = crate::deadlines::today();
    let blank = EventFormState { date: today.danish().to_string(), ..Default::default() };
    Ok(page(&state, &actor, &meta, id, blank).await?)
}

/// The person page, with the case-event form in `event_form`'s state (422 when it
/// carries errors).
pub async fn page(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, event_form: EventFormState) -> Result<Response, AppError> {
    page_with(state, actor, meta, id, event_form, None).await
}

/// The person page, with the contact form as typed and its error when it was refused.
async fn page_with(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    event_form: EventFormState,
    typed_contact: Option<(crate::store::persons::PersonContact, FieldError)>,
) -> Result<Response, AppError> {
    let (state, actor) = (state.clone(), actor.clone());
    let access = actor.person_access(&state.store).await?;
    let tenant = access.tenant();
    let row = access.person(&state.store, id).await?;
    let family = match row.family_id {
        Some(fid) => state.store.family(tenant, fid).await?,
        None => None,
    };
    let mut relatives = Vec::new();
    let mut events = vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(id), "personside")];
    for (kind, a, b) in state.store.relations(tenant, id).await? {
        let (other, from_this) = if a == id { (b, true) } else { (a, false) };
        if let Some(r) = state.store.person(tenant, other).await?
            && access.may_read(&state.store, other).await?
        {
            events.push(meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(other), "relation på personside"));
            relatives.push((relation_label(&kind, from_this), PersonView::new(r, &state.vault, &actor)));
        }
    }
    record(&state, events).await?;
    let filter = crate::store::deadlines::DeadlineFilter { person_id: Some(id), ..Default::default() };
    let deadlines = crate::deadlines::service::list(&state, tenant, access.reach(), &filter)
        .await?
        .into_iter()
        .map(|r| crate::deadlines::service::DeadlineView::new(r.deadline, None))
        .collect();
    let events = state
        .store
        .events(tenant, id)
        .await?
        .into_iter()
        // Outcome events (e.g. a passed DU module) are listed under "Status og forløb".
        .filter_map(|e| {
            let kind = rules::EventKind::from_key(&e.kind);
            let outcome = kind.is_none() && indicators::EventKind::from_key(&e.kind).is_some();
            (!outcome).then(|| (kind.map(crate::deadlines::event_label).unwrap_or("Hændelse").to_string(), e))
        })
        .collect();
    let event_kinds = rules::EventKind::ALL.iter().filter(|k| !k.of_children()).map(|k| (k.key(), crate::deadlines::event_label(*k))).collect();
    let my_plan = crate::my_plan::links::panel(&state, tenant, &actor, &row).await?;
    let status = crate::status::section::section(&state, tenant, &actor, id).await?;
    let danish_education = crate::danish_education::section::section(&state, tenant, &actor, id).await?;
    let childcare = crate::children::childcare_section::section(&state, tenant, &row).await?;
    let referrals = ReferralsSection::load(&state, &actor, tenant, id).await?;
    let (contact, contact_error) = match typed_contact {
        Some((typed, error)) => (typed, Some(error)),
        None => (state.store.person_contact(tenant, id).await?.unwrap_or_default(), None),
    };
    let summary = state.store.person_summary(tenant, id).await?;
    let next_appointment = match row.family_id {
        Some(fid) => crate::plans::service::next_appointment(&state, &actor, fid, id, chrono::Local::now().naive_local()).await?,
        None => None,
    };
    let interpreter_languages =
        crate::domain::person::KNOWN_LANGUAGES.iter().filter(|c| **c != "da").map(|c| (*c, crate::domain::person::language_name(c))).collect();
    let page = ShowPage {
        contact,
        contact_error,
        summary,
        next_appointment,
        interpreter_languages,
        referrals,
        childcare,
        danish_education,
        chrome: Chrome::new(&state, &actor, "personer"),
        my_plan,
        status,
        person: PersonView::new(row, &state.vault, &actor),
        family,
        relatives,
        can_edit: actor.role.writes_persons(),
        deadlines,
        events,
        event_kinds,
        event_form,
    };
    let status = if page.event_form.errors.is_empty() && page.contact_error.is_none() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

/// The create/edit form.
#[derive(Template)]
#[template(path = "persons/form.html")]
pub struct FormPage {
    chrome: Chrome,
    action: String,
    creating: bool,
    values: PersonFormData,
    errors: Vec<FieldError>,
    bases: &'static [ResidenceBasis],
    sexes: &'static [Sex],
    /// Families to choose from when the family's name matched several: (id, label).
    family_candidates: Vec<(i64, String)>,
}

impl FormPage {
    /// The plain text inputs: (name, Danish label, value).
    fn text_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let v = &self.values;
        vec![
            ("given_name", "Fornavne", v.given_name.clone()),
            ("family_name", "Efternavn", v.family_name.clone()),
            ("nationality", "Nationalitet", v.nationality.clone()),
            ("languages", "Sprog (danske navne adskilt af komma, fx arabisk, engelsk)", v.languages.clone()),
            ("arrival_date", "Ankomst til Danmark (DD.MM.ÅÅÅÅ)", v.arrival_date.clone()),
            ("takeover_date", "Overtagelsesdato (DD.MM.ÅÅÅÅ)", v.takeover_date.clone()),
            ("family", "Familie (navnet, fx Familien Haddad; tomt hvis ingen)", v.family.clone()),
        ]
    }

    /// The Danish name of a field, for the error summary.
    fn label_of(&self, field: &str) -> &'static str {
        match field {
            "cpr" => "CPR-nummer",
            "given_name" => "Fornavne",
            "family_name" => "Efternavn",
            "nationality" => "Nationalitet",
            "languages" => "Sprog",
            "arrival_date" => "Ankomst til Danmark",
            "takeover_date" => "Overtagelsesdato",
            "family" | "family_id" => "Familie",
            "sex" => "Køn",
            "residence_basis" => "Opholdsgrundlag",
            "quota_refugee" => "Kvoteflygtning",
            _ => "Feltet",
        }
    }

    /// The error for a field, if any (used by the template).
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

/// The form's fields, as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonFormData {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    cpr: String,
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    arrival_date: String,
    #[serde(default)]
    takeover_date: String,
    #[serde(default)]
    residence_basis: String,
    /// The family chosen: from the page it was opened on, the person's own, or a choice
    /// among several families of the typed name.
    #[serde(default)]
    family_id: String,
    /// The family's name as typed.
    #[serde(default)]
    family: String,
    /// The quota-refugee checkbox ("on" when ticked).
    #[serde(default)]
    quota_refugee: Option<String>,
}

impl PersonFormData {
    fn to_input(&self, family_id: Option<i64>) -> Result<PersonInput, FieldError> {
        let opt = |s: &str| Some(s.to_string()).filter(|s| !s.trim().is_empty());
        Ok(PersonInput {
            cpr: opt(&self.cpr),
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            sex: self.sex.clone(),
            languages: self.languages.clone(),
            nationality: self.nationality.clone(),
            arrival_date: opt(&self.arrival_date),
            takeover_date: opt(&self.takeover_date),
            residence_basis: self.residence_basis.clone(),
            quota_refugee: Some(self.quota_refugee.is_some()),
            family_id,
            family_role: None,
        })
    }
}

/// The family a form names by its name: none when the name is empty; the family already
/// chosen (`family_id`) while the name still is its name; else the one family of the
/// reader's reach with that name in it (the one chosen among several keeps the text typed) — several are offered to choose from, none is an
/// error at the field.
async fn resolve_family(state: &AppState, actor: &Actor, form: &PersonFormData) -> Result<Result<Option<i64>, (FieldError, Vec<(i64, String)>)>, AppError> {
    let typed = form.family.trim();
    if typed.is_empty() {
        return Ok(Ok(None));
    }
    let access = actor.person_access(&state.store).await?;
    if let Ok(id) = form.family_id.trim().parse::<i64>()
        && let Some(f) = state.store.family(access.tenant(), id).await?
        && f.name.to_lowercase().contains(&typed.to_lowercase())
    {
        return Ok(Ok(Some(id)));
    }
    let mut found = state.store.families(access.tenant(), access.reach(), Some(&typed.to_lowercase()), 21, 0).await?;
    // A name typed in full picks its family even when others contain it.
    let exact: Vec<i64> = found.iter().filter(|f| f.name.trim().to_lowercase() == typed.to_lowercase()).map(|f| f.id).collect();
    if let [one] = exact.as_slice() {
        return Ok(Ok(Some(*one)));
    }
    match found.len() {
        0 => Ok(Err((
            FieldError::new("family", format!("ingen familie, du har adgang til, hedder «{typed}»; opret familien først eller ret navnet")),
            Vec::new(),
        ))),
        1 => Ok(Ok(Some(found.remove(0).id))),
        n => {
            let reason =
                if n > 20 { "mere end 20 familier passer; skriv mere af navnet".to_string() } else { format!("{n} familier passer; vælg hvilken du mener") };
            found.truncate(20);
            let candidates = found
                .iter()
                .map(|f| {
                    let place = [f.street.as_deref(), f.city.as_deref()].into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                    let members = if f.member_count == 1 { "1 medlem".to_string() } else { format!("{} medlemmer", f.member_count) };
                    (f.id, if place.is_empty() { format!("{} ({members})", f.name) } else { format!("{}, {place} ({members})", f.name) })
                })
                .collect();
            Ok(Err((FieldError::new("family", reason), candidates)))
        }
    }
}

/// The family's name for the form, from its id.
async fn family_name(state: &AppState, tenant: &Tenant, id: Option<i64>) -> Result<String, AppError> {
    Ok(match id {
        Some(id) => state.store.family(tenant, id).await?.map(|f| f.name).unwrap_or_default(),
        None => String::new(),
    })
}

fn form_page(state: &AppState, actor: &Actor, action: String, creating: bool, values: PersonFormData, errors: Vec<FieldError>) -> Response {
    form_page_with(state, actor, action, creating, values, errors, Vec::new())
}

fn form_page_with(
    state: &AppState,
    actor: &Actor,
    action: String,
    creating: bool,
    values: PersonFormData,
    errors: Vec<FieldError>,
    family_candidates: Vec<(i64, String)>,
) -> Response {
    let status = if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let page = FormPage {
        chrome: Chrome::new(state, actor, "personer"),
        action,
        creating,
        values,
        errors,
        bases: &ResidenceBasis::ALL,
        sexes: Sex::ALL,
        family_candidates,
    };
    (status, render(&page)).into_response()
}

/// Query of the new-person form: which family to add to.
#[derive(Debug, Deserialize)]
pub struct NewParams {
    #[serde(default)]
    familie: Option<i64>,
}

/// GET /personer/ny
pub async fn new_form(State(state): State<AppState>, actor: Actor, Query(p): Query<NewParams>) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    let family = family_name(&state, &tenant, p.familie).await?;
    let values = PersonFormData { family_id: p.familie.map(|f| f.to_string()).unwrap_or_default(), family, ..Default::default() };
    Ok(form_page(&state, &actor, "/personer/ny".into(), true, values, Vec::new()))
}

/// POST /personer/ny
pub async fn create(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Form(form): Form<PersonFormData>) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let family_id = match resolve_family(&state, &actor, &form).await? {
        Ok(id) => id,
        Err((error, candidates)) => return Ok(form_page_with(&state, &actor, "/personer/ny".into(), true, form, vec![error], candidates)),
    };
    let parsed = form.to_input(family_id).map_err(|e| vec![e]).and_then(|i| i.parse(true));
    let (cpr, fields) = match parsed {
        Ok(v) => v,
        Err(errors) => return Ok(form_page(&state, &actor, "/personer/ny".into(), true, form, errors)),
    };
    if let Err(AppError::Invalid(errors)) = super::api::check_family(&state, &tenant, fields.family_id).await {
        return Ok(form_page(&state, &actor, "/personer/ny".into(), true, form, errors));
    }
    let cpr = cpr.expect("required when creating");
    let result = state.store.create_person(&tenant, &state.vault.encrypt(&cpr), &state.vault.lookup_hash(&cpr), &fields).await;
    let id = match result {
        Ok(id) => id,
        Err(crate::store::StoreError::Conflict(what)) => {
            let errors = vec![FieldError::new("cpr", format!("{what} findes allerede"))];
            return Ok(form_page(&state, &actor, "/personer/ny".into(), true, form, errors));
        }
        Err(e) => return Err(e.into()),
    };
    state.store.set_quota_refugee(&tenant, id, form.quota_refugee.is_some()).await?;
    crate::deadlines::recompute(&state.store, &tenant, id, &crate::deadlines::municipality_rules(&state.store, &tenant).await?).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Create, AuditEntity::Person, Some(id), "oprettet")]).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/personer/{id}")))
}

/// GET /personer/{id}/rediger
pub async fn edit_form(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Path(id): Path<i64>) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    let row = state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    record(&state, vec![meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(id), "redigeringsformular")]).await?;
    let values = PersonFormData {
        csrf: String::new(),
        cpr: String::new(),
        given_name: row.given_name,
        family_name: row.family_name,
        sex: row.sex,
        languages: crate::domain::LanguageList::parse(&row.languages).map(|l| l.names()).unwrap_or(row.languages),
        nationality: row.nationality,
        arrival_date: row.arrival_date.as_deref().map(danish_date).unwrap_or_default(),
        takeover_date: row.takeover_date.as_deref().map(danish_date).unwrap_or_default(),
        residence_basis: row.residence_basis.code().into(),
        family: family_name(&state, &tenant, row.family_id).await?,
        family_id: row.family_id.map(|f| f.to_string()).unwrap_or_default(),
        quota_refugee: (row.quota_refugee == 1).then(|| "on".to_string()),
    };
    Ok(form_page(&state, &actor, format!("/personer/{id}/rediger"), false, values, Vec::new()))
}

/// POST /personer/{id}/rediger
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<PersonFormData>,
) -> Result<Response, PageError> {
    let tenant = actor.person_writer()?;
    actor.check_csrf(&form.csrf)?;
    let old = state.store.person(&tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
    let action = format!("/personer/{id}/rediger");
    let family_id = match resolve_family(&state, &actor, &form).await? {
        Ok(id) => id,
        Err((error, candidates)) => return Ok(form_page_with(&state, &actor, action, false, form, vec![error], candidates)),
    };
    let input = match form.to_input(family_id) {
        Ok(i) => i,
        Err(e) => return Ok(form_page(&state, &actor, action, false, form, vec![e])),
    };
    let fields = match super::api::parse_update(&input, &old) {
        Ok(f) => f,
        Err(AppError::Invalid(errors)) => return Ok(form_page(&state, &actor, action, false, form, errors)),
        Err(e) => return Err(e.into()),
    };
    if let Err(AppError::Invalid(errors)) = super::api::check_family(&state, &tenant, fields.family_id).await {
        return Ok(form_page(&state, &actor, action, false, form, errors));
    }
    let changed = changed_fields(&old, &fields);
    // Saved as it was: nothing changes, nothing is recorded as a change.
    let quota = form.quota_refugee.is_some() && fields.residence_basis == ResidenceBasis::Refugee;
    let mut changed = changed;
    if quota != (old.quota_refugee == 1) {
        changed.push("quota_refugee");
    }
    let notice = if changed.is_empty() { crate::web::notice::Notice::Unchanged } else { crate::web::notice::Notice::Saved };
    if !changed.is_empty() {
        state.store.update_person(&tenant, id, &fields).await?;
        state.store.set_quota_refugee(&tenant, id, quota).await?;
        crate::deadlines::recompute(&state.store, &tenant, id, &crate::deadlines::municipality_rules(&state.store, &tenant).await?).await?;
        record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::Person, Some(id), format!("ændret: {}", changed.join(", ")))]).await?;
    }
    Ok(crate::web::notice::after(notice, &format!("/personer/{id}")))
}

/// The add-event form.
#[derive(Debug, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    note: String,
}

/// POST /personer/{id}/haendelser: records a case event (the deadlines are recomputed)
pub async fn create_event(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<EventForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    let input = crate::deadlines::service::EventInput { kind: form.kind, date: form.date, note: form.note };
    match crate::deadlines::service::add_event(&state, &actor, &meta, id, &input).await {
        Ok(_) => Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/personer/{id}#haendelser"))),
        // The person page again, with what was typed and each reason at its field.
        Err(AppError::Invalid(errors)) => {
            let typed = EventFormState { kind: input.kind, date: input.date, note: input.note, errors };
            Ok(page(&state, &actor, &meta, id, typed).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// The contact form: phone and interpreter need.
#[derive(Debug, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    interpreter_language: String,
}

/// Checks a typed phone number and interpreter language.
pub fn parse_contact(phone: &str, interpreter_language: &str) -> Result<crate::store::persons::PersonContact, FieldError> {
    let phone = phone.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !phone.is_empty() && (phone.chars().any(|c| !(c.is_ascii_digit() || " +-()".contains(c))) || !(8..=15).contains(&digits)) {
        return Err(FieldError::new("phone", format!("«{phone}» er ikke et telefonnummer; skriv 8 cifre, evt. med landekode, fx +45 12 34 56 78")));
    }
    let language = interpreter_language.trim();
    if !language.is_empty() && !crate::domain::person::KNOWN_LANGUAGES.contains(&language) {
        return Err(FieldError::new("interpreter_language", "vælg et sprog fra listen"));
    }
    Ok(crate::store::persons::PersonContact { phone, interpreter_language: (!language.is_empty()).then(|| language.to_string()) })
}

/// POST /personer/{id}/kontakt: phone and interpreter need. Unchanged, nothing is written.
pub async fn save_contact(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(id): Path<i64>,
    Form(form): Form<ContactForm>,
) -> Result<Response, PageError> {
    actor.check_csrf(&form.csrf)?;
    actor.person_writer()?;
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, id).await?;
    let contact = match parse_contact(&form.phone, &form.interpreter_language) {
        Ok(c) => c,
        Err(e) => {
            let typed = crate::store::persons::PersonContact {
                phone: form.phone.clone(),
                interpreter_language: Some(form.interpreter_language.clone()).filter(|l| !l.is_empty()),
            };
            let today = crate::deadlines::today();
            let blank = EventFormState { date: today.danish().to_string(), ..Default::default() };
            return Ok(page_with(&state, &actor, &meta, id, blank, Some((typed, e))).await?);
        }
    };
    let old = state.store.person_contact(access.tenant(), id).await?.unwrap_or_default();
    if old.phone == contact.phone && old.interpreter_language == contact.interpreter_language {
        return Ok(crate::web::notice::after(crate::web::notice::Notice::Unchanged, &format!("/personer/{id}#overblik-heading")));
    }
    state.store.set_person_contact(access.tenant(), id, &contact).await?;
    let mut changed = Vec::new();
    if old.phone != contact.phone {
        changed.push("phone");
    }
    if old.interpreter_language != contact.interpreter_language {
        changed.push("interpreter_language");
    }
    record(&state, vec![meta.event(&actor, AuditAction::Update, AuditEntity::Person, Some(id), format!("ændret: {}", changed.join(", ")))]).await?;
    Ok(crate::web::notice::after(crate::web::notice::Notice::Saved, &format!("/personer/{id}#overblik-heading")))
}
