//! CSV text → rows read by column name, with each refusal placed at
//! `file:line:column`.
//!
//! Columns are found by header name (other columns are ignored), fields are trimmed,
//! lines starting with `#` are comments, a UTF-8 byte-order mark is skipped, and `;` is
//! the delimiter when the header line has `;` but no `,` (spreadsheets in a Danish
//! locale write that).

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

/// A refused row or field: where (file, line, and column and its name when the problem
/// is one field) and what is wrong (`reason`, the reader's own reasons). Shown in Danish
/// as `file:line:column: feltet «name»: reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError<R> {
    /// File name as given by the caller.
    pub file: String,
    /// 1-based line (1 is the header line unless comments come first).
    pub line: u64,
    /// 1-based column (field number), when the error is about one field.
    pub column: Option<usize>,
    /// Column name, when the error is about one field.
    pub field: Option<&'static str>,
    /// What is wrong.
    pub reason: R,
}

impl<R: fmt::Display> fmt::Display for RowError<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        f.write_str(": ")?;
        if let Some(field) = self.field {
            write!(f, "feltet «{field}»: ")?;
        }
        write!(f, "{}", self.reason)
    }
}

impl<R: fmt::Debug + fmt::Display> std::error::Error for RowError<R> {}

/// The reasons every CSV reader has: the table's shape and whole numbers.
pub trait TableReason: Sized {
    /// A required column is not in the header line.
    fn missing_column() -> Self;
    /// The row could not be read as CSV (e.g. wrong number of fields); the CSV reader's description.
    fn malformed(detail: String) -> Self;
    /// The field is empty.
    fn empty() -> Self;
    /// The field is a negative whole number.
    fn negative(value: String) -> Self;
    /// The field is not a whole number.
    fn not_a_whole_number(value: String) -> Self;
    /// The whole number is larger than `max`.
    fn too_large(value: String, max: u64) -> Self;
}

/// One data row being read: its fields by column name, errors (with the reader's
/// reasons `R`) placed at its line and the field's column.
pub struct Row<'r, R> {
    file: &'r str,
    line: u64,
    record: &'r csv::StringRecord,
    columns: &'r HashMap<&'static str, usize>,
    reason: PhantomData<fn() -> R>,
}

impl<R> Row<'_, R> {
    /// The row's 1-based line.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Whether the file has the (optional) column.
    pub fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }

    /// The field's trimmed text; empty when the optional column is absent.
    pub fn text(&self, field: &str) -> &str {
        self.columns.get(field).and_then(|&c| self.record.get(c)).unwrap_or_default()
    }

    /// `reason` placed at this row and the field's column.
    pub fn error(&self, field: &'static str, reason: R) -> RowError<R> {
        RowError { file: self.file.to_owned(), line: self.line, column: self.columns.get(field).map(|c| c + 1), field: Some(field), reason }
    }
}

impl<R: TableReason> Row<'_, R> {
    /// The field's text, refused when empty.
    pub fn non_empty(&self, field: &'static str) -> Result<&str, RowError<R>> {
        let t = self.text(field);
        if t.is_empty() { Err(self.error(field, R::empty())) } else { Ok(t) }
    }

    /// The field as a whole number from 0 to `max` (digits only).
    pub fn count(&self, field: &'static str, max: u64) -> Result<u64, RowError<R>> {
        let t = self.non_empty(field)?;
        if let Some(rest) = t.strip_prefix('-')
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(self.error(field, R::negative(t.to_owned())));
        }
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(field, R::not_a_whole_number(t.to_owned())));
        }
        match t.parse::<u64>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(self.error(field, R::too_large(t.to_owned(), max))),
        }
    }
}

/// Reads the CSV `text` of `file` and calls `row` for each data row, in order.
///
/// Every column in `required` must be in the header line (the first missing one is
/// refused at that line); those in `optional` are read when present.
pub fn read_rows<T, R: TableReason>(
    file: &str,
    text: &str,
    required: &[&'static str],
    optional: &[&'static str],
    mut row: impl FnMut(Row<'_, R>) -> Result<T, RowError<R>>,
) -> Result<Vec<T>, RowError<R>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (header_index, header_line) = text.lines().enumerate().find(|(_, l)| !l.starts_with('#')).unwrap_or_default();
    let delimiter = if !header_line.contains(',') && header_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).comment(Some(b'#')).trim(csv::Trim::All).from_reader(text.as_bytes());
    let at_line = |line: u64, field: Option<&'static str>, reason: R| RowError { file: file.to_owned(), line, column: None, field, reason };
    let malformed = |e: &csv::Error| R::malformed(e.to_string());
    let headers = reader.headers().map_err(|e| at_line(1, None, malformed(&e)))?.clone();
    // The reader counts the header from the first line even after comments.
    let header_line_no = header_index as u64 + 1;
    let mut columns = HashMap::new();
    for &name in required.iter().chain(optional) {
        match headers.iter().position(|h| h == name) {
            Some(i) => {
                columns.insert(name, i);
            }
            None if optional.contains(&name) => {}
            None => return Err(at_line(header_line_no, Some(name), R::missing_column())),
        }
    }
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                out.push(row(Row { file, line, record: &record, columns: &columns, reason: PhantomData })?);
            }
            Err(e) => return Err(at_line(e.position().map_or(0, |p| p.line()), None, malformed(&e))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Reason {
        MissingColumn,
        Malformed,
        Empty,
        Negative(String),
        NotAWholeNumber(String),
        TooLarge(String, u64),
    }

    impl fmt::Display for Reason {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{self:?}")
        }
    }

    impl TableReason for Reason {
        fn missing_column() -> Self {
            Reason::MissingColumn
        }
        fn malformed(_: String) -> Self {
            Reason::Malformed
        }
        fn empty() -> Self {
            Reason::Empty
        }
        fn negative(value: String) -> Self {
            Reason::Negative(value)
        }
        fn not_a_whole_number(value: String) -> Self {
            Reason::NotAWholeNumber(value)
        }
        fn too_large(value: String, max: u64) -> Self {
            Reason::TooLarge(value, max)
        }
    }

    /// Reads `id,n` rows (and `note` when present) into `(id, n, note)`.
    fn read(text: &str) -> Result<Vec<(String, u64, String)>, RowError<Reason>> {
        read_rows("t.csv", text, &["id", "n"], &["note"], |row| Ok((row.non_empty("id")?.to_owned(), row.count("n", 100)?, row.text("note").to_owned())))
    }

    #[test]
    fn reads_by_header_name_with_comments_semicolons_and_a_byte_order_mark() {
        let rows = read("\u{feff}# made by hand\nextra;n;id\nx; 7 ;a\ny;0;b\n").unwrap();
        assert_eq!(rows, [("a".into(), 7, String::new()), ("b".into(), 0, String::new())]);
        let rows = read("id,note,n\na,hello,1\n").unwrap();
        assert_eq!(rows, [("a".into(), 1, "hello".into())]);
    }

    #[test]
    fn a_bad_field_names_file_line_column_and_field() {
        let e = read("# comment\nid,n\na,1\nb,x\n").unwrap_err();
        assert_eq!(e, RowError { file: "t.csv".into(), line: 4, column: Some(2), field: Some("n"), reason: Reason::NotAWholeNumber("x".into()) });
        assert_eq!(e.to_string(), "t.csv:4:2: feltet «n»: NotAWholeNumber(\"x\")");
    }

    #[test]
    fn whole_numbers_are_refused_when_empty_negative_or_too_large() {
        let reason = |n: &str| read(&format!("id,n\na,{n}\n")).unwrap_err().reason;
        assert_eq!(reason(""), Reason::Empty);
        assert_eq!(reason("-3"), Reason::Negative("-3".into()));
        assert_eq!(reason("-"), Reason::NotAWholeNumber("-".into()));
        assert_eq!(reason("1.5"), Reason::NotAWholeNumber("1.5".into()));
        assert_eq!(reason("101"), Reason::TooLarge("101".into(), 100));
        assert_eq!(reason("99999999999999999999999"), Reason::TooLarge("99999999999999999999999".into(), 100));
    }

    #[test]
    fn the_table_shape_is_refused_at_its_line() {
        let e = read("# c\nid\na\n").unwrap_err();
        assert_eq!((e.line, e.column, e.field, e.reason), (2, None, Some("n"), Reason::MissingColumn));
        let e = read("id,n\na,1\nb\n").unwrap_err();
        assert_eq!(e.to_string(), "t.csv:3: Malformed");
        assert_eq!((e.line, e.column, e.field, e.reason), (3, None, None, Reason::Malformed));
    }
}
