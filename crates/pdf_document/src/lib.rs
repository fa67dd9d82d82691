//! A short multilingual A4 document (the person's "Min plan") rendered to PDF.
//!
//! The caller describes the document as data ([`Document`]: title, meta lines,
//! sections of paragraphs, label/value rows and bullets); [`render`] lays it out
//! and returns the PDF bytes. The crate does no I/O: the Noto fonts it uses are
//! embedded in the binary and subsetted into each PDF, so a machine without any
//! font installed renders the same document.
//!
//! What the layout does:
//! - Shapes text with rustybuzz (Arabic joining, Ge'ez syllables), choosing per
//!   character among Noto Sans (Latin, Cyrillic), Noto Naskh Arabic and Noto Sans
//!   Ethiopic, regular and bold.
//! - Reorders each line with the Unicode bidirectional algorithm, so Danish words
//!   and numbers inside an Arabic line read correctly; [`Direction::Rtl`]
//!   documents are right-aligned with bullets and labels on the right.
//! - Breaks lines at Unicode line-break opportunities and paginates on A4.
//! - Fits the document on at most two pages: a document that needs more is set in
//!   a smaller size, step by step down to 75 %; if it still needs more than two
//!   pages, [`render`] refuses with [`RenderError::TooLong`] rather than produce
//!   a plan too small to read.
//!
//! The text stays extractable (ToUnicode maps), the document language is
//! written as the PDF's `/Lang`, and the PDF is tagged: a structure tree with
//! headings, lists and label/value tables in reading order, and the language of
//! each [`Text`] that has its own.
//!
//! ```
//! use pdf_document::{Block, Direction, Document, Section};
//! let doc = Document {
//!     language: "da".into(),
//!     direction: Direction::Ltr,
//!     title: "Min plan".into(),
//!     meta: vec!["Aarhus Kommune".into()],
//!     sections: vec![Section {
//!         heading: "Mine mål".into(),
//!         blocks: vec![Block::Bullet("Lære dansk".into())],
//!     }],
//!     footer: None,
//! };
//! let pdf = pdf_document::render(&doc)?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), pdf_document::RenderError>(())
//! ```

mod compose;
mod draw;
mod fonts;
mod paragraph;

use std::fmt;

/// Base direction of the document's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right: lines start at the left margin.
    Ltr,
    /// Right to left (Arabic, Dari): lines start at the right margin.
    Rtl,
}

/// The whole document.
#[derive(Debug, Clone)]
pub struct Document {
    /// BCP 47 language of the document, e.g. "ar"; written as the PDF's `/Lang`.
    pub language: String,
    /// Base direction of the pages.
    pub direction: Direction,
    /// Large heading at the top of the first page.
    pub title: String,
    /// Lines under the title: municipality, date, plan version.
    pub meta: Vec<String>,
    /// The body.
    pub sections: Vec<Section>,
    /// Small text at the foot of each page.
    pub footer: Option<String>,
}

/// A heading and what follows it.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// What follows the heading, in order.
    pub blocks: Vec<Block>,
}

/// One piece of a section.
#[derive(Debug, Clone)]
pub enum Block {
    /// Running text; a `\n` starts a new line.
    Paragraph(Text),
    /// A "label: value" row, e.g. the next appointment. Labels form a column on
    /// the start side of the page.
    Field {
        /// The label, e.g. «Næste aftale».
        label: Text,
        /// The value beside it.
        value: Text,
    },
    /// An item of a bulleted list.
    Bullet(Text),
}

/// A piece of text, with its language when that differs from the document's
/// (e.g. staff wrote Danish inside an Arabic plan). The language decides the
/// text's own reading direction and its shaping rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text itself.
    pub text: String,
    /// Its language tag (e.g. `da`) when it differs from the document's; `None` for
    /// the document's language.
    pub language: Option<String>,
}

impl Text {
    /// Text in a language other than the document's.
    pub fn in_language(text: impl Into<String>, language: impl Into<String>) -> Self {
        Text { text: text.into(), language: Some(language.into()) }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text { text: text.to_string(), language: None }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text { text, language: None }
    }
}

/// Why a document could not be rendered. Displays in Danish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// Even at the smallest allowed text size the document needs more than two
    /// pages.
    TooLong {
        /// The pages it would need at the smallest text size.
        pages: usize,
    },
    /// The PDF library refused the document (should not happen; the message is
    /// the library's).
    Pdf(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::TooLong { pages } => write!(
                f,
                "Planen er for lang til PDF: den fylder {pages} sider, også med mindste \
                 skriftstørrelse, og højst 2 sider er tilladt. Forkort teksterne i planen."
            ),
            RenderError::Pdf(message) => write!(f, "PDF-filen kunne ikke dannes: {message}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Most pages a document may have.
pub const MAX_PAGES: usize = 2;

/// Lays out and renders `doc` as an A4 PDF of one or two pages.
pub fn render(doc: &Document) -> Result<Vec<u8>, RenderError> {
    render_up_to(doc, MAX_PAGES)
}

/// Like [`render`], for documents that may be longer than a plan (a council's
/// minutes): shrunk step by step to fit on at most `max_pages` pages, refused with
/// [`RenderError::TooLong`] beyond that.
pub fn render_up_to(doc: &Document, max_pages: usize) -> Result<Vec<u8>, RenderError> {
    let fonts = fonts::Fonts::load();
    let layout = compose::fit(doc, &fonts, max_pages.max(1))?;
    draw::pdf(doc, &fonts, &layout)
}

/// True for languages written right to left (primary subtag of a BCP 47 tag).
pub fn is_rtl_language(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    matches!(primary.as_str(), "ar" | "fa" | "prs" | "ps" | "ur" | "he" | "yi" | "ckb" | "dv" | "sd" | "ug")
}
