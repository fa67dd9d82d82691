//! Employment-aware placement: the chance that a household's main adult is
//! employed 12 months after moving into an area, learned from the
//! municipality's own past residents, and the cost term it gives the
//! placement model.
//!
//! **Model.** Logistic regression of `employed_12m` on age (standardised, and
//! its square), sex, years of education (standardised) and Danish level —
//! the *municipality-wide model*, fitted on all past residents — and, for the
//! residents of areas with at least [`MIN_RESIDENTS`] of them, the *area
//! model*: the same terms plus an effect per area and an area × education
//! interaction, with an L2 penalty λ/2 · ‖β‖² on the area terms only, so they
//! are shrunk towards the common terms, the more so the fewer residents an
//! area has. Both are fitted by Newton's method (iteratively reweighted least
//! squares) on the penalised log-likelihood. λ is chosen from a fixed grid by
//! k-fold cross-validation (held-out log loss, each resident predicted by the
//! model of their area), and the cross-validated log loss and Brier score are
//! kept with the model beside the log loss of the overall rate alone.
//!
//! **Fallback.** An area with fewer than [`MIN_RESIDENTS`] past residents (or
//! none) gets no effect of its own: its estimate is the municipality-wide model
//! for the person — the overall rate given their features — flagged as such.
//! Its residents do not enter the area model, so a handful of people cannot
//! move the other areas' estimates.
//!
//! **Uncertainty.** The penalised Hessian at the optimum is the precision of
//! the Laplace approximation of the posterior (a Gaussian prior of variance
//! 1/λ on the area terms); a 95 % interval of the logit is ±1.96 standard
//! deviations, mapped through the logistic function.
//!
//! **Cost.** With weight W, a household placed in area a costs
//! `round(W × (1 − p(a)))` more (half away from zero). W = 0 adds nothing:
//! the placement model is then exactly the documented one.
//!
//! No dependency: the model has one or two hundred coefficients and a sparse
//! design (eight non-zeros per row), so a dense Cholesky factorisation per
//! Newton step is all the linear algebra needed; decision 036 says why no
//! crate was taken.
use crate::input::{InputError, Reason, RoundFields, Source, read_rows};
use crate::model::{Area, AreaId};
use crate::solve::AreaCosts;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// Fewest past residents an area needs for an effect of its own.
pub const MIN_RESIDENTS: usize = 30;
/// Folds of the cross-validation.
pub const FOLDS: usize = 5;
/// The penalties tried by cross-validation.
pub const LAMBDAS: [f64; 6] = [0.3, 1.0, 3.0, 10.0, 30.0, 100.0];
/// Oldest and youngest age accepted.
pub const AGES: (u32, u32) = (15, 99);
/// Most years of education accepted.
pub const MAX_EDUCATION_YEARS: u32 = 30;
/// Highest Danish level: 0 none, 1–3 Prøve i Dansk 1–3 passed.
pub const MAX_DANISH_LEVEL: u32 = 3;

/// What the model knows of a person.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Features {
    /// Age in years.
    pub age: u32,
    /// A woman.
    pub female: bool,
    /// Years of education.
    pub education_years: u32,
    /// 0 none, 1–3 Prøve i Dansk 1–3 passed.
    pub danish_level: u32,
}

/// A past resident: where they lived and whether they were employed after 12 months.
#[derive(Debug, Clone, PartialEq)]
pub struct Resident {
    /// Index of the area in the list of areas given to the reader.
    pub area: usize,
    /// The person.
    pub features: Features,
    /// Employed 12 months after moving in.
    pub employed: bool,
}

/// Reads `outcomes.csv`: `area_id,age,sex,education_years,danish_level,employed_12m`,
/// sex `f` or `m`. Every `area_id` must be one of `areas`.
pub fn parse_outcomes(source: Source, areas: &[Area]) -> Result<Vec<Resident>, InputError> {
    let index: HashMap<&str, usize> = areas.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let required = ["area_id", "age", "sex", "education_years", "danish_level", "employed_12m"];
    read_rows(source, &required, &[], |row| {
        let area = row.non_empty("area_id")?;
        let Some(&area) = index.get(area) else {
            return Err(row.error("area_id", Reason::UnknownArea { area: area.to_owned() }));
        };
        Ok(Resident { area, features: features(&row)?, employed: row.boolean("employed_12m")? })
    })
}

/// Reads the main adult's features from the households file, one entry per
/// row: `None` when the columns `age, sex, education_years, danish_level` are
/// absent or all empty on the row; an error when only some are given.
pub fn parse_household_features(source: Source) -> Result<Vec<Option<Features>>, InputError> {
    let names = ["age", "sex", "education_years", "danish_level"];
    read_rows(source, &["household_id"], &names, |row| {
        let present: Vec<&&str> = names.iter().filter(|n| row.has(n) && !row.text(n).is_empty()).collect();
        if present.is_empty() {
            return Ok(None);
        }
        if let Some(missing) = names.iter().find(|n| !row.has(n) || row.text(n).is_empty()) {
            return Err(row.error(missing, Reason::Empty));
        }
        features(&row).map(Some)
    })
}

fn features(row: &crate::input::Row<'_>) -> Result<Features, InputError> {
    let ranged = |field: &'static str, min: u32, max: u32| -> Result<u32, InputError> {
        let t = row.non_empty(field)?;
        let v = row.count(field, u64::from(u32::MAX))?;
        if v < u64::from(min) || v > u64::from(max) {
            return Err(row.error(field, Reason::OutOfRange { value: t.to_owned(), min: u64::from(min), max: u64::from(max) }));
        }
        Ok(v as u32)
    };
    let age = ranged("age", AGES.0, AGES.1)?;
    let female = match row.non_empty("sex")? {
        "f" | "F" => true,
        "m" | "M" => false,
        other => {
            return Err(row.error("sex", Reason::BadSex { value: other.to_owned() }));
        }
    };
    Ok(Features {
        age,
        female,
        education_years: ranged("education_years", 0, MAX_EDUCATION_YEARS)?,
        danish_level: ranged("danish_level", 0, MAX_DANISH_LEVEL)?,
    })
}

/// One area as the model sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaFit {
    /// The area.
    pub area: AreaId,
    /// Past residents in the data.
    pub residents: usize,
    /// Of whom employed after 12 months.
    pub employed: usize,
    /// Column of the area's effect (its interaction follows), or `None`:
    /// fewer than [`MIN_RESIDENTS`], the municipality-wide model is used.
    pub column: Option<usize>,
}

/// How well the model predicts people it was not fitted on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    /// Number of folds.
    pub folds: usize,
    /// Mean held-out log loss (lower is better).
    pub log_loss: f64,
    /// Mean held-out Brier score (squared error of the probability).
    pub brier: f64,
    /// Held-out log loss of the overall rate alone, for comparison.
    pub baseline_log_loss: f64,
}

/// A fitted employment model (serialisable, so the application can store it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmploymentModel {
    /// Every area of the data, in the order given.
    pub areas: Vec<AreaFit>,
    /// The area model, fitted on the residents of the areas with an effect of
    /// their own: intercept, age, age², female, education, Danish level, then
    /// per such area its effect and its education interaction.
    pub coefficients: Vec<f64>,
    /// The inverse of the penalised Hessian of the area model (row-major), the
    /// covariance of its coefficients in the Laplace approximation.
    pub covariance: Vec<f64>,
    /// The municipality-wide model (the first six terms only), fitted on all
    /// residents: the estimate of an area without an effect of its own.
    pub overall: Vec<f64>,
    /// Its covariance (6 × 6, row-major).
    pub overall_covariance: Vec<f64>,
    /// Mean and standard deviation of age and of education in the data.
    pub scaling: [f64; 4],
    /// Share of women in the data (the features of a household without any).
    pub female_share: f64,
    /// Mean Danish level in the data.
    pub mean_danish: f64,
    /// The L2 penalty chosen.
    pub lambda: f64,
    /// Past residents the model was fitted on.
    pub residents: usize,
    /// Their rate of employment after 12 months.
    pub overall_rate: f64,
    /// The cross-validated score.
    pub cross_validation: CrossValidation,
}

/// The estimated chance of employment of one person in one area.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Probability of employment after 12 months.
    pub p: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
    /// Past residents of the area in the data.
    pub residents: usize,
    /// `true`: too few residents, the municipality-wide model is used.
    pub fallback: bool,
}

/// Why no model could be fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FitError {
    /// No past residents.
    NoData,
    /// Everyone, or no one, was employed: there is nothing to learn.
    OneOutcome,
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::NoData => f.write_str("udfaldsfilen har ingen tidligere beboere"),
            FitError::OneOutcome => f.write_str("alle eller ingen af de tidligere beboere var i beskæftigelse; der er intet at lære"),
        }
    }
}

impl std::error::Error for FitError {}

const GLOBAL: usize = 6;

/// The logistic function.
fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl EmploymentModel {
    /// Fits the model to `residents` of `areas` (the areas they were read
    /// against), choosing λ by cross-validation.
    pub fn fit(residents: &[Resident], areas: &[Area]) -> Result<Self, FitError> {
        if residents.is_empty() {
            return Err(FitError::NoData);
        }
        let employed = residents.iter().filter(|r| r.employed).count();
        if employed == 0 || employed == residents.len() {
            return Err(FitError::OneOutcome);
        }
        let n = residents.len() as f64;
        let mean_sd = |f: &dyn Fn(&Resident) -> f64| {
            let m = residents.iter().map(f).sum::<f64>() / n;
            let v = residents.iter().map(|r| (f(r) - m).powi(2)).sum::<f64>() / n;
            (m, v.sqrt().max(1e-9))
        };
        let (age_mean, age_sd) = mean_sd(&|r| f64::from(r.features.age));
        let (edu_mean, edu_sd) = mean_sd(&|r| f64::from(r.features.education_years));
        let mut counts = vec![(0usize, 0usize); areas.len()];
        for r in residents {
            counts[r.area].0 += 1;
            counts[r.area].1 += usize::from(r.employed);
        }
        let mut next = GLOBAL;
        let area_fits: Vec<AreaFit> = areas
            .iter()
            .zip(&counts)
            .map(|(a, &(residents, employed))| {
                let column = (residents >= MIN_RESIDENTS).then(|| {
                    next += 2;
                    next - 2
                });
                AreaFit { area: a.id.clone(), residents, employed, column }
            })
            .collect();
        let mut model = EmploymentModel {
            areas: area_fits,
            coefficients: vec![0.0; next],
            covariance: Vec::new(),
            overall: vec![0.0; GLOBAL],
            overall_covariance: Vec::new(),
            scaling: [age_mean, age_sd, edu_mean, edu_sd],
            female_share: residents.iter().filter(|r| r.features.female).count() as f64 / n,
            mean_danish: residents.iter().map(|r| f64::from(r.features.danish_level)).sum::<f64>() / n,
            lambda: LAMBDAS[0],
            residents: residents.len(),
            overall_rate: employed as f64 / n,
            cross_validation: CrossValidation { folds: 0, log_loss: f64::NAN, brier: f64::NAN, baseline_log_loss: f64::NAN },
        };
        // Every resident in the municipality-wide model; the residents of areas
        // with an effect of their own also in the area model.
        let rows: Vec<Row> = residents.iter().map(|r| Row { x: model.design(r.area, &r.features), y: f64::from(u8::from(r.employed)) }).collect();
        let in_area_model: Vec<bool> = residents.iter().map(|r| model.areas[r.area].column.is_some()).collect();

        // Folds: a fixed shuffle, then every k-th resident.
        let folds = FOLDS.min(residents.len());
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let mut state = 0x0123_4567_89ab_cdefu64;
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut fold = vec![0usize; rows.len()];
        for (k, &i) in order.iter().enumerate() {
            fold[i] = k % folds;
        }
        let data = Data { rows: &rows, in_area_model: &in_area_model, p: next };
        let mut best: Option<(f64, f64, CrossValidation)> = None;
        for &lambda in &LAMBDAS {
            let cv = cross_validate(&data, &fold, folds, lambda);
            if best.as_ref().is_none_or(|(_, loss, _)| cv.log_loss < *loss) {
                best = Some((lambda, cv.log_loss, cv));
            }
        }
        let (lambda, _, cv) = best.expect("a grid of penalties");
        let (overall, area) = data.fit(|_| true, lambda, true);
        model.overall = overall.0;
        model.overall_covariance = overall.1;
        model.coefficients = area.0;
        model.covariance = area.1;
        model.lambda = lambda;
        model.cross_validation = cv;
        Ok(model)
    }

    /// The sparse design row of a person in area index `area`.
    fn design(&self, area: usize, f: &Features) -> Vec<(usize, f64)> {
        let [age_mean, age_sd, edu_mean, edu_sd] = self.scaling;
        let age = (f64::from(f.age) - age_mean) / age_sd;
        let edu = (f64::from(f.education_years) - edu_mean) / edu_sd;
        self.design_scaled(area, age, f64::from(u8::from(f.female)), edu, f64::from(f.danish_level))
    }

    fn design_scaled(&self, area: usize, age: f64, female: f64, edu: f64, danish: f64) -> Vec<(usize, f64)> {
        let mut x = vec![(0, 1.0), (1, age), (2, age * age), (3, female), (4, edu), (5, danish)];
        if let Some(c) = self.areas.get(area).and_then(|a| a.column) {
            x.push((c, 1.0));
            x.push((c + 1, edu));
        }
        x
    }

    /// The estimate for a person with `features` (or, without, the average
    /// resident of the data) in the area with id `area` (an area the model
    /// has no data on gets the municipality-wide model).
    pub fn estimate(&self, area: &AreaId, features: Option<&Features>) -> Estimate {
        let index = self.areas.iter().position(|a| &a.area == area);
        let x = match features {
            Some(f) => self.design(index.unwrap_or(usize::MAX), f),
            None => self.design_scaled(index.unwrap_or(usize::MAX), 0.0, self.female_share, 0.0, self.mean_danish),
        };
        let own = index.is_some_and(|i| self.areas[i].column.is_some());
        let (beta, covariance) = if own { (&self.coefficients, &self.covariance) } else { (&self.overall, &self.overall_covariance) };
        let x: Vec<(usize, f64)> = x.into_iter().filter(|&(j, _)| j < beta.len()).collect();
        let eta: f64 = x.iter().map(|&(j, v)| beta[j] * v).sum();
        let p = beta.len();
        let var: f64 = x.iter().flat_map(|&(i, vi)| x.iter().map(move |&(j, vj)| (i, j, vi * vj))).map(|(i, j, v)| covariance[i * p + j] * v).sum();
        let sd = var.max(0.0).sqrt();
        let fit = index.map(|i| &self.areas[i]);
        Estimate {
            p: logistic(eta),
            low: logistic(eta - 1.96 * sd),
            high: logistic(eta + 1.96 * sd),
            residents: fit.map_or(0, |a| a.residents),
            fallback: fit.is_none_or(|a| a.column.is_none()),
        }
    }

    /// The employment term of a round: for household h (features `features[h]`)
    /// in area a of `areas`, `round(weight × (1 − p))`. Weight 0 gives all zeros.
    pub fn area_costs(&self, areas: &[Area], features: &[Option<Features>], weight: i64) -> AreaCosts {
        AreaCosts::new(
            areas.len(),
            features
                .iter()
                .flat_map(|f| {
                    areas.iter().map(move |a| if weight == 0 { 0 } else { (weight as f64 * (1.0 - self.estimate(&a.id, f.as_ref()).p)).round() as i64 })
                })
                .collect(),
        )
    }
}

/// One resident as a sparse design row and the outcome.
struct Row {
    x: Vec<(usize, f64)>,
    y: f64,
}

/// The residents as rows, which of them the area model is fitted on, and the
/// area model's number of coefficients.
struct Data<'a> {
    rows: &'a [Row],
    in_area_model: &'a [bool],
    p: usize,
}

/// Coefficients and (when asked) covariance.
type Fit = (Vec<f64>, Vec<f64>);

impl Data<'_> {
    /// The municipality-wide and the area model on the rows `take` accepts.
    fn fit(&self, take: impl Fn(usize) -> bool, lambda: f64, covariance: bool) -> (Fit, Fit) {
        let all: Vec<&Row> = (0..self.rows.len()).filter(|&i| take(i)).map(|i| &self.rows[i]).collect();
        let overall = newton(&all, GLOBAL, lambda, covariance);
        let own: Vec<&Row> = (0..self.rows.len()).filter(|&i| take(i) && self.in_area_model[i]).map(|i| &self.rows[i]).collect();
        let area = if self.p > GLOBAL && !own.is_empty() { newton(&own, self.p, lambda, covariance) } else { overall.clone() };
        (overall, area)
    }
}

/// Maximises the penalised log-likelihood of the first `p` terms by Newton's
/// method; the penalty λ applies to the columns from [`GLOBAL`] on (a tiny
/// ridge keeps the others well posed). Returns the coefficients and, when asked, the inverse Hessian.
fn newton(rows: &[&Row], p: usize, lambda: f64, covariance: bool) -> (Vec<f64>, Vec<f64>) {
    let penalty = |j: usize| if j < GLOBAL { 1e-6 } else { lambda };
    let mut beta = vec![0.0; p];
    let mut h = vec![0.0; p * p];
    for _ in 0..100 {
        let mut g: Vec<f64> = (0..p).map(|j| -penalty(j) * beta[j]).collect();
        h.iter_mut().for_each(|v| *v = 0.0);
        for j in 0..p {
            h[j * p + j] = penalty(j);
        }
        for r in rows {
            // A row may have more terms than this model (the area terms of
            // a resident in the municipality-wide model): they are left out.
            let x = &r.x[..r.x.iter().take_while(|&&(j, _)| j < p).count()];
            let eta: f64 = x.iter().map(|&(j, v)| beta[j] * v).sum();
            let mu = logistic(eta);
            let w = (mu * (1.0 - mu)).max(1e-12);
            for &(i, vi) in x {
                g[i] += (r.y - mu) * vi;
                for &(j, vj) in x {
                    h[i * p + j] += w * vi * vj;
                }
            }
        }
        let step = cholesky_solve(&h, p, &g);
        let largest = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        beta.iter_mut().zip(&step).for_each(|(b, s)| *b += s);
        if largest < 1e-9 {
            break;
        }
    }
    let cov = if covariance {
        let mut inv = vec![0.0; p * p];
        for j in 0..p {
            let mut e = vec![0.0; p];
            e[j] = 1.0;
            for (i, v) in cholesky_solve(&h, p, &e).into_iter().enumerate() {
                inv[i * p + j] = v;
            }
        }
        inv
    } else {
        Vec::new()
    };
    (beta, cov)
}

/// Solves `a x = b` for a symmetric positive definite `a` (p × p, row-major).
fn cholesky_solve(a: &[f64], p: usize, b: &[f64]) -> Vec<f64> {
    let mut l = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * p + k] * l[j * p + k]).sum();
            if i == j {
                l[i * p + i] = (a[i * p + i] - s).max(1e-300).sqrt();
            } else {
                l[i * p + j] = (a[i * p + j] - s) / l[j * p + j];
            }
        }
    }
    let mut y = vec![0.0; p];
    for i in 0..p {
        let s: f64 = (0..i).map(|k| l[i * p + k] * y[k]).sum();
        y[i] = (b[i] - s) / l[i * p + i];
    }
    let mut x = vec![0.0; p];
    for i in (0..p).rev() {
        let s: f64 = (i + 1..p).map(|k| l[k * p + i] * x[k]).sum();
        x[i] = (y[i] - s) / l[i * p + i];
    }
    x
}

/// Held-out scores of penalty `lambda` over the folds: each resident is
/// predicted by the model of their area (its own, or the municipality-wide one)
/// fitted without their fold.
fn cross_validate(data: &Data, fold: &[usize], folds: usize, lambda: f64) -> CrossValidation {
    let clamp = |q: f64| q.clamp(1e-12, 1.0 - 1e-12);
    let (mut loss, mut brier, mut base) = (0.0, 0.0, 0.0);
    for k in 0..folds {
        let ((overall, _), (area, _)) = data.fit(|i| fold[i] != k, lambda, false);
        let train: Vec<f64> = (0..data.rows.len()).filter(|&i| fold[i] != k).map(|i| data.rows[i].y).collect();
        let rate = clamp(train.iter().sum::<f64>() / train.len().max(1) as f64);
        for i in (0..data.rows.len()).filter(|&i| fold[i] == k) {
            let r = &data.rows[i];
            let beta = if data.in_area_model[i] { &area } else { &overall };
            let eta: f64 = r.x.iter().filter(|&&(j, _)| j < beta.len()).map(|&(j, v)| beta[j] * v).sum();
            let q = clamp(logistic(eta));
            loss -= r.y * q.ln() + (1.0 - r.y) * (1.0 - q).ln();
            brier += (q - r.y).powi(2);
            base -= r.y * rate.ln() + (1.0 - r.y) * (1.0 - rate).ln();
        }
    }
    let n = data.rows.len() as f64;
    CrossValidation { folds, log_loss: loss / n, brier: brier / n, baseline_log_loss: base / n }
}

#[cfg(test)]
mod tests {
    use super::cholesky_solve;

    #[test]
    fn cholesky_solves_a_small_system() {
        // [[4, 2], [2, 3]] x = [2, 5] → x = [-0.5, 2].
        let x = cholesky_solve(&[4.0, 2.0, 2.0, 3.0], 2, &[2.0, 5.0]);
        assert!((x[0] + 0.5).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12, "{x:?}");
    }
}
