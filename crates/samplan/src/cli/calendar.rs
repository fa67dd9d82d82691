//! `samplan calendar …`: Danish public holidays, due dates and working days
//! from the command line, for caseworkers checking a deadline by hand and for
//! scripts. All the arithmetic is the `calendar` crate's; this file only turns
//! arguments into its values and prints the answer.

use crate::store::Tenant;
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
        /// Kommunekode (4 cifre, fx 0316): kommunens egne lukkedage fra databasen
        /// (DATABASE_URL eller --database-url) tæller også som fridage.
        #[arg(long, value_name = "CODE")]
        municipality: Option<String>,
        /// Databasen med kommunens lukkedage: sqlite:STI eller postgres://…
        #[arg(long, env = "DATABASE_URL", hide_env_values = true, requires = "municipality")]
        database_url: Option<String>,
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
    Database(String),
}

/// A date error in Danish, for the person at the command line.
fn danish(e: &DateError) -> String {
    match e {
        DateError::Format { input } => format!("«{input}» er ikke en dato på formen ÅÅÅÅ-MM-DD (fx 2026-03-15)"),
        DateError::Year { year } => format!("året {year} ligger uden for {}–{}", calendar::MIN_YEAR, calendar::MAX_YEAR),
        DateError::Month { month } => format!("måned {month} findes ikke (1–12)"),
        DateError::Day { year, month, day, last } => {
            format!("dag {day} findes ikke i {}, som har {last} dage", crate::persons::danish_month(&format!("{year}-{month:02}")))
        }
        other => other.to_string(),
    }
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
            Reason::NotADate(e) => write!(f, "{}", danish(e)),
            Reason::NotAYear { text } => {
                write!(f, "«{text}» er ikke et år mellem {} og {}", calendar::MIN_YEAR, calendar::MAX_YEAR)
            }
            Reason::NotAMunicipalityCode { text } => {
                write!(f, "«{text}» er ikke en kommunekode (4 cifre, fx 0316)")
            }
            Reason::UnknownMunicipality { code } => write!(f, "{code} er ikke en dansk kommunekode"),
            Reason::OutOfRange(e) => write!(f, "resultatet ligger uden for kalenderen: {}", danish(e)),
            Reason::Database(why) => write!(f, "kommunens lukkedage kan ikke hentes: {why}"),
        }
    }
}

fn parse_date(argument: &'static str, text: &str) -> Result<Date, ArgumentError> {
    Date::parse(text).map_err(|e| ArgumentError { argument, reason: Reason::NotADate(e) })
}

fn parse_year(text: &str) -> Result<i32, ArgumentError> {
    let error = || ArgumentError { argument: "YEAR", reason: Reason::NotAYear { text: text.to_owned() } };
    let year: i32 = text.parse().map_err(|_| error())?;
    if (calendar::MIN_YEAR..=calendar::MAX_YEAR).contains(&year) { Ok(year) } else { Err(error()) }
}

fn check_municipality(text: &str) -> Result<(), ArgumentError> {
    let argument = "--municipality";
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ArgumentError { argument, reason: Reason::NotAMunicipalityCode { text: text.to_owned() } });
    }
    // The reference table (DAGI, the same file as `shared/data/dk/`) is the quota crate's.
    if quota::municipality(text).is_some() { Ok(()) } else { Err(ArgumentError { argument, reason: Reason::UnknownMunicipality { code: text.to_owned() } }) }
}

/// The municipality's calendar: helligdage plus its closed days from the database.
fn closed_days(url: &str, tenant: &Tenant) -> Result<Calendar, ArgumentError> {
    let error = |e: &dyn fmt::Display| ArgumentError { argument: "--database-url", reason: Reason::Database(e.to_string()) };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| error(&e))?;
    runtime.block_on(async {
        let store = crate::store::Store::connect(url).await.map_err(|e| error(&e))?;
        store.migrate().await.map_err(|e| error(&e))?;
        crate::deadlines::municipality_calendar(&store, tenant).await.map_err(|e| error(&e))
    })
}

/// Computes the lines to print, or the argument that was refused.
fn answer(command: CalendarCommand) -> Result<Vec<String>, ArgumentError> {
    match command {
        CalendarCommand::Holidays { year } => {
            let year = parse_year(&year)?;
            let days = calendar::holidays(year).map_err(|e| ArgumentError { argument: "YEAR", reason: Reason::OutOfRange(e) })?;
            Ok(days.iter().map(|h| format!("{}\t{}", h.date, h.kind.danish_name())).collect())
        }
        CalendarCommand::Deadline { date, months, days, working_days, municipality, database_url } => {
            let start = parse_date("DATE", &date)?;
            let mut calendar = Calendar::new();
            if let Some(code) = &municipality {
                check_municipality(code)?;
                match &database_url {
                    Some(url) => calendar = closed_days(url, &Tenant::trusted(code.as_str()))?,
                    None => eprintln!("samplan: bemærk: ingen database angivet, så kun helligdage og weekender indgår (ikke kommunens lukkedage)"),
                }
            }
            // clap's group guarantees exactly one of the three.
            let offset = match (months, days, working_days) {
                (Some(n), _, _) => Offset::Months(n),
                (_, Some(n), _) => Offset::Days(n),
                (_, _, Some(n)) => Offset::WorkingDays(n),
                (None, None, None) => unreachable!("clap requires one offset"),
            };
            let due = calendar.due_date(start, offset).map_err(|e| ArgumentError { argument: "DATE", reason: Reason::OutOfRange(e) })?;
            Ok(vec![due.to_string()])
        }
        CalendarCommand::WorkingDays { from, to } => {
            let from = parse_date("FROM", &from)?;
            let to = parse_date("TO", &to)?;
            Ok(vec![Calendar::new().working_days_between(from, to).to_string()])
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
        assert!(matches!(check_municipality("316").unwrap_err().reason, Reason::NotAMunicipalityCode { .. }));
        assert!(matches!(check_municipality("0102").unwrap_err().reason, Reason::UnknownMunicipality { .. }));
    }

    #[test]
    fn a_day_the_month_lacks_is_named_with_the_month_in_danish() {
        let e = calendar::Date::parse("2026-02-30").unwrap_err();
        assert_eq!(danish(&e), "dag 30 findes ikke i februar 2026, som har 28 dage");
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        assert_eq!(parse_year("2026"), Ok(2026));
        assert!(parse_year("1699").is_err());
        assert!(parse_year("twenty").is_err());
    }
}
