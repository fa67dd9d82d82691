//! A waiting household's needs, entered by the housing officer: highest rent after
//! benefits, whether it needs an accessible unit, and the places it must reach
//! (anchors). Parsed once at the edge; the household for the optimiser is built here.
//!
//! A place is written as people know it: an address with its postal code («Skolevej 4,
//! 4300 Holbæk»), a postal code, or a town's name; it is placed at the postal area's
//! centre (the embedded DAGI postal areas, as civil society's distances are), so no
//! address service is needed. `breddegrad:længdegrad` is still read for an exact point.
//! The places are stored as written and located again when a round is made.
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
        Ok(_) => places(anchors).join("; "),
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    if errors.is_empty() { Ok(NeedFields { max_rent, needs_accessible, anchors }) } else { Err(errors) }
}

/// The places of an anchors text, trimmed (split at `;`).
fn places(text: &str) -> Vec<&str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// An exact point written `lat:lon`.
fn point(part: &str) -> Option<Point> {
    let (lat, lon) = part.split_once(':')?;
    let point = Point { lat: lat.trim().parse().ok()?, lon: lon.trim().parse().ok()? };
    point.is_valid().then_some(point)
}

/// Every Danish postal area (ranges such as `1000-1499` once).
fn postal_areas() -> &'static [&'static crate::domain::PostalArea] {
    static AREAS: std::sync::OnceLock<Vec<&'static crate::domain::PostalArea>> = std::sync::OnceLock::new();
    AREAS.get_or_init(|| {
        crate::domain::municipality::all()
            .iter()
            .filter_map(|m| crate::domain::MunicipalityCode::parse(&m.code).ok())
            .flat_map(|c| crate::domain::municipality::postal_areas(&c))
            .collect()
    })
}

/// The centre of a postal area.
fn centre(area: &crate::domain::PostalArea) -> Point {
    Point { lat: area.interior.0, lon: area.interior.1 }
}

/// Where a place written by a person is: an exact `lat:lon`, the postal area of the last
/// four-digit postal code in it (an address or a code), or the postal area a town's name
/// names. `Err` says why not, in Danish.
fn locate(part: &str) -> Result<Point, String> {
    if let Some(p) = point(part) {
        return Ok(p);
    }
    if part.contains(':') && part.chars().all(|c| c.is_ascii_digit() || ".:-+ ".contains(c)) {
        return Err("er ikke et punkt i gyldig breddegrad:længdegrad (fx 55.68:12.57)".into());
    }
    let codes: Vec<&str> = part.split(|c: char| !c.is_ascii_digit()).filter(|w| w.len() == 4).collect();
    if let Some(code) = codes.last() {
        return crate::civil_society::postal_area(code).map(centre).ok_or_else(|| format!("postnummer {code} findes ikke"));
    }
    let name = part.trim().to_lowercase();
    let named: Vec<_> = postal_areas().iter().filter(|a| a.name.to_lowercase() == name).collect();
    match named.as_slice() {
        [one] => Ok(centre(one)),
        [] => Err("skriv en adresse med postnummer (fx «Skolevej 4, 4300 Holbæk»), et postnummer eller et bynavn".into()),
        several => Err(format!(
            "{} postnumre hedder «{}» ({}); skriv postnummeret",
            several.len(),
            part.trim(),
            several.iter().map(|a| a.code.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// Reads the places to reach, `;` between them (empty: none); each is located as
/// [`locate`] says.
pub fn parse_anchors(text: &str) -> Result<Vec<Point>, FieldError> {
    let parts = places(text);
    if parts.len() > MAX_ANCHORS {
        return Err(FieldError::new("anchors", format!("{} steder; højst {MAX_ANCHORS} er tilladt", parts.len())));
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| locate(part).map_err(|why| FieldError::new("anchors", format!("sted nr. {} «{part}»: {why}; steder adskilles med ;", i + 1))))
        .collect()
}

/// The places as staff read them: each as written, an exact point by the postal area
/// it lies nearest to («punkt nær 4300 Holbæk»).
pub fn describe(text: &str) -> Vec<String> {
    places(text)
        .into_iter()
        .map(|part| match point(part) {
            Some(p) => {
                let near = postal_areas().iter().min_by(|a, b| {
                    let d = |x: &&&crate::domain::PostalArea| (x.interior.0 - p.lat).powi(2) + ((x.interior.1 - p.lon) * p.lat.to_radians().cos()).powi(2);
                    d(a).total_cmp(&d(b))
                });
                near.map_or_else(|| part.to_string(), |a| format!("punkt nær {} {}", a.code, a.name))
            }
            None => part.to_string(),
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

    #[test]
    fn places_are_addresses_postal_codes_or_towns() {
        let holbaek = crate::civil_society::postal_area("4300").unwrap();
        let at = Point { lat: holbaek.interior.0, lon: holbaek.interior.1 };
        for written in ["Skolevej 4, 4300 Holbæk", "4300", "holbæk", " Holbæk "] {
            assert_eq!(parse_anchors(written).unwrap(), vec![at], "{written}");
        }
        let stored = parse("7000", false, " Skolevej 4, 4300 Holbæk ;55.7:11.7; ").unwrap().anchors;
        assert_eq!(stored, "Skolevej 4, 4300 Holbæk; 55.7:11.7", "kept as written");
        assert_eq!(describe(&stored)[0], "Skolevej 4, 4300 Holbæk");
        assert!(describe("55.7155:11.7134")[0].starts_with("punkt nær 4"), "{:?}", describe("55.7155:11.7134"));
        let unknown = parse_anchors("Skolevej 4, 9999 Ingenby").unwrap_err();
        assert!(unknown.reason.contains("postnummer 9999 findes ikke"), "{}", unknown.reason);
        let nowhere = parse_anchors("4300 Holbæk; Atlantis").unwrap_err();
        assert!(nowhere.reason.contains("sted nr. 2 «Atlantis»: skriv en adresse med postnummer"), "{}", nowhere.reason);
        assert!(parse_anchors("95.7155:11.7134").unwrap_err().reason.contains("breddegrad:længdegrad"));
    }
}
