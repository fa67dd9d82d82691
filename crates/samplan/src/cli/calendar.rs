//! `samplan calendar …`: Danish public holidays, due dates and working days
//! from the command line, for caseworkers checking a deadline by hand and for
//! scripts. All the arithmetic is the `calendar` crate's; this file only turns
//! arguments into its values and prints the answer.

use calendar::{Calendar, Date, DateError, Offset};
use clap::{ArgGroup, Subcommand};
use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

/// Arguments of `samplan calendar`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: CalendarCommand,
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Udskriv årets helligdage, én pr. linje: ÅÅÅÅ-MM-DD<TAB>navn, sorteret efter dato.
    Holidays {
        /// Året, 1700–2200.
        #[arg(value_name = "YEAR")]
        year: String,
    },
    /// Udskriv fristen: DATE plus en forskydning, flyttet til næste arbejdsdag,
    /// hvis den falder på en weekend eller helligdag.
    #[command(group(ArgGroup::new("offset").required(true).args(["months", "days", "working_days"])))]
    Deadline {
        /// Datoen fristen regnes fra (ÅÅÅÅ-MM-DD).
        #[arg(value_name = "DATE")]
        date: String,
        /// Antal måneder: samme dato, eller månedens sidste dag, hvis den ikke findes (31/1 + 1 → 28/29/2).
        #[arg(long, value_name = "N")]
        months: Option<u32>,
        /// Antal kalenderdage.
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        /// Antal arbejdsdage (mandag–fredag, ikke helligdage).
        #[arg(long, value_name = "N")]
        working_days: Option<u32>,
        /// Kommunekode (4 cifre, fx 0316). Indtil videre kontrolleres kun, at koden
        /// findes; kommunens egne lukkedage hentes senere fra databasen og indgår
        /// endnu ikke i beregningen.
        #[arg(long, value_name = "CODE")]
        municipality: Option<String>,
    },
    /// Udskriv antallet af arbejdsdage d med FROM < d ≤ TO.
    WorkingDays {
        /// Første dato (tælles ikke med), ÅÅÅÅ-MM-DD.
        #[arg(value_name = "FROM")]
        from: String,
        /// Sidste dato (tælles med), ÅÅÅÅ-MM-DD.
        #[arg(value_name = "TO")]
        to: String,
    },
}

/// What was wrong with one argument.
#[derive(Debug, PartialEq)]
enum Reason {
    NotADate(DateError),
    NotAYear { text: String },
    NotAMunicipalityCode { text: String },
    UnknownMunicipality { code: String },
    OutOfRange(DateError),
}

/// A refused argument: which one, and why.
#[derive(Debug, PartialEq)]
struct ArgumentError {
    argument: &'static str,
    reason: Reason,
}

impl fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.argument)?;
        match &self.reason {
            Reason::NotADate(e) => write!(f, "{e}"),
            Reason::NotAYear { text } => write!(
                f,
                "{text:?} is not a year between {} and {}",
                calendar::MIN_YEAR,
                calendar::MAX_YEAR
            ),
            Reason::NotAMunicipalityCode { text } => {
                write!(
                    f,
                    "{text:?} is not a municipality code (4 digits, e.g. 0316)"
                )
            }
            Reason::UnknownMunicipality { code } => {
                write!(f, "{code} is not the code of a Danish municipality")
            }
            Reason::OutOfRange(e) => write!(f, "the result is out of range: {e}"),
        }
    }
}

fn parse_date(argument: &'static str, text: &str) -> Result<Date, ArgumentError> {
    Date::parse(text).map_err(|e| ArgumentError {
        argument,
        reason: Reason::NotADate(e),
    })
}

fn parse_year(text: &str) -> Result<i32, ArgumentError> {
    let error = || ArgumentError {
        argument: "YEAR",
        reason: Reason::NotAYear {
            text: text.to_owned(),
        },
    };
    let year: i32 = text.parse().map_err(|_| error())?;
    if (calendar::MIN_YEAR..=calendar::MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(error())
    }
}

fn check_municipality(text: &str) -> Result<(), ArgumentError> {
    let argument = "--municipality";
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ArgumentError {
            argument,
            reason: Reason::NotAMunicipalityCode {
                text: text.to_owned(),
            },
        });
    }
    // The reference table (DAGI, the same file as `shared/data/dk/`) is the quota crate's.
    if quota::municipality(text).is_some() {
        Ok(())
    } else {
        Err(ArgumentError {
            argument,
            reason: Reason::UnknownMunicipality {
                code: text.to_owned(),
            },
        })
    }
}

/// Computes the lines to print, or the argument that was refused.
fn answer(command: CalendarCommand) -> Result<Vec<String>, ArgumentError> {
    match command {
        CalendarCommand::Holidays { year } => {
            let year = parse_year(&year)?;
            let days = calendar::holidays(year).map_err(|e| ArgumentError {
                argument: "YEAR",
                reason: Reason::OutOfRange(e),
            })?;
            Ok(days
                .iter()
                .map(|h| format!("{}\t{}", h.date, h.kind.danish_name()))
                .collect())
        }
        CalendarCommand::Deadline {
            date,
            months,
            days,
            working_days,
            municipality,
        } => {
            let start = parse_date("DATE", &date)?;
            if let Some(code) = municipality {
                check_municipality(&code)?;
            }
            // clap's group guarantees exactly one of the three.
            let offset = match (months, days, working_days) {
                (Some(n), _, _) => Offset::Months(n),
                (_, Some(n), _) => Offset::Days(n),
                (_, _, Some(n)) => Offset::WorkingDays(n),
                (None, None, None) => unreachable!("clap requires one offset"),
            };
            let due = Calendar::new()
                .due_date(start, offset)
                .map_err(|e| ArgumentError {
                    argument: "DATE",
                    reason: Reason::OutOfRange(e),
                })?;
            Ok(vec![due.to_string()])
        }
        CalendarCommand::WorkingDays { from, to } => {
            let from = parse_date("FROM", &from)?;
            let to = parse_date("TO", &to)?;
            Ok(vec![
                Calendar::new().working_days_between(from, to).to_string(),
            ])
        }
    }
}

/// Runs `samplan calendar …`: the answer on stdout, or `samplan: error: …` on
/// stderr and exit status 2 for a bad argument.
pub fn run(args: Args) -> ExitCode {
    match answer(args.command) {
        Ok(lines) => {
            let mut out = io::stdout().lock();
            for line in lines {
                if writeln!(out, "{line}").is_err() {
                    // A closed pipe (`| head`) is not an error for the user.
                    return ExitCode::SUCCESS;
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("samplan: error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipality_codes_must_be_four_digits_and_real() {
        assert_eq!(check_municipality("0101"), Ok(()));
        assert_eq!(check_municipality("0316"), Ok(()));
        assert!(matches!(
            check_municipality("316").unwrap_err().reason,
            Reason::NotAMunicipalityCode { .. }
        ));
        assert!(matches!(
            check_municipality("0102").unwrap_err().reason,
            Reason::UnknownMunicipality { .. }
        ));
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        assert_eq!(parse_year("2026"), Ok(2026));
        assert!(parse_year("1699").is_err());
        assert!(parse_year("twenty").is_err());
    }
}
