//! Checking areas and units at the edge: CSV text in the formats of
//! `docs/placement.md` (parsed by the `placement` crate, errors naming file, line and
//! column), or single values from a form or the JSON API (errors naming the field).
//! Nothing is stored unless everything checks.
use crate::domain::FieldError;
use crate::store::housing::{AreaRow, UnitRow};
use placement::input::{Source, parse_areas, parse_units};
use placement::{Area, AreaId, Tenure};

/// The file name used in CSV errors for areas.
pub const AREAS_FILE: &str = "areas.csv";
/// The file name used in CSV errors for units.
pub const UNITS_FILE: &str = "units.csv";

/// Reads `areas.csv` text into rows to store. The optional columns `listed_from` and
/// `listed_to` give the dates of the list a listed area is on.
pub fn areas_from_csv(text: &str) -> Result<Vec<AreaRow>, FieldError> {
    let areas = parse_areas(Source { name: AREAS_FILE, text }).map_err(|e| FieldError::new("areas_csv", e.to_string()))?;
    let dates = optional_columns(text, "area_id", ["listed_from", "listed_to"]);
    let (rows, errors): (Vec<AreaRow>, Vec<Vec<FieldError>>) = areas
        .into_iter()
        .map(|a| {
            let prefix = format!("{AREAS_FILE}: område «{}»: ", a.id.as_str());
            let [from, to] = dates.get(a.id.as_str()).cloned().unwrap_or_default();
            let mut errors = Vec::new();
            let listed_from = listed_day(&prefix, "listed_from", from.as_deref(), &mut errors);
            let listed_to = listed_day(&prefix, "listed_to", to.as_deref(), &mut errors);
            let row = AreaRow {
                code: a.id.0,
                name: a.name,
                listed: i64::from(a.listed),
                existing_households: i64::from(a.existing_households),
                listed_from,
                listed_to,
            };
            errors.extend(check_area(&prefix, &row));
            (row, errors)
        })
        .unzip();
    match errors.into_iter().flatten().next() {
        Some(e) => Err(FieldError::new("areas_csv", e.to_string())),
        None => Ok(rows),
    }
}

/// The stored areas as the optimiser's areas for a placement on `date`: an area
/// counts as listed only when the list it is on is in force on that date, and only
/// while the rule `housing.no_listed_areas` is in force for the placement.
pub fn to_areas_on(rows: &[AreaRow], date: calendar::Date) -> Vec<Area> {
    let prohibited = rules::RuleSet::shipped()
        .get("housing.no_listed_areas", date)
        .is_some_and(|r| r.enabled && matches!(&r.measure, rules::Measure::Prohibition { key } if key == "placement_in_listed_area"));
    rows.iter()
        .map(|a| Area {
            id: AreaId(a.code.clone()),
            name: a.name.clone(),
            listed: prohibited && a.listed_on(date),
            existing_households: u32::try_from(a.existing_households).unwrap_or(u32::MAX),
        })
        .collect()
}

/// The stored areas as the optimiser's areas for a placement today.
pub fn to_areas(rows: &[AreaRow]) -> Vec<Area> {
    to_areas_on(rows, crate::deadlines::today())
}

/// Reads `units.csv` text; every `area_id` must be one of `areas`. The optional
/// columns `street`, `postal_code` and `city` give the unit's address.
pub fn units_from_csv(text: &str, areas: &[AreaRow]) -> Result<Vec<UnitRow>, FieldError> {
    let units = parse_units(Source { name: UNITS_FILE, text }, &to_areas(areas)).map_err(|e| FieldError::new("units_csv", e.to_string()))?;
    let addresses = addresses(text);
    Ok(units
        .into_iter()
        .map(|u| {
            let (street, postal_code, city) = addresses.get(u.id.as_str()).cloned().unwrap_or_default();
            UnitRow {
                code: u.id.0,
                area_code: u.area.0,
                rooms: i64::from(u.rooms),
                rent: i64::try_from(u.rent).unwrap_or(i64::MAX),
                accessible: i64::from(u.accessible),
                tenure: match u.tenure {
                    Tenure::Permanent => "permanent".into(),
                    Tenure::Temporary => "temporary".into(),
                },
                lat: u.location.lat,
                lon: u.location.lon,
                street,
                postal_code,
                city,
            }
        })
        .collect())
}

/// Optional columns of a valid CSV file by the value of its `key` column.
fn optional_columns<const N: usize>(text: &str, key: &str, names: [&str; N]) -> std::collections::HashMap<String, [Option<String>; N]> {
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().find(|l| !l.trim_start().starts_with('#')).unwrap_or("");
    let delimiter = if header.contains(',') { b',' } else { b';' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).comment(Some(b'#')).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else { return Default::default() };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let id = column(key);
    let columns = names.map(column);
    let get = |r: &csv::StringRecord, c: Option<usize>| c.and_then(|c| r.get(c)).filter(|v| !v.is_empty()).map(str::to_owned);
    reader.records().filter_map(Result::ok).filter_map(|r| Some((get(&r, id)?, columns.map(|c| get(&r, c))))).collect()
}

type Address = (Option<String>, Option<String>, Option<String>);

/// The optional address columns by unit id (the file is already known to be valid).
fn addresses(text: &str) -> std::collections::HashMap<String, Address> {
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().find(|l| !l.trim_start().starts_with('#')).unwrap_or("");
    let delimiter = if header.contains(',') { b',' } else { b';' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).comment(Some(b'#')).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else { return Default::default() };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (id, street, postal, city) = (column("unit_id"), column("street"), column("postal_code"), column("city"));
    let get = |r: &csv::StringRecord, c: Option<usize>| c.and_then(|c| r.get(c)).filter(|v| !v.is_empty()).map(str::to_owned);
    reader.records().filter_map(Result::ok).filter_map(|r| Some((get(&r, id)?, (get(&r, street), get(&r, postal), get(&r, city))))).collect()
}

/// The day of a list typed in a form or a CSV file (ISO or DD.MM.ÅÅÅÅ), `None` when
/// empty; a refusal names the field after `prefix`.
pub fn listed_day(prefix: &str, field: &str, raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<calendar::Date> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    crate::domain::parse_day("date", raw).map_err(|e| errors.push(FieldError::new(format!("{prefix}{field}"), e.reason))).ok()
}

/// Checks one area from a form or the API; `prefix` names its place (e.g. `[2].`).
pub fn check_area(prefix: &str, a: &AreaRow) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let field = |name: &str| format!("{prefix}{name}");
    if a.code.trim().is_empty() {
        errors.push(FieldError::new(field("code"), "skal udfyldes"));
    }
    if a.name.trim().is_empty() {
        errors.push(FieldError::new(field("name"), "skal udfyldes"));
    }
    if !(0..=1).contains(&a.listed) {
        errors.push(FieldError::new(field("listed"), "skal være 0 (nej) eller 1 (ja)"));
    }
    for (name, value) in [("listed_from", a.listed_from), ("listed_to", a.listed_to)] {
        if value.is_some() && a.listed != 1 {
            errors.push(FieldError::new(field(name), "gives kun for et område på listen (listed = 1)"));
        }
    }
    if let (Some(from), Some(to)) = (a.listed_from, a.listed_to)
        && to < from
    {
        errors.push(FieldError::new(field("listed_to"), "ligger før listens første dag"));
    }
    if !(0..=i64::from(placement::MAX_COUNT)).contains(&a.existing_households) {
        errors.push(FieldError::new(field("existing_households"), "skal være et helt tal fra 0 til 1000000"));
    }
    errors
}

/// Checks one unit from a form or the API against the known areas.
pub fn check_unit(prefix: &str, u: &UnitRow, areas: &[AreaRow]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let field = |name: &str| format!("{prefix}{name}");
    if u.code.trim().is_empty() {
        errors.push(FieldError::new(field("code"), "skal udfyldes"));
    }
    if !areas.iter().any(|a| a.code == u.area_code) {
        errors.push(FieldError::new(field("area_code"), format!("området «{}» findes ikke", u.area_code)));
    }
    if !(0..=i64::from(placement::MAX_COUNT)).contains(&u.rooms) {
        errors.push(FieldError::new(field("rooms"), "skal være et helt tal fra 0"));
    }
    if !(0..=placement::MAX_RENT as i64).contains(&u.rent) {
        errors.push(FieldError::new(field("rent"), "skal være et helt antal kroner fra 0 til 10000000"));
    }
    if !(0..=1).contains(&u.accessible) {
        errors.push(FieldError::new(field("accessible"), "skal være 0 (nej) eller 1 (ja)"));
    }
    if u.tenure != "permanent" && u.tenure != "temporary" {
        errors.push(FieldError::new(field("tenure"), "skal være permanent eller temporary"));
    }
    if !(u.lat.is_finite() && u.lat.abs() <= 90.0) {
        errors.push(FieldError::new(field("lat"), "breddegraden skal ligge mellem -90 og 90"));
    }
    if !(u.lon.is_finite() && u.lon.abs() <= 180.0) {
        errors.push(FieldError::new(field("lon"), "længdegraden skal ligge mellem -180 og 180"));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_errors_name_file_line_and_column() {
        let e = areas_from_csv("area_id,name,listed,existing_households\nN,Nord,ja,0\n").unwrap_err();
        assert_eq!(e.field, "areas_csv");
        assert!(e.reason.starts_with("areas.csv:2:3: feltet «listed»"), "{}", e.reason);
    }

    #[test]
    fn unit_addresses_come_from_optional_columns() {
        let areas = areas_from_csv("area_id,name,listed,existing_households\nN,Nord,0,0\n").unwrap();
        let units = units_from_csv(
            "unit_id;area_id;rooms;rent;accessible;tenure;lat;lon;street;postal_code;city\n# kommentar\nU1;N;2;5000;0;permanent;55.7;11.7;Ahlgade 1;4300;Holbæk\n",
            &areas,
        )
        .unwrap();
        assert_eq!(units[0].street.as_deref(), Some("Ahlgade 1"));
        assert_eq!(units[0].postal_code.as_deref(), Some("4300"));
    }
}
