//! The mix and the arrival profile estimated from the municipality's own past arrivals,
//! with a documented fallback for each part that rests on too few observations; the
//! quota spread over the months; and the "what if" changes of the mix.
use crate::model::{ADULTS, Mix};

/// Aggregates of the municipality's past arrivals (the window before the forecast's
/// first month; the application reads them in a few SQL queries).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Each refugee household that arrived in the window: its persons per age band.
    pub households: Vec<[u32; 7]>,
    /// Family-reunified persons (to refugees) who arrived in the window, per age band.
    pub reunified_ages: [u32; 7],
    /// Family-reunified persons (to refugees) who arrived in the last
    /// `reunified_months` months before the first month.
    pub reunified_recent: u32,
    /// The months `reunified_recent` counts over.
    pub reunified_months: u32,
    /// Adults (18+) among the arrivals of the window.
    pub adults: u32,
    /// Of those, the ones referred to Danish education, by track of their first course.
    pub du_tracks: [u32; 3],
    /// School-age children (6–16) among the arrivals of the window.
    pub school_children: u32,
    /// Of those, the ones who had a reception-class period.
    pub reception_children: u32,
    /// Refugees who arrived in the window, by calendar month (January first).
    pub arrivals_by_calendar_month: [u32; 12],
}

/// A part of the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Household sizes.
    HouseholdSizes,
    /// Ages of refugees.
    RefugeeAges,
    /// Ages of family-reunified persons.
    ReunifiedAges,
    /// Danish-education uptake and tracks.
    DanishEducation,
    /// Reception-class share.
    Reception,
    /// Arrival profile over the year.
    Profile,
}

impl Part {
    /// Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Part::HouseholdSizes => "Husstandsstørrelser",
            Part::RefugeeAges => "Flygtninges alder",
            Part::ReunifiedAges => "Familiesammenførtes alder",
            Part::DanishEducation => "Danskuddannelse: andel henvist og spor",
            Part::Reception => "Andel i modtagelsesklasse",
            Part::Profile => "Ankomster fordelt over året",
        }
    }

    /// Fewest observations for the municipality's own figures to be used.
    pub fn minimum(self) -> u32 {
        match self {
            Part::HouseholdSizes | Part::RefugeeAges => 20,
            Part::ReunifiedAges | Part::DanishEducation => 20,
            Part::Reception => 10,
            Part::Profile => 24,
        }
    }
}

/// Where a part of the mix comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The municipality's own arrivals (this many observations).
    Own(u32),
    /// Too few observations (this many): the fallback.
    Fallback(u32),
}

/// The fallback mix, used part by part where the municipality has too few arrivals of
/// its own. Invented, plausible values for a Danish municipality's refugee arrivals
/// (decision 130); shown as "standardværdi" so nobody takes them for the municipality's
/// own figures.
pub const FALLBACK: Mix = Mix {
    household_sizes: [0.40, 0.12, 0.12, 0.12, 0.10, 0.07, 0.04, 0.03],
    refugee_ages: [0.05, 0.06, 0.08, 0.06, 0.07, 0.02, 0.66],
    reunified_ages: [0.06, 0.08, 0.10, 0.08, 0.10, 0.03, 0.55],
    du_uptake: 0.9,
    du_tracks: [0.25, 0.50, 0.25],
    reception_share: 0.6,
};

/// The estimated mix, profile and family-reunification rate, and where each part came from.
#[derive(Debug, Clone, PartialEq)]
pub struct MixEstimate {
    /// The mix.
    pub mix: Mix,
    /// Share of a year's arrivals in each calendar month (January first; sums to 1).
    pub profile: [f64; 12],
    /// Expected family-reunified persons per month.
    pub reunified_per_month: f64,
    /// Each part's source.
    pub sources: Vec<(Part, Source)>,
}

fn shares<const K: usize>(counts: [u32; K]) -> [f64; K] {
    let total: u32 = counts.iter().sum();
    counts.map(|c| if total == 0 { 0.0 } else { f64::from(c) / f64::from(total) })
}

/// Estimates the mix from the municipality's history. Each part uses the municipality's
/// own shares when it rests on at least [`Part::minimum`] observations, and [`FALLBACK`]
/// otherwise. The profile is the share of refugee arrivals in each calendar month with
/// one arrival added to every month (so a month without arrivals in the window is not
/// taken to be impossible); uniform below its minimum. The family-reunification rate is
/// the municipality's own: persons reunified with refugees in the recent months, per month.
pub fn estimate(h: &History) -> MixEstimate {
    let mut mix = FALLBACK;
    let mut sources = Vec::new();
    let mut use_own = |part: Part, n: u32| {
        let own = n >= part.minimum();
        sources.push((part, if own { Source::Own(n) } else { Source::Fallback(n) }));
        own
    };
    let households = h.households.len() as u32;
    if use_own(Part::HouseholdSizes, households) {
        let mut sizes = [0u32; 8];
        for members in &h.households {
            let size: u32 = members.iter().sum();
            sizes[(size.clamp(1, 8) - 1) as usize] += 1;
        }
        mix.household_sizes = shares(sizes);
    }
    if use_own(Part::RefugeeAges, households) {
        let mut ages = [0u32; 7];
        for members in &h.households {
            for (a, m) in ages.iter_mut().zip(members) {
                *a += m;
            }
        }
        mix.refugee_ages = shares(ages);
    }
    if use_own(Part::ReunifiedAges, h.reunified_ages.iter().sum()) {
        mix.reunified_ages = shares(h.reunified_ages);
    }
    if use_own(Part::DanishEducation, h.adults) {
        let referred: u32 = h.du_tracks.iter().sum();
        mix.du_uptake = f64::from(referred) / f64::from(h.adults);
        if referred > 0 {
            mix.du_tracks = shares(h.du_tracks);
        }
    }
    if use_own(Part::Reception, h.school_children) {
        mix.reception_share = f64::from(h.reception_children) / f64::from(h.school_children);
    }
    let arrivals: u32 = h.arrivals_by_calendar_month.iter().sum();
    let profile =
        if use_own(Part::Profile, arrivals) { h.arrivals_by_calendar_month.map(|c| f64::from(c + 1) / f64::from(arrivals + 12)) } else { [1.0 / 12.0; 12] };
    let reunified_per_month = if h.reunified_months == 0 { 0.0 } else { f64::from(h.reunified_recent) / f64::from(h.reunified_months) };
    MixEstimate { mix, profile, reunified_per_month, sources }
}

/// Expected refugees per month for `months` months from `(year, month)`: each year's
/// quota not yet arrived, spread over that year's remaining months by the profile.
/// `quota(year)` gives a year's quota; `arrived` is the refugees who arrived in the
/// first month's year before it (later years start from none).
pub fn monthly_refugees(quota: impl Fn(i32) -> f64, arrived: f64, profile: &[f64; 12], (year, month): (i32, u32), months: usize) -> Vec<f64> {
    (0..months)
        .map(|i| {
            let index = month as usize - 1 + i;
            let (y, m) = (year + (index / 12) as i32, index % 12);
            let (from, already) = if y == year { (month as usize - 1, arrived) } else { (0, 0.0) };
            let remaining = (quota(y) - already).max(0.0);
            let weight: f64 = profile[from..].iter().sum();
            if weight > 0.0 { remaining * profile[m] / weight } else { 0.0 }
        })
        .collect()
}

/// The household-size shares tilted to have mean `mean` (p'ₛ ∝ pₛ·e^{θs}, θ found by
/// bisection), keeping their shape; `None` when `mean` is outside 1–8 or no tilt reaches it.
pub fn tilt_household_size(sizes: &[f64; 8], mean: f64) -> Option<[f64; 8]> {
    if !(1.0..=8.0).contains(&mean) || !mean.is_finite() {
        return None;
    }
    let tilted = |theta: f64| {
        // Tilt every size, so that a size the history lacks can still appear.
        let w: Vec<f64> = sizes.iter().enumerate().map(|(s, p)| (p + 1e-3) * (theta * s as f64).exp()).collect();
        let total: f64 = w.iter().sum();
        let mut out = [0.0; 8];
        for (o, x) in out.iter_mut().zip(&w) {
            *o = x / total;
        }
        out
    };
    let mean_of = |p: &[f64; 8]| p.iter().enumerate().map(|(s, x)| (s + 1) as f64 * x).sum::<f64>();
    let (mut lo, mut hi) = (-30.0_f64, 30.0_f64);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if mean_of(&tilted(mid)) < mean { lo = mid } else { hi = mid }
    }
    let out = tilted((lo + hi) / 2.0);
    ((mean_of(&out) - mean).abs() < 1e-6).then_some(out)
}

/// The age shares with `share` (0–1) of the persons under 18: the child bands scaled
/// together (the fallback's shape when there are none), the adults the rest.
pub fn with_children_share(ages: &[f64; 7], share: f64) -> [f64; 7] {
    let share = share.clamp(0.0, 1.0);
    let children: f64 = ages[..ADULTS].iter().sum();
    let shape = if children > 0.0 { *ages } else { FALLBACK.refugee_ages };
    let shape_children: f64 = shape[..ADULTS].iter().sum();
    let mut out = [0.0; 7];
    for b in 0..ADULTS {
        out[b] = shape[b] / shape_children * share;
    }
    out[ADULTS] = 1.0 - share;
    out
}
