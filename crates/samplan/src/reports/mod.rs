//! Reports for national reporting and for the integration council (decision 121): a
//! catalogue of reports as data (`reports.toml`, embedded), each a list of tables over a
//! closed vocabulary of sources (`sources.rs`, one SQL query each), for a chosen period
//! and municipality. Every table counts persons and is suppressed by the `indicators`
//! crate's rule before it is shown, exported or answered; the quarterly council report
//! adds the local goals' progress. Pages (`pages.rs`, with SVG charts from `chart.rs`),
//! CSV and XLSX through `goals::export`, `/api/v1/reports` (`api.rs`), and the managers'
//! monthly or quarterly subscriptions made on the first working day (`schedule.rs`).
pub mod api;
pub mod chart;
pub mod pages;
pub mod schedule;
pub mod sources;

use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, MunicipalityCode, Role};
use crate::error::AppError;
use crate::goals::export::{Sheet, Value};
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use serde::{Deserialize, Serialize};

/// The shipped catalogue.
pub const CATALOGUE: &str = include_str!("reports.toml");

/// A report as defined in the catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Stable id (URL and API).
    pub id: String,
    /// Danish name.
    pub name: String,
    /// What it shows, in Danish.
    pub description: String,
    /// Its own tables.
    #[serde(default)]
    pub table: Vec<TableDefinition>,
    /// Other reports whose tables it includes (the council report).
    #[serde(default)]
    pub includes: Vec<String>,
    /// Adds the local goals' progress.
    #[serde(default)]
    pub goals: bool,
}

/// A table of a report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDefinition {
    /// Danish title.
    pub title: String,
    /// The source (see `sources.rs`).
    pub source: String,
    /// Status kinds, in priority order (`programme_status`, `status_spells`).
    #[serde(default)]
    pub statuses: Vec<String>,
    /// Rule id prefixes (`deadlines`); empty for every rule.
    #[serde(default)]
    pub rules: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    report: Vec<Definition>,
}

/// Reads and checks a catalogue: known sources and status kinds, unique ids,
/// includes that exist. The error names the report and what is wrong.
pub fn parse_catalogue(text: &str) -> Result<Vec<Definition>, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let ids: Vec<&str> = file.report.iter().map(|r| r.id.as_str()).collect();
    for (i, r) in file.report.iter().enumerate() {
        if ids[..i].contains(&r.id.as_str()) {
            return Err(format!("rapport {}: id'et findes to gange", r.id));
        }
        if r.table.is_empty() && r.includes.is_empty() {
            return Err(format!("rapport {}: har ingen tabeller", r.id));
        }
        for inc in &r.includes {
            if !ids.contains(&inc.as_str()) || inc == &r.id {
                return Err(format!("rapport {}: «{inc}» er ikke en anden rapport", r.id));
            }
        }
        for t in &r.table {
            sources::check(t).map_err(|e| format!("rapport {}, tabel «{}»: {e}", r.id, t.title))?;
        }
    }
    Ok(file.report)
}

/// The shipped reports.
pub fn catalogue() -> &'static [Definition] {
    static SET: std::sync::OnceLock<Vec<Definition>> = std::sync::OnceLock::new();
    SET.get_or_init(|| parse_catalogue(CATALOGUE).unwrap_or_else(|e| panic!("reports.toml: {e}")))
}

/// A shipped report by id.
pub fn find(id: &str) -> Option<&'static Definition> {
    catalogue().iter().find(|r| r.id == id)
}

/// The tables of a report, its includes' first.
pub fn tables_of(def: &'static Definition) -> Vec<&'static TableDefinition> {
    let mut out: Vec<&TableDefinition> = def.includes.iter().filter_map(|i| find(i)).flat_map(|d| d.table.iter()).collect();
    out.extend(def.table.iter());
    out
}

/// A table of person counts before suppression: rows × columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Counts {
    /// Row (key, Danish label).
    pub rows: Vec<(String, String)>,
    /// Column (key, Danish label).
    pub columns: Vec<(String, String)>,
    /// `cells[row][column]`: persons.
    pub cells: Vec<Vec<u64>>,
    /// What the rows are (the first column's heading).
    pub row_heading: &'static str,
}

impl Counts {
    /// The `indicators` table of the counts (numerator = denominator = persons).
    pub fn table(&self) -> indicators::Table {
        let cell = |n: u64| indicators::Cell { denominator: n, numerator: n, days_total: 0 };
        indicators::Table::new(
            self.rows.iter().map(|r| r.0.clone()).collect(),
            self.columns.iter().map(|c| c.0.clone()).collect(),
            self.cells.iter().map(|r| r.iter().map(|n| cell(*n)).collect()).collect(),
        )
    }
}

/// A table as published: `None` where suppressed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TableView {
    /// Title.
    pub title: String,
    /// The source it was made from.
    pub source: String,
    /// What the rows are.
    pub row_heading: String,
    /// Column labels.
    pub columns: Vec<String>,
    /// Column keys.
    pub column_keys: Vec<String>,
    /// Rows with their cells and total.
    pub rows: Vec<RowView>,
    /// Column totals.
    pub column_totals: Vec<Option<u64>>,
    /// Grand total.
    pub total: Option<u64>,
}

/// One published row.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ReportRowView)]
pub struct RowView {
    /// Row key.
    pub key: String,
    /// Danish label.
    pub label: String,
    /// Persons per column; `null` where suppressed.
    pub cells: Vec<Option<u64>>,
    /// Row total; `null` where suppressed.
    pub total: Option<u64>,
}

/// Suppresses counts and keeps only what may be shown.
pub fn publish(title: &str, source: &str, counts: &Counts) -> TableView {
    let table = counts.table();
    let s = indicators::suppress(&table);
    let (m, n) = (counts.rows.len(), counts.columns.len());
    let shown = |p| s.published(p).map(|c| c.denominator);
    TableView {
        title: title.to_string(),
        source: source.to_string(),
        row_heading: counts.row_heading.to_string(),
        columns: counts.columns.iter().map(|c| c.1.clone()).collect(),
        column_keys: counts.columns.iter().map(|c| c.0.clone()).collect(),
        rows: counts
            .rows
            .iter()
            .enumerate()
            .map(|(i, (key, label))| RowView { key: key.clone(), label: label.clone(), cells: (0..n).map(|j| shown((i, j))).collect(), total: shown((i, n)) })
            .collect(),
        column_totals: (0..n).map(|j| shown((m, j))).collect(),
        total: shown((m, n)),
    }
}

/// A local goal's progress line in the council report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GoalLine {
    /// Indicator name.
    pub indicator: String,
    /// Latest value shown (suppressed months are not shown).
    pub latest: String,
    /// Target and date.
    pub target: String,
    /// Status in Danish.
    pub status: String,
}

/// A report made for a period and municipality.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    /// Report id.
    pub id: String,
    /// Name.
    pub name: String,
    /// What it shows.
    pub description: String,
    /// Municipality code.
    pub municipality: String,
    /// Municipality name.
    pub municipality_name: String,
    /// First day (ISO).
    pub from: String,
    /// Last day (ISO).
    pub to: String,
    /// The suppressed tables.
    pub tables: Vec<TableView>,
    /// Local goals' progress (council report).
    pub goals: Vec<GoalLine>,
}

/// The period and municipality a report is asked for.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ReportQuery {
    /// First day, ISO (empty or left out: the first day of the last whole quarter).
    #[serde(default)]
    #[param(schema_with = crate::web::openapi::date_or_empty)]
    pub from: Option<String>,
    /// Last day, ISO (empty or left out: the last day of the last whole quarter).
    #[serde(default)]
    #[param(schema_with = crate::web::openapi::date_or_empty)]
    pub to: Option<String>,
    /// Municipality code (the national secretariat only; others get their own).
    #[serde(default)]
    pub kommune: Option<String>,
    /// `json` (API default), `csv` or `xlsx`.
    #[serde(default)]
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
}

/// The last whole quarter before `today`: (first day, last day).
pub fn last_quarter(today: calendar::Date) -> (calendar::Date, calendar::Date) {
    let this = calendar::Date::new(today.year(), (today.month() - 1) / 3 * 3 + 1, 1).unwrap_or(today);
    let first = this.add_months(-3).unwrap_or(this);
    let last = this.add_days(-1).unwrap_or(this);
    (first, last)
}

/// Checks the period: two ISO days, the first not after the last, at most 5 years.
pub fn parse_period(from: Option<&str>, to: Option<&str>, today: calendar::Date) -> Result<(String, String), AppError> {
    let (q1, q2) = last_quarter(today);
    let mut errors = Vec::new();
    let mut day = |field: &'static str, raw: Option<&str>, default: calendar::Date| match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(default),
        Some(raw) => crate::domain::parse_day(field, raw).map_err(|e| errors.push(e)).ok(),
    };
    let (f, t) = (day("from", from, q1), day("to", to, q2));
    if let (Some(f), Some(t)) = (f, t) {
        if t < f {
            errors.push(FieldError::new("to", "perioden kan ikke slutte, før den begynder"));
        } else if f.days_until(t) > 5 * 366 {
            errors.push(FieldError::new("to", "perioden må højst være fem år"));
        }
    }
    match (f, t, errors.is_empty()) {
        (Some(f), Some(t), true) => Ok((f.to_string(), t.to_string())),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Which municipality the actor may report on: managers and administrators their own,
/// the national secretariat any it names (decision 121).
pub fn municipality_for(actor: &Actor, asked: Option<&str>) -> Result<Tenant, AppError> {
    match (actor.role, actor.tenant()) {
        (Role::Manager | Role::Admin, Some(own)) => Ok(own),
        (Role::NationalSecretariat, _) => {
            let raw = asked.unwrap_or("").trim();
            // The secretariat's role reaches every municipality: the one it names is its tenant.
            MunicipalityCode::parse(raw)
                .map(|c| Tenant::trusted(c.as_str()))
                .map_err(|_| FieldError::new("kommune", format!("«{raw}» er ikke en kommunekode (fire cifre)")).into())
        }
        _ => Err(AppError::Forbidden("kun ledere, administratorer og det nationale sekretariat har adgang til rapporter".into())),
    }
}

/// Makes a report (no audit: callers audit).
pub async fn make(store: &crate::store::Store, def: &'static Definition, tenant: &Tenant, from: &str, to: &str) -> Result<ReportView, AppError> {
    let mut tables = Vec::new();
    let mut deadlines = None;
    for t in tables_of(def) {
        let counts = sources::counts(store, t, tenant, from, to, &mut deadlines).await?;
        tables.push(publish(&t.title, &t.source, &counts));
    }
    let goals = if def.goals { goal_lines(store, tenant, to).await? } else { Vec::new() };
    let municipality_name = MunicipalityCode::parse(tenant.code()).map(|c| format!("{} Kommune", c.municipality().name)).unwrap_or_else(|_| tenant.to_string());
    Ok(ReportView {
        id: def.id.clone(),
        name: def.name.clone(),
        description: def.description.clone(),
        municipality: tenant.to_string(),
        municipality_name,
        from: from.to_string(),
        to: to.to_string(),
        tables,
        goals,
    })
}

async fn goal_lines(store: &crate::store::Store, tenant: &Tenant, to: &str) -> Result<Vec<GoalLine>, AppError> {
    let goals = store.goals(tenant).await?;
    if goals.is_empty() {
        return Ok(Vec::new());
    }
    let month = calendar::Date::parse(to).map(indicators::Month::of).unwrap_or_else(|_| crate::goals::service::last_complete_month());
    Ok(crate::goals::service::current_goal_views(store, tenant, &goals, month)
        .await?
        .into_iter()
        .filter_map(|v| {
            let g = v.goal?;
            Some(GoalLine {
                indicator: v.indicator.name.clone(),
                latest: v.latest,
                target: format!("{} inden {}", crate::goals::service::num(g.target), g.target_date.danish()),
                status: v.status,
            })
        })
        .collect())
}

/// A report asked for by an actor: checked, made and audited as an aggregate read.
pub async fn for_actor(state: &AppState, actor: &Actor, meta: &RequestMeta, id: &str, q: &ReportQuery) -> Result<ReportView, AppError> {
    let def = find(id).ok_or(AppError::NotFound("rapporten"))?;
    let tenant = municipality_for(actor, q.kommune.as_deref())?;
    let today = calendar::Date::parse(&chrono::Local::now().date_naive().to_string()).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let (from, to) = parse_period(q.from.as_deref(), q.to.as_deref(), today)?;
    let report = make(&state.store, def, &tenant, &from, &to).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Report, None, format!("rapport {id} for {tenant}, {from} – {to} (aggregater)"))])
        .await?;
    Ok(report)
}

/// The report as export sheets (the same numbers as the page; `skjult` where hidden):
/// one sheet per table in long form, and the goals.
pub fn sheets(r: &ReportView) -> Vec<Sheet> {
    let text = |s: &str| Value::Text(s.to_string());
    let num = |v: Option<u64>| v.map(|n| Value::Number(n as f64)).unwrap_or_else(|| text("skjult"));
    let mut out = Vec::new();
    for (k, t) in r.tables.iter().enumerate() {
        let mut rows = Vec::new();
        for row in &t.rows {
            for (col, v) in t.columns.iter().zip(&row.cells) {
                rows.push(vec![text(&r.from), text(&r.to), text(&r.municipality), text(&row.label), text(col), num(*v)]);
            }
            rows.push(vec![text(&r.from), text(&r.to), text(&r.municipality), text(&row.label), text("I alt"), num(row.total)]);
        }
        for (col, v) in t.columns.iter().zip(&t.column_totals) {
            rows.push(vec![text(&r.from), text(&r.to), text(&r.municipality), text("I alt"), text(col), num(*v)]);
        }
        rows.push(vec![text(&r.from), text(&r.to), text(&r.municipality), text("I alt"), text("I alt"), num(t.total)]);
        let header = ["Fra", "Til", "Kommunekode", t.row_heading.as_str(), "Kolonne", "Personer"].iter().map(|s| s.to_string()).collect();
        out.push(Sheet { name: format!("{} {}", k + 1, t.title), header, rows });
    }
    if !r.goals.is_empty() {
        let header = ["Indikator", "Seneste værdi", "Mål", "Status"].iter().map(|s| s.to_string()).collect();
        let rows = r.goals.iter().map(|g| vec![text(&g.indicator), text(&g.latest), text(&g.target), text(&g.status)]).collect();
        out.push(Sheet { name: "Lokale mål".into(), header, rows });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogue_loads_and_bad_ones_name_the_problem() {
        assert!(catalogue().len() >= 6);
        assert_eq!(tables_of(find("council_quarterly").unwrap()).len(), 6);
        let bad = "[[report]]\nid = \"x\"\nname = \"X\"\ndescription = \"\"\n[[report.table]]\ntitle = \"T\"\nsource = \"nope\"\n";
        assert!(parse_catalogue(bad).unwrap_err().contains("nope"));
        let bad = bad.replace("nope", "status_spells") + "statuses = [\"flying\"]\n";
        assert!(parse_catalogue(&bad).unwrap_err().contains("flying"));
    }

    #[test]
    fn the_default_period_is_the_last_whole_quarter() {
        let d = |s: &str| calendar::Date::parse(s).unwrap();
        assert_eq!(last_quarter(d("2026-12-06")), (d("2026-07-01"), d("2026-09-30")));
        assert_eq!(last_quarter(d("2026-02-01")), (d("2025-10-01"), d("2025-12-31")));
        assert!(parse_period(Some("2026-05-01"), Some("2026-04-01"), d("2026-12-06")).is_err());
    }

    #[test]
    fn small_cells_are_hidden_with_a_complement() {
        let counts = Counts {
            rows: vec![("a".into(), "A".into()), ("b".into(), "B".into())],
            columns: vec![("x".into(), "X".into()), ("y".into(), "Y".into())],
            cells: vec![vec![3, 20], vec![10, 12]],
            row_heading: "Status",
        };
        let t = publish("T", "s", &counts);
        assert_eq!(t.rows[0].cells[0], None, "3 persons");
        let hidden_in_row = t.rows[0].cells.iter().chain([&t.rows[0].total]).filter(|c| c.is_none()).count();
        assert!(hidden_in_row >= 2, "one hidden cell in a row with its total shown could be worked out");
    }
}
