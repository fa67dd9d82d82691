//! Reading the data files people write or upload — rule and indicator files in TOML,
//! housing rounds and population figures in CSV — from text, with errors that name the
//! file, the line and, for CSV, the column.
//!
//! No file access: the caller passes a file's name (used only in errors) and its text,
//! so the command line and the web UI's uploads read the same way. Each loader keeps its
//! own reasons (its error kind); this crate gives them one place in the file and one
//! way of writing it.
//!
//! ```
//! use data_file::{TomlErrorKind, TomlSource};
//!
//! #[derive(Debug)]
//! enum Kind { Syntax(String), Unknown(String) }
//! impl std::fmt::Display for Kind {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         match self { Kind::Syntax(m) => f.write_str(m), Kind::Unknown(v) => write!(f, "{v:?} is not known") }
//!     }
//! }
//! impl TomlErrorKind for Kind {
//!     fn syntax(message: String) -> Self { Kind::Syntax(message) }
//!     fn unknown_value(_: &'static str, value: String, _: Vec<&'static str>) -> Self { Kind::Unknown(value) }
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct File { unit: toml::Spanned<String> }
//!
//! let src = TomlSource::<Kind>::new("a.toml", "# units\nunit = \"metres\"\n");
//! let file: File = src.parse().unwrap();
//! let e = src.lookup("unit", &file.unit, &[("percent", 1)]).unwrap_err();
//! assert_eq!(e.to_string(), "a.toml:2: \"metres\" is not known");
//! ```

mod table;
mod toml_source;

pub use table::{Row, RowError, TableReason, read_rows};
pub use toml_source::{FileError, TomlErrorKind, TomlSource};
