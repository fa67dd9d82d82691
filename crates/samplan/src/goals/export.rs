//! Exports of exactly what the pages show: the suppressed comparison tables and the
//! local goals, as CSV (UTF-8 with BOM and `;`, as Danish spreadsheets expect) or as an
//! XLSX workbook (rust_xlsxwriter, decision 051) with one sheet per table.
use super::service::{CellView, Comparison, GoalView};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One value of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number (written as a number in XLSX).
    Number(f64),
}

impl Value {
    fn csv(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) => format!("{}", (n * 10.0).round() / 10.0).replace('.', ","),
        }
    }
}

/// A table to export.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters in XLSX).
    pub name: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Value>>,
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// A published cell as three export columns: value, numerator, denominator (`skjult`
/// when hidden, so a hidden cell looks the same in every column).
fn cell_values(c: &CellView) -> [Value; 3] {
    if c.hidden() {
        return [text("skjult"), text("skjult"), text("skjult")];
    }
    let n = |v: Option<u64>| v.map(|v| Value::Number(v as f64)).unwrap_or_else(|| text(""));
    [c.value.map(Value::Number).unwrap_or_else(|| text("")), n(c.numerator), n(c.denominator)]
}

/// The comparison as sheets: one per breakdown (long format: municipality, category,
/// value, numerator, denominator) and one for expected versus actual.
pub fn comparison_sheets(c: &Comparison) -> Vec<Sheet> {
    let header = |first: &str| [first, "Kommunekode", "Kommune", "Kategori", "Værdi", "Tæller", "Nævner"].iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut sheets = Vec::new();
    for b in &c.breakdowns {
        let mut rows = Vec::new();
        for r in &b.rows {
            for (col, cell) in b.columns.iter().zip(&r.cells).map(|(col, cell)| (col.label, cell)).chain([("I alt", &r.total)]) {
                let mut row = vec![text(&c.month), text(&r.municipality), text(&r.name), text(col)];
                row.extend(cell_values(cell));
                rows.push(row);
            }
        }
        for (col, cell) in b.columns.iter().zip(&b.column_totals).map(|(col, cell)| (col.label, cell)).chain([("I alt", &b.total)]) {
            let mut row = vec![text(&c.month), text(""), text("I alt"), text(col)];
            row.extend(cell_values(cell));
            rows.push(row);
        }
        sheets.push(Sheet { name: b.label.to_string(), header: header("Måned"), rows });
    }
    if !c.expected.is_empty() {
        let rows = c
            .expected
            .iter()
            .map(|e| {
                let n = |v: Option<f64>| v.map(Value::Number).unwrap_or_else(|| text("skjult"));
                vec![text(&c.expected_period), text(&e.municipality), text(&e.name), n(e.actual), n(e.expected), n(e.difference)]
            })
            .collect();
        let header = ["Periode", "Kommunekode", "Kommune", "Faktisk (%)", "Forventet (%)", "Forskel (procentpoint)"];
        sheets.push(Sheet { name: "Forventet og faktisk".into(), header: header.iter().map(|s| s.to_string()).collect(), rows });
    }
    sheets
}

/// The municipality's goals and latest values as one sheet.
pub fn goal_sheet(views: &[GoalView]) -> Sheet {
    let header = ["Indikator", "Id", "Seneste værdi", "Udgangspunkt (måned)", "Udgangspunkt", "Mål", "Måldato", "Status", "Begrundelse"];
    let rows = views
        .iter()
        .map(|v| {
            let g = v.goal.as_ref();
            vec![
                text(&v.indicator.name),
                text(&v.indicator.id),
                text(&v.latest),
                text(g.map(|g| g.baseline_month.as_str()).unwrap_or("")),
                g.map(|g| Value::Number(g.baseline)).unwrap_or_else(|| text("")),
                g.map(|g| Value::Number(g.target)).unwrap_or_else(|| text("")),
                text(g.map(|g| g.target_date.to_string()).unwrap_or_default()),
                text(&v.status),
                text(g.map(|g| g.reasoning.as_str()).unwrap_or("")),
            ]
        })
        .collect();
    Sheet { name: "Lokale mål".into(), header: header.iter().map(|s| s.to_string()).collect(), rows }
}

/// Sheets as one CSV text: each sheet after a line with its name, a blank line between.
pub fn to_csv(sheets: &[Sheet]) -> Vec<u8> {
    let mut w = crate::spreadsheet::Writer::default();
    for (i, s) in sheets.iter().enumerate() {
        if i > 0 {
            w.row([""]);
        }
        if sheets.len() > 1 {
            w.row([s.name.as_str()]);
        }
        w.row(&s.header);
        for r in &s.rows {
            w.row(r.iter().map(Value::csv));
        }
    }
    w.finish()
}

/// Sheets as an XLSX workbook.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for s in sheets {
        let sheet = book.add_worksheet();
        let name: String = s.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        sheet.set_name(name)?;
        for (j, h) in s.header.iter().enumerate() {
            sheet.write_string_with_format(0, j as u16, h, &bold)?;
        }
        for (i, row) in s.rows.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                let (r, c) = (i as u32 + 1, j as u16);
                match v {
                    Value::Text(t) => sheet.write_string(r, c, t)?,
                    Value::Number(n) => sheet.write_number(r, c, *n)?,
                };
            }
        }
        sheet.autofit();
    }
    book.save_to_buffer()
}

/// A download response in `format` (`csv` or `xlsx`) named `stem`.
pub fn download(sheets: &[Sheet], format: &str, stem: &str) -> Response {
    match format {
        "xlsx" => match to_xlsx(sheets) {
            Ok(bytes) => (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{stem}.xlsx\"")),
                ],
                bytes,
            )
                .into_response(),
            Err(e) => crate::error::PageError(crate::error::AppError::Internal(e.into())).into_response(),
        },
        _ => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{stem}.csv\""))],
            to_csv(sheets),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet { name: "Køn".into(), header: vec!["A".into(), "B".into()], rows: vec![vec![text("x;y"), Value::Number(45.56)], vec![text("skjult"), text("")]] }
    }

    #[test]
    fn csv_has_bom_semicolons_and_decimal_commas() {
        let out = String::from_utf8(to_csv(&[sheet()])).unwrap();
        assert!(out.starts_with('\u{feff}'));
        assert_eq!(out.trim_start_matches('\u{feff}'), "A;B\n\"x;y\";45,6\nskjult;\n");
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&[sheet(), Sheet { name: "Forventet: og/faktisk".into(), ..sheet() }]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
