//! TOML text → serde structs, with each refusal placed at `file:line`.

use serde::de::DeserializeOwned;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use toml::Spanned;

/// A refused file: where (file, and line when known) and what is wrong (`kind`, the
/// loader's own reasons). Shown as `file:line: kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError<K> {
    /// The file name as given to the loader, e.g. `rules/igu.toml`.
    pub file: String,
    /// The 1-based line the problem is on, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub kind: K,
}

impl<K: fmt::Display> fmt::Display for FileError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.kind),
            None => write!(f, "{}: {}", self.file, self.kind),
        }
    }
}

impl<K: fmt::Debug + fmt::Display> std::error::Error for FileError<K> {}

/// The two reasons every TOML loader has: the text is not the expected TOML, and a name
/// is not one of the allowed values.
pub trait TomlErrorKind: Sized {
    /// Not valid TOML, or a field missing, misspelt or of the wrong type (the parser's message).
    fn syntax(message: String) -> Self;
    /// `value` in `field` is not one of `allowed`.
    fn unknown_value(field: &'static str, value: String, allowed: Vec<&'static str>) -> Self;
}

/// One TOML file being read: its name and text, to turn byte spans into lines, and the
/// loader's error kind `K`.
pub struct TomlSource<'a, K> {
    file: &'a str,
    text: &'a str,
    kind: PhantomData<fn() -> K>,
}

impl<'a, K> TomlSource<'a, K> {
    /// A file's name (used only in errors) and text.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        TomlSource { file, text, kind: PhantomData }
    }

    /// The file's name.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// The 1-based line of byte offset `byte`.
    pub fn line(&self, byte: usize) -> usize {
        let end = byte.min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    /// `kind` placed at the line where `span` starts.
    pub fn error(&self, span: Range<usize>, kind: K) -> FileError<K> {
        FileError { file: self.file.to_owned(), line: Some(self.line(span.start)), kind }
    }

    /// `kind` for the file as a whole (no line).
    pub fn file_error(&self, kind: K) -> FileError<K> {
        FileError { file: self.file.to_owned(), line: None, kind }
    }
}

impl<K: TomlErrorKind> TomlSource<'_, K> {
    /// Parses the text; a refusal names the line the parser stopped at.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, FileError<K>> {
        toml::from_str(self.text).map_err(|e| FileError {
            file: self.file.to_owned(),
            line: e.span().map(|s| self.line(s.start)),
            kind: K::syntax(e.message().to_owned()),
        })
    }

    /// Looks `value` up by name in `table`; an unknown name is refused at its line,
    /// listing the allowed names.
    pub fn lookup<T: Copy>(&self, field: &'static str, value: &Spanned<String>, table: &[(&'static str, T)]) -> Result<T, FileError<K>> {
        table
            .iter()
            .find(|(k, _)| *k == value.get_ref())
            .map(|(_, v)| *v)
            .ok_or_else(|| self.error(value.span(), K::unknown_value(field, value.get_ref().clone(), table.iter().map(|(k, _)| *k).collect())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq)]
    enum Kind {
        Syntax(String),
        Unknown { field: &'static str, value: String, allowed: Vec<&'static str> },
    }

    impl fmt::Display for Kind {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Kind::Syntax(m) => f.write_str(m.trim_end()),
                Kind::Unknown { field, value, .. } => write!(f, "{field} = {value:?} is not known"),
            }
        }
    }

    impl TomlErrorKind for Kind {
        fn syntax(message: String) -> Self {
            Kind::Syntax(message)
        }
        fn unknown_value(field: &'static str, value: String, allowed: Vec<&'static str>) -> Self {
            Kind::Unknown { field, value, allowed }
        }
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        unit: Spanned<String>,
    }

    #[test]
    fn a_syntax_error_names_file_and_line() {
        let src = TomlSource::<Kind>::new("dir/a.toml", "# a comment\n\nunit = \"count\"\nunti = 3\n");
        let e = src.parse::<File>().unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("dir/a.toml", Some(4)));
        assert!(matches!(&e.kind, Kind::Syntax(m) if m.contains("unti")), "{e:?}");
        assert!(e.to_string().starts_with("dir/a.toml:4: "), "{e}");
    }

    #[test]
    fn an_unknown_name_is_refused_at_its_line_with_the_allowed_ones() {
        let src = TomlSource::<Kind>::new("a.toml", "\n\nunit = \"metres\"\n");
        let file: File = src.parse().unwrap();
        let table = [("count", 1), ("percent", 2)];
        let e = src.lookup("unit", &file.unit, &table).unwrap_err();
        assert_eq!(
            e,
            FileError {
                file: "a.toml".into(),
                line: Some(3),
                kind: Kind::Unknown { field: "unit", value: "metres".into(), allowed: vec!["count", "percent"] }
            }
        );
        assert_eq!(e.to_string(), "a.toml:3: unit = \"metres\" is not known");
        let ok = TomlSource::<Kind>::new("a.toml", "unit = \"percent\"\n");
        let file: File = ok.parse().unwrap();
        assert_eq!(ok.lookup("unit", &file.unit, &table), Ok(2));
    }

    #[test]
    fn lines_count_from_one_and_stop_at_the_end() {
        let src = TomlSource::<Kind>::new("a.toml", "a\nb\nc");
        assert_eq!([src.line(0), src.line(2), src.line(4), src.line(99)], [1, 2, 3, 3]);
        assert_eq!(src.file_error(Kind::Syntax("empty".into())).to_string(), "a.toml: empty");
    }
}
