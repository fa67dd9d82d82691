//! CSV for Danish spreadsheet programs: UTF-8 with a byte-order mark, `;` between
//! cells, and every text cell neutralised against formula injection (a cell starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a name
//! like `=HYPERLINK(…)` is shown as text, never run). Plain numbers are left as they
//! are. Every CSV samplan exports is written through [`Writer`].
use std::borrow::Cow;

/// A text cell as a spreadsheet program will show it, never as a formula.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.trim().replace(',', ".").parse::<f64>().is_err() { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// Rows written as CSV for spreadsheets.
pub struct Writer(csv::Writer<Vec<u8>>);

impl Default for Writer {
    fn default() -> Self {
        Writer(csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(vec![0xEF, 0xBB, 0xBF]))
    }
}

impl Writer {
    /// Rows that continue a file already started (no byte-order mark), for streamed exports.
    pub fn continuation() -> Self {
        Writer(csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(Vec::new()))
    }

    /// Writes one row; every cell goes through [`cell`].
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells.into_iter().map(|c| cell(c.as_ref()).into_owned()).collect();
        // Writing to a Vec cannot fail.
        let _ = self.0.write_record(&cells);
    }

    /// The finished file.
    pub fn finish(self) -> Vec<u8> {
        self.0.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(cell("=HYPERLINK(\"http://evil.example\",\"Klik\")"), "'=HYPERLINK(\"http://evil.example\",\"Klik\")");
        assert_eq!(cell("+45 1234"), "'+45 1234");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("-12.5"), "-12.5");
        assert_eq!(cell("-12,5"), "-12,5");
        assert_eq!(cell("Amal Hassan"), "Amal Hassan");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn a_file_starts_with_the_bom_and_uses_semicolons() {
        let mut w = Writer::default();
        w.row(["navn", "antal"]);
        w.row(["=1+1", "3"]);
        let text = String::from_utf8(w.finish()).unwrap();
        assert_eq!(text, "\u{feff}navn;antal\n'=1+1;3\n");
    }
}
