//! Reads the population file a user imports (`kommunekode,population,resident_refugees`
//! and optionally `family_reunified`) from text, checking every field once at the edge.
//!
//! No file access here: the caller reads the file and passes its text and name, so
//! the web UI can use the same parser for uploads.
use crate::municipalities;
use std::fmt;

/// Largest population accepted for one municipality (far above any real one); keeps
/// the exact integer arithmetic of the key well inside `i128`.
pub const MAX_POPULATION: u64 = 10_000_000;

/// One municipality's figures, as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopulationRow {
    /// Four-digit municipality code, known in the embedded table.
    pub municipality_code: String,
    /// Residents.
    pub population: u64,
    /// Resident immigrants and refugees (part of `population`).
    pub resident_refugees: u64,
    /// Persons family-reunified to refugees who arrived in the municipality the year
    /// before (0 when the column is absent).
    pub family_reunified: u64,
}

/// What is wrong with a field or row.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The field is not a whole number.
    NotAWholeNumber {
        /// The text found.
        value: String,
    },
    /// The field is a negative number.
    Negative {
        /// The text found.
        value: String,
    },
    /// The number is larger than allowed.
    TooLarge {
        /// The number found.
        value: u64,
        /// The largest allowed.
        max: u64,
    },
    /// The municipality code is not in the table of municipalities.
    UnknownMunicipality {
        /// The code found.
        code: String,
    },
    /// The municipality appears twice.
    Duplicate {
        /// Line of its first appearance.
        first_line: u64,
    },
    /// More resident refugees than residents.
    RefugeesExceedPopulation {
        /// Resident refugees.
        resident_refugees: u64,
        /// Population.
        population: u64,
    },
}

/// An error in an input file, naming file, line, column and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// File name as given by the caller.
    pub file: String,
    /// 1-based line number (1 is the header line).
    pub line: u64,
    /// 1-based column (field) number, when the error is about one field.
    pub column: Option<usize>,
    /// Column name, when the error is about one field.
    pub field: Option<&'static str>,
    /// What is wrong.
    pub reason: Reason,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = self.field {
            write!(f, "feltet «{field}»: ")?;
        }
        match &self.reason {
            Reason::MissingColumn => write!(f, "kolonnen mangler i overskriftslinjen"),
            Reason::Malformed { detail } => write!(f, "rækken kan ikke læses som CSV ({detail})"),
            Reason::Empty => write!(f, "feltet er tomt"),
            Reason::NotAWholeNumber { value } => write!(f, "«{value}» er ikke et helt tal"),
            Reason::Negative { value } => {
                write!(f, "«{value}» er negativt; tallet skal være 0 eller større")
            }
            Reason::TooLarge { value, max } => {
                write!(f, "{value} er større end det tilladte {max}")
            }
            Reason::UnknownMunicipality { code } => {
                write!(f, "«{code}» er ikke en kendt kommunekode (fire cifre, fx 0101)")
            }
            Reason::Duplicate { first_line } => {
                write!(f, "kommunen står allerede i linje {first_line}")
            }
            Reason::RefugeesExceedPopulation { resident_refugees, population } => {
                write!(f, "{resident_refugees} bosatte flygtninge er flere end befolkningen ({population})")
            }
        }
    }
}

impl std::error::Error for InputError {}

const CODE: &str = "kommunekode";
const POPULATION: &str = "population";
const REFUGEES: &str = "resident_refugees";
const FAMILY: &str = "family_reunified";

/// Parses a population file.
///
/// `file` is only used to name the file in errors. Columns are found by header
/// name; other columns are ignored. A `;` delimiter is accepted when the header
/// line has no `,` (spreadsheets in Danish locale write that), lines starting
/// with `#` are comments, and a UTF-8 byte-order mark is skipped.
pub fn parse_population(file: &str, text: &str) -> Result<Vec<PopulationRow>, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().find(|l| !l.starts_with('#')).unwrap_or_default();
    let delimiter = if !header_line.contains(',') && header_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).comment(Some(b'#')).trim(csv::Trim::All).from_reader(text.as_bytes());
    let err = |line: u64, column: Option<usize>, field: Option<&'static str>, reason| InputError { file: file.to_owned(), line, column, field, reason };
    let headers = reader.headers().map_err(|e| err(1, None, None, Reason::Malformed { detail: e.to_string() }))?.clone();
    let header_line_no = headers.position().map_or(1, |p| p.line());
    let find = |name: &'static str| headers.iter().position(|h| h == name);
    let column_of = |name: &'static str| find(name).ok_or_else(|| err(header_line_no, None, Some(name), Reason::MissingColumn));
    let code_col = column_of(CODE)?;
    let pop_col = column_of(POPULATION)?;
    let ref_col = column_of(REFUGEES)?;
    let fam_col = find(FAMILY);

    let mut rows: Vec<PopulationRow> = Vec::new();
    let mut first_lines: Vec<(String, u64)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(line, None, None, Reason::Malformed { detail: e.to_string() })
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |col: usize| record.get(col).unwrap_or_default();
        let number = |col: usize, name: &'static str, max: u64| parse_count(get(col), max).map_err(|reason| err(line, Some(col + 1), Some(name), reason));
        let code = get(code_col);
        if code.is_empty() {
            return Err(err(line, Some(code_col + 1), Some(CODE), Reason::Empty));
        }
        // Accept "101" for "0101": spreadsheets drop the leading zero.
        let code = if code.len() < 4 && code.bytes().all(|b| b.is_ascii_digit()) { format!("{code:0>4}") } else { code.to_owned() };
        if municipalities::municipality(&code).is_none() {
            return Err(err(line, Some(code_col + 1), Some(CODE), Reason::UnknownMunicipality { code }));
        }
        if let Some((_, first_line)) = first_lines.iter().find(|(c, _)| *c == code) {
            return Err(err(line, Some(code_col + 1), Some(CODE), Reason::Duplicate { first_line: *first_line }));
        }
        let population = number(pop_col, POPULATION, MAX_POPULATION)?;
        let resident_refugees = number(ref_col, REFUGEES, MAX_POPULATION)?;
        if resident_refugees > population {
            return Err(err(line, Some(ref_col + 1), Some(REFUGEES), Reason::RefugeesExceedPopulation { resident_refugees, population }));
        }
        let family_reunified = match fam_col {
            Some(col) if !get(col).is_empty() => number(col, FAMILY, MAX_POPULATION)?,
            _ => 0,
        };
        first_lines.push((code.clone(), line));
        rows.push(PopulationRow { municipality_code: code, population, resident_refugees, family_reunified });
    }
    Ok(rows)
}

/// Parses a non-negative whole number no larger than `max`.
fn parse_count(text: &str, max: u64) -> Result<u64, Reason> {
    if text.is_empty() {
        return Err(Reason::Empty);
    }
    if let Some(rest) = text.strip_prefix('-')
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Reason::Negative { value: text.to_owned() });
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Reason::NotAWholeNumber { value: text.to_owned() });
    }
    match text.parse::<u64>() {
        Ok(value) if value <= max => Ok(value),
        Ok(value) => Err(Reason::TooLarge { value, max }),
        Err(_) => Err(Reason::TooLarge { value: u64::MAX, max }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_with_optional_column_and_semicolons() {
        let rows = parse_population("p.csv", "\u{feff}# example\nkommunekode;population;resident_refugees\n101;1000;20\n0147;500;0\n").expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].municipality_code, "0101");
        assert_eq!(rows[0].resident_refugees, 20);
        assert_eq!(rows[1].family_reunified, 0);
    }

    #[test]
    fn names_line_and_column_of_bad_field() {
        let e = parse_population("p.csv", "kommunekode,population,resident_refugees\n0101,1000,20\n0147,x,0\n").unwrap_err();
        assert_eq!((e.line, e.column, e.field), (3, Some(2), Some(POPULATION)));
        assert_eq!(e.reason, Reason::NotAWholeNumber { value: "x".into() });
        assert!(e.to_string().starts_with("p.csv:3:2: "), "{e}");
    }

    #[test]
    fn rejects_negative_unknown_duplicate_and_too_many_refugees() {
        let h = "kommunekode,population,resident_refugees\n";
        let reason = |body: &str| parse_population("p", &format!("{h}{body}")).unwrap_err().reason;
        assert!(matches!(reason("0101,-5,0\n"), Reason::Negative { .. }));
        assert!(matches!(reason("9999,5,0\n"), Reason::UnknownMunicipality { .. }));
        assert_eq!(reason("0101,5,0\n0101,6,0\n"), Reason::Duplicate { first_line: 2 });
        assert!(matches!(reason("0101,5,6\n"), Reason::RefugeesExceedPopulation { .. }));
        assert!(matches!(reason("0101,5\n"), Reason::Malformed { .. }));
        assert!(matches!(reason("0101,99999999999,0\n"), Reason::TooLarge { .. }));
    }

    #[test]
    fn missing_column_is_named() {
        let e = parse_population("p", "kommunekode,population\n0101,5\n").unwrap_err();
        assert_eq!((e.line, e.field, &e.reason), (1, Some(REFUGEES), &Reason::MissingColumn));
    }

    #[test]
    fn comment_lines_count_in_line_numbers() {
        let e = parse_population("p", "# note\n# note\nkommunekode,population,resident_refugees\n0101,x,0\n").unwrap_err();
        assert_eq!(e.line, 4);
    }
}
