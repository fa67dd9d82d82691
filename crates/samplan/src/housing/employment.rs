//! Employment-aware placement in the housing officer's hands: the municipality's
//! employment model (crate `placement`, module `employment`) fitted from an uploaded
//! file of past residents and stored with its data's date and size, the weight of its
//! term in the rounds, and each waiting household's main adult as the model sees them,
//! read from samplan's own records (decision 038).
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::housing::{EmploymentModelRow, MainAdultRow};
use chrono::NaiveDate;
use placement::employment::{EmploymentModel, Features, parse_outcomes};
use placement::input::Source;
use placement::{Area, AreaCosts};
use std::collections::HashMap;

/// Years of education the model reads for each education level of the employment
/// profile: the usual length of the highest completed level in the Danish system.
pub fn education_years(level: &str) -> Option<u32> {
    Some(match level {
        "none" => 3,
        "primary" => 9,
        "upper_secondary" => 12,
        "short_higher" => 14,
        "long_higher" => 17,
        _ => return None,
    })
}

/// Prøve i Dansk 1–3: the DU track whose final module was passed.
fn danish_level(track: Option<&str>) -> u32 {
    match track {
        Some("du3") => 3,
        Some("du2") => 2,
        Some("du1") => 1,
        _ => 0,
    }
}

/// The stored model and weight.
pub struct Stored {
    /// The row as stored.
    pub row: EmploymentModelRow,
    /// The fitted model, if one was uploaded.
    pub model: Option<EmploymentModel>,
}

impl Stored {
    /// The weight of the employment term (0 without a model: nothing to weigh).
    pub fn weight(&self) -> i64 {
        if self.model.is_some() { self.row.weight } else { 0 }
    }
}

/// Reads the municipality's model and weight.
pub async fn load(store: &Store, tenant: &Tenant) -> Result<Stored, AppError> {
    let row = store.housing_employment_model(tenant).await?.unwrap_or(EmploymentModelRow {
        model: None,
        data_as_of: None,
        residents: 0,
        fitted_at: None,
        fitted_by: None,
        weight: 0,
        weight_set_at: None,
        weight_set_by: None,
    });
    let model = match row.model.as_deref() {
        Some(json) => Some(serde_json::from_str(json).map_err(|e| AppError::Internal(anyhow::anyhow!("stored employment model: {e}")))?),
        None => None,
    };
    Ok(Stored { row, model })
}

/// Fits a model to an uploaded `outcomes.csv` against the municipality's areas; an
/// error names the file, the line and the column.
pub fn fit(text: &str, areas: &[Area]) -> Result<EmploymentModel, FieldError> {
    let residents = parse_outcomes(Source { name: "outcomes.csv", text }, areas).map_err(|e| FieldError::new("outcomes_file", e.to_string()))?;
    EmploymentModel::fit(&residents, areas).map_err(|e| FieldError::new("outcomes_file", format!("outcomes.csv: {e}")))
}

/// What the model knows of each waiting household's main adult — the eldest adult with
/// an employment profile, else the eldest adult: their features, or `None` when samplan
/// lacks their education (no employment profile); the model then takes the average
/// past resident, and the page says so.
pub async fn main_adults(store: &Store, tenant: &Tenant, today: NaiveDate) -> Result<HashMap<i64, Option<Features>>, AppError> {
    let rows = store.housing_waiting_adults(tenant).await?;
    // Rows come eldest first per family: keep the first profiled adult, else the first.
    let mut out: HashMap<i64, (Option<Features>, bool)> = HashMap::new();
    for r in rows {
        let profiled = r.education_level.is_some();
        if out.get(&r.family_id).is_some_and(|&(_, kept)| kept || !profiled) {
            continue;
        }
        out.insert(r.family_id, (features(&r, today), profiled));
    }
    Ok(out.into_iter().map(|(family, (features, _))| (family, features)).collect())
}

fn features(r: &MainAdultRow, today: NaiveDate) -> Option<Features> {
    let born = NaiveDate::parse_from_str(&r.birth_date, "%Y-%m-%d").ok()?;
    let age = today.years_since(born)?;
    let education_years = education_years(r.education_level.as_deref()?)?;
    let (low, high) = placement::employment::AGES;
    Some(Features { age: age.clamp(low, high), female: r.sex == "female", education_years, danish_level: danish_level(r.passed_track.as_deref()) })
}

/// The employment term of a round: the cost per household (in the instance's order)
/// and area, or `None` when there is no model or the weight is 0.
pub fn term(stored: &Stored, areas: &[Area], features: &[Option<Features>]) -> Option<AreaCosts> {
    let model = stored.model.as_ref()?;
    (stored.weight() > 0).then(|| model.area_costs(areas, features, stored.weight()))
}

/// The weight as typed into the form.
pub fn parse_weight(raw: &str) -> Result<i64, FieldError> {
    let max = placement::MAX_WEIGHT;
    match raw.trim().parse::<i64>() {
        Ok(w) if (0..=max).contains(&w) => Ok(w),
        _ => Err(FieldError::new("weight", format!("«{}» skal være et helt tal fra 0 til {max}", raw.trim()))),
    }
}
