//! Approving a proposed placement or overriding it with a reason. A decided placement
//! is fixed in later rounds; a decided unit becomes the family's address and starts
//! (temporary unit) or ends (permanent unit) the wait. Audited by the caller's handler.
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::housing::{Decision, NeedRow, PlacementRow, UnitRow};
use placement::HardRule;

/// What the officer decides.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// Accept the proposed placement as it is.
    Approve,
    /// Put the household in `unit` (none: not placed this round) for `reason`.
    Override {
        /// The unit chosen instead.
        unit: Option<String>,
        /// Why, required.
        reason: String,
        /// The officer confirms breaking the hard rule the unit breaks (rooms, rent,
        /// accessibility, a permanent home); a listed area can never be confirmed.
        confirmed: bool,
    },
}

/// Parses an override's fields; the reason is required.
pub fn override_choice(unit: Option<&str>, reason: &str, confirmed: bool) -> Result<Choice, FieldError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FieldError::new("reason", "skriv en begrundelse for at tilsidesætte forslaget"));
    }
    if reason.chars().count() > 1000 {
        return Err(FieldError::new("reason", "højst 1000 tegn"));
    }
    let unit = unit.map(str::trim).filter(|u| !u.is_empty()).map(str::to_owned);
    Ok(Choice::Override { unit, reason: reason.to_owned(), confirmed })
}

/// Records the decision and returns the placement as now stored.
pub async fn decide(store: &Store, tenant: &Tenant, family_id: i64, choice: &Choice, login: &str, today: calendar::Date) -> Result<PlacementRow, AppError> {
    let placements = store.housing_placements(tenant).await?;
    let current = placements.iter().find(|p| p.family_id == family_id);
    let Some(need) = store.housing_need(tenant, family_id).await? else {
        return Err(AppError::NotFound("husstanden"));
    };
    let (status, unit, reason) = match choice {
        Choice::Approve => {
            let Some(p) = current.filter(|p| p.status == "proposed") else {
                return Err(FieldError::new("household", "der er intet forslag at godkende; lav et forslag først").into());
            };
            ("approved", p.unit_code.clone(), String::new())
        }
        Choice::Override { unit, reason, confirmed } => {
            let mut reason = reason.clone();
            if let Some(u) = unit {
                let units = store.housing_units(tenant).await?;
                let Some(row) = units.iter().find(|x| &x.code == u) else {
                    return Err(FieldError::new("unit", format!("boligen «{u}» findes ikke")).into());
                };
                let held = placements.iter().any(|p| p.family_id != family_id && p.unit_code.as_deref() == Some(u.as_str()))
                    || store.housing_needs(tenant).await?.iter().any(|n| n.family_id != family_id && n.temporary_unit_code.as_deref() == Some(u.as_str()));
                if held {
                    return Err(FieldError::new("unit", format!("boligen «{u}» er allerede foreslået til eller givet til en anden husstand")).into());
                }
                if let Some(rule) = broken_rule(store, tenant, &need, row).await? {
                    if rule == HardRule::ListedArea {
                        return Err(FieldError::new(
                            "unit",
                            format!("boligen «{u}» ligger i et område på listen over udsatte boligområder; der må ikke placeres flygtninge dér"),
                        )
                        .into());
                    }
                    if !confirmed {
                        let e = format!("boligen «{u}» bryder reglen: {}; bekræft, at du tilsidesætter reglen, for at vælge den alligevel", rule_text(rule));
                        return Err(FieldError::new("confirm", e).into());
                    }
                    reason = format!("{reason} (bekræftet brud på reglen: {})", rule_text(rule));
                }
            }
            ("overridden", unit.clone(), reason)
        }
    };
    let decision = Decision { status, unit_code: unit.as_deref(), reason: &reason, decided_by: login, today };
    if !store.decide_placement(tenant, family_id, &decision).await? {
        return Err(AppError::NotFound("husstanden"));
    }
    store.housing_placements(tenant).await?.into_iter().find(|p| p.family_id == family_id).ok_or(AppError::NotFound("placeringen"))
}

/// The hard rules of placement in Danish, as the officer confirms them.
fn rule_text(rule: HardRule) -> &'static str {
    match rule {
        HardRule::Rooms => "antallet af værelser passer ikke til husstandens størrelse",
        HardRule::Rent => "huslejen er over husstandens grænse",
        HardRule::Accessibility => "husstanden har brug for en tilgængelig bolig, og boligen er ikke tilgængelig",
        HardRule::ListedArea => "området er på listen over udsatte boligområder",
        HardRule::PermanentOnly => "husstanden bor midlertidigt og skal have en permanent bolig",
    }
}

/// The first hard rule putting the household in the unit breaks, as the optimiser
/// would judge it.
async fn broken_rule(store: &Store, tenant: &Tenant, need: &NeedRow, unit: &UnitRow) -> Result<Option<HardRule>, AppError> {
    let areas = super::import::to_areas(&store.housing_areas(tenant).await?);
    let Some(area) = areas.iter().find(|a| a.id.as_str() == unit.area_code) else { return Ok(None) };
    Ok(placement::first_broken_rule(&placement::Settings::default(), &super::needs::household(need), &super::round::unit(unit), area))
}

/// Releases a household approved (or overridden) into a temporary unit into the next
/// rounds for a permanent home. It keeps the temporary unit and its address until a
/// new placement is decided; until then it may only be proposed permanent units.
/// Returns the temporary unit kept.
pub async fn release(store: &Store, tenant: &Tenant, family_id: i64) -> Result<String, AppError> {
    let Some(need) = store.housing_need(tenant, family_id).await? else {
        return Err(AppError::NotFound("husstanden"));
    };
    let refuse = |reason: &str| -> Result<String, AppError> { Err(FieldError::new("household", reason).into()) };
    if need.permanent_since.is_some() {
        return refuse("husstanden har allerede en permanent bolig");
    }
    let placements = store.housing_placements(tenant).await?;
    let Some(current) = placements.iter().find(|p| p.family_id == family_id && p.status != "proposed") else {
        return refuse("kun en godkendt eller tilsidesat placering i en midlertidig bolig kan frigives til en ny runde");
    };
    let Some(unit) = current.unit_code.clone() else {
        return refuse("husstanden har ingen bolig i sin afgjorte placering; lav et nyt forslag i stedet");
    };
    let temporary = store.housing_units(tenant).await?.iter().any(|u| u.code == unit && u.tenure == "temporary");
    if !temporary {
        return refuse("boligen er permanent; kun en midlertidig bolig kan frigives til en ny runde");
    }
    if !store.release_placement(tenant, family_id, &unit).await? {
        return Err(AppError::NotFound("placeringen"));
    }
    Ok(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_needs_a_reason() {
        assert_eq!(override_choice(Some("U1"), "  ", false).unwrap_err().field, "reason");
        assert_eq!(
            override_choice(Some(" "), "Familien ønsker at bo tæt på skolen", true).unwrap(),
            Choice::Override { unit: None, reason: "Familien ønsker at bo tæt på skolen".into(), confirmed: true }
        );
    }
}
