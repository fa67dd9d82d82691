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
        /// The text found.
        value: String,
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
    let mut first_lines: Vec<(String, u64)> = Vec::new();
    data_file::read_rows(file, text, &[CODE, POPULATION, REFUGEES], &[FAMILY], |row| {
        let code = row.non_empty(CODE)?;
        // Accept "101" for "0101": spreadsheets drop the leading zero.
        let code = if code.len() < 4 && code.bytes().all(|b| b.is_ascii_digit()) { format!("{code:0>4}") } else { code.to_owned() };
        if municipalities::municipality(&code).is_none() {
            return Err(row.error(CODE, Reason::UnknownMunicipality { code }));
        }
        if let Some((_, first_line)) = first_lines.iter().find(|(c, _)| *c == code) {
            return Err(row.error(CODE, Reason::Duplicate { first_line: *first_line }));
        }
        let population = row.count(POPULATION, MAX_POPULATION)?;
        let resident_refugees = row.count(REFUGEES, MAX_POPULATION)?;
        if resident_refugees > population {
            return Err(row.error(REFUGEES, Reason::RefugeesExceedPopulation { resident_refugees, population }));
        }
        let family_reunified = if row.text(FAMILY).is_empty() { 0 } else { row.count(FAMILY, MAX_POPULATION)? };
        first_lines.push((code.clone(), row.line()));
        Ok(PopulationRow { municipality_code: code, population, resident_refugees, family_reunified })
    })
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
