//! `/prognose`: the forecast with its "what if" form (a GET form: the page recomputes at
//! once), an overview of the months of shortage, a chart and a table per series, the
//! back-test and the inputs; `/prognose/eksport` gives the same numbers as CSV or XLSX.
use super::chart::{self, ChartPoint, Other};
use super::service::{self, ForecastQuery, ForecastView, SeriesView};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::FieldError;
use crate::error::{AppError, PageError};
use crate::goals::export::{Sheet, Value};
use crate::store::audit::{AuditAction, AuditEntity};
use crate::web::extract::Query;
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use indicators::danish_number;

/// One series as the page shows it.
pub struct SeriesSection {
    /// The series.
    pub series: SeriesView,
    /// Its chart.
    pub svg: String,
}

/// `/prognose`.
#[derive(Template)]
#[template(path = "forecast/page.html")]
pub struct ForecastPage {
    chrome: Chrome,
    municipality_name: String,
    view: Option<ForecastView>,
    sections: Vec<SeriesSection>,
    backtest_svg: String,
    /// The "what if" fields as typed.
    form: [(&'static str, &'static str, String, String); 4],
    query: String,
    errors: Vec<FieldError>,
}

impl ForecastPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn groups(&self) -> Vec<(&'static str, Vec<&SeriesSection>)> {
        let mut out: Vec<(&'static str, Vec<&SeriesSection>)> = Vec::new();
        for (s, section) in forecast::SERIES.iter().zip(&self.sections) {
            match out.last_mut() {
                Some((g, list)) if *g == s.group => list.push(section),
                _ => out.push((s.group, vec![section])),
            }
        }
        out
    }
}

/// A number as the page shows it (one decimal, decimal comma).
pub fn num(v: &f64) -> String {
    danish_number(*v)
}

/// `0.25` as «25 %».
pub fn percent(v: &f64) -> String {
    format!("{} %", danish_number(v * 100.0))
}

/// An optional capacity.
pub fn capacity(v: &Option<f64>) -> String {
    v.map_or_else(|| "–".into(), danish_number)
}

/// The Danish status of a month.
pub fn status_label(key: &str) -> &'static str {
    match key {
        "shortage" => "Mangel",
        "risk" => "Risiko",
        "enough" => "Nok",
        _ => "–",
    }
}

/// `2027-03` as «mar. 2027».
pub fn month(m: &str) -> String {
    chart::month_label(m)
}

fn chart_points(s: &SeriesView) -> Vec<ChartPoint> {
    s.points
        .iter()
        .map(|p| ChartPoint { month: p.month.clone(), expected: p.expected, low: p.low, high: p.high, other: p.capacity, shortage: p.status == "shortage" })
        .collect()
}

fn query_string(q: &ForecastQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("months", &q.months), ("quota", &q.quota), ("household_size", &q.household_size), ("children_share", &q.children_share)] {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            let encoded: String = url::form_urlencoded::byte_serialize(v.as_bytes()).collect();
            parts.push(format!("{k}={encoded}"));
        }
    }
    parts.join("&")
}

/// GET /prognose
pub async fn show(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<ForecastQuery>) -> Result<Response, PageError> {
    let tenant = service::planner(&actor)?;
    let municipality_name = crate::domain::MunicipalityCode::parse(tenant.code()).map(|c| format!("{} Kommune", c.municipality().name)).unwrap_or_default();
    let (view, errors) = match q.parse() {
        Ok(what_if) => match service::forecast(&state.store, &tenant, crate::deadlines::today(), &what_if).await {
            Ok(v) => (Some(v), Vec::new()),
            Err(AppError::Invalid(errors)) => (None, errors),
            Err(e) => return Err(e.into()),
        },
        Err(errors) => (None, errors),
    };
    if let Some(v) = &view {
        record(
            &state,
            vec![meta.event(&actor, AuditAction::Read, AuditEntity::Forecast, None, format!("prognose {} måneder fra {}", v.months.len(), v.first_month))],
        )
        .await?;
    }
    let sections = view
        .iter()
        .flat_map(|v| {
            v.series
                .iter()
                .enumerate()
                .map(|(i, s)| SeriesSection { svg: chart::svg(&format!("graf-{i}"), &s.label, &chart_points(s), Other::Capacity), series: s.clone() })
        })
        .collect();
    let backtest_svg = view
        .as_ref()
        .map(|v| {
            let points: Vec<ChartPoint> = v
                .backtest
                .months
                .iter()
                .map(|m| ChartPoint {
                    month: m.month.clone(),
                    expected: m.persons.expected,
                    low: m.persons.low,
                    high: m.persons.high,
                    other: Some(m.persons.actual),
                    shortage: false,
                })
                .collect();
            chart::svg("tilbageblik", "Tilbageblik: personer, der ankom, mod prognosen lavet for et år siden", &points, Other::Actual)
        })
        .unwrap_or_default();
    let hint = |v: &Option<ForecastView>, f: &dyn Fn(&ForecastView) -> String| v.as_ref().map(f).unwrap_or_default();
    let form = [
        ("months", "Antal måneder (1–24)", q.months.clone().unwrap_or_default(), "Standard: 12".to_string()),
        (
            "quota",
            "Kvote pr. år (personer)",
            q.quota.clone().unwrap_or_default(),
            hint(&view, &|v| format!("Uden ændring: {}", v.quota.iter().map(|q| format!("{} i {}", num(&q.persons), q.year)).collect::<Vec<_>>().join(", "))),
        ),
        (
            "household_size",
            "Personer pr. husstand i gennemsnit",
            q.household_size.clone().unwrap_or_default(),
            hint(&view, &|v| format!("Uden ændring: {}", num(&v.mix.mean_household_size))),
        ),
        (
            "children_share",
            "Andel børn under 18 år (%)",
            q.children_share.clone().unwrap_or_default(),
            hint(&view, &|v| format!("Uden ændring: {}", percent(&v.mix.children_share))),
        ),
    ];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = ForecastPage {
        chrome: Chrome::new(&state, &actor, "prognose"),
        municipality_name,
        view,
        sections,
        backtest_svg,
        form,
        query: query_string(&q),
        errors,
    };
    Ok((status, render(&page)).into_response())
}

/// The forecast as sheets: the series per month, the back-test, the inputs.
pub fn sheets(v: &ForecastView) -> Vec<Sheet> {
    let text = |s: &str| Value::Text(s.to_string());
    let number = Value::Number;
    let mut rows = Vec::new();
    for s in &v.series {
        for p in &s.points {
            rows.push(vec![
                text(&s.key),
                text(&s.label),
                text(&p.month),
                number(p.expected),
                number(p.low),
                number(p.high),
                p.capacity.map_or_else(|| text(""), number),
                text(status_label(&p.status)),
            ]);
        }
    }
    let header = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let backtest = v
        .backtest
        .months
        .iter()
        .map(|m| {
            vec![
                text(&m.month),
                number(m.persons.expected),
                number(m.persons.low),
                number(m.persons.high),
                number(m.persons.actual),
                number(m.households.expected),
                number(m.households.low),
                number(m.households.high),
                number(m.households.actual),
            ]
        })
        .collect();
    let mut inputs: Vec<Vec<Value>> = v.quota.iter().map(|q| vec![text(&format!("Kvote {}", q.year)), number(q.persons), text(q.source_label())]).collect();
    inputs.push(vec![text("Flygtninge ankommet i år før første måned"), number(v.arrived_this_year), text("")]);
    inputs.push(vec![text("Personer pr. husstand"), number(v.mix.mean_household_size), text("")]);
    inputs.push(vec![text("Andel børn under 18 år"), number(v.mix.children_share), text("")]);
    inputs.push(vec![text("Familiesammenførte pr. måned"), number(v.mix.reunified_per_month), text("")]);
    inputs.push(vec![text("Måneder fra ankomst til plads på danskuddannelse"), number(v.du_lag_months as f64), text("regel du.start")]);
    for s in &v.mix.sources {
        inputs.push(vec![
            text(&s.part),
            number(f64::from(s.observations)),
            text(if s.own { "kommunens egne ankomster" } else { "standardværdi (for få ankomster)" }),
        ]);
    }
    vec![
        Sheet { name: "Prognose".into(), header: header(&["Serie", "Navn", "Måned", "Forventet", "10 %", "90 %", "Kapacitet i alt", "Status"]), rows },
        Sheet {
            name: "Tilbageblik".into(),
            header: header(&[
                "Måned",
                "Personer forventet",
                "Personer 10 %",
                "Personer 90 %",
                "Personer faktisk",
                "Husstande forventet",
                "Husstande 10 %",
                "Husstande 90 %",
                "Husstande faktisk",
            ]),
            rows: backtest,
        },
        Sheet { name: "Forudsætninger".into(), header: header(&["Forudsætning", "Værdi", "Kilde"]), rows: inputs },
    ]
}

/// GET /prognose/eksport?format=csv|xlsx (with the page's "what if")
pub async fn export(State(state): State<AppState>, actor: Actor, meta: RequestMeta, Query(q): Query<ForecastQuery>) -> Result<Response, PageError> {
    let tenant = service::planner(&actor)?;
    let format = match q.format.as_deref().unwrap_or("csv") {
        f @ ("csv" | "xlsx") => f,
        other => return Err(AppError::from(FieldError::new("format", format!("«{other}» – brug csv eller xlsx"))).into()),
    };
    let what_if = q.parse().map_err(AppError::Invalid)?;
    let view = service::forecast(&state.store, &tenant, crate::deadlines::today(), &what_if).await?;
    record(&state, vec![meta.event(&actor, AuditAction::Export, AuditEntity::Forecast, None, format!("prognose som {format}"))]).await?;
    Ok(crate::goals::export::download(&sheets(&view), format, &format!("prognose-{}-{}", view.municipality, view.first_month)))
}
