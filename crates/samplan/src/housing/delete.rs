//! Deleting units and areas. A unit someone lives in or is decided to move into (an
//! approved or overridden placement, or a released household's temporary home) is
//! never deleted; the refusal names the unit and the household in Danish. Deleting
//! a unit drops the undecided proposals that name it; an area goes with its units.
use super::round::{Inputs, is_decided};
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::Store;
use crate::store::Tenant;

/// Why `unit` cannot be deleted, if it cannot.
fn held_by(inputs: &Inputs, unit: &str) -> Option<String> {
    let name =
        |family_id: i64| inputs.needs.iter().find(|n| n.family_id == family_id).map_or_else(|| format!("husstand {family_id}"), |n| n.family_name.clone());
    if let Some(p) = inputs.placements.iter().find(|p| is_decided(p) && p.unit_code.as_deref() == Some(unit)) {
        let how = if p.status == "approved" { "en godkendt" } else { "en tilsidesat" };
        return Some(format!("{} har {how} placering i boligen", name(p.family_id)));
    }
    inputs
        .needs
        .iter()
        .find(|n| n.temporary_unit_code.as_deref() == Some(unit))
        .map(|n| format!("{} bor midlertidigt i boligen og venter på en permanent bolig", n.family_name))
}

/// Deletes one unit. Returns the number of undecided proposals it dropped.
pub async fn unit(store: &Store, tenant: &Tenant, unit: &str) -> Result<usize, AppError> {
    let inputs = Inputs::load(store, tenant).await?;
    if !inputs.units.iter().any(|u| u.code == unit) {
        return Err(AppError::NotFound("boligen"));
    }
    if let Some(why) = held_by(&inputs, unit) {
        return Err(FieldError::new("unit", format!("boligen «{unit}» kan ikke slettes, fordi {why}")).into());
    }
    let proposals = inputs.placements.iter().filter(|p| !is_decided(p) && p.unit_code.as_deref() == Some(unit)).count();
    if !store.delete_units(tenant, &[unit]).await? {
        return Err(FieldError::new("unit", format!("boligen «{unit}» kan ikke slettes, fordi en husstand lige er blevet placeret i den")).into());
    }
    Ok(proposals)
}

/// Deletes an area with all its units. Returns the number of units deleted.
pub async fn area(store: &Store, tenant: &Tenant, area: &str) -> Result<usize, AppError> {
    let inputs = Inputs::load(store, tenant).await?;
    if !inputs.areas.iter().any(|a| a.code == area) {
        return Err(AppError::NotFound("området"));
    }
    let units: Vec<&str> = inputs.units.iter().filter(|u| u.area_code == area).map(|u| u.code.as_str()).collect();
    for u in &units {
        if let Some(why) = held_by(&inputs, u) {
            return Err(FieldError::new("area", format!("området «{area}» kan ikke slettes, fordi {why} «{u}»")).into());
        }
    }
    if !store.delete_units(tenant, &units).await? || !store.delete_empty_area(tenant, area).await? {
        return Err(
            FieldError::new("area", format!("området «{area}» kan ikke slettes, fordi en husstand lige er blevet placeret i en af dets boliger")).into()
        );
    }
    Ok(units.len())
}
