//! Reads the three CSV files of a round (households, units, areas) from text,
//! checking every field at the edge and naming file, line and column of the
//! first problem.
//!
//! No file access: the caller passes the name and text of each file, so the web
//! UI can parse uploads the same way. Columns are found by header name (extra
//! columns are ignored), fields are trimmed, lines starting with `#` are comments,
//! a UTF-8 byte-order mark is skipped, and `;` is accepted as the delimiter when
//! the header line has no `,`.
use crate::model::{Area, AreaId, Household, HouseholdId, Instance, MAX_ANCHORS, MAX_COUNT, MAX_RENT, Point, Tenure, Unit, UnitId};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// What is wrong with a field or row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum Reason {
    /// A required column is not in the header line.
    MissingColumn,
    /// The row could not be read as CSV (e.g. wrong number of fields).
    Malformed {
        /// The CSV reader's description.
        detail: String,
    },
    /// The field is empty.
    Empty,
    /// Not a whole number.
    NotAWholeNumber {
        /// The text found.
        value: String,
    },
    /// A negative number.
    Negative {
        /// The text found.
        value: String,
    },
    /// Larger than allowed.
    TooLarge {
        /// The text found.
        value: String,
        /// The largest allowed.
        max: u64,
    },
    /// Not 0 or 1.
    NotABoolean {
        /// The text found.
        value: String,
    },
    /// Not `permanent` or `temporary`.
    BadTenure {
        /// The text found.
        value: String,
    },
    /// Not a decimal number.
    NotANumber {
        /// The text found.
        value: String,
    },
    /// A latitude outside −90…90.
    LatitudeOutOfRange {
        /// The text found.
        value: String,
    },
    /// A longitude outside −180…180.
    LongitudeOutOfRange {
        /// The text found.
        value: String,
    },
    /// An anchor is not `lat:lon` with valid coordinates.
    BadAnchor {
        /// 1-based position in the list.
        position: usize,
        /// The text of that anchor.
        value: String,
    },
    /// More anchors than [`MAX_ANCHORS`].
    TooManyAnchors {
        /// How many were given.
        count: usize,
    },
    /// A household with 0 adults and 0 children.
    NoPersons,
    /// The id appears earlier in the file.
    Duplicate {
        /// Line of its first appearance.
        first_line: u64,
    },
    /// The area id is not in the areas file.
    UnknownArea {
        /// The id found.
        area: String,
    },
    /// A number outside its range.
    OutOfRange {
        /// The text found.
        value: String,
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
    },
    /// Not `f` or `m`.
    BadSex {
        /// The text found.
        value: String,
    },
}

/// An error in an input file, naming file, line, column and field
/// (`file:line:column: feltet «field»: reason`).
pub type InputError = data_file::RowError<Reason>;

impl data_file::TableReason for Reason {
    fn missing_column() -> Self {
        Reason::MissingColumn
    }
    fn malformed(detail: String) -> Self {
        Reason::Malformed { detail }
    }
    fn empty() -> Self {
        Reason::Empty
    }
    fn negative(value: String) -> Self {
        Reason::Negative { value }
    }
    fn not_a_whole_number(value: String) -> Self {
        Reason::NotAWholeNumber { value }
    }
    fn too_large(value: String, max: u64) -> Self {
        Reason::TooLarge { value, max }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::MissingColumn => write!(f, "kolonnen mangler i overskriftslinjen"),
            Reason::Malformed { detail } => write!(f, "rækken kan ikke læses som CSV ({detail})"),
            Reason::Empty => write!(f, "feltet er tomt"),
            Reason::NotAWholeNumber { value } => write!(f, "«{value}» er ikke et helt tal"),
            Reason::Negative { value } => {
                write!(f, "«{value}» er negativt; tallet skal være 0 eller større")
            }
            Reason::TooLarge { value, max } => {
                write!(f, "«{value}» er større end det tilladte {max}")
            }
            Reason::NotABoolean { value } => write!(f, "«{value}» skal være 0 (nej) eller 1 (ja)"),
            Reason::BadTenure { value } => {
                write!(f, "«{value}» skal være permanent eller temporary")
            }
            Reason::NotANumber { value } => {
                write!(f, "«{value}» er ikke et decimaltal (brug punktum)")
            }
            Reason::LatitudeOutOfRange { value } => {
                write!(f, "breddegrad «{value}» skal ligge mellem -90 og 90")
            }
            Reason::LongitudeOutOfRange { value } => {
                write!(f, "længdegrad «{value}» skal ligge mellem -180 og 180")
            }
            Reason::BadAnchor { position, value } => write!(
                f,
                "sted nr. {position} «{value}» skal skrives breddegrad:længdegrad, fx 55.68:12.57, \
                 og steder adskilles med ;"
            ),
            Reason::TooManyAnchors { count } => {
                write!(f, "{count} steder; højst {MAX_ANCHORS} er tilladt")
            }
            Reason::NoPersons => write!(f, "husstanden har hverken voksne eller børn"),
            Reason::Duplicate { first_line } => {
                write!(f, "id'et står allerede i linje {first_line}")
            }
            Reason::UnknownArea { area } => write!(f, "området «{area}» findes ikke i områdefilen"),
            Reason::OutOfRange { value, min, max } => {
                write!(f, "«{value}» skal ligge mellem {min} og {max}")
            }
            Reason::BadSex { value } => write!(f, "«{value}» skal være f (kvinde) eller m (mand)"),
        }
    }
}

/// Name and text of one input file.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// File name, used in errors.
    pub name: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// Reads a whole round. Areas are read first, so units can be checked against them.
pub fn read_instance(households: Source, units: Source, areas: Source) -> Result<Instance, InputError> {
    let areas = parse_areas(areas)?;
    let units = parse_units(units, &areas)?;
    let households = parse_households(households)?;
    // Everything `Instance::new` checks was checked above with line numbers.
    Ok(Instance::new(households, units, areas).expect("rows were checked one by one"))
}

/// One data row being read: fields by column name, errors placed at line and column.
pub(crate) type Row<'r> = data_file::Row<'r, Reason>;

/// The fields of a round's files beyond text and whole numbers.
pub(crate) trait RoundFields {
    /// A whole number up to [`MAX_COUNT`].
    fn small_count(&self, field: &'static str) -> Result<u32, InputError>;
    /// `0` (no) or `1` (yes).
    fn boolean(&self, field: &'static str) -> Result<bool, InputError>;
    /// A decimal coordinate within ±`limit` (90 for latitude, 180 for longitude).
    fn coordinate(&self, field: &'static str, limit: f64) -> Result<f64, InputError>;
}

impl RoundFields for Row<'_> {
    fn small_count(&self, field: &'static str) -> Result<u32, InputError> {
        Ok(u32::try_from(self.count(field, u64::from(MAX_COUNT))?).expect("bounded by MAX_COUNT"))
    }

    fn boolean(&self, field: &'static str) -> Result<bool, InputError> {
        match self.non_empty(field)? {
            "0" => Ok(false),
            "1" => Ok(true),
            other => Err(self.error(field, Reason::NotABoolean { value: other.to_owned() })),
        }
    }

    fn coordinate(&self, field: &'static str, limit: f64) -> Result<f64, InputError> {
        let t = self.non_empty(field)?;
        let value = parse_decimal(t).ok_or_else(|| self.error(field, Reason::NotANumber { value: t.to_owned() }))?;
        if value.abs() > limit {
            let value = t.to_owned();
            let reason = if limit == 90.0 { Reason::LatitudeOutOfRange { value } } else { Reason::LongitudeOutOfRange { value } };
            return Err(self.error(field, reason));
        }
        Ok(value)
    }
}

/// A finite decimal number in plain notation (digits, optional sign and point).
fn parse_decimal(t: &str) -> Option<f64> {
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let plain = !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let value: f64 = if plain { t.parse().ok()? } else { return None };
    value.is_finite().then_some(value)
}

/// Reads a CSV text and calls `row` for each data row (see [`data_file::read_rows`]).
pub(crate) fn read_rows<T>(
    source: Source,
    required: &[&'static str],
    optional: &[&'static str],
    row: impl FnMut(Row) -> Result<T, InputError>,
) -> Result<Vec<T>, InputError> {
    data_file::read_rows(source.name, source.text, required, optional, row)
}

/// Remembers the line of each id and reports a repeat.
fn check_unique<'a>(seen: &mut HashMap<String, u64>, row: &Row<'a>, field: &'static str, id: &str) -> Result<(), InputError> {
    if let Some(&first_line) = seen.get(id) {
        return Err(row.error(field, Reason::Duplicate { first_line }));
    }
    seen.insert(id.to_owned(), row.line());
    Ok(())
}

/// Reads `areas.csv`: `area_id,name,listed,existing_households`.
pub fn parse_areas(source: Source) -> Result<Vec<Area>, InputError> {
    let mut seen = HashMap::new();
    read_rows(source, &["area_id", "name", "listed", "existing_households"], &[], |row| {
        let id = row.non_empty("area_id")?;
        check_unique(&mut seen, &row, "area_id", id)?;
        Ok(Area {
            id: AreaId::from(id),
            name: row.non_empty("name")?.to_owned(),
            listed: row.boolean("listed")?,
            existing_households: row.small_count("existing_households")?,
        })
    })
}

/// Reads `units.csv`: `unit_id,area_id,rooms,rent,accessible,tenure,lat,lon`.
/// Every `area_id` must be one of `areas`.
pub fn parse_units(source: Source, areas: &[Area]) -> Result<Vec<Unit>, InputError> {
    let mut seen = HashMap::new();
    let required = ["unit_id", "area_id", "rooms", "rent", "accessible", "tenure", "lat", "lon"];
    read_rows(source, &required, &[], |row| {
        let id = row.non_empty("unit_id")?;
        check_unique(&mut seen, &row, "unit_id", id)?;
        let area = row.non_empty("area_id")?;
        if !areas.iter().any(|a| a.id.as_str() == area) {
            return Err(row.error("area_id", Reason::UnknownArea { area: area.to_owned() }));
        }
        let rooms = row.small_count("rooms")?;
        let rent = row.count("rent", MAX_RENT)?;
        let accessible = row.boolean("accessible")?;
        let tenure = match row.non_empty("tenure")? {
            "permanent" => Tenure::Permanent,
            "temporary" => Tenure::Temporary,
            other => {
                return Err(row.error("tenure", Reason::BadTenure { value: other.to_owned() }));
            }
        };
        let location = Point { lat: row.coordinate("lat", 90.0)?, lon: row.coordinate("lon", 180.0)? };
        Ok(Unit { id: UnitId::from(id), area: AreaId::from(area), rooms, rent, accessible, tenure, location })
    })
}

/// Reads `households.csv`: `household_id,adults,children,needs_accessible,max_rent,anchors`,
/// where `anchors` is empty or `lat:lon;lat:lon…`.
pub fn parse_households(source: Source) -> Result<Vec<Household>, InputError> {
    let mut seen = HashMap::new();
    let required = ["household_id", "adults", "children", "needs_accessible", "max_rent", "anchors"];
    read_rows(source, &required, &[], |row| {
        let id = row.non_empty("household_id")?;
        check_unique(&mut seen, &row, "household_id", id)?;
        let adults = row.small_count("adults")?;
        let children = row.small_count("children")?;
        if adults + children == 0 {
            return Err(row.error("adults", Reason::NoPersons));
        }
        let needs_accessible = row.boolean("needs_accessible")?;
        let max_rent = row.count("max_rent", MAX_RENT)?;
        let anchors = parse_anchors(row.text("anchors")).map_err(|reason| row.error("anchors", reason))?;
        Ok(Household { id: HouseholdId::from(id), adults, children, needs_accessible, max_rent, anchors, permanent_only: false })
    })
}

/// Reads one whole-number column `field` of every data row, in row order, each
/// at most `max` (e.g. `arrival_day` of `households.csv`, 0–364). The other
/// columns are read by the file's own parser.
pub fn parse_day_column(source: Source, field: &'static str, max: u64) -> Result<Vec<u16>, InputError> {
    read_rows(source, &[field], &[], |row| {
        let t = row.non_empty(field)?;
        let value = row.count(field, u64::from(u16::MAX)).map_err(|e| match e.reason {
            Reason::TooLarge { .. } => row.error(field, Reason::OutOfRange { value: t.to_owned(), min: 0, max }),
            _ => e,
        })?;
        if value > max {
            return Err(row.error(field, Reason::OutOfRange { value: t.to_owned(), min: 0, max }));
        }
        Ok(value as u16)
    })
}

/// `lat:lon;lat:lon…` (empty: no anchors).
fn parse_anchors(text: &str) -> Result<Vec<Point>, Reason> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = text.split(';').map(str::trim).collect();
    if parts.len() > MAX_ANCHORS {
        return Err(Reason::TooManyAnchors { count: parts.len() });
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let bad = || Reason::BadAnchor { position: i + 1, value: (*part).to_owned() };
            let (lat, lon) = part.split_once(':').ok_or_else(bad)?;
            let point = Point { lat: parse_decimal(lat.trim()).ok_or_else(bad)?, lon: parse_decimal(lon.trim()).ok_or_else(bad)? };
            if point.is_valid() { Ok(point) } else { Err(bad()) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREAS: &str = "area_id,name,listed,existing_households\nN,Nord,0,3\nS,Syd,1,0\n";
    const UNITS: &str = "unit_id,area_id,rooms,rent,accessible,tenure,lat,lon\n\
        U1,N,2,6000,1,permanent,56.46,10.03\nU2,S,3,7000,0,temporary,56.45,10.04\n";
    const HOUSEHOLDS: &str = "household_id,adults,children,needs_accessible,max_rent,anchors\n\
        H1,2,1,0,8000,56.45:10.01;56.47:10.05\nH2,1,0,1,5000,\n";

    fn src<'a>(name: &'a str, text: &'a str) -> Source<'a> {
        Source { name, text }
    }

    #[test]
    fn reads_a_round() {
        let i = read_instance(src("h", HOUSEHOLDS), src("u", UNITS), src("a", AREAS)).expect("valid");
        assert_eq!(i.households().len(), 2);
        assert_eq!(i.households()[0].anchors.len(), 2);
        assert!(i.households()[1].anchors.is_empty());
        assert_eq!(i.units()[1].tenure, Tenure::Temporary);
        assert!(i.areas()[1].listed);
        assert_eq!(i.areas()[0].existing_households, 3);
    }

    fn household_error(row: &str) -> InputError {
        let text = format!("household_id,adults,children,needs_accessible,max_rent,anchors\n{row}\n");
        parse_households(src("households.csv", &text)).unwrap_err()
    }

    #[test]
    fn household_errors_name_line_column_and_reason() {
        let e = household_error("H1,2,x,0,8000,");
        assert_eq!((e.line, e.column, e.field), (2, Some(3), Some("children")));
        assert_eq!(e.to_string(), "households.csv:2:3: feltet «children»: «x» er ikke et helt tal");
        assert!(matches!(household_error("H1,-2,0,0,8000,").reason, Reason::Negative { .. }));
        assert!(matches!(household_error("H1,0,0,0,8000,").reason, Reason::NoPersons));
        assert!(matches!(household_error("H1,1,0,2,8000,").reason, Reason::NotABoolean { .. }));
        let e = household_error("H1,1,0,0,8000,56.1:10.2;91:10");
        assert_eq!(e.column, Some(6));
        assert_eq!(e.reason, Reason::BadAnchor { position: 2, value: "91:10".into() });
        assert!(matches!(household_error("H1,1,0,0,8000,56.1").reason, Reason::BadAnchor { position: 1, .. }));
        assert!(matches!(household_error("H1,1,0,0").reason, Reason::Malformed { .. }));
        let e = household_error("H1,1,0,0,8000,\nH1,2,0,0,9000,");
        assert_eq!((e.line, e.reason), (3, Reason::Duplicate { first_line: 2 }));
    }

    fn unit_error(row: &str) -> InputError {
        let areas = parse_areas(src("a", AREAS)).expect("valid");
        let text = format!("unit_id,area_id,rooms,rent,accessible,tenure,lat,lon\n{row}\n");
        parse_units(src("units.csv", &text), &areas).unwrap_err()
    }

    #[test]
    fn unit_errors_name_line_column_and_reason() {
        let e = unit_error("U1,X,2,6000,1,permanent,56,10");
        assert_eq!((e.column, e.reason), (Some(2), Reason::UnknownArea { area: "X".into() }));
        let e = unit_error("U1,N,2,6000,1,lejet,56,10");
        assert_eq!((e.column, e.reason), (Some(6), Reason::BadTenure { value: "lejet".into() }));
        assert!(matches!(unit_error("U1,N,2,6000,1,permanent,95,10").reason, Reason::LatitudeOutOfRange { .. }));
        assert!(matches!(unit_error("U1,N,2,6000,1,permanent,56,190").reason, Reason::LongitudeOutOfRange { .. }));
        assert!(matches!(unit_error("U1,N,2,6000,1,permanent,56,1e3").reason, Reason::NotANumber { .. }));
        assert!(matches!(unit_error("U1,N,2,6000,1,permanent,nan,10").reason, Reason::NotANumber { .. }));
        assert!(matches!(unit_error("U1,N,2,-6000,1,permanent,56,10").reason, Reason::Negative { .. }));
        assert!(matches!(unit_error("U1,N,2,6000.5,1,permanent,56,10").reason, Reason::NotAWholeNumber { .. }));
        assert!(matches!(unit_error("U1,N,2,99999999999,1,permanent,56,10").reason, Reason::TooLarge { .. }));
    }

    #[test]
    fn header_problems_and_conveniences() {
        let e = parse_areas(src("areas.csv", "area_id,name,listed\nN,Nord,0\n")).unwrap_err();
        assert_eq!((e.line, e.field, e.reason), (1, Some("existing_households"), Reason::MissingColumn));
        let areas = parse_areas(src("areas.csv", "\u{feff}# comment\narea_id;name;listed;existing_households;note\nN;Nord;0;2;x\n"))
            .expect("semicolons, BOM, comments and extra columns are fine");
        assert_eq!(areas[0].existing_households, 2);
        let e = parse_areas(src("areas.csv", "# c\narea_id,name,listed,existing_households\nN,Nord,ja,2\n")).unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(3)));
    }
}
