//! Municipalities (the tenants) and postal areas, from the real DAGI reference data
//! embedded in the binary (`data/dk/`).
use super::FieldError;
use std::sync::OnceLock;

const KOMMUNER_CSV: &str = include_str!("../../data/dk/kommuner_derived_from_dagi_2014.csv");
const POSTNUMRE_CSV: &str = include_str!("../../data/dk/postnumre_derived_from_dagi_2014.csv");

/// A Danish municipality as the reference data describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Municipality {
    /// Four digits, e.g. `0316`.
    pub code: String,
    /// Danish name, e.g. `Holbæk`.
    pub name: String,
    /// Region code 1081–1085.
    pub region_code: String,
    /// Danish region name.
    pub region_name: String,
    /// A point guaranteed to lie inside the municipality (latitude, longitude).
    pub interior: (f64, f64),
}

/// A postal area (postnummer) with the municipality that covers most of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PostalArea {
    /// The postal code, e.g. `4300` (a few are ranges such as `1000-1499`).
    pub code: String,
    /// The town name, e.g. `Holbæk`.
    pub name: String,
    /// Municipality code covering most of the area.
    pub municipality_code: String,
    /// A point inside the postal area (latitude, longitude).
    pub interior: (f64, f64),
}

/// A municipality code known to the reference data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MunicipalityCode(String);

impl MunicipalityCode {
    /// Accepts `316` or `0316`; refuses codes not in the reference data.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new("kommunekode", format!("«{raw}» er ikke en kommunekode (4 cifre, fx 0316)")));
        }
        let code = format!("{raw:0>4}");
        if all().iter().any(|m| m.code == code) { Ok(Self(code)) } else { Err(FieldError::new("kommunekode", format!("{code} er ikke en dansk kommunekode"))) }
    }

    /// The four digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The municipality's reference data.
    pub fn municipality(&self) -> &'static Municipality {
        all().iter().find(|m| m.code == self.0).expect("code was validated")
    }
}

impl std::fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn parse_f64(s: &str) -> f64 {
    s.parse().expect("embedded reference data is well-formed")
}

/// All municipalities in the reference data (98 plus Christiansø), by code.
pub fn all() -> &'static [Municipality] {
    static ALL: OnceLock<Vec<Municipality>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(KOMMUNER_CSV.as_bytes());
        let mut list: Vec<Municipality> = reader
            .records()
            .map(|r| {
                let r = r.expect("embedded reference data is well-formed");
                Municipality {
                    code: r[0].to_string(),
                    name: r[1].to_string(),
                    region_code: r[2].to_string(),
                    region_name: r[3].to_string(),
                    interior: (parse_f64(&r[8]), parse_f64(&r[7])),
                }
            })
            .collect();
        list.sort_by(|a, b| a.code.cmp(&b.code));
        list
    })
}

/// Postal areas whose main municipality is `code`, by postal code.
pub fn postal_areas(code: &MunicipalityCode) -> Vec<&'static PostalArea> {
    static ALL: OnceLock<Vec<PostalArea>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(POSTNUMRE_CSV.as_bytes());
        reader
            .records()
            .map(|r| {
                let r = r.expect("embedded reference data is well-formed");
                PostalArea {
                    code: r[0].to_string(),
                    name: r[1].to_string(),
                    municipality_code: r[7].to_string(),
                    interior: (parse_f64(&r[6]), parse_f64(&r[5])),
                }
            })
            .collect()
    });
    all.iter().filter(|p| p.municipality_code == code.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holbaek_is_known_with_its_region_and_postal_codes() {
        let code = MunicipalityCode::parse("316").unwrap();
        let m = code.municipality();
        assert_eq!((m.code.as_str(), m.name.as_str(), m.region_code.as_str()), ("0316", "Holbæk", "1085"));
        let postal: Vec<_> = postal_areas(&code).iter().map(|p| p.code.as_str()).collect();
        assert!(postal.contains(&"4300"), "{postal:?}");
    }

    #[test]
    fn unknown_codes_are_refused_by_name() {
        let err = MunicipalityCode::parse("0999").unwrap_err();
        assert_eq!(err.field, "kommunekode");
        assert!(err.reason.contains("0999"));
        assert!(MunicipalityCode::parse("abc").is_err());
        assert_eq!(all().len(), 99);
    }
}
