//! A waiting household's needs, entered by the housing officer: highest rent after
//! benefits, whether it needs an accessible unit, and the places it must reach
//! (anchors). Parsed once at the edge; the household for the optimiser is built here.
use crate::domain::FieldError;
use crate::store::housing::{NeedFields, NeedRow};
use placement::{Household, HouseholdId, MAX_ANCHORS, Point};

/// Parses the needs as typed into a form or sent to the API.
pub fn parse(max_rent: &str, needs_accessible: bool, anchors: &str) -> Result<NeedFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let max_rent = match max_rent.trim().parse::<i64>() {
        Ok(v) if (0..=placement::MAX_RENT as i64).contains(&v) => v,
        Ok(_) => {
            errors.push(FieldError::new("max_rent", "skal være et helt antal kroner fra 0 til 10000000"));
            0
        }
        Err(_) => {
            errors.push(FieldError::new("max_rent", format!("«{}» er ikke et helt antal kroner", max_rent.trim())));
            0
        }
    };
    let anchors = match parse_anchors(anchors) {
        Ok(points) => points.iter().map(|p| format!("{}:{}", p.lat, p.lon)).collect::<Vec<_>>().join(";"),
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    if errors.is_empty() { Ok(NeedFields { max_rent, needs_accessible, anchors }) } else { Err(errors) }
}

/// Reads `lat:lon;lat:lon…` (empty: no anchors).
pub fn parse_anchors(text: &str) -> Result<Vec<Point>, FieldError> {
    let parts: Vec<&str> = text.split(';').map(str::trim).filter(|s| !s.is_empty()).collect();
    if parts.len() > MAX_ANCHORS {
        return Err(FieldError::new("anchors", format!("{} steder; højst {MAX_ANCHORS} er tilladt", parts.len())));
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let bad = || {
                FieldError::new("anchors", format!("sted nr. {} «{part}» skal skrives breddegrad:længdegrad, fx 55.68:12.57, og steder adskilles med ;", i + 1))
            };
            let (lat, lon) = part.split_once(':').ok_or_else(bad)?;
            let point = Point { lat: lat.trim().parse().map_err(|_| bad())?, lon: lon.trim().parse().map_err(|_| bad())? };
            if point.is_valid() { Ok(point) } else { Err(bad()) }
        })
        .collect()
}

/// The optimiser's household for a waiting family (its id is the family id).
pub fn household(n: &NeedRow) -> Household {
    Household {
        id: HouseholdId(n.family_id.to_string()),
        adults: u32::try_from(n.adults).unwrap_or(0),
        children: u32::try_from(n.children).unwrap_or(0),
        needs_accessible: n.needs_accessible == 1,
        max_rent: u64::try_from(n.max_rent).unwrap_or(0),
        anchors: parse_anchors(&n.anchors).unwrap_or_default(),
        permanent_only: n.temporary_unit_code.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_name_their_field() {
        let errors = parse("mange", false, "55.7:11.7;nord").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(fields, ["max_rent", "anchors"]);
        assert!(errors[1].reason.contains("sted nr. 2"));
        assert!(parse("7000", true, "91:10").is_err());
        assert_eq!(parse(" 7000 ", true, " 55.5:11.5 ; ").unwrap().anchors, "55.5:11.5");
    }
}
