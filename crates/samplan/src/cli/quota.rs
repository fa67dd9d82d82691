//! `samplan quota`: distributes the national figure (landstal) to regional and
//! municipal quotas from a population file the user imports, and prints them as a
//! table or writes them as CSV. The arithmetic lives in the `quota` crate.
use quota::{Distribution, QuotaKey};
use std::path::PathBuf;
use std::process::ExitCode;

/// Fordel landstallet på regionskvoter og kommunekvoter efter fordelingsnøglen.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Landstallet: antal flygtninge, der skal fordeles.
    #[arg(long, value_name = "N")]
    pub national: u64,
    /// CSV med kolonnerne kommunekode,population,resident_refugees (og evt. family_reunified).
    #[arg(long, value_name = "P.csv")]
    pub population: PathBuf,
    /// Vægten α for bosatte flygtninges andel i nøglen: andel = befolkningsandel −
    /// α × (flygtningeandel − befolkningsandel). Lovens nøgle er 1; 0 giver ren befolkningsandel.
    #[arg(long, value_name = "ALFA", default_value = "1", value_parser = parse_permille)]
    pub refugee_adjustment: u32,
    /// Skriv resultatet som CSV (level,code,name,quota) i stedet for en tabel.
    #[arg(long, value_name = "Q.csv")]
    pub out: Option<PathBuf>,
}

/// Parses a decimal with at most three decimals ("1", "0.5", "1,25") into per mille.
fn parse_permille(text: &str) -> Result<u32, String> {
    let text = text.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) || fraction.len() > 3 {
        return Err(format!("«{text}» er ikke et tal ≥ 0 med højst tre decimaler"));
    }
    let whole: u32 = whole.parse().map_err(|_| format!("«{text}» er for stort"))?;
    let fraction: u32 = format!("{fraction:0<3}").parse().map_err(|_| "ugyldige decimaler".to_owned())?;
    whole.checked_mul(1000).and_then(|w| w.checked_add(fraction)).ok_or_else(|| format!("«{text}» er for stort"))
}

/// Runs `samplan quota`. Bad input exits with 2, a failed write with 1.
pub fn run(args: Args) -> ExitCode {
    let name = args.population.display().to_string();
    let text = match std::fs::read_to_string(&args.population) {
        Ok(text) => text,
        Err(e) => return fail(2, &format!("{name}: kan ikke læses: {e}")),
    };
    let rows = match quota::parse_population(&name, &text) {
        Ok(rows) => rows,
        Err(e) => return fail(2, &e.to_string()),
    };
    let key = QuotaKey { refugee_adjustment_permille: args.refugee_adjustment };
    let distribution = match quota::distribute(args.national, &rows, &key) {
        Ok(d) => d,
        Err(e) => return fail(2, &format!("{name}: {e}")),
    };
    let known = quota::municipalities().len();
    if rows.len() < known {
        eprintln!("samplan: bemærk: {name} har tal for {} af {known} kommunekoder; kun de kommuner får en kvote", rows.len());
    }
    match &args.out {
        Some(path) => match std::fs::write(path, to_csv(&distribution)) {
            Ok(()) => {
                println!(
                    "Skrev {} regionskvoter og {} kommunekvoter (i alt {}) til {}",
                    distribution.regions.len(),
                    distribution.municipalities.len(),
                    distribution.national,
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(1, &format!("{}: kan ikke skrives: {e}", path.display())),
        },
        None => {
            print!("{}", to_table(&distribution, &key));
            ExitCode::SUCCESS
        }
    }
}

fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("samplan: error: {message}");
    ExitCode::from(code)
}

/// `level,code,name,quota`: regions first, then municipalities, each by code.
fn to_csv(d: &Distribution) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<[String; 4]> = vec![["level", "code", "name", "quota"].map(str::to_owned)];
    rows.extend(d.regions.iter().map(|r| ["region".into(), r.code.clone(), r.name.clone(), r.quota.to_string()]));
    rows.extend(d.municipalities.iter().map(|m| ["kommune".into(), m.code.clone(), m.name.clone(), m.quota.to_string()]));
    for row in rows {
        writer.write_record(&row).expect("writing to memory cannot fail");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory cannot fail")).expect("CSV of UTF-8 input")
}

/// A Danish decimal: comma as decimal separator.
fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}").replace('.', ",")
}

fn to_table(d: &Distribution, key: &QuotaKey) -> String {
    let alpha = decimal(f64::from(key.refugee_adjustment_permille) / 1000.0, 3);
    let mut out = format!("Fordeling af landstal {} (flygtningevægt α = {alpha}", d.national);
    if d.family_reunified > 0 {
        out.push_str(&format!(", familiesammenførte lagt til grundlaget: {}", d.family_reunified));
    }
    out.push_str(")\n\nRegionskvoter\n");
    let mut regions: Vec<Vec<String>> = vec![["Kode", "Region", "Andel", "Kvote"].map(str::to_owned).to_vec()];
    for r in &d.regions {
        regions.push(vec![r.code.clone(), r.name.clone(), format!("{} %", decimal(r.share * 100.0, 2)), r.quota.to_string()]);
    }
    let region_total: u64 = d.regions.iter().map(|r| r.quota).sum();
    regions.push(vec![String::new(), "I alt".into(), String::new(), region_total.to_string()]);
    out.push_str(&layout(&regions, &[false, false, true, true]));

    out.push_str("\nKommunekvoter\n");
    let mut rows: Vec<Vec<String>> = vec![["Kode", "Kommune", "Region", "Andel", "Beregnet", "Kvote"].map(str::to_owned).to_vec()];
    for m in &d.municipalities {
        rows.push(vec![
            m.code.clone(),
            m.name.clone(),
            m.region_code.clone(),
            format!("{} %", decimal(m.share * 100.0, 2)),
            decimal(m.exact, 2),
            m.quota.to_string(),
        ]);
    }
    let total: u64 = d.municipalities.iter().map(|m| m.quota).sum();
    rows.push(vec![String::new(), "I alt".into(), String::new(), String::new(), String::new(), total.to_string()]);
    out.push_str(&layout(&rows, &[false, false, false, true, true, true]));
    out
}

/// Lays out rows in columns; `right[i]` right-aligns column i.
fn layout(rows: &[Vec<String>], right: &[bool]) -> String {
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..right.len()).map(width).collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> =
            row.iter().zip(&widths).zip(right).map(|((cell, &w), &r)| if r { format!("{cell:>w$}") } else { format!("{cell:<w$}") }).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimal_weights_to_permille() {
        assert_eq!(parse_permille("1"), Ok(1000));
        assert_eq!(parse_permille("0,5"), Ok(500));
        assert_eq!(parse_permille("1.25"), Ok(1250));
        assert!(parse_permille("-1").is_err());
        assert!(parse_permille("0.1234").is_err());
        assert!(parse_permille("x").is_err());
    }
}
