//! The employment functions the pages and the API share: tenancy and roles (business
//! consultants own companies, openings and proposals; every role that reads persons
//! reads companies and openings), person access and audit for everything about a
//! person, matching both ways, the optimal round and the decision per pair.
use super::matching::{Candidate, Fit, MatchSettings, OpeningFacts, PersonFacts, explain, km};
use super::{CompanyFilter, CompanyInput, CompanyView, ContactInput, ContactView, OpeningFilter, OpeningInput, OpeningView, ProfileInput};
use crate::app::AppState;
use crate::auth::access::PersonAccess;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta, Tenant};
use crate::domain::{DepartmentKind, FieldError};
use crate::error::AppError;
use crate::plans::{Action, ActionStatus, LifeArea, PlanDocument, Slot};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::employment::{CandidateRow, NewPair, PairRow, ProfileRow, ProposalRow};
use crate::web::paging::{Page, Paging};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Today.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The tenant for reading companies and openings: every role that reads persons.
pub fn reader(actor: &Actor) -> Result<Tenant, AppError> {
    actor.person_reader()
}

/// A page of companies, by id (a key cursor: new companies do not shift later pages).
pub async fn companies(state: &AppState, actor: &Actor, f: &CompanyFilter, p: &Paging) -> Result<Page<CompanyView>, AppError> {
    let t = reader(actor)?;
    let rows = state.store.companies(&t, f.q.as_deref().unwrap_or(""), p.after().unwrap_or(0), p.fetch()).await?;
    Ok(p.page_by_key(rows, |r| r.id).map(CompanyView::from))
}

/// The caller's municipality when they may change company `id`: a business consultant
/// (403) and a company of their municipality (404). Checked before the change is read.
pub async fn editable_company(state: &AppState, actor: &Actor, id: i64) -> Result<crate::auth::Tenant, AppError> {
    let t = actor.business_consultant(&state.store).await?;
    state.store.company(&t, id).await?.ok_or(AppError::NotFound("virksomheden"))?;
    Ok(t)
}

/// One company with its contacts.
pub async fn company(state: &AppState, actor: &Actor, id: i64) -> Result<CompanyView, AppError> {
    let t = reader(actor)?;
    let row = state.store.company(&t, id).await?.ok_or(AppError::NotFound("virksomheden"))?;
    let contacts = state.store.company_contacts(&t, id).await?.into_iter().map(ContactView::from).collect();
    Ok(CompanyView { contacts: Some(contacts), ..CompanyView::from(row) })
}

/// Creates a company (business consultants).
pub async fn create_company(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &CompanyInput) -> Result<CompanyView, AppError> {
    let t = actor.business_consultant(&state.store).await?;
    let f = super::check_company(input).map_err(AppError::Invalid)?;
    let id = state.store.add_company(&t, &f, &actor.user.login).await.map_err(|e| conflict_on_cvr(e, &f.cvr))?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::Company, Some(id), format!("virksomhed {} (CVR {})", f.name, f.cvr))]).await?;
    company(state, actor, id).await
}

fn conflict_on_cvr(e: crate::store::StoreError, cvr: &str) -> AppError {
    match e {
        crate::store::StoreError::Conflict(_) => AppError::Invalid(vec![FieldError::new("cvr", format!("CVR-nummeret {cvr} er allerede registreret"))]),
        other => other.into(),
    }
}

/// Changes a company (business consultants).
pub async fn update_company(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &CompanyInput) -> Result<CompanyView, AppError> {
    let t = actor.business_consultant(&state.store).await?;
    let f = super::check_company(input).map_err(AppError::Invalid)?;
    if !state.store.update_company(&t, id, &f).await.map_err(|e| conflict_on_cvr(e, &f.cvr))? {
        return Err(AppError::NotFound("virksomheden"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Company, Some(id), format!("virksomhed {} rettet", f.name))]).await?;
    company(state, actor, id).await
}

/// Adds a contact person to a company (business consultants).
pub async fn add_contact(state: &AppState, actor: &Actor, meta: &RequestMeta, company_id: i64, input: &ContactInput) -> Result<ContactView, AppError> {
    let t = actor.business_consultant(&state.store).await?;
    let c = super::check_contact(input).map_err(AppError::Invalid)?;
    let id = state.store.add_company_contact(&t, company_id, &c.name, &c.role, &c.phone, &c.email).await?.ok_or(AppError::NotFound("virksomheden"))?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::CompanyContact, Some(id), format!("kontaktperson hos virksomhed {company_id}"))])
        .await?;
    Ok(ContactView { id, name: c.name, role: c.role, phone: c.phone, email: c.email })
}

/// A page of openings by id (open ones unless `open=false`).
pub async fn openings(state: &AppState, actor: &Actor, f: &OpeningFilter, p: &Paging) -> Result<Page<OpeningView>, AppError> {
    let t = reader(actor)?;
    let (open, company) = f.parsed().map_err(AppError::Invalid)?;
    let rows = state.store.openings(&t, open, company, p.after().unwrap_or(0), p.fetch()).await?;
    Ok(p.page_by_key(rows, |r| r.id).map(OpeningView::from))
}

/// One opening.
pub async fn opening(state: &AppState, actor: &Actor, id: i64) -> Result<OpeningView, AppError> {
    let t = reader(actor)?;
    Ok(state.store.opening(&t, id).await?.ok_or(AppError::NotFound("tilbuddet"))?.into())
}

async fn company_postal(state: &AppState, tenant: &Tenant, input: &OpeningInput) -> Result<Option<String>, AppError> {
    let Ok(id) = input.company_id.trim().parse::<i64>() else { return Ok(None) };
    let company = state.store.company(tenant, id).await?;
    if company.is_none() && id > 0 {
        return Err(AppError::Invalid(vec![FieldError::new("company_id", format!("virksomhed {id} findes ikke"))]));
    }
    Ok(company.map(|c| c.postal_code))
}

/// Creates an opening (business consultants).
pub async fn create_opening(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &OpeningInput) -> Result<OpeningView, AppError> {
    let t = actor.business_consultant(&state.store).await?;
    let postal = company_postal(state, &t, input).await?;
    let f = super::check_opening(input, postal.as_deref()).map_err(AppError::Invalid)?;
    let id = state
        .store
        .add_opening(&t, &f, &actor.user.login)
        .await?
        .ok_or_else(|| AppError::Invalid(vec![FieldError::new("company_id", "virksomheden findes ikke")]))?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::Opening, Some(id), format!("tilbud {} ({})", f.title, f.kind))]).await?;
    opening(state, actor, id).await
}

/// The caller's municipality when they may change opening `id` (403/404): checked
/// before the change is read.
pub async fn editable_opening(state: &AppState, actor: &Actor, id: i64) -> Result<crate::auth::Tenant, AppError> {
    let t = actor.business_consultant(&state.store).await?;
    state.store.opening(&t, id).await?.ok_or(AppError::NotFound("tilbuddet"))?;
    Ok(t)
}

/// Changes an opening (business consultants).
pub async fn update_opening(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &OpeningInput) -> Result<OpeningView, AppError> {
    let t = editable_opening(state, actor, id).await?;
    let postal = company_postal(state, &t, input).await?;
    let f = super::check_opening(input, postal.as_deref()).map_err(AppError::Invalid)?;
    if !state.store.update_opening(&t, id, &f).await? {
        return Err(AppError::NotFound("tilbuddet"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Opening, Some(id), format!("tilbud {} rettet", f.title))]).await?;
    opening(state, actor, id).await
}

/// A person's employment profile as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProfileView {
    /// The person.
    pub person_id: i64,
    /// The profile as typed (empty when none is recorded).
    #[schema(value_type = super::ProfileShown)]
    pub profile: ProfileInput,
    /// Whether one is recorded.
    pub recorded: bool,
    /// Where the Danish level comes from.
    pub danish_source: String,
    /// Who last changed it.
    pub updated_by: String,
    /// When.
    pub updated_at: String,
}

/// Reads a person's profile, audited.
pub async fn profile(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64) -> Result<ProfileView, AppError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, person_id).await?;
    let row = state.store.employment_profile(access.tenant(), person_id).await?;
    let du = crate::danish_education::danish_level(&state.store, access.tenant(), person_id).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), "beskæftigelsesprofil")]).await?;
    Ok(view_profile(person_id, row, du))
}

fn view_profile(person_id: i64, row: Option<ProfileRow>, du: Option<crate::danish_education::DanishLevel>) -> ProfileView {
    let mut profile = row.as_ref().map(ProfileInput::from).unwrap_or_default();
    let danish_source = match du {
        Some(level) => {
            profile.danish = super::danish::from_du(&level).typed();
            format!("{}: {}", super::danish::FROM_DU, level.label())
        }
        None => super::danish::ENTERED.into(),
    };
    ProfileView {
        person_id,
        recorded: row.is_some(),
        profile,
        danish_source,
        updated_by: row.as_ref().map(|r| r.updated_by.clone()).unwrap_or_default(),
        updated_at: row.map(|r| r.updated_at).unwrap_or_default(),
    }
}

/// Saves a person's profile: caseworkers and coordinators, and business consultants
/// for persons they reach.
pub async fn save_profile(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, input: &ProfileInput) -> Result<ProfileView, AppError> {
    let access = profile_writer(state, actor, person_id).await?;
    let row = super::check_profile(input, person_id, &actor.user.login).map_err(AppError::Invalid)?;
    if !state.store.save_employment_profile(access.tenant(), &row).await? {
        return Err(AppError::NotFound("personen"));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(person_id), "beskæftigelsesprofil gemt")]).await?;
    let du = crate::danish_education::danish_level(&state.store, access.tenant(), person_id).await?;
    Ok(view_profile(person_id, state.store.employment_profile(access.tenant(), person_id).await?, du))
}

/// The caller's reach when they may change `person_id`'s employment profile (403/404):
/// checked before the profile is read.
pub async fn profile_writer(state: &AppState, actor: &Actor, person_id: i64) -> Result<PersonAccess, AppError> {
    let access = writer_access(state, actor).await?;
    access.person(&state.store, person_id).await?;
    Ok(access)
}

async fn writer_access(state: &AppState, actor: &Actor) -> Result<PersonAccess, AppError> {
    if actor.person_writer().is_err() {
        actor
            .business_consultant(&state.store)
            .await
            .map_err(|_| AppError::Forbidden("kun sagsbehandlere, familiekoordinatorer og virksomhedskonsulenter må ændre beskæftigelsesprofilen".into()))?;
    }
    actor.person_access(&state.store).await
}

/// The matching candidates within `access`, with what their family plans hold. Three
/// queries whatever the number of persons.
pub async fn candidates(state: &AppState, access: &PersonAccess, ready_only: bool, person: Option<i64>) -> Result<Vec<Candidate>, AppError> {
    let tenant = access.tenant();
    let rows = state.store.candidates(tenant, access.reach(), ready_only, person).await?;
    let plans: HashMap<i64, PlanDocument> = state.store.candidate_plans(tenant).await?.into_iter().map(|(f, d)| (f, PlanDocument::from_json(&d))).collect();
    let today = today();
    let six_years_ago = today.checked_sub_months(chrono::Months::new(72)).unwrap_or(today);
    let children = state.store.candidate_young_children(tenant, crate::domain::calendar_bound(six_years_ago)).await?;
    let placed: HashMap<i64, i64> = state.store.placed_persons(tenant).await?.into_iter().collect();
    let du = super::danish::du_levels(&state.store, tenant, person).await?;
    Ok(rows.into_iter().map(|row| context(row, &plans, &children, &placed, &du, today)).collect())
}

fn live(a: &Action, today: NaiveDate) -> bool {
    let ok = matches!(ActionStatus::parse(&a.status), Ok(ActionStatus::Planned | ActionStatus::Active));
    let start = NaiveDate::parse_from_str(&a.start_date, "%Y-%m-%d").unwrap_or(NaiveDate::MAX);
    let end = a.end_date.as_deref().and_then(|e| NaiveDate::parse_from_str(e, "%Y-%m-%d").ok()).unwrap_or(NaiveDate::MAX);
    ok && end >= today && start <= today + chrono::Duration::days(90)
}

fn context(
    row: CandidateRow,
    plans: &HashMap<i64, PlanDocument>,
    children: &[(i64, i64)],
    placed: &HashMap<i64, i64>,
    du: &HashMap<i64, super::DanishLevel>,
    today: NaiveDate,
) -> Candidate {
    let plan = row.family_id.and_then(|f| plans.get(&f));
    let mut planned_hours = 0.0;
    let mut busy: Vec<Slot> = Vec::new();
    let childcare;
    if let Some(plan) = plan {
        for (_, a) in plan.actions().filter(|(g, a)| a.person(g) == Some(row.person_id) && live(a, today)) {
            if a.slots.is_empty() {
                planned_hours += a.weekly_hours.unwrap_or(0.0);
            } else {
                planned_hours += a
                    .slots
                    .iter()
                    .map(|s| {
                        let (f, t) = s.minutes();
                        f64::from(t - f) / 60.0
                    })
                    .sum::<f64>();
                busy.extend(a.slots.iter().cloned());
            }
        }
        let daycare =
            |child: i64| plan.actions().any(|(g, a)| a.person(g) == Some(child) && a.department == DepartmentKind::DaycareAndSchool.code() && live(a, today));
        childcare = children.iter().any(|&(child, family)| Some(family) == row.family_id && !daycare(child));
    } else {
        childcare = children.iter().any(|&(_, family)| Some(family) == row.family_id);
    }
    let languages = super::items(&row.languages).into_iter().map(str::to_string).collect();
    let placed_in = placed.get(&row.person_id).copied();
    let du_level = du.get(&row.person_id).copied();
    Candidate { row, languages, planned_hours, busy, childcare, placed_in, du_level }
}

/// One ranked match.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MatchView {
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub person_name: String,
    /// The opening.
    pub opening_id: i64,
    /// Its title and company.
    pub opening_title: String,
    /// Fit and reasons.
    pub fit: Fit,
}

/// Matching query: whether to include the pairs hard rules remove (the page is chosen
/// with `limit` and `cursor`, decision 006).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// Also list pairs removed by a hard rule, with the reason.
    #[serde(default)]
    pub all: Option<bool>,
}

/// Best first, in a total order (score, then ids), cut to the page asked for.
fn rank(mut list: Vec<MatchView>, q: &MatchQuery, p: &Paging) -> Page<MatchView> {
    if !q.all.unwrap_or(false) {
        list.retain(|m| m.fit.blocked.is_none());
    }
    list.sort_by(|a, b| {
        (a.fit.blocked.is_some(), -a.fit.score, a.person_id, a.opening_id).cmp(&(b.fit.blocked.is_some(), -b.fit.score, b.person_id, b.opening_id))
    });
    p.slice(list)
}

/// The persons who fit an opening, best first, within the reader's reach; audited per person listed.
pub async fn matches_for_opening(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    opening_id: i64,
    q: &MatchQuery,
    p: &Paging,
) -> Result<(OpeningView, Page<MatchView>), AppError> {
    let access = actor.person_access(&state.store).await?;
    let o: OpeningView = state.store.opening(access.tenant(), opening_id).await?.ok_or(AppError::NotFound("tilbuddet"))?.into();
    let settings = MatchSettings::default();
    let today = today();
    let rules = crate::deadlines::municipality_rule_set(&state.store, access.tenant()).await?;
    let facts = OpeningFacts::new(&o, &rules, today);
    let list = candidates(state, &access, true, None)
        .await?
        .iter()
        .map(|c| {
            let person = PersonFacts::new(c);
            MatchView {
                person_id: c.row.person_id,
                person_name: format!("{} {}", c.row.given_name, c.row.family_name),
                opening_id: o.id,
                opening_title: format!("{} – {}", o.title, o.company_name),
                fit: explain(&facts, &person, facts.point.zip(person.point).map(|(a, b)| km(a, b)), &settings, &rules),
            }
        })
        .collect();
    let page = rank(list, q, p);
    record(state, meta.person_reads(actor, page.items.iter().map(|m| m.person_id), &format!("match til tilbud {opening_id}"))).await?;
    Ok((o, page))
}

/// The openings that fit a person, best first; audited.
pub async fn matches_for_person(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    person_id: i64,
    q: &MatchQuery,
    p: &Paging,
) -> Result<Page<MatchView>, AppError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, person_id).await?;
    let settings = MatchSettings::default();
    let today = today();
    let rules = crate::deadlines::municipality_rule_set(&state.store, access.tenant()).await?;
    let list = match candidates(state, &access, false, Some(person_id)).await?.into_iter().next() {
        None => Vec::new(),
        Some(c) => {
            let person = PersonFacts::new(&c);
            state
                .store
                .openings(access.tenant(), true, None, 0, i64::MAX)
                .await?
                .into_iter()
                .map(OpeningView::from)
                .filter(|o| o.taken < o.seats)
                .map(|o| {
                    let facts = OpeningFacts::new(&o, &rules, today);
                    let fit = explain(&facts, &person, facts.point.zip(person.point).map(|(a, b)| km(a, b)), &settings, &rules);
                    MatchView {
                        person_id,
                        person_name: format!("{} {}", c.row.given_name, c.row.family_name),
                        opening_id: o.id,
                        opening_title: format!("{} – {}", o.title, o.company_name),
                        fit,
                    }
                })
                .collect()
        }
    };
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), "match til tilbud")]).await?;
    Ok(rank(list, q, p))
}

/// A pair of a proposal as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PairView {
    /// Id.
    pub id: i64,
    /// The opening.
    pub opening_id: i64,
    /// Its title and company.
    pub opening_title: String,
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub person_name: String,
    /// Fit.
    pub score: i64,
    /// Reasons in Danish.
    pub reasons: Vec<String>,
    /// `proposed`, `accepted` or `overridden`.
    pub decision: String,
    /// The decision in Danish.
    pub decision_label: String,
    /// Who decided.
    pub decided_by: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// The plan action made on acceptance.
    pub action_id: Option<i64>,
    /// The person's family (for the link to the week).
    pub family_id: Option<i64>,
    /// For an accepted pair: the ISO week its plan action starts (`2026-W50`), where
    /// the family's week view shows it.
    pub week: Option<String>,
}

/// A proposal as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    /// Id.
    pub id: i64,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// Total fit of all pairs.
    pub total_score: i64,
    /// Number of pairs.
    pub pair_count: i64,
    /// Pairs whose person the reader may read.
    pub pairs: Vec<PairView>,
}

fn decision_label(d: &str) -> &'static str {
    match d {
        "accepted" => "Godkendt",
        "overridden" => "Tilsidesat",
        _ => "Foreslået",
    }
}

async fn view_proposal(state: &AppState, access: &PersonAccess, p: ProposalRow) -> Result<ProposalView, AppError> {
    let rows = state.store.pairs(access.tenant(), access.reach(), p.id).await?;
    let openings: HashMap<i64, PairOpening> =
        state.store.openings(access.tenant(), false, None, 0, i64::MAX).await?.into_iter().map(|o| (o.id, PairOpening::from(o))).collect();
    let people = state.store.candidates(access.tenant(), access.reach(), false, None).await?;
    let people: HashMap<i64, &CandidateRow> = people.iter().map(|c| (c.person_id, c)).collect();
    let pairs = rows.into_iter().map(|r| view_pair(r, &openings, &people)).collect();
    Ok(ProposalView { id: p.id, created_by: p.created_by, created_at: p.created_at, total_score: p.total_score, pair_count: p.pair_count, pairs })
}

/// What a pair shows of its opening: title with company, start, and the weekdays it has slots on.
struct PairOpening {
    title: String,
    start: String,
    weekdays: Vec<u8>,
}

impl From<crate::store::employment::OpeningRow> for PairOpening {
    fn from(o: crate::store::employment::OpeningRow) -> Self {
        let slots: Vec<Slot> = serde_json::from_str(&o.slots).unwrap_or_default();
        PairOpening {
            title: format!("{} – {}", o.title, o.company_name), start: o.start_day.to_string(), weekdays: slots.iter().map(|s| s.weekday).collect()
        }
    }
}

/// The ISO week where an accepted pair's action first shows in the week view: the action
/// starts on the opening's start or the day of acceptance if later, and shows on the
/// first day from then that has one of its slots.
fn first_week(o: Option<&PairOpening>, decided: NaiveDate) -> String {
    use chrono::Datelike;
    let start = o.and_then(|o| NaiveDate::parse_from_str(&o.start, "%Y-%m-%d").ok()).unwrap_or(decided).max(decided);
    let first = (0..7)
        .map(|d| start + chrono::Duration::days(d))
        .find(|day| o.is_none_or(|o| o.weekdays.is_empty() || o.weekdays.contains(&(day.weekday().number_from_monday() as u8))))
        .unwrap_or(start);
    crate::plans::schedule::week_of(first)
}

fn view_pair(r: PairRow, openings: &HashMap<i64, PairOpening>, people: &HashMap<i64, &CandidateRow>) -> PairView {
    let person = people.get(&r.person_id);
    let opening = openings.get(&r.opening_id);
    let week = (r.decision == "accepted").then(|| {
        let decided = r.decided_at.as_deref().and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok()).unwrap_or_else(today);
        first_week(opening, decided)
    });
    PairView {
        id: r.id,
        week,
        opening_title: opening.map(|o| o.title.clone()).unwrap_or_default(),
        opening_id: r.opening_id,
        person_id: r.person_id,
        person_name: person.map(|c| format!("{} {}", c.given_name, c.family_name)).unwrap_or_default(),
        family_id: person.and_then(|c| c.family_id),
        score: r.score,
        reasons: r.reasons.lines().map(str::to_string).collect(),
        decision_label: decision_label(&r.decision).into(),
        decision: r.decision,
        decided_by: r.decided_by,
        reason: r.reason,
        action_id: r.action_id,
    }
}

/// The latest proposal, if any, as the reader may see it; audited per person shown.
pub async fn latest_proposal(state: &AppState, actor: &Actor, meta: &RequestMeta) -> Result<Option<ProposalView>, AppError> {
    let access = actor.person_access(&state.store).await?;
    let Some(p) = state.store.proposals(access.tenant(), 1).await?.into_iter().next() else { return Ok(None) };
    let view = view_proposal(state, &access, p).await?;
    record(state, meta.person_reads(actor, view.pairs.iter().map(|p| p.person_id), "matchforslag")).await?;
    Ok(Some(view))
}

/// One proposal; audited per person shown.
pub async fn proposal(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64) -> Result<ProposalView, AppError> {
    let access = actor.person_access(&state.store).await?;
    let p = state.store.proposal(access.tenant(), id).await?.ok_or(AppError::NotFound("matchforslaget"))?;
    let view = view_proposal(state, &access, p).await?;
    record(state, meta.person_reads(actor, view.pairs.iter().map(|p| p.person_id), "matchforslag")).await?;
    Ok(view)
}

/// "Lav matchforslag": one optimal round over the open openings' free seats and the
/// job-ready persons the consultant reaches who have no place yet (business consultants).
pub async fn make_proposal(state: &AppState, actor: &Actor, meta: &RequestMeta) -> Result<ProposalView, AppError> {
    actor.business_consultant(&state.store).await?;
    let access = actor.person_access(&state.store).await?;
    let tenant = access.tenant().clone();
    let people: Vec<Candidate> = candidates(state, &access, true, None).await?.into_iter().filter(|c| c.placed_in.is_none()).collect();
    let all: Vec<OpeningView> = state.store.openings(&tenant, false, None, 0, i64::MAX).await?.into_iter().map(OpeningView::from).collect();
    let openings: Vec<OpeningView> = all.iter().filter(|o| o.status == "open" && o.taken < o.seats).cloned().collect();
    let settings = MatchSettings::default();
    let today = today();
    let rules = crate::deadlines::municipality_rule_set(&state.store, &tenant).await?;
    let (pairs, total) = tokio::task::spawn_blocking(move || -> Result<(Vec<NewPair>, i64), AppError> {
        let (proposed, total) = super::round::propose(&openings, &all, &people, &settings, &rules, today)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("matchrunden kunne ikke løses: {e}")))?;
        let pairs = proposed
            .into_iter()
            .map(|p| NewPair {
                opening_id: openings[p.opening].id,
                person_id: people[p.person].row.person_id,
                score: p.fit.score,
                reasons: p.fit.reasons.join("\n"),
            })
            .collect();
        Ok((pairs, total))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    let id = state.store.add_proposal(&tenant, &actor.user.login, total, &pairs).await?;
    let mut events = vec![meta.event(
        actor,
        AuditAction::Create,
        AuditEntity::MatchProposal,
        Some(id),
        format!("matchforslag med {} par, samlet match {total}", pairs.len()),
    )];
    events.extend(meta.person_reads(actor, pairs.iter().map(|p| p.person_id), "matchforslag"));
    record(state, events).await?;
    proposal(state, actor, meta, id).await
}

/// A decision on one pair.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// `accept` or `override`.
    #[serde(default)]
    #[schema(required = true, pattern = "^(accept|override)$")]
    pub decision: String,
    /// Why (required when overriding, at most 1000 characters).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub reason: String,
}

crate::web::openapi::derived_schema!(
    /// The schema of a decision on a pair: accepting needs no reason, overriding does.
    pub PairDecision from Decision, crate::web::openapi::cases::<Decision>("decision", &[(&["accept"], &[]), (&["override"], &["reason"])])
);

/// Pair `pair_id` for a business consultant (403) who reads its person (404), with the
/// caller's reach and the person: checked before the decision is read.
pub async fn decidable_pair(state: &AppState, actor: &Actor, pair_id: i64) -> Result<(PersonAccess, PairRow, crate::store::persons::PersonRow), AppError> {
    actor.business_consultant(&state.store).await?;
    let access = actor.person_access(&state.store).await?;
    let pair = state.store.pair(access.tenant(), pair_id).await?.ok_or(AppError::NotFound("parret"))?;
    let person = access.person(&state.store, pair.person_id).await.map_err(|_| AppError::NotFound("parret"))?;
    Ok((access, pair, person))
}

/// Accepts or overrides a pair (business consultants). Accepting makes a jobcentre
/// action in the person's family plan with the opening's dates and time slots, so the
/// week schedule and its conflicts see it at once.
pub async fn decide(state: &AppState, actor: &Actor, meta: &RequestMeta, pair_id: i64, d: &Decision) -> Result<PairView, AppError> {
    let (access, pair, person) = decidable_pair(state, actor, pair_id).await?;
    let tenant = access.tenant().clone();
    let reason = d.reason.trim().to_string();
    if reason.chars().count() > 1000 {
        return Err(FieldError::new("reason", "må højst have 1000 tegn").into());
    }
    if pair.decision != "proposed" {
        return Err(AppError::WrongState(format!("parret er allerede {}", decision_label(&pair.decision).to_lowercase())));
    }
    match d.decision.trim() {
        "override" => {
            if reason.is_empty() {
                return Err(FieldError::new("reason", "skriv hvorfor forslaget tilsidesættes").into());
            }
            if !state.store.decide_pair(&tenant, pair_id, "overridden", &actor.user.login, &reason, None).await? {
                return Err(AppError::WrongState("parret er allerede afgjort".into()));
            }
            record(
                state,
                vec![meta.event(actor, AuditAction::Update, AuditEntity::Person, Some(pair.person_id), format!("matchforslag {pair_id} tilsidesat: {reason}"))],
            )
            .await?;
        }
        "accept" => {
            let o: OpeningView = state.store.opening(&tenant, pair.opening_id).await?.ok_or(AppError::NotFound("tilbuddet"))?.into();
            if o.status != "open" || o.taken >= o.seats {
                return Err(AppError::WrongState(format!("tilbuddet «{}» har ingen ledige pladser", o.title)));
            }
            if let Some(other) = state.store.placed_persons(&tenant).await?.into_iter().find(|(p, _)| *p == pair.person_id) {
                return Err(AppError::WrongState(format!("personen har allerede en plads i tilbud {}", other.1)));
            }
            let family_id = person.family_id.ok_or_else(|| AppError::WrongState("personen hører ikke til en familie og har derfor ingen plan".into()))?;
            // The ratio rule, counted again now: other pairs may have been accepted since the round.
            let rules = crate::deadlines::municipality_rule_set(&state.store, &tenant).await?;
            if let Some(limit) = super::offers::ratio(&rules, &o, today()) {
                let all: Vec<OpeningView> =
                    state.store.openings(&tenant, false, Some(o.company_id), 0, i64::MAX).await?.into_iter().map(OpeningView::from).collect();
                let used = super::offers::in_use(&all, o.company_id, &limit, today());
                if used >= i64::from(limit.seats) {
                    return Err(AppError::WrongState(format!("{} – pladsen kan ikke gives nu", super::offers::ratio_reason(&o, &limit, used))));
                }
            }
            let candidate = state
                .store
                .candidates(&tenant, access.reach(), false, Some(pair.person_id))
                .await?
                .into_iter()
                .next()
                .unwrap_or_else(|| super::offers::candidate_of(&person));
            let (end, _) = super::offers::end_for(&rules, &o, &candidate, super::offers::start_of(&o, today()));
            if !state.store.decide_pair(&tenant, pair_id, "accepted", &actor.user.login, &reason, None).await? {
                return Err(AppError::WrongState("parret er allerede afgjort".into()));
            }
            match add_action(state, actor, meta, family_id, pair.person_id, &o, end).await {
                Ok(action_id) => {
                    state.store.set_pair_action(&tenant, pair_id, action_id).await?;
                    // Frister: the offer's last day by its rule.
                    let with = crate::deadlines::municipality_rules(&state.store, &tenant).await?;
                    crate::deadlines::recompute(&state.store, &tenant, pair.person_id, &with).await?;
                }
                Err(e) => {
                    state.store.reopen_pair(&tenant, pair_id).await?;
                    return Err(e);
                }
            }
            let note = if reason.is_empty() { String::new() } else { format!(": {reason}") };
            record(
                state,
                vec![meta.event(
                    actor,
                    AuditAction::Update,
                    AuditEntity::Person,
                    Some(pair.person_id),
                    format!("matchforslag {pair_id} godkendt, tilbud {}{note}", o.id),
                )],
            )
            .await?;
        }
        other => {
            let why = if other.is_empty() {
                "vælg accept eller override".to_string()
            } else {
                format!("«{other}» er ikke en afgørelse; brug accept eller override")
            };
            return Err(FieldError::new("decision", why).into());
        }
    }
    let pair = state.store.pair(&tenant, pair_id).await?.ok_or(AppError::NotFound("parret"))?;
    let openings = state.store.opening(&tenant, pair.opening_id).await?.map(|o| (o.id, PairOpening::from(o))).into_iter().collect();
    let people = state.store.candidates(&tenant, access.reach(), false, Some(pair.person_id)).await?;
    let people = people.iter().map(|c| (c.person_id, c)).collect();
    Ok(view_pair(pair, &openings, &people))
}

async fn add_action(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    family_id: i64,
    person_id: i64,
    o: &OpeningView,
    end: Option<String>,
) -> Result<i64, AppError> {
    let loaded = crate::plans::service::load(state, actor, family_id, None).await?;
    let action = Action {
        id: 0,
        catalogue_code: None,
        title: format!("{}: {} hos {}", o.kind_label, o.title, o.company_name),
        department: DepartmentKind::Jobcenter.code().into(),
        responsible_user_id: Some(actor.user.id),
        responsible_name: actor.user.display_name.clone(),
        person_id: Some(person_id),
        start_date: o.start.clone().max(today().to_string()),
        end_date: end,
        weekly_hours: if o.slots.is_empty() { Some(o.weekly_hours) } else { None },
        slots: o.slots.clone(),
        status: ActionStatus::Planned.code().into(),
        interpreter_language: None,
    };
    let reason = format!("Matchforslag godkendt: {} hos {}", o.title, o.company_name);
    let (_, id) = crate::plans::service::add_action_on_behalf(
        state,
        actor,
        meta,
        &loaded,
        person_id,
        LifeArea::Employment,
        "Komme i arbejde eller uddannelse",
        action,
        &reason,
    )
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accepted_pair_links_the_first_week_with_one_of_its_slots() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Starts Thursday 31 December 2026; slots Monday–Wednesday: the next week.
        let o = PairOpening { title: String::new(), start: "2026-12-31".into(), weekdays: vec![1, 2, 3] };
        assert_eq!(first_week(Some(&o), day("2026-12-06")), "2027-W01");
        // A Thursday slot shows in the week of the start.
        let o = PairOpening { weekdays: vec![4], ..o };
        assert_eq!(first_week(Some(&o), day("2026-12-06")), "2026-W53");
        // Accepted after the start: counted from the acceptance.
        let o = PairOpening { start: "2026-11-02".into(), weekdays: vec![1], ..o };
        assert_eq!(first_week(Some(&o), day("2026-12-08")), "2026-W51");
        // No slots (weekly hours only): the week of the start.
        let o = PairOpening { weekdays: Vec::new(), ..o };
        assert_eq!(first_week(Some(&o), day("2026-12-08")), "2026-W50");
    }
}
