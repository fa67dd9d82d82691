//! What the pages, the API and the exports share: who may see which municipalities'
//! aggregates, the suppressed comparison tables, expected versus actual, and each local
//! goal's monthly series and status. Every table published here went through
//! `indicators::suppress_linked`; nothing here returns a person.
use super::records::records;
use crate::auth::Actor;
use crate::domain::{MunicipalityCode, Role};
use crate::error::AppError;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::goals::{GoalRow, MemberRow, PartnershipRow};
use indicators::{Breakdown, Cell, Indicator, LocalGoal, Mark, Month, MunicipalityCells, PersonRecord, ProgressPoint, Table, Unit};
use serde::Serialize;

/// Months pooled for expected versus actual (the view's month and the 11 before it).
pub const EXPECTED_MONTHS: i64 = 12;
/// Months of history shown in a goal's chart before its baseline.
pub const HISTORY_MONTHS: i64 = 12;

/// The municipality's name, or its code when unknown.
pub fn municipality_name(code: &str) -> String {
    MunicipalityCode::parse(code).map(|c| c.municipality().name.clone()).unwrap_or_else(|_| code.to_string())
}

/// The last whole month before today.
pub fn last_complete_month() -> Month {
    let today = crate::deadlines::today();
    Month::of(today).plus_months(-1).unwrap_or_else(|| Month::of(today))
}

/// Parses a `YYYY-MM` month for the named field (empty: the last whole month).
pub fn parse_month(field: &'static str, raw: Option<&str>) -> Result<Month, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(last_complete_month()),
        Some(s) => s.parse().map_err(|_| crate::domain::FieldError::new(field, format!("«{s}» er ikke en måned på formen ÅÅÅÅ-MM")).into()),
    }
}

/// The shipped indicator `id`, or an error naming the field.
pub fn indicator(field: &'static str, id: &str) -> Result<&'static Indicator, AppError> {
    indicators::find(id.trim()).ok_or_else(|| crate::domain::FieldError::new(field, format!("«{}» er ikke en kendt indikator", id.trim())).into())
}

/// The indicator a path names: an unknown one is not found (404), as for any `{…}` path
/// (decision 150).
pub fn indicator_at(id: &str) -> Result<&'static Indicator, AppError> {
    indicators::find(id.trim()).ok_or(AppError::NotFound("indikatoren"))
}

/// An indicator as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    /// Stable id.
    pub id: String,
    /// Danish name.
    pub name: String,
    /// Plain Danish definition of numerator and denominator.
    pub definition: String,
    /// `percent`, `count` or `days`.
    pub unit: String,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: String,
}

impl From<&Indicator> for IndicatorView {
    fn from(i: &Indicator) -> Self {
        IndicatorView {
            id: i.id.clone(),
            name: i.name.clone(),
            definition: i.definition.clone(),
            unit: i.unit.key().into(),
            direction: i.direction.key().into(),
        }
    }
}

/// One published cell: its counts and value only when shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CellView {
    /// `shown`, `primary` (about 1–4 persons) or `secondary` (hidden so that no small
    /// cell can be worked out from the totals).
    pub mark: &'static str,
    /// Persons in the cohort (absent when hidden).
    pub denominator: Option<u64>,
    /// Persons with the outcome (absent when hidden).
    pub numerator: Option<u64>,
    /// The value in the indicator's unit (absent when hidden or undefined).
    pub value: Option<f64>,
    /// The value as shown on the page (`skjult` when hidden).
    pub text: String,
}

impl CellView {
    fn new(cell: Cell, mark: Mark, unit: Unit) -> CellView {
        match mark {
            Mark::Shown => {
                let value = cell.value(unit);
                CellView {
                    mark: "shown",
                    denominator: Some(cell.denominator),
                    numerator: Some(cell.numerator),
                    value,
                    text: value.map(|v| indicators::with_unit(v, unit)).unwrap_or_else(|| "–".into()),
                }
            }
            hidden => CellView {
                mark: if hidden == Mark::Primary { "primary" } else { "secondary" },
                denominator: None,
                numerator: None,
                value: None,
                text: "skjult".into(),
            },
        }
    }

    /// How many persons a shown cell rests on («120 personer»); `None` when hidden.
    pub fn persons(&self) -> Option<String> {
        self.denominator.map(indicators::persons_text)
    }

    /// True when the cell is hidden.
    pub fn hidden(&self) -> bool {
        self.mark != "shown"
    }
}

/// A column of a breakdown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ColumnView {
    /// Category key (e.g. `female`, `25-29`).
    pub key: &'static str,
    /// Danish label.
    pub label: &'static str,
}

/// One municipality's row of a breakdown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RowView {
    /// Municipality code.
    pub municipality: String,
    /// Its name.
    pub name: String,
    /// One cell per column.
    pub cells: Vec<CellView>,
    /// The municipality's total.
    pub total: CellView,
}

/// Municipalities × the categories of one breakdown, suppressed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BreakdownView {
    /// `sex`, `age` or `residence_basis`.
    pub key: &'static str,
    /// Danish heading.
    pub label: &'static str,
    /// The categories.
    pub columns: Vec<ColumnView>,
    /// One row per municipality, in code order.
    pub rows: Vec<RowView>,
    /// Column totals.
    pub column_totals: Vec<CellView>,
    /// The grand total.
    pub total: CellView,
}

/// A municipality's actual and expected share, pooled over twelve months.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpectedView {
    /// Municipality code.
    pub municipality: String,
    /// Its name.
    pub name: String,
    /// False when its counts are too small or its total is hidden; then no number is given.
    pub shown: bool,
    /// Actual share in percent.
    pub actual: Option<f64>,
    /// Expected share given its composition, in percent.
    pub expected: Option<f64>,
    /// Actual − expected, in percentage points.
    pub difference: Option<f64>,
}

/// The published comparison of one indicator in one month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    /// The indicator.
    pub indicator: IndicatorView,
    /// `YYYY-MM`: the last month of the period.
    #[schema(value_type = String)]
    pub month: String,
    /// How many months are pooled, ending with `month` (1: the month alone). Pooled
    /// counts are person-months: a person in the cohort in three months counts three times.
    pub months: i64,
    /// The period in Danish («sep.–nov. 2026», or the month alone).
    pub period: String,
    /// Sex, age band and residence basis, suppressed together.
    pub breakdowns: Vec<BreakdownView>,
    /// Expected versus actual, in municipality-code order (shares only).
    pub expected: Vec<ExpectedView>,
    /// The months pooled for expected versus actual, `YYYY-MM–YYYY-MM`.
    pub expected_period: String,
}

/// The months a comparison may pool.
pub const POOLED_MONTHS: [i64; 4] = [1, 3, 6, 12];

/// Computes and suppresses the comparison of `codes` (rows, in that order) from `persons`,
/// over the `months` months ending with `month` (their cells summed, then suppressed as one).
pub fn comparison(indicator: &Indicator, persons: &[PersonRecord], codes: &[String], month: Month, months: i64) -> Comparison {
    let start = month.plus_months(1 - months.max(1)).unwrap_or(month);
    let mut computed: Vec<MunicipalityCells> = Vec::new();
    for (_, cells) in indicators::compute_series(indicator, persons, start, month) {
        for c in cells {
            match computed.iter_mut().find(|k| k.municipality == c.municipality) {
                Some(kept) => {
                    kept.total = kept.total.plus(c.total);
                    for (category, cell) in c.by_category {
                        let sum = kept.by_category.get(&category).copied().unwrap_or_default().plus(cell);
                        kept.by_category.insert(category, sum);
                    }
                }
                None => computed.push(c),
            }
        }
    }
    let cells: Vec<MunicipalityCells> = codes
        .iter()
        .map(|code| {
            computed.iter().find(|c| &c.municipality == code).cloned().unwrap_or_else(|| MunicipalityCells {
                municipality: code.clone(),
                total: Cell::default(),
                by_category: Default::default(),
            })
        })
        .collect();
    let tables: Vec<Table> = Breakdown::ALL.iter().map(|b| Table::partnership(&cells, *b)).collect();
    let marks = indicators::suppress_linked(&tables);
    let unit = indicator.unit;
    let mut breakdowns = Vec::new();
    for ((b, table), shown) in Breakdown::ALL.iter().zip(&tables).zip(&marks) {
        let n = table.columns().len();
        let view = |p| CellView::new(table.at(p), shown.mark(p), unit);
        breakdowns.push(BreakdownView {
            key: b.key(),
            label: b.label(),
            columns: b.categories().into_iter().map(|c| ColumnView { key: c.key(), label: c.label() }).collect(),
            rows: codes
                .iter()
                .enumerate()
                .map(|(i, code)| RowView {
                    municipality: code.clone(),
                    name: municipality_name(code),
                    cells: (0..n).map(|j| view((i, j))).collect(),
                    total: view((i, n)),
                })
                .collect(),
            column_totals: (0..n).map(|j| view((codes.len(), j))).collect(),
            total: view((codes.len(), n)),
        });
    }
    let first = month.plus_months(1 - EXPECTED_MONTHS).unwrap_or(month);
    let mut expected = Vec::new();
    if indicator.comparable() {
        let obs = indicators::observations(indicator, persons, first, month);
        let results = indicators::partnership_expected(&obs);
        for (i, code) in codes.iter().enumerate() {
            let total_hidden = breakdowns[0].rows[i].total.hidden();
            let r = results.iter().find(|r| &r.municipality == code).filter(|r| r.shown && !total_hidden);
            expected.push(ExpectedView {
                municipality: code.clone(),
                name: municipality_name(code),
                shown: r.is_some(),
                actual: r.map(|r| r.actual),
                expected: r.map(|r| r.expected),
                difference: r.map(|r| r.difference),
            });
        }
    }
    let period = if start == month { month.danish_short() } else { format!("{}–{}", start.danish_short(), month.danish_short()) };
    Comparison {
        indicator: indicator.into(),
        month: month.to_string(),
        months: months.max(1),
        period,
        breakdowns,
        expected,
        expected_period: format!("{first}–{month}"),
    }
}

/// The records of several municipalities.
pub async fn load_records(store: &Store, codes: &[String]) -> Result<Vec<PersonRecord>, AppError> {
    let mut all = Vec::new();
    // A comparison across municipalities the caller may compare (partners, or the
    // secretariat): records without names or CPR numbers.
    for code in codes {
        all.extend(records_of(store, &Tenant::trusted(code.as_str())).await?.iter().cloned());
    }
    Ok(all)
}

/// One municipality's records, read again only when its facts changed (decision 140).
pub async fn records_of(store: &Store, tenant: &Tenant) -> Result<std::sync::Arc<Vec<PersonRecord>>, AppError> {
    store.memoised(&format!("records {tenant}"), &[tenant.to_string()], || async { Ok::<_, AppError>(records(&store.municipality_facts(tenant).await?)) }).await
}

/// [`comparison`] of `codes` from their current records, computed again only when one
/// of their facts changed (decision 140).
pub async fn current_comparison(store: &Store, indicator: &Indicator, codes: &[String], month: Month, months: i64) -> Result<Comparison, AppError> {
    let key = format!("comparison {} {month} {months} {}", indicator.id, codes.join(","));
    let kept = store
        .memoised(&key, codes, || async {
            let persons = load_records(store, codes).await?;
            Ok::<_, AppError>(comparison(indicator, &persons, codes, month, months))
        })
        .await?;
    Ok(Comparison::clone(&kept))
}

/// [`goal_views`] of one municipality from its current records, computed again only
/// when its facts or its goals changed (decision 140).
pub async fn current_goal_views(store: &Store, tenant: &Tenant, goals: &[GoalRow], last: Month) -> Result<Vec<GoalView>, AppError> {
    let key = format!("goals {tenant} {last} {}", serde_json::to_string(goals).unwrap_or_default());
    let kept = store
        .memoised(&key, &[tenant.to_string()], || async {
            let persons = records_of(store, tenant).await?;
            Ok::<_, AppError>(goal_views(&persons, goals, last))
        })
        .await?;
    Ok(Vec::clone(&kept))
}

/// Which municipalities a comparison covers.
#[derive(Debug, Clone)]
pub enum Scope {
    /// A partnership's members in the month.
    Partnership(PartnershipRow, Vec<MemberRow>),
    /// Every municipality with persons (the national secretariat only).
    All(Vec<String>),
}

impl Scope {
    /// The municipality codes of the rows for `month`, in code order.
    pub fn codes(&self, month: Month) -> Vec<String> {
        match self {
            Scope::Partnership(_, members) => {
                let day = month.last_day();
                let mut codes: Vec<String> = members.iter().filter(|m| m.member_on(day)).map(|m| m.municipality_code.clone()).collect();
                codes.dedup();
                codes
            }
            Scope::All(codes) => codes.clone(),
        }
    }

    /// A Danish title.
    pub fn title(&self) -> String {
        match self {
            Scope::Partnership(p, _) => p.name.clone(),
            Scope::All(_) => "Alle kommuner".into(),
        }
    }
}

/// The scope `actor` asked for: the national secretariat any partnership or all
/// municipalities; a municipal user only a partnership their municipality is a member
/// of today. `Ok(None)` when a municipal user's municipality is in no partnership.
pub async fn scope_for(store: &Store, actor: &Actor, partnership: Option<i64>, all: bool) -> Result<Option<Scope>, AppError> {
    let partnerships = store.partnerships().await?;
    let members = store.partnership_members().await?;
    let today = crate::deadlines::today();
    let visible: Vec<&PartnershipRow> = if actor.role == Role::NationalSecretariat {
        if all {
            return Ok(Some(Scope::All(store.municipalities_with_persons().await?)));
        }
        partnerships.iter().collect()
    } else {
        let Some(own) = actor.municipality().filter(|_| actor.role.is_municipal_staff()) else { return Err(AppError::forbidden()) };
        if all {
            return Err(AppError::Forbidden("kun det nationale sekretariat ser alle kommuner".into()));
        }
        partnerships.iter().filter(|p| members.iter().any(|m| m.partnership_id == p.id && m.municipality_code == own && m.member_on(today))).collect()
    };
    let chosen = match partnership {
        Some(id) => Some(*visible.iter().find(|p| p.id == id).ok_or(AppError::NotFound("partnerskabet"))?),
        None => visible.first().copied(),
    };
    Ok(chosen.map(|p| Scope::Partnership(p.clone(), members.iter().filter(|m| m.partnership_id == p.id).cloned().collect())))
}

/// A stored goal as the `indicators` crate's `LocalGoal`, when its fields still parse.
pub fn local_goal(row: &GoalRow) -> Option<LocalGoal> {
    Some(LocalGoal {
        indicator_id: row.indicator_id.clone(),
        municipality: row.municipality_code.clone(),
        baseline_month: row.baseline_month.parse().ok()?,
        baseline: row.baseline,
        target: row.target,
        target_date: row.target_date,
        reasoning: row.reasoning.clone(),
    })
}

/// One municipality's monthly series of an indicator's total, with months about 1–4
/// persons left empty (the same rule as everywhere else).
pub fn series(indicator: &Indicator, persons: &[PersonRecord], first: Month, last: Month) -> Vec<ProgressPoint> {
    indicators::compute_series(indicator, persons, first, last)
        .into_iter()
        .map(|(month, rows)| {
            let cell = rows.first().map(|r| r.total).filter(|c| !indicators::is_small(c));
            let value = cell.and_then(|c| c.value(indicator.unit));
            let persons = cell.filter(|_| value.is_some()).map(|c| match indicator.unit {
                indicators::Unit::Percent => c.denominator,
                _ => c.numerator,
            });
            ProgressPoint { month, value, persons }
        })
        .collect()
}

/// A goal (or an indicator without one) with its series, status and chart.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GoalView {
    /// The indicator.
    pub indicator: IndicatorView,
    /// The goal, when the municipality has set one.
    pub goal: Option<GoalRow>,
    /// Monthly values (`null` where too few persons or none).
    pub series: Vec<SeriesPoint>,
    /// The latest value shown, as text, with the persons it rests on.
    pub latest: String,
    /// The latest value is older than the last whole month (the months since had too
    /// few persons or no data).
    pub stale: bool,
    /// The goal's status in Danish (`Ingen data endnu`, `Mål nået`, `På rette vej`,
    /// `Bagud i forhold til planen`), or empty without a goal.
    pub status: String,
    /// The chart (inline SVG).
    #[serde(skip)]
    pub chart: String,
    /// The chart in words.
    pub description: String,
}

/// One month of a series.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SeriesPoint {
    /// `YYYY-MM`.
    pub month: String,
    /// The value, or `null`.
    pub value: Option<f64>,
    /// How many persons the value rests on (`null` with the value).
    pub persons: Option<u64>,
}

/// The municipality's view of every shipped indicator: its goals first.
pub fn goal_views(persons: &[PersonRecord], goals: &[GoalRow], last: Month) -> Vec<GoalView> {
    let mut views: Vec<GoalView> = indicators::shipped()
        .iter()
        .map(|ind| {
            let row = goals.iter().find(|g| g.indicator_id == ind.id);
            let goal = row.and_then(local_goal);
            let default_first = last.plus_months(1 - 2 * HISTORY_MONTHS).unwrap_or(last);
            let first = goal.as_ref().and_then(|g| g.baseline_month.plus_months(-HISTORY_MONTHS)).unwrap_or(default_first).min(default_first);
            let points = series(ind, persons, first, last);
            let newest = points.iter().rev().find(|p| p.value.is_some());
            let latest = newest.and_then(|p| {
                let v = p.value?;
                let persons = p.persons.map(|n| format!(", {}", indicators::persons_text(n))).unwrap_or_default();
                Some(format!("{} ({}{persons})", indicators::with_unit(v, ind.unit), p.month.danish_short()))
            });
            let stale = newest.is_some_and(|p| p.month < last);
            GoalView {
                indicator: ind.into(),
                goal: row.cloned(),
                series: points.iter().map(|p| SeriesPoint { month: p.month.to_string(), value: p.value, persons: p.persons }).collect(),
                latest: latest.unwrap_or_else(|| "Ingen værdi (for få personer)".into()),
                stale,
                status: goal.as_ref().map(|g| g.status(&points).label().to_string()).unwrap_or_default(),
                chart: indicators::progress_svg(ind, &points, goal.as_ref()),
                description: indicators::describe(ind, &points, goal.as_ref()),
            }
        })
        .collect();
    views.sort_by_key(|v| v.goal.is_none());
    views
}

/// A number the Danish way (`45,5`), for templates.
pub fn num(v: impl std::borrow::Borrow<f64>) -> String {
    indicators::danish_number(*v.borrow())
}
