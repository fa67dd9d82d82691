//! The regional view of Danish-education demand across a region's municipalities, for
//! joint course agreements on DU and IGU courses (decision 091): for this month and the
//! five after it, how many persons each municipality is expected to have on each DU
//! track and module, and how many are referred but not yet started.
//!
//! - **Projection** ([`project`], pure): every open referral of the region is placed in one
//!   category per month — "referred, not started" on its track until its planned start,
//!   then its current module, moving on at the track's expected pace (the municipality's
//!   setting, months per module), counted from the day the current module was reached.
//!   A learner already behind the pace moves on next month at the earliest; a course whose
//!   six modules are passed, or that is expected past module 6, is no longer demand.
//! - **Suppression** is the `indicators` crate's, through `reports::publish`: one table per
//!   month, municipalities × categories with their margins (the region's sums are the
//!   column totals), so no cell about 1–4 persons is shown and none can be worked out.
//!   The page, the CSV/XLSX files and the API show exactly those published numbers.
//! - **Access**: the national secretariat sees any region; a regional coordinator only the
//!   region of their municipality. No person is named, read or listed: it is audited as
//!   one aggregate read.
use super::settings::{self, DuSettings};
use super::{MODULES, Track};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, MunicipalityCode, Role};
use crate::error::{ApiError, AppError, PageError};
use crate::goals::export::{Sheet, Value};
use crate::reports::{Counts, TableView, publish};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::danish_education::DemandRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use crate::web::paging::Paging;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use indicators::Month;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Months projected: this month and the five after it.
pub const MONTHS: i64 = 6;

/// Where a person stands in a month: waiting on a track, or on a module of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Referred, not started.
    Waiting(Track),
    /// On this module (1–6) of the track.
    Module(Track, i64),
}

const TRACKS: [Track; 3] = [Track::Du1, Track::Du2, Track::Du3];

impl Category {
    /// Every category in the order of the tables: per track, waiting and modules 1–6.
    pub fn all() -> Vec<Category> {
        TRACKS.iter().flat_map(|t| std::iter::once(Category::Waiting(*t)).chain((1..=MODULES).map(|m| Category::Module(*t, m)))).collect()
    }

    /// Stable key: `du2_waiting`, `du2_m3`.
    pub fn key(self) -> String {
        match self {
            Category::Waiting(t) => format!("{}_waiting", t.code()),
            Category::Module(t, m) => format!("{}_m{m}", t.code()),
        }
    }

    /// Danish label.
    pub fn label(self) -> String {
        match self {
            Category::Waiting(t) => format!("{} henvist, ikke begyndt", t.short()),
            Category::Module(t, m) => format!("{} modul {m}", t.short()),
        }
    }

    fn track(self) -> Track {
        match self {
            Category::Waiting(t) | Category::Module(t, _) => t,
        }
    }

    fn module(self) -> Option<i64> {
        match self {
            Category::Waiting(_) => None,
            Category::Module(_, m) => Some(m),
        }
    }
}

/// The module expected `months_since` months after the current month (or after the start
/// month, for a course not yet begun), for a learner on `module` for `months_in_module`
/// whole months already, at `pace` months per module. A learner behind the pace stays on
/// the current module this month and moves on next month at the earliest.
pub fn expected_module(module: i64, pace: i64, months_in_module: i64, months_since: i64) -> i64 {
    let pace = pace.max(1);
    let left = (pace - months_in_module.max(0)).max(1);
    if months_since < left { module } else { module + 1 + (months_since - left) / pace }
}

/// One referral's category in each of `months` (`None`: no longer demand that month).
pub fn categories(row: &DemandRow, pace: i64, months: &[Month]) -> Vec<Option<Category>> {
    let (Ok(track), Some(&first)) = (Track::parse(&row.track), months.first()) else { return vec![None; months.len()] };
    if row.passed_module.unwrap_or(0) >= MODULES {
        return vec![None; months.len()];
    }
    let start = row.start_on.map(Month::of);
    let since = row.module_since.map(Month::of);
    // The month the current module began: the last passed test, or the start.
    let anchor = match (start, since) {
        (Some(s), Some(t)) => Some(s.max(t)),
        (s, t) => s.or(t),
    };
    months
        .iter()
        .map(|&m| match start {
            Some(s) if s <= m => {
                let from = s.max(first);
                let in_module = anchor.map_or(0, |a| a.months_until(from)).max(0);
                let module = expected_module(row.module, pace, if s < first { in_module } else { 0 }, from.months_until(m));
                (module <= MODULES).then_some(Category::Module(track, module))
            }
            _ => Some(Category::Waiting(track)),
        })
        .collect()
}

/// The months projected from `today`'s month.
pub fn months_from(today: calendar::Date) -> Vec<Month> {
    let first = Month::of(today);
    (0..MONTHS).filter_map(|i| first.plus_months(i)).collect()
}

/// The counts before suppression: one table per month, the region's municipalities that
/// have open referrals (in code order) × [`Category::all`]. `settings` holds each
/// municipality's pace (the defaults where missing).
pub fn project(rows: &[DemandRow], settings: &HashMap<String, DuSettings>, months: &[Month]) -> Vec<Counts> {
    let cats = Category::all();
    let index: HashMap<Category, usize> = cats.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let mut per: BTreeMap<&str, Vec<Vec<u64>>> = BTreeMap::new();
    let defaults = DuSettings::default();
    for r in rows {
        let s = settings.get(&r.municipality_code).unwrap_or(&defaults);
        let pace = Track::parse(&r.track).map(|t| s.months_per_module(t)).unwrap_or(1);
        let cells = per.entry(r.municipality_code.as_str()).or_insert_with(|| vec![vec![0; cats.len()]; months.len()]);
        for (k, c) in categories(r, pace, months).into_iter().enumerate() {
            if let Some(j) = c.and_then(|c| index.get(&c)) {
                cells[k][*j] += 1;
            }
        }
    }
    let name = |code: &str| MunicipalityCode::parse(code).map(|c| c.municipality().name.clone()).unwrap_or_else(|_| code.to_string());
    months
        .iter()
        .enumerate()
        .map(|(k, _)| Counts {
            rows: per.keys().map(|code| (code.to_string(), name(code))).collect(),
            columns: cats.iter().map(|c| (c.key(), c.label())).collect(),
            cells: per.values().map(|m| m[k].clone()).collect(),
            row_heading: "Kommune",
        })
        .collect()
}

/// One month of the region's demand, suppressed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthDemand {
    /// `YYYY-MM`.
    pub month: String,
    /// In Danish, e.g. "dec. 2026".
    pub label: String,
    /// Municipalities × categories, suppressed; the column totals are the region's.
    pub table: TableView,
}

/// The region's demand for six months.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Demand {
    /// Region code (1081–1085).
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// The months, this month first.
    pub months: Vec<MonthDemand>,
}

/// A region: (code, name).
pub fn regions() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = crate::domain::municipality::all().iter().map(|m| (m.region_code.clone(), m.region_name.clone())).collect();
    out.sort();
    out.dedup();
    out
}

/// The region an actor may see: a regional coordinator the region of their municipality
/// (another answers 403), the national secretariat any region it names (an unknown code
/// is refused naming `field`), everybody else 403.
pub fn region_for(actor: &Actor, asked: Option<&str>, field: &'static str) -> Result<(String, String), AppError> {
    let asked = asked.map(str::trim).filter(|s| !s.is_empty());
    match actor.role {
        Role::RegionalCoordinator => {
            let own = actor
                .municipality()
                .and_then(|c| MunicipalityCode::parse(c).ok())
                .ok_or_else(|| AppError::Forbidden("din bruger hører ikke til en kommune".into()))?;
            let m = own.municipality();
            match asked {
                Some(a) if a != m.region_code => Err(AppError::Forbidden(format!("som regional koordinator ser du kun {}", m.region_name))),
                _ => Ok((m.region_code.clone(), m.region_name.clone())),
            }
        }
        Role::NationalSecretariat => {
            let all = regions();
            let raw = asked.unwrap_or("");
            all.into_iter().find(|(code, _)| code == raw).ok_or_else(|| FieldError::new(field, format!("«{raw}» er ikke en regionskode (1081–1085)")).into())
        }
        _ => Err(AppError::Forbidden("kun regionale koordinatorer og det nationale sekretariat ser regionens efterspørgsel".into())),
    }
}

/// The demand of a region (no audit: callers audit).
pub async fn make(store: &crate::store::Store, region: &(String, String), today: calendar::Date) -> Result<Demand, AppError> {
    let rows = store.du_region_demand(&region.0).await?;
    let mut codes: Vec<&str> = rows.iter().map(|r| r.municipality_code.as_str()).collect();
    codes.dedup();
    let mut settings = HashMap::new();
    // The region's demand is an aggregate over its municipalities, each by its own settings.
    for code in codes {
        settings.insert(code.to_string(), settings::load(store, &Tenant::trusted(code)).await?);
    }
    let months = months_from(today);
    let counts = project(&rows, &settings, &months);
    Ok(Demand {
        region: region.0.clone(),
        region_name: region.1.clone(),
        months: months
            .iter()
            .zip(&counts)
            .map(|(m, c)| MonthDemand {
                month: m.to_string(),
                label: m.danish_short(),
                table: publish(&format!("Efterspørgsel {}", m.danish_short()), "du_demand", c),
            })
            .collect(),
    })
}

fn today() -> Result<calendar::Date, AppError> {
    calendar::Date::parse(&chrono::Local::now().date_naive().to_string()).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

/// The demand asked for by an actor: checked, made and audited as one aggregate read.
pub async fn for_actor(state: &AppState, actor: &Actor, meta: &RequestMeta, asked: Option<&str>, field: &'static str) -> Result<Demand, AppError> {
    let region = region_for(actor, asked, field)?;
    let demand = make(&state.store, &region, today()?).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Read,
            AuditEntity::Report,
            None,
            format!("danskuddannelse: efterspørgsel i {} ({}) (aggregater)", region.1, region.0),
        )],
    )
    .await?;
    Ok(demand)
}

/// One published number of the demand, in long form (the API's rows and the files').
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DemandCell {
    /// `YYYY-MM`.
    pub month: String,
    /// The municipality's code; `null` for the region's sum.
    pub municipality: Option<String>,
    /// The municipality's name, or the region's.
    pub name: String,
    /// `du1_waiting`, `du2_m3` …, or `total` for every category.
    pub category: String,
    /// The category in Danish.
    pub category_label: String,
    /// `du1`, `du2`, `du3`; `null` for `total`.
    pub track: Option<String>,
    /// The module (1–6); `null` for waiting and `total`.
    pub module: Option<i64>,
    /// Persons; `null` where hidden (about 1–4 persons, or a number that would give one away).
    pub persons: Option<u64>,
}

/// Every published number, month by month: each municipality's categories and total,
/// then the region's.
pub fn cells(d: &Demand) -> Vec<DemandCell> {
    let cats = Category::all();
    let mut out = Vec::new();
    for m in &d.months {
        let t = &m.table;
        let mut line = |municipality: Option<&str>, name: &str, values: &[Option<u64>], total: Option<u64>| {
            for (c, v) in cats.iter().zip(values) {
                out.push(DemandCell {
                    month: m.month.clone(),
                    municipality: municipality.map(Into::into),
                    name: name.to_string(),
                    category: c.key(),
                    category_label: c.label(),
                    track: Some(c.track().code().to_string()),
                    module: c.module(),
                    persons: *v,
                });
            }
            out.push(DemandCell {
                month: m.month.clone(),
                municipality: municipality.map(Into::into),
                name: name.to_string(),
                category: "total".into(),
                category_label: "I alt".into(),
                track: None,
                module: None,
                persons: total,
            });
        };
        for r in &t.rows {
            line(Some(&r.key), &r.label, &r.cells, r.total);
        }
        line(None, &d.region_name, &t.column_totals, t.total);
    }
    out
}

/// The demand as one sheet in long form (`skjult` where hidden).
pub fn sheet(d: &Demand) -> Sheet {
    let text = |s: &str| Value::Text(s.to_string());
    let rows = cells(d)
        .iter()
        .map(|c| {
            vec![
                text(&c.month),
                text(c.municipality.as_deref().unwrap_or(&d.region)),
                text(&c.name),
                text(c.track.as_deref().map(|t| t.to_uppercase()).as_deref().unwrap_or("I alt")),
                text(&c.category_label),
                c.persons.map(|n| Value::Number(n as f64)).unwrap_or_else(|| text("skjult")),
            ]
        })
        .collect();
    let header = ["Måned", "Kode", "Kommune eller region", "Spor", "Kategori", "Personer"].iter().map(|s| s.to_string()).collect();
    Sheet { name: format!("Efterspørgsel {}", d.region_name), header, rows }
}

fn format_of(raw: Option<&str>, default: &'static str, allowed: &[&'static str]) -> Result<&'static str, AppError> {
    let raw = raw.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(default);
    allowed.iter().copied().find(|f| *f == raw).ok_or_else(|| FieldError::new("format", format!("«{raw}» – brug {}", allowed.join(", "))).into())
}

fn stem(d: &Demand) -> String {
    format!("danskuddannelse-efterspoergsel-{}-{}", d.region, d.months.first().map(|m| m.month.as_str()).unwrap_or(""))
}

/// The API's query.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DemandParams {
    /// `json` (default: the published numbers as a paged list), `csv` or `xlsx` (the
    /// whole table as a file, not paged).
    #[serde(default)]
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
}

/// A region's demand for Danish education for this month and the five after it: persons
/// per municipality, track and module (and referred, not started), with the region's
/// sums; every number about 1–4 persons, and any that would give one away, is `null`.
#[utoipa::path(get, path = "/api/v1/regions/{code}/danish-education/demand", tag = "danish_education",
    params(("code" = String, Path, description = "Region code, 1081–1085", pattern = "^108[1-5]$"), DemandParams, crate::web::paging::PageParams),
    responses((status = 200, body = Vec<DemandCell>, description = "JSON (paged), or CSV/XLSX with `format`",
            headers(("link" = String, description = "`<…>; rel=\"next\"` when another page follows"))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn api_demand(
    State(state): State<AppState>,
    actor: Actor,
    meta: RequestMeta,
    Path(code): Path<String>,
    Query(q): Query<DemandParams>,
    paging: Paging,
) -> Result<Response, ApiError> {
    let format = format_of(q.format.as_deref(), "json", &["json", "csv", "xlsx"])?;
    if !regions().iter().any(|(c, _)| *c == code) {
        return Err(AppError::NotFound("regionen").into());
    }
    let d = for_actor(&state, &actor, &meta, Some(&code), "code").await?;
    Ok(match format {
        "json" => paging.slice(cells(&d)).into_response(),
        f => crate::goals::export::download(&[sheet(&d)], f, &stem(&d)),
    })
}

/// The page's query.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RegionQuery {
    /// Region code (the national secretariat; a regional coordinator gets their own).
    #[serde(default)]
    pub region: Option<String>,
    /// `csv` or `xlsx` (the export).
    #[serde(default)]
    pub format: Option<String>,
}

/// A row of the page's summary: a category and the region's number per month.
pub struct SummaryRow {
    /// Danish label.
    pub label: String,
    /// Per month, shown or «skjult».
    pub values: Vec<String>,
}

/// One month by municipality, as the page shows it: categories down, municipalities
/// and the region across.
pub struct Grid {
    /// The month in Danish.
    pub label: String,
    /// Column headings: the municipalities, then the region.
    pub heads: Vec<String>,
    /// (category, values), the last row the totals.
    pub rows: Vec<(String, Vec<String>)>,
}

/// `/danskuddannelse/region`.
#[derive(Template)]
#[template(path = "danish_education/region.html")]
pub struct RegionPage {
    chrome: Chrome,
    demand: Option<Demand>,
    summary: Vec<SummaryRow>,
    totals: Vec<String>,
    grids: Vec<Grid>,
    empty: bool,
    regions: Vec<(String, String)>,
    chosen: String,
    is_national: bool,
    errors: Vec<FieldError>,
}

impl RegionPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

fn shown(v: Option<u64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "skjult".into())
}

/// The region's sums per category and month (the column totals of each month's table).
fn summary(d: &Demand) -> (Vec<SummaryRow>, Vec<String>) {
    let rows = Category::all()
        .into_iter()
        .enumerate()
        .map(|(j, c)| SummaryRow { label: c.label(), values: d.months.iter().map(|m| shown(m.table.column_totals.get(j).copied().flatten())).collect() })
        .collect();
    (rows, d.months.iter().map(|m| shown(m.table.total)).collect())
}

fn grids(d: &Demand) -> Vec<Grid> {
    d.months
        .iter()
        .map(|m| {
            let t = &m.table;
            let mut rows: Vec<(String, Vec<String>)> = t
                .columns
                .iter()
                .enumerate()
                .map(|(j, c)| (c.clone(), t.rows.iter().map(|r| shown(r.cells[j])).chain([shown(t.column_totals[j])]).collect()))
                .collect();
            rows.push(("I alt".into(), t.rows.iter().map(|r| shown(r.total)).chain([shown(t.total)]).collect()));
            Grid { label: m.label.clone(), heads: t.rows.iter().map(|r| r.label.clone()).chain([d.region_name.clone()]).collect(), rows }
        })
        .collect()
}

/// GET /danskuddannelse/region
pub async fn page(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<RegionQuery>) -> Result<Response, PageError> {
    let is_national = actor.role.is_national();
    let asked = match (&q.region, is_national) {
        (None, true) => Some(state.store.du_regions_with_referrals().await?.into_iter().next().unwrap_or_else(|| regions()[0].0.clone())),
        (asked, _) => asked.clone(),
    };
    let (demand, errors) = match for_actor(&state, &actor, &meta, asked.as_deref(), "region").await {
        Ok(d) => (Some(d), Vec::new()),
        Err(AppError::Invalid(e)) => (None, e),
        Err(e) => return Err(e.into()),
    };
    let (summary, totals) = demand.as_ref().map(summary).unwrap_or_default();
    let grids = demand.as_ref().map(grids).unwrap_or_default();
    let empty = demand.as_ref().is_none_or(|d| d.months.iter().all(|m| m.table.rows.is_empty()));
    let status = if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let view = RegionPage {
        chrome: Chrome::new(&state, &actor, "danskuddannelse-region"),
        chosen: demand.as_ref().map(|d| d.region.clone()).or(asked).unwrap_or_default(),
        demand,
        summary,
        totals,
        empty,
        grids,
        regions: regions(),
        is_national,
        errors,
    };
    Ok((status, render(&view)).into_response())
}

/// GET /danskuddannelse/region/eksport?format=csv|xlsx[&region=]
pub async fn export(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<RegionQuery>) -> Result<Response, PageError> {
    let format = format_of(q.format.as_deref(), "csv", &["csv", "xlsx"])?;
    let d = for_actor(&state, &actor, &meta, q.region.as_deref(), "region").await?;
    Ok(crate::goals::export::download(&[sheet(&d)], format, &stem(&d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn row(code: &str, track: &str, module: i64, start: Option<&str>, since: Option<&str>, passed: Option<i64>) -> DemandRow {
        DemandRow {
            municipality_code: code.into(),
            track: track.into(),
            module,
            referred_on: "2026-01-05".parse().unwrap(),
            start_on: start.map(|d| d.parse().unwrap()),
            module_since: since.map(|d| d.parse().unwrap()),
            passed_module: passed,
        }
    }

    fn six() -> Vec<Month> {
        months_from(calendar::Date::parse("2026-12-06").unwrap())
    }

    #[test]
    fn the_pace_moves_a_learner_on() {
        // 4 months per module, one month in already: three more months on module 2.
        let got: Vec<i64> = (0..8).map(|k| expected_module(2, 4, 1, k)).collect();
        assert_eq!(got, [2, 2, 2, 3, 3, 3, 3, 4]);
        // Behind the pace: this month still on the recorded module, next month on.
        assert_eq!((expected_module(2, 3, 7, 0), expected_module(2, 3, 7, 1), expected_module(2, 3, 7, 4)), (2, 3, 4));
    }

    #[test]
    fn a_referral_waits_until_its_start_then_follows_the_pace() {
        let m = six();
        assert_eq!(m.first().copied(), Some(month("2026-12")));
        let c = |r: DemandRow, pace| categories(&r, pace, &m);
        let w = Some(Category::Waiting(Track::Du2));
        let on = |n| Some(Category::Module(Track::Du2, n));
        assert_eq!(c(row("0316", "du2", 1, None, None, None), 4), vec![w; 6], "no start planned: waiting all six months");
        assert_eq!(c(row("0316", "du2", 1, Some("2027-02-01"), None, None), 2), [w, w, on(1), on(1), on(2), on(2)]);
        // Started in October, module 3 reached in November, DU2 at 4 months a module.
        assert_eq!(c(row("0316", "du2", 3, Some("2026-10-01"), Some("2026-11-20"), Some(2)), 4), [on(3), on(3), on(3), on(4), on(4), on(4)]);
        // Module 6 near its end: expected done, no longer demand.
        assert_eq!(c(row("0316", "du2", 6, Some("2025-01-01"), Some("2026-09-01"), Some(5)), 4), [on(6), None, None, None, None, None]);
        assert_eq!(c(row("0316", "du2", 6, Some("2025-01-01"), Some("2026-11-01"), Some(6)), 4), vec![None; 6], "all six passed");
    }

    #[test]
    fn counts_are_per_municipality_and_category_and_suppressed_through_indicators() {
        let m = six();
        let mut rows: Vec<DemandRow> = (0..12).map(|_| row("0316", "du2", 1, Some("2026-11-01"), None, None)).collect();
        rows.extend((0..3).map(|_| row("0259", "du2", 1, Some("2026-11-01"), None, None)));
        rows.extend((0..9).map(|_| row("0259", "du1", 2, None, None, None)));
        let counts = project(&rows, &HashMap::new(), &m);
        assert_eq!(counts.len(), 6);
        let first = &counts[0];
        assert_eq!(first.rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["0259", "0316"], "code order");
        let col = |key: &str| first.columns.iter().position(|c| c.0 == key).unwrap();
        assert_eq!(first.cells[1][col("du2_m1")], 12);
        assert_eq!(first.cells[0][col("du2_m1")], 3);
        assert_eq!(first.cells[0][col("du1_waiting")], 9);
        let t = publish("T", "du_demand", first);
        assert_eq!(t.rows[0].cells[col("du2_m1")], None, "3 persons are hidden");
        let hidden_in_row = t.rows[0].cells.iter().chain([&t.rows[0].total]).filter(|c| c.is_none()).count();
        assert!(hidden_in_row >= 2, "one hidden cell beside a shown row total could be worked out");
        let s = indicators::suppress(&first.table());
        assert!(indicators::exposed(&first.table(), &s.suppressed()).is_empty(), "nothing hidden can be worked out");
        for (i, r) in t.rows.iter().enumerate() {
            for (j, v) in r.cells.iter().enumerate() {
                assert_eq!(*v, s.published((i, j)).map(|c| c.denominator), "the page shows exactly what indicators publishes");
            }
        }
        let d = Demand {
            region: "1085".into(),
            region_name: "Region Sjælland".into(),
            months: m
                .iter()
                .zip(&counts)
                .map(|(mo, c)| MonthDemand { month: mo.to_string(), label: mo.danish_short(), table: publish("T", "du_demand", c) })
                .collect(),
        };
        let all = cells(&d);
        assert_eq!(all.len(), 6 * 3 * 22, "six months, two municipalities and the region, 21 categories and a total");
        let waiting = all.iter().find(|c| c.municipality.is_none() && c.category == "du1_waiting" && c.month == "2026-12").unwrap();
        assert!(matches!(waiting.persons, Some(9) | None), "the region's DU1 waiting is its true 9 or hidden: {waiting:?}");
        let csv = String::from_utf8(crate::goals::export::to_csv(&[sheet(&d)])).unwrap();
        assert!(csv.contains("2026-12;0259;Køge;DU2;DU2 modul 1;skjult"), "{csv}");
    }
}
