//! The municipality → region table, embedded in the binary so that quota
//! distribution needs no reference files at run time.
//!
//! The table is `data/kommuner.csv` (derived from DAGI 2014, see the crate
//! README for origin and attribution). It is parsed once, on first use.
use std::sync::OnceLock;

const KOMMUNER_CSV: &str = include_str!("../data/kommuner.csv");

/// A Danish municipality (kommune) with the region it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Four-digit municipality code, e.g. `"0101"`.
    pub code: String,
    /// Name as spelled in the source table.
    pub name: String,
    /// Region code, 1081–1085.
    pub region_code: String,
}

/// A Danish region (region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Region code, 1081–1085.
    pub code: String,
    /// Name, e.g. "Region Hovedstaden".
    pub name: String,
}

struct Table {
    municipalities: Vec<Municipality>,
    regions: Vec<Region>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(KOMMUNER_CSV.as_bytes());
        let mut municipalities = Vec::new();
        let mut regions: Vec<Region> = Vec::new();
        for record in reader.records() {
            // The file is part of the build and checked by a unit test.
            let record = record.expect("embedded kommuner.csv is well-formed");
            let field = |i: usize| record.get(i).unwrap_or_default().to_owned();
            let region_code = field(2);
            if !regions.iter().any(|r| r.code == region_code) {
                regions.push(Region { code: region_code.clone(), name: field(3) });
            }
            municipalities.push(Municipality { code: field(0), name: field(1), region_code });
        }
        municipalities.sort_by(|a, b| a.code.cmp(&b.code));
        regions.sort_by(|a, b| a.code.cmp(&b.code));
        Table { municipalities, regions }
    })
}

/// All municipalities in the embedded table, ordered by code.
///
/// The table has 99 rows: the 98 municipalities and 0411 Christiansø.
pub fn municipalities() -> &'static [Municipality] {
    &table().municipalities
}

/// All regions, ordered by code.
pub fn regions() -> &'static [Region] {
    &table().regions
}

/// Looks up a municipality by its four-digit code.
pub fn municipality(code: &str) -> Option<&'static Municipality> {
    let all = municipalities();
    all.binary_search_by(|m| m.code.as_str().cmp(code)).ok().map(|i| &all[i])
}

/// Looks up a region by its code.
pub fn region(code: &str) -> Option<&'static Region> {
    regions().iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_all_municipalities_and_five_regions() {
        assert_eq!(municipalities().len(), 99);
        let codes: Vec<&str> = regions().iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["1081", "1082", "1083", "1084", "1085"]);
        for m in municipalities() {
            assert_eq!(m.code.len(), 4, "{m:?}");
            assert!(region(&m.region_code).is_some(), "{m:?}");
        }
    }

    #[test]
    fn looks_up_by_code() {
        let k = municipality("0101").expect("København");
        assert_eq!(k.name, "København");
        assert_eq!(region(&k.region_code).map(|r| r.name.as_str()), Some("Region Hovedstaden"));
        assert_eq!(municipality("0751").map(|m| m.name.as_str()), Some("Aarhus"));
        assert!(municipality("9999").is_none());
    }
}
