//! The "Frister" pages: the dashboard of what is due this week, overdue and met late —
//! for the caseworker, a department or the whole municipality.
use super::api::{ListParams, csv_stream};
use super::service::{DeadlineView, count, list_page};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{DepartmentKind, Role};
use crate::error::PageError;
use crate::store::deadlines::DeadlineFilter;
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// One section of the dashboard.
pub struct Section {
    /// Heading.
    pub heading: &'static str,
    /// Anchor id.
    pub id: &'static str,
    /// The deadlines shown (at most `SHOWN`).
    pub rows: Vec<DeadlineView>,
    /// How many there are in all.
    pub total: usize,
    /// Paging, when the page shows this section alone (`vis=`).
    pub nav: Option<crate::web::paging::PageNav>,
}

/// Rows shown per section; the CSV export has them all.
const SHOWN: usize = 100;

/// The dashboard.
#[derive(Template)]
#[template(path = "deadlines/dashboard.html")]
pub struct Dashboard {
    chrome: Chrome,
    scope: String,
    department: String,
    departments: &'static [DepartmentKind],
    sections: Vec<Section>,
    csv_query: String,
    /// The scopes (value, label); the widest is the whole municipality, or only the
    /// persons the user may read (decision 005).
    scopes: [(&'static str, &'static str); 3],
    /// Open follow-ups of the integration council's recommendations for the department
    /// (all departments for the municipality scope; none for "mine").
    council: Vec<crate::council::DeadlineFollowUp>,
    /// A business consultant's open follow-ups on the business dialogue (employment).
    follow_ups: Vec<crate::store::employment::DialogueRow>,
    /// Which deadlines: `alle`, `uge` (due within 7 days) or `overskredet`.
    show: String,
    /// The query of the chosen scope, for links that keep it (`omfang=…&afdeling=…`).
    scope_query: String,
    /// The current ISO week number.
    week: u32,
}

impl Dashboard {
    fn department_label(&self, code: &str) -> &'static str {
        DepartmentKind::parse(code).map(|d| d.label()).unwrap_or("")
    }

    /// A due date as Danes read it, with its week: «08.12.2026 (uge 50)».
    fn due_label(&self, day: &calendar::Date) -> String {
        format!("{} (uge {})", day.danish(), chrono::Datelike::iso_week(&crate::domain::chrono_day(*day)).week())
    }
}

/// Dashboard parameters: `omfang` = `mine`, `afdeling` or `kommune`; `afdeling` = a department code.
#[derive(Debug, Deserialize)]
pub struct DashboardParams {
    #[serde(default)]
    omfang: Option<String>,
    #[serde(default)]
    afdeling: Option<String>,
    /// `alle` (default), `uge` or `overskredet`.
    #[serde(default)]
    vis: Option<String>,
    /// The page of a single section.
    #[serde(default)]
    side: Option<String>,
}

/// Rows per page when one section is shown alone.
const PER_PAGE: usize = 50;

/// GET /frister
pub async fn dashboard(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(p): Query<DashboardParams>) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let own_department = crate::auth::access::department_of(&state.store, access.tenant(), &actor).await?;
    let default_scope = match actor.role {
        Role::Caseworker => "mine",
        Role::DepartmentStaff | Role::HousingOfficer if own_department.is_some() => "afdeling",
        _ => "kommune",
    };
    let scope = p.omfang.filter(|s| ["mine", "afdeling", "kommune"].contains(&s.as_str())).unwrap_or(default_scope.into());
    let department = p.afdeling.filter(|d| DepartmentKind::parse(d).is_ok()).or(own_department).unwrap_or_else(|| "jobcenter".into());
    let base = DeadlineFilter {
        caseworker_id: (scope == "mine").then_some(actor.user.id),
        department: (scope == "afdeling").then(|| department.clone()),
        ..Default::default()
    };
    let show = p.vis.filter(|v| ["uge", "overskredet"].contains(&v.as_str())).unwrap_or_else(|| "alle".into());
    let mut sections = Vec::new();
    for (status, heading, id, key) in [
        ("overdue", "Overskredet, senest overskredne først", "overskredet", "overskredet"),
        ("due_soon", "Forfalder inden for 7 dage", "denne-uge", "uge"),
        ("met_late", "Opfyldt for sent", "for-sent", ""),
    ] {
        if show != "alle" && show != key {
            continue;
        }
        let filter = DeadlineFilter { status: Some(status.into()), ..base.clone() };
        if show == key {
            let mut nav = crate::web::paging::PageNav::new(p.side.as_deref(), PER_PAGE);
            let rows = nav.take(list_page(&state, access.tenant(), access.reach(), &filter, nav.fetch(), nav.offset()).await?);
            let total = count(&state, access.tenant(), access.reach(), &filter).await?;
            sections.push(Section { heading, id, total, rows: rows.into_iter().map(DeadlineView::from_list).collect(), nav: Some(nav) });
            continue;
        }
        let rows = list_page(&state, access.tenant(), access.reach(), &filter, SHOWN as i64, 0).await?;
        let total = if rows.len() < SHOWN { rows.len() } else { count(&state, access.tenant(), access.reach(), &filter).await? };
        sections.push(Section { heading, id, total, rows: rows.into_iter().map(DeadlineView::from_list).collect(), nav: None });
    }
    let shown = sections.iter().flat_map(|s| s.rows.iter().map(|r| r.person_id));
    record(&state, meta.person_reads(&actor, shown, "fristoverblik")).await?;
    let csv_query = match scope.as_str() {
        "mine" => format!("caseworker={}", actor.user.id),
        "afdeling" => format!("department={department}"),
        _ => String::new(),
    };
    let council = match scope.as_str() {
        "afdeling" => crate::council::follow_ups_for(&state, access.tenant(), Some(&department)).await?,
        "kommune" => crate::council::follow_ups_for(&state, access.tenant(), None).await?,
        _ => Vec::new(),
    };
    let follow_ups = crate::employment::dialogue::follow_ups(&state, &actor).await?;
    let scope_query = match scope.as_str() {
        "afdeling" => format!("omfang=afdeling&afdeling={department}"),
        other => format!("omfang={other}"),
    };
    let week = chrono::Datelike::iso_week(&chrono::Local::now().date_naive()).week();
    let page = Dashboard {
        chrome: Chrome::new(&state, &actor, "frister"),
        scope,
        department,
        departments: DepartmentKind::ALL,
        sections,
        csv_query,
        council,
        follow_ups,
        show,
        scope_query,
        week,
        scopes: [
            ("mine", "Mine personer"),
            ("afdeling", "En afdeling"),
            ("kommune", if access.is_all() { "Hele kommunen" } else { "Alle, du har adgang til" }),
        ],
    };
    Ok(render(&page).into_response())
}

/// GET /frister.csv — the same filters as `/api/v1/deadlines`.
pub async fn export(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(params): Query<ListParams>) -> Result<Response, PageError> {
    let access = actor.person_access(&state.store).await?;
    let filter = params.filter()?;
    Ok(csv_stream(state, actor, meta, access.tenant().clone(), access.reach().clone(), filter, "fristudtræk (CSV)").await?)
}
