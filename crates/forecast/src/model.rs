//! The forecast's vocabulary (age bands, the demand series, the mix) and the expected
//! demand per month in closed form.
//!
//! Two kinds of series: arrivals (persons and households arriving in the month) and
//! needs (places in use by the newcomers who arrived from the forecast's first month
//! on). Capacity is entered as the places that become free for newcomers in a month;
//! a need is compared with the capacity summed from the first month, so places not used
//! in one month are there the next.

/// An age band of the arrivals (age at arrival, whole years).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeBand {
    /// Stable key.
    pub key: &'static str,
    /// Danish label.
    pub label: &'static str,
    /// Youngest age in the band.
    pub from: u32,
    /// Oldest age in the band (`None`: no upper limit).
    pub to: Option<u32>,
}

/// The age bands, youngest first: the daycare age groups (vuggestue, børnehave), the
/// school grade bands (0.–3., 4.–6., 7.–10. klasse), 17-year-olds and adults (18+, who
/// may be referred to Danish education).
pub const AGE_BANDS: [AgeBand; 7] = [
    AgeBand { key: "0_2", label: "0–2 år", from: 0, to: Some(2) },
    AgeBand { key: "3_5", label: "3–5 år", from: 3, to: Some(5) },
    AgeBand { key: "6_9", label: "6–9 år", from: 6, to: Some(9) },
    AgeBand { key: "10_12", label: "10–12 år", from: 10, to: Some(12) },
    AgeBand { key: "13_16", label: "13–16 år", from: 13, to: Some(16) },
    AgeBand { key: "17", label: "17 år", from: 17, to: Some(17) },
    AgeBand { key: "18", label: "18 år og derover", from: 18, to: None },
];

/// Index of the adults' band in [`AGE_BANDS`].
pub const ADULTS: usize = 6;
/// Indices of the school-age bands in [`AGE_BANDS`].
pub const SCHOOL_BANDS: [usize; 3] = [2, 3, 4];

/// Whether a series counts arrivals in the month or places in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    /// Persons or households arriving in the month.
    Arrivals,
    /// Places in use by the newcomers since the first month, compared with capacity.
    Need,
}

/// One forecast series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// Stable key (API, CSV, form fields).
    pub key: &'static str,
    /// Danish label.
    pub label: &'static str,
    /// Danish name of its group.
    pub group: &'static str,
    /// Arrivals or need.
    pub kind: SeriesKind,
}

const fn series(key: &'static str, label: &'static str, group: &'static str, kind: SeriesKind) -> Series {
    Series { key, label, group, kind }
}

/// Every series, in the order pages and exports show them.
pub const SERIES: [Series; 15] = [
    series("persons", "Personer, der ankommer", "Ankomster", SeriesKind::Arrivals),
    series("households", "Husstande, der ankommer", "Ankomster", SeriesKind::Arrivals),
    series("units_1", "Boliger med 1 værelse", "Boliger", SeriesKind::Need),
    series("units_2", "Boliger med 2 værelser", "Boliger", SeriesKind::Need),
    series("units_3", "Boliger med 3 værelser", "Boliger", SeriesKind::Need),
    series("units_4", "Boliger med 4 eller flere værelser", "Boliger", SeriesKind::Need),
    series("du1", "Pladser på Danskuddannelse 1", "Danskuddannelse", SeriesKind::Need),
    series("du2", "Pladser på Danskuddannelse 2", "Danskuddannelse", SeriesKind::Need),
    series("du3", "Pladser på Danskuddannelse 3", "Danskuddannelse", SeriesKind::Need),
    series("daycare_0_2", "Vuggestuepladser (0–2 år)", "Dagtilbud", SeriesKind::Need),
    series("daycare_3_5", "Børnehavepladser (3–5 år)", "Dagtilbud", SeriesKind::Need),
    series("school_6_9", "Skolepladser 0.–3. klasse (6–9 år)", "Skole", SeriesKind::Need),
    series("school_10_12", "Skolepladser 4.–6. klasse (10–12 år)", "Skole", SeriesKind::Need),
    series("school_13_16", "Skolepladser 7.–10. klasse (13–16 år)", "Skole", SeriesKind::Need),
    series("reception", "Pladser i modtagelsesklasse", "Skole", SeriesKind::Need),
];

/// Number of series.
pub const N: usize = SERIES.len();
pub(crate) const PERSONS: usize = 0;
pub(crate) const HOUSEHOLDS: usize = 1;
pub(crate) const UNITS: usize = 2; // four: 1, 2, 3, 4+ rooms
pub(crate) const DU: usize = 6; // three tracks
pub(crate) const DAYCARE: usize = 9; // 0–2, 3–5
pub(crate) const SCHOOL: usize = 11; // three grade bands
pub(crate) const RECEPTION: usize = 14;

/// The expected make-up of the arrivals.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    /// Share of refugee households of 1, 2, …, 8 or more persons (sums to 1).
    pub household_sizes: [f64; 8],
    /// Share of arriving refugees in each age band (sums to 1).
    pub refugee_ages: [f64; 7],
    /// Share of family-reunified persons in each age band (sums to 1).
    pub reunified_ages: [f64; 7],
    /// Share of arriving adults referred to Danish education.
    pub du_uptake: f64,
    /// Share of the referred on DU1, DU2 and DU3 (sums to 1).
    pub du_tracks: [f64; 3],
    /// Share of school-age children who start in a reception class (the rest need a
    /// place in an ordinary class of their grade band).
    pub reception_share: f64,
}

impl Mix {
    /// Mean persons per refugee household.
    pub fn mean_household_size(&self) -> f64 {
        self.household_sizes.iter().enumerate().map(|(i, p)| (i + 1) as f64 * p).sum()
    }

    /// Share of the arriving refugees under 18.
    pub fn children_share(&self) -> f64 {
        self.refugee_ages[..ADULTS].iter().sum()
    }
}

/// Everything one forecast is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// Expected refugees (persons) arriving in each month; its length is the number of
    /// months forecast.
    pub refugees: Vec<f64>,
    /// Expected family-reunified persons arriving each month (they join a household
    /// already here: no housing unit of their own).
    pub reunified_per_month: f64,
    /// The mix.
    pub mix: Mix,
    /// The unit size (0: 1 room, 1: 2 rooms, 2: 3 rooms, 3: 4 or more) a household of
    /// 1, 2, …, 8 persons needs at least.
    pub unit_for_size: [usize; 8],
    /// Months from arrival to the month a Danish-education seat is needed (the rule
    /// set's start deadline).
    pub du_lag_months: usize,
    /// Months a seat is used on DU1, DU2 and DU3 (six modules at the track's pace).
    pub du_course_months: [usize; 3],
}

impl Input {
    /// Months forecast.
    pub fn months(&self) -> usize {
        self.refugees.len()
    }
}

/// What arrives in one month (expected or sampled).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Arrival {
    pub persons: f64,
    pub households: f64,
    pub units: [f64; 4],
    pub ages: [f64; 7],
    pub du: [f64; 3],
    pub school: [f64; 3],
    pub reception: f64,
}

/// The series per month from the arrivals of each month.
pub(crate) fn demand(arrivals: &[Arrival], input: &Input) -> Vec<[f64; N]> {
    let months = arrivals.len();
    let mut out = vec![[0.0; N]; months];
    let mut cumulative = Arrival::default();
    for m in 0..months {
        let a = &arrivals[m];
        for i in 0..4 {
            cumulative.units[i] += a.units[i];
        }
        for i in 0..3 {
            cumulative.school[i] += a.school[i];
        }
        cumulative.ages[0] += a.ages[0];
        cumulative.ages[1] += a.ages[1];
        cumulative.reception += a.reception;
        let row = &mut out[m];
        row[PERSONS] = a.persons;
        row[HOUSEHOLDS] = a.households;
        row[UNITS..UNITS + 4].copy_from_slice(&cumulative.units);
        row[DAYCARE] = cumulative.ages[0];
        row[DAYCARE + 1] = cumulative.ages[1];
        row[SCHOOL..SCHOOL + 3].copy_from_slice(&cumulative.school);
        row[RECEPTION] = cumulative.reception;
        for (t, months_on_course) in input.du_course_months.iter().enumerate() {
            // Arrivals in month `arrived` use a seat from `arrived + lag` for the course's length.
            row[DU + t] = (0..=m)
                .filter(|arrived| arrived + input.du_lag_months <= m && m < arrived + input.du_lag_months + months_on_course)
                .map(|arrived| arrivals[arrived].du[t])
                .sum();
        }
    }
    out
}

/// The expected value of every series in every month (closed form).
///
/// For month m with r refugees and f family-reunified persons expected: persons r + f;
/// households r ÷ mean household size, split over unit sizes by the household-size
/// shares; each age band r × its refugee share + f × its reunified share; adults ×
/// uptake × track share start Danish education `du_lag_months` later and keep the seat
/// for the course's months; school-age children × reception share need a reception
/// class, the rest an ordinary place in their grade band. Needs add up from the first
/// month.
pub fn expect(input: &Input) -> Vec<[f64; N]> {
    let mix = &input.mix;
    let mean = mix.mean_household_size();
    let arrivals: Vec<Arrival> = input
        .refugees
        .iter()
        .map(|&r| {
            let f = input.reunified_per_month;
            let households = if mean > 0.0 { r / mean } else { 0.0 };
            let mut a = Arrival { persons: r + f, households, ..Arrival::default() };
            for (size, share) in mix.household_sizes.iter().enumerate() {
                a.units[input.unit_for_size[size]] += households * share;
            }
            for b in 0..7 {
                a.ages[b] = r * mix.refugee_ages[b] + f * mix.reunified_ages[b];
            }
            for t in 0..3 {
                a.du[t] = a.ages[ADULTS] * mix.du_uptake * mix.du_tracks[t];
            }
            for (i, b) in SCHOOL_BANDS.iter().enumerate() {
                a.school[i] = a.ages[*b] * (1.0 - mix.reception_share);
                a.reception += a.ages[*b] * mix.reception_share;
            }
            a
        })
        .collect();
    demand(&arrivals, input)
}

/// How a month stands against capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No capacity entered for the series (or an arrivals series).
    NoCapacity,
    /// Capacity covers even the band's upper end.
    Enough,
    /// The expected need fits, but the band's upper end exceeds capacity.
    Risk,
    /// The expected need exceeds capacity.
    Shortage,
}

impl Status {
    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            Status::NoCapacity => "no_capacity",
            Status::Enough => "enough",
            Status::Risk => "risk",
            Status::Shortage => "shortage",
        }
    }

    /// Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Status::NoCapacity => "Ingen kapacitet angivet",
            Status::Enough => "Nok",
            Status::Risk => "Risiko for mangel",
            Status::Shortage => "Mangel",
        }
    }
}

/// One series in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Expected value.
    pub expected: f64,
    /// 10 % quantile of the sampled years.
    pub low: f64,
    /// 90 % quantile of the sampled years.
    pub high: f64,
    /// Capacity for newcomers summed from the first month (needs with capacity only).
    pub capacity: Option<f64>,
    /// Against capacity.
    pub status: Status,
}

/// Capacity per series: the places that become free for newcomers in each month
/// (`None`: nothing entered for the series).
pub type Capacity = Vec<Option<Vec<f64>>>;

/// The forecast: every series (in [`SERIES`] order), each month.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    /// `series[s][m]`.
    pub series: Vec<Vec<Point>>,
}

impl Outlook {
    /// Months where some need exceeds capacity (expected value), as month indices.
    pub fn shortage_months(&self) -> Vec<usize> {
        let months = self.series.first().map_or(0, Vec::len);
        (0..months).filter(|m| self.series.iter().any(|s| s[*m].status == Status::Shortage)).collect()
    }
}

/// The expected values, the band and the capacity side by side. A need is short in a
/// month when its expected value exceeds the capacity summed to that month, at risk when
/// only the band's upper end does.
pub fn outlook(expected: &[[f64; N]], band: &crate::Band, capacity: &Capacity) -> Outlook {
    let series = (0..N)
        .map(|s| {
            let cap = capacity.get(s).and_then(Option::as_ref).filter(|_| SERIES[s].kind == SeriesKind::Need);
            let mut sum = 0.0;
            expected
                .iter()
                .enumerate()
                .map(|(m, row)| {
                    let capacity = cap.map(|c| {
                        sum += c.get(m).copied().unwrap_or(0.0);
                        sum
                    });
                    let (expected, low, high) = (row[s], band.low[m][s], band.high[m][s]);
                    let status = match capacity {
                        None => Status::NoCapacity,
                        Some(c) if expected > c + 1e-9 => Status::Shortage,
                        Some(c) if high > c + 1e-9 => Status::Risk,
                        Some(_) => Status::Enough,
                    };
                    Point { expected, low, high, capacity, status }
                })
                .collect()
        })
        .collect();
    Outlook { series }
}
