//! The forecast for a municipality as the page, the exports and the API show it: who may
//! see it, the "what if" parameters, the inputs gathered from the store in a few
//! aggregate queries (`store::forecast`), the model run (`forecast` crate) and the
//! back-test made as of twelve months earlier.
use crate::auth::Actor;
use crate::domain::{FieldError, ResidenceBasis, Role};
use crate::error::AppError;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::forecast::ArrivalMonthRow;
use forecast::{Capacity, History, Input, MixEstimate, SERIES, SeriesKind, Source};
use indicators::Month;
use serde::{Deserialize, Serialize};

/// Sampled years for the band.
pub const YEARS: usize = 1000;
/// The generator's seed: the same records give the same band.
pub const SEED: u64 = 20_261_206;
/// Months of past arrivals the mix is estimated from.
pub const HISTORY_MONTHS: i64 = 36;
/// Months of past family reunifications the monthly rate is taken from.
pub const REUNIFICATION_MONTHS: i64 = 24;
/// Months the back-test lies before the forecast.
pub const BACKTEST_MONTHS: i64 = 12;
/// Most months forecast.
pub const MAX_MONTHS: usize = 24;

/// The municipality of a manager or a housing officer; every other role is refused.
pub fn planner(actor: &Actor) -> Result<Tenant, AppError> {
    match actor.tenant() {
        Some(tenant) if matches!(actor.role, Role::Manager | Role::HousingOfficer) => Ok(tenant),
        _ => Err(AppError::Forbidden("kun ledere og boligmedarbejdere har adgang til kapacitetsprognosen".into())),
    }
}

/// The query of the page, the exports and the API: the months and the "what if".
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForecastQuery {
    /// Months to forecast, 1–24 (default 12).
    #[param(pattern = r"^([1-9]|1[0-9]|2[0-4])?$")]
    pub months: Option<String>,
    /// What if the quota were this many persons a year (0–100 000).
    #[param(pattern = r"^(100000|[0-9]{1,5})?$")]
    pub quota: Option<String>,
    /// What if a refugee household had this many persons on average (1–8, decimal comma or point).
    #[param(pattern = r"^([1-7]([.,][0-9]{1,6})?|8([.,]0{1,6})?)?$")]
    pub household_size: Option<String>,
    /// What if this share of the refugees, in percent, were children under 18 (0–100).
    #[param(pattern = r"^(100([.,]0{1,6})?|[0-9]{1,2}([.,][0-9]{1,6})?)?$")]
    pub children_share: Option<String>,
    /// `csv` or `xlsx`: the page's exports only; the API does not read it.
    #[param(ignore)]
    pub format: Option<String>,
}

/// The parsed "what if" and months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WhatIf {
    /// Months forecast.
    pub months: usize,
    /// Quota per year instead of the entered one.
    pub quota: Option<f64>,
    /// Mean household size instead of the estimated one.
    pub household_size: Option<f64>,
    /// Share of children (0–1) instead of the estimated one.
    pub children_share: Option<f64>,
}

fn number(raw: &str) -> Option<f64> {
    raw.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

impl ForecastQuery {
    /// Parses the query; each bad value is an error naming its parameter.
    pub fn parse(&self) -> Result<WhatIf, Vec<FieldError>> {
        let mut errors = Vec::new();
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let months = match given(&self.months) {
            None => 12,
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=MAX_MONTHS).contains(&n) => n,
                _ => {
                    errors.push(FieldError::new("months", format!("«{raw}» – skriv et helt antal måneder fra 1 til {MAX_MONTHS}")));
                    12
                }
            },
        };
        let quota = given(&self.quota).and_then(|raw| match raw.parse::<u32>() {
            Ok(n) if n <= 100_000 => Some(f64::from(n)),
            _ => {
                errors.push(FieldError::new("quota", format!("«{raw}» – skriv kvoten som et helt antal personer fra 0 til 100000")));
                None
            }
        });
        let household_size = given(&self.household_size).and_then(|raw| match number(&raw) {
            Some(v) if (1.0..=8.0).contains(&v) => Some(v),
            _ => {
                errors.push(FieldError::new("household_size", format!("«{raw}» – skriv et gennemsnit fra 1 til 8 personer, fx 2,5")));
                None
            }
        });
        let children_share = given(&self.children_share).and_then(|raw| match number(&raw) {
            Some(v) if (0.0..=100.0).contains(&v) => Some(v / 100.0),
            _ => {
                errors.push(FieldError::new("children_share", format!("«{raw}» – skriv en procent fra 0 til 100")));
                None
            }
        });
        if errors.is_empty() { Ok(WhatIf { months, quota, household_size, children_share }) } else { Err(errors) }
    }
}

/// A year's quota and where it came from.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuotaView {
    /// The year.
    pub year: i32,
    /// Persons.
    pub persons: f64,
    /// `entered`, `carried_forward` (the latest earlier year's), `recent_arrivals` (no
    /// quota entered: the refugees of the last 12 months) or `what_if`.
    pub source: String,
}

impl QuotaView {
    /// Danish description of the source.
    pub fn source_label(&self) -> &'static str {
        match self.source.as_str() {
            "entered" => "indtastet",
            "carried_forward" => "seneste indtastede kvote videreført",
            "recent_arrivals" => "ingen kvote indtastet: flygtninge ankommet de seneste 12 måneder",
            _ => "hvad nu hvis",
        }
    }
}

/// Where a part of the mix came from.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SourceView {
    /// Danish name of the part.
    pub part: String,
    /// From the municipality's own arrivals (else the documented fallback).
    pub own: bool,
    /// Observations it rests on.
    pub observations: u32,
    /// Fewest observations for the municipality's own figures to be used.
    pub minimum: u32,
}

/// The mix used.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MixView {
    /// Share of households of 1, 2, …, 8+ persons.
    pub household_sizes: Vec<f64>,
    /// Mean persons per household.
    pub mean_household_size: f64,
    /// Share of refugees under 18.
    pub children_share: f64,
    /// Share of refugees per age band (0–2, 3–5, 6–9, 10–12, 13–16, 17, 18+).
    pub refugee_ages: Vec<f64>,
    /// Share of family-reunified persons per age band.
    pub reunified_ages: Vec<f64>,
    /// Share of adults referred to Danish education.
    pub du_uptake: f64,
    /// Share of the referred on DU1, DU2, DU3.
    pub du_tracks: Vec<f64>,
    /// Share of school-age children in a reception class.
    pub reception_share: f64,
    /// Expected family-reunified persons a month.
    pub reunified_per_month: f64,
    /// Share of a year's arrivals per calendar month (January first).
    pub profile: Vec<f64>,
    /// Each part's source.
    pub sources: Vec<SourceView>,
}

/// One month of one series.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PointView {
    /// `YYYY-MM`.
    pub month: String,
    /// Expected value.
    pub expected: f64,
    /// 10 % quantile of the sampled years.
    pub low: f64,
    /// 90 % quantile.
    pub high: f64,
    /// Capacity for newcomers summed from the first month (`null`: none entered).
    pub capacity: Option<f64>,
    /// `no_capacity`, `enough`, `risk` (the band's upper end exceeds capacity) or
    /// `shortage` (the expected need exceeds capacity).
    pub status: String,
}

/// One series.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SeriesView {
    /// Key (`persons`, `households`, `units_1` … `units_4`, `du1` … `du3`,
    /// `daycare_0_2`, `daycare_3_5`, `school_6_9`, `school_10_12`, `school_13_16`, `reception`).
    pub key: String,
    /// Danish label.
    pub label: String,
    /// Danish group.
    pub group: String,
    /// `arrivals` (in the month) or `need` (places in use by the newcomers since the first month).
    pub kind: String,
    /// The months.
    pub points: Vec<PointView>,
}

impl SeriesView {
    /// Capacity was entered for some month.
    pub fn has_capacity(&self) -> bool {
        self.points.iter().any(|p| p.capacity.is_some())
    }

    /// Months marked as shortage.
    pub fn shortages(&self) -> usize {
        self.points.iter().filter(|p| p.status == "shortage").count()
    }
}

/// One month of the back-test.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BacktestMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Persons: expected, band, what happened.
    pub persons: Compared,
    /// Refugee households: expected, band, what happened.
    pub households: Compared,
}

/// A forecast value beside what happened.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Compared {
    /// Expected.
    pub expected: f64,
    /// 10 % quantile.
    pub low: f64,
    /// 90 % quantile.
    pub high: f64,
    /// What happened (from the records as they are now).
    pub actual: f64,
}

impl Compared {
    /// The actual value lies within the band.
    pub fn within(&self) -> bool {
        self.low <= self.actual && self.actual <= self.high
    }
}

/// The back-test: the forecast made from the records dated before its first month,
/// twelve months before the forecast's, beside what happened.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BacktestView {
    /// Its first month.
    pub first_month: String,
    /// The quotas it used.
    pub quota: Vec<QuotaView>,
    /// The months.
    pub months: Vec<BacktestMonth>,
    /// Persons expected in all.
    pub persons_expected: f64,
    /// Persons who came.
    pub persons_actual: f64,
    /// Months whose actual persons lie in the band.
    pub months_within_band: usize,
}

/// The forecast.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ForecastView {
    /// Municipality code.
    pub municipality: String,
    /// First month forecast, `YYYY-MM` (the current month).
    pub first_month: String,
    /// The months, `YYYY-MM`.
    pub months: Vec<String>,
    /// Years sampled for the band.
    pub years_sampled: usize,
    /// The quota per year of the forecast.
    pub quota: Vec<QuotaView>,
    /// Refugees who arrived in the first month's year before it.
    pub arrived_this_year: f64,
    /// The mix.
    pub mix: MixView,
    /// Months from arrival to the Danish-education seat (rule `du.start`).
    pub du_lag_months: usize,
    /// Months a seat is used on DU1, DU2, DU3.
    pub du_course_months: Vec<usize>,
    /// Every series.
    pub series: Vec<SeriesView>,
    /// Months where some need exceeds capacity.
    pub shortage_months: Vec<String>,
    /// The back-test.
    pub backtest: BacktestView,
}

fn month_plus(m: Month, n: i64) -> Result<Month, AppError> {
    m.plus_months(n).ok_or_else(|| AppError::Internal(anyhow::anyhow!("month out of range")))
}

/// Everything read for one forecast as of one month.
struct Gathered {
    history: History,
    monthly: Vec<ArrivalMonthRow>,
}

/// The aggregates of the records dated before `start`, kept while the municipality's
/// facts (persons, childcare, Danish-education referrals) are unchanged (decision 140).
async fn gather(store: &Store, tenant: &Tenant, start: Month) -> Result<std::sync::Arc<Gathered>, AppError> {
    let code = tenant.code();
    store.memoised(&format!("forecast-history:{code}:{start}"), &[code.to_string()], || gather_now(store, tenant, start)).await
}

/// [`gather`] read from the store.
async fn gather_now(store: &Store, tenant: &Tenant, start: Month) -> Result<Gathered, AppError> {
    let to = start.first_day().to_string();
    let from = month_plus(start, -HISTORY_MONTHS)?.first_day().to_string();
    let households = store.forecast_households(tenant, &from, &to).await?;
    let reunified = store.forecast_reunified_ages(tenant, &from, &to).await?;
    let uptake = store.forecast_uptake(tenant, &from, &to).await?;
    let monthly = store.forecast_arrival_months(tenant, &from, &to).await?;
    let recent_from = month_plus(start, -REUNIFICATION_MONTHS)?.to_string();
    let mut history = History {
        households: households.iter().map(|h| h.counts()).collect(),
        reunified_ages: reunified.counts(),
        reunified_months: REUNIFICATION_MONTHS as u32,
        adults: uptake.adults as u32,
        du_tracks: uptake.du_tracks.map(|n| n as u32),
        school_children: uptake.school_children as u32,
        reception_children: uptake.reception_children as u32,
        ..History::default()
    };
    for r in &monthly {
        let calendar_month: usize = r.month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
        match r.residence_basis {
            ResidenceBasis::Refugee => history.arrivals_by_calendar_month[calendar_month.clamp(1, 12) - 1] += r.persons as u32,
            ResidenceBasis::FamilyReunifiedToRefugee if r.month >= recent_from => history.reunified_recent += r.persons as u32,
            _ => {}
        }
    }
    Ok(Gathered { history, monthly })
}

/// The quota of each year from `start` for `months` months. With `as_of`, a year's
/// entered quota counts only from October of the year before: municipal quotas are set
/// by 30 September at the latest (BEK nr. 550 af 2022 § 4), so a forecast made as of an
/// earlier month could not have known it.
fn quotas(
    entered: &[(i64, i64)],
    monthly: &[ArrivalMonthRow],
    start: Month,
    months: usize,
    what_if: Option<f64>,
    as_of: Option<Month>,
) -> Result<Vec<QuotaView>, AppError> {
    let last = month_plus(start, months as i64 - 1)?;
    let known = |year: i64| as_of.is_none_or(|m| (i64::from(m.year()), m.month()) >= (year - 1, 10));
    let entered: Vec<(i64, i64)> = entered.iter().copied().filter(|(y, _)| known(*y)).collect();
    let recent_from = month_plus(start, -12)?.to_string();
    let recent: f64 = monthly.iter().filter(|r| r.residence_basis == ResidenceBasis::Refugee && r.month >= recent_from).map(|r| r.persons as f64).sum();
    Ok((start.year()..=last.year())
        .map(|year| {
            let (persons, source) = if let Some(q) = what_if {
                (q, "what_if")
            } else if let Some((_, p)) = entered.iter().find(|(y, _)| *y == i64::from(year)) {
                (*p as f64, "entered")
            } else if let Some((_, p)) = entered.iter().filter(|(y, _)| *y < i64::from(year)).max_by_key(|(y, _)| *y) {
                (*p as f64, "carried_forward")
            } else {
                (recent, "recent_arrivals")
            };
            QuotaView { year, persons, source: source.into() }
        })
        .collect())
}

/// The rule set's start deadline for Danish education, in whole months after takeover
/// (`du.start` in force for the municipality on `day`).
fn du_lag(rules: &rules::RuleSet, day: calendar::Date) -> usize {
    match rules.get("du.start", day).map(|r| &r.measure) {
        Some(rules::Measure::Deadline { offset: calendar::Offset::Months(n), .. }) => *n as usize,
        Some(rules::Measure::Deadline { offset: calendar::Offset::Days(d) | calendar::Offset::WorkingDays(d), .. }) => (*d as usize).div_ceil(30),
        _ => 1,
    }
}

/// The unit size a household of 1–8 persons needs at least, by the placement rules'
/// room bounds (`placement::Settings`).
fn unit_for_size() -> [usize; 8] {
    let settings = placement::Settings::default();
    std::array::from_fn(|i| (settings.room_bounds(i as u32 + 1).0.clamp(1, 4) - 1) as usize)
}

struct Model {
    estimate: MixEstimate,
    input: Input,
    quota: Vec<QuotaView>,
    arrived: f64,
}

async fn model(store: &Store, tenant: &Tenant, start: Month, what_if: &WhatIf, apply_what_if: bool) -> Result<(Model, std::sync::Arc<Gathered>), AppError> {
    let gathered = gather(store, tenant, start).await?;
    let mut estimate = forecast::estimate(&gathered.history);
    if apply_what_if {
        if let Some(mean) = what_if.household_size {
            estimate.mix.household_sizes = forecast::tilt_household_size(&estimate.mix.household_sizes, mean)
                .ok_or_else(|| AppError::from(FieldError::new("household_size", "gennemsnittet kan ikke nås med husstande på 1–8 personer")))?;
        }
        if let Some(share) = what_if.children_share {
            estimate.mix.refugee_ages = forecast::with_children_share(&estimate.mix.refugee_ages, share);
        }
    }
    let entered = store.forecast_quotas(tenant).await?;
    let (what_if_quota, as_of) = if apply_what_if { (what_if.quota, None) } else { (None, Some(start)) };
    let quota = quotas(&entered, &gathered.monthly, start, what_if.months, what_if_quota, as_of)?;
    let year_start = Month::new(start.year(), 1).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?.to_string();
    let start_text = start.to_string();
    let arrived: f64 = gathered
        .monthly
        .iter()
        .filter(|r| r.residence_basis == ResidenceBasis::Refugee && r.month >= year_start && r.month < start_text)
        .map(|r| r.persons as f64)
        .sum();
    let quota_of = |year: i32| quota.iter().find(|q| q.year == year).map_or(0.0, |q| q.persons);
    let refugees = forecast::monthly_refugees(quota_of, arrived, &estimate.profile, (start.year(), start.month()), what_if.months);
    let rules = crate::deadlines::municipality_rule_set(store, tenant).await?;
    let settings = crate::danish_education::settings::load(store, tenant).await?;
    use crate::danish_education::{MODULES, Track};
    let course = |t: Track| (settings.months_per_module(t).max(1) * MODULES) as usize;
    let input = Input {
        refugees,
        reunified_per_month: estimate.reunified_per_month,
        mix: estimate.mix.clone(),
        unit_for_size: unit_for_size(),
        du_lag_months: du_lag(&rules, start.first_day()),
        du_course_months: [course(Track::Du1), course(Track::Du2), course(Track::Du3)],
    };
    Ok((Model { estimate, input, quota, arrived }, gathered))
}

fn mix_view(e: &MixEstimate) -> MixView {
    let m = &e.mix;
    MixView {
        household_sizes: m.household_sizes.to_vec(),
        mean_household_size: m.mean_household_size(),
        children_share: m.children_share(),
        refugee_ages: m.refugee_ages.to_vec(),
        reunified_ages: m.reunified_ages.to_vec(),
        du_uptake: m.du_uptake,
        du_tracks: m.du_tracks.to_vec(),
        reception_share: m.reception_share,
        reunified_per_month: e.reunified_per_month,
        profile: e.profile.to_vec(),
        sources: e
            .sources
            .iter()
            .map(|(part, source)| {
                let (own, observations) = match source {
                    Source::Own(n) => (true, *n),
                    Source::Fallback(n) => (false, *n),
                };
                SourceView { part: part.label().into(), own, observations, minimum: part.minimum() }
            })
            .collect(),
    }
}

fn capacity_of(rows: &[crate::store::forecast::CapacityRow], months: &[String]) -> Capacity {
    SERIES
        .iter()
        .map(|s| {
            let mine: Vec<_> = rows.iter().filter(|r| r.resource == s.key).collect();
            (s.kind == SeriesKind::Need && !mine.is_empty())
                .then(|| months.iter().map(|m| mine.iter().find(|r| &r.month == m).map_or(0.0, |r| r.places as f64)).collect())
        })
        .collect()
}

/// Runs the model and the simulation off the async threads.
async fn run(input: Input, capacity: Capacity) -> Result<(Vec<[f64; forecast::SERIES.len()]>, forecast::Outlook), AppError> {
    tokio::task::spawn_blocking(move || {
        let expected = forecast::expect(&input);
        let band = forecast::simulate(&input, YEARS, SEED);
        let outlook = forecast::outlook(&expected, &band, &capacity);
        (expected, outlook)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

/// The forecast for the municipality from the current month (`today`'s), with the "what
/// if" applied, and its back-test.
pub async fn forecast(store: &Store, tenant: &Tenant, today: calendar::Date, what_if: &WhatIf) -> Result<ForecastView, AppError> {
    let start = Month::of(today);
    let months: Vec<String> = (0..what_if.months as i64).map(|i| month_plus(start, i).map(|m| m.to_string())).collect::<Result<_, _>>()?;
    let (main, _) = model(store, tenant, start, what_if, true).await?;
    let rows = store.forecast_capacity(tenant, &months[0], &months[months.len() - 1]).await?;
    let (_, outlook) = run(main.input.clone(), capacity_of(&rows, &months)).await?;
    let series: Vec<SeriesView> = SERIES
        .iter()
        .zip(&outlook.series)
        .map(|(s, points)| SeriesView {
            key: s.key.into(),
            label: s.label.into(),
            group: s.group.into(),
            kind: if s.kind == SeriesKind::Arrivals { "arrivals" } else { "need" }.into(),
            points: points
                .iter()
                .zip(&months)
                .map(|(p, month)| PointView {
                    month: month.clone(),
                    expected: p.expected,
                    low: p.low,
                    high: p.high,
                    capacity: p.capacity,
                    status: p.status.key().into(),
                })
                .collect(),
        })
        .collect();
    let shortage_months = outlook.shortage_months().into_iter().map(|m| months[m].clone()).collect();
    let backtest = backtest(store, tenant, start).await?;
    Ok(ForecastView {
        municipality: tenant.to_string(),
        first_month: start.to_string(),
        months,
        years_sampled: YEARS,
        quota: main.quota,
        arrived_this_year: main.arrived,
        mix: mix_view(&main.estimate),
        du_lag_months: main.input.du_lag_months,
        du_course_months: main.input.du_course_months.to_vec(),
        series,
        shortage_months,
        backtest,
    })
}

/// The forecast made as of `BACKTEST_MONTHS` before `start` from the records dated
/// before then (without the "what if"), beside the arrivals that came.
async fn backtest(store: &Store, tenant: &Tenant, start: Month) -> Result<BacktestView, AppError> {
    let first = month_plus(start, -BACKTEST_MONTHS)?;
    let plain = WhatIf { months: BACKTEST_MONTHS as usize, quota: None, household_size: None, children_share: None };
    let (m, _) = model(store, tenant, first, &plain, false).await?;
    let (_, outlook) = run(m.input.clone(), vec![None; SERIES.len()]).await?;
    let actual = store.forecast_arrival_months(tenant, &first.first_day().to_string(), &start.first_day().to_string()).await?;
    let months: Vec<BacktestMonth> = (0..BACKTEST_MONTHS)
        .map(|i| {
            let month = month_plus(first, i)?.to_string();
            let persons_actual: f64 = actual
                .iter()
                .filter(|r| r.month == month && (r.residence_basis == ResidenceBasis::Refugee || r.residence_basis == ResidenceBasis::FamilyReunifiedToRefugee))
                .map(|r| r.persons as f64)
                .sum();
            let households_actual: f64 =
                actual.iter().filter(|r| r.month == month && r.residence_basis == ResidenceBasis::Refugee).map(|r| r.households as f64).sum();
            let point = |s: usize, actual: f64| {
                let p = outlook.series[s][i as usize];
                Compared { expected: p.expected, low: p.low, high: p.high, actual }
            };
            Ok(BacktestMonth { month, persons: point(0, persons_actual), households: point(1, households_actual) })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(BacktestView {
        first_month: first.to_string(),
        quota: m.quota,
        persons_expected: months.iter().map(|b| b.persons.expected).sum(),
        persons_actual: months.iter().map(|b| b.persons.actual).sum(),
        months_within_band: months.iter().filter(|b| b.persons.within()).count(),
        months,
    })
}
