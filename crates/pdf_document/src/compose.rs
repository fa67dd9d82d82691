//! The page layout: blocks become positioned lines on A4 pages, shrunk step by
//! step until the document fits on two pages.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::fonts::Fonts;
use crate::paragraph::{self, Line, Shaped, Style};
use crate::{Block, Direction, Document, RenderError, Text, is_rtl_language};

/// A4 in PDF points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.7; // 2 cm
const FOOTER_GAP: f32 = 14.0;

/// Text sizes in points at scale 1.
const TITLE_SIZE: f32 = 20.0;
const META_SIZE: f32 = 10.0;
const HEADING_SIZE: f32 = 13.5;
const BODY_SIZE: f32 = 11.0;
const FOOTER_SIZE: f32 = 8.0;
/// Line height as a multiple of the size; generous enough for Arabic marks.
const LEADING: f32 = 1.5;

/// Scales tried in turn until the document fits on its most pages ([`crate::MAX_PAGES`] by default).
const SCALES: [f32; 5] = [1.0, 0.93, 0.87, 0.81, 0.75];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Color(pub u8, pub u8, pub u8);

const INK: Color = Color(0x1a, 0x1a, 0x1a);
const MUTED: Color = Color(0x54, 0x54, 0x54);
const HEADING: Color = Color(0x00, 0x3d, 0x73);
pub(crate) const RULE: Color = Color(0xb0, 0xb0, 0xb0);

/// A line of text at its place on the page: `x` is its left end and
/// `baseline` its distance from the top of the page, in points.
#[derive(Debug, Clone)]
pub(crate) struct PlacedLine {
    pub line: Line,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub color: Color,
    pub role: Role,
}

/// What a placed line is in the PDF's structure tree (tagged PDF), so screen
/// readers get the reading order, headings, lists and languages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Role {
    /// Content of the structure element with this index.
    Content(usize),
    /// The running footer: outside the reading order.
    Footer,
    /// The page number: outside the reading order.
    PageNumber,
}

/// Kinds of structure element, after PDF's standard structure types.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Title,
    Paragraph,
    Section,
    Heading,
    List,
    ListItem,
    Label,
    ListBody,
    Table,
    Row,
    HeaderCell,
    Cell,
}

/// A structure element; elements are listed in reading order.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub kind: Kind,
    /// Set when the text's language differs from the document's.
    pub language: Option<String>,
    pub parent: Option<usize>,
}

/// The document laid out: pages and the structure their lines belong to.
pub(crate) struct Layout {
    pub pages: Vec<Page>,
    pub structure: Vec<Element>,
}

/// A horizontal hairline.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub left: f32,
    pub right: f32,
    pub y: f32,
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub lines: Vec<PlacedLine>,
    pub rules: Vec<Rule>,
}

/// Lays the document out at the largest scale that fits on `max_pages` pages.
pub(crate) fn fit(doc: &Document, fonts: &Fonts, max_pages: usize) -> Result<Layout, RenderError> {
    let shaper = Shaper { fonts, cache: RefCell::default() };
    let mut pages = 0;
    for scale in SCALES {
        let layout = compose(doc, &shaper, scale);
        if layout.pages.len() <= max_pages {
            return Ok(layout);
        }
        pages = layout.pages.len();
    }
    Err(RenderError::TooLong { pages })
}

/// Shapes each text once: shaping does not depend on size or width, so the
/// layouts at smaller scales reuse it.
struct Shaper<'a> {
    fonts: &'a Fonts,
    cache: RefCell<HashMap<ShapeKey, Rc<Vec<Shaped>>>>,
}

/// What shaping depends on: the text, bold, the language and the direction (right to left).
type ShapeKey = (String, bool, String, bool);

impl Shaper<'_> {
    fn shape(&self, text: &str, style: Style<'_>) -> Rc<Vec<Shaped>> {
        let key = (text.to_string(), style.bold, style.language.to_string(), style.rtl);
        self.cache.borrow_mut().entry(key).or_insert_with(|| Rc::new(paragraph::shape(self.fonts, text, style))).clone()
    }
}

/// Something that moves down the page as a whole: a line of a paragraph, a
/// field row, a heading. Positions inside are relative to the unit's top.
struct Unit {
    space_before: f32,
    height: f32,
    keep_with_next: bool,
    lines: Vec<PlacedLine>,
    rules: Vec<Rule>,
}

/// Horizontal band of the page a text is set in, in points.
#[derive(Clone, Copy)]
struct Column {
    left: f32,
    right: f32,
}

impl Column {
    fn width(self) -> f32 {
        self.right - self.left
    }
}

struct Composer<'a> {
    doc: &'a Document,
    shaper: &'a Shaper<'a>,
    scale: f32,
    rtl: bool,
    units: Vec<Unit>,
    structure: Vec<Element>,
}

impl Composer<'_> {
    fn style<'t>(&'t self, text_language: Option<&'t str>, bold: bool) -> Style<'t> {
        match text_language {
            Some(language) => Style { bold, language, rtl: is_rtl_language(language) },
            None => Style { bold, language: &self.doc.language, rtl: self.rtl },
        }
    }

    /// Adds a structure element; returns its index.
    fn element(&mut self, kind: Kind, language: Option<&str>, parent: Option<usize>) -> usize {
        self.structure.push(Element { kind, language: language.map(str::to_string), parent });
        self.structure.len() - 1
    }

    /// Sets a text in a column; lines hug the page's start side.
    fn set(&self, text: &Text, bold: bool, size: f32, color: Color, column: Column, role: Role) -> Vec<PlacedLine> {
        let style = self.style(text.language.as_deref(), bold);
        let shaped = self.shaper.shape(&text.text, style);
        let lines = shaped.iter().flat_map(|piece| piece.lines(column.width() / size));
        let leading = size * LEADING;
        lines
            .enumerate()
            .map(|(i, line)| {
                let width = line.width * size;
                let x = if self.rtl { column.right - width } else { column.left };
                PlacedLine { line, x, baseline: i as f32 * leading + baseline_in_line(size), size, color, role }
            })
            .collect()
    }

    /// Each line its own unit, so a long paragraph may continue on the next page.
    fn push_lines(&mut self, lines: Vec<PlacedLine>, space_before: f32, keep_with_next: bool) {
        self.push_rows(vec![lines], space_before, keep_with_next);
    }

    /// Columns set side by side (label and value): line `i` of every column
    /// makes unit `i`, so even a long row may continue on the next page.
    fn push_rows(&mut self, columns: Vec<Vec<PlacedLine>>, space_before: f32, keep_with_next: bool) {
        let count = columns.iter().map(Vec::len).max().unwrap_or(0);
        let mut columns: Vec<_> = columns.into_iter().map(Vec::into_iter).collect();
        for i in 0..count {
            let mut lines: Vec<PlacedLine> = columns.iter_mut().filter_map(Iterator::next).collect();
            let leading = lines.iter().map(|l| l.size).fold(0.0, f32::max) * LEADING;
            for line in &mut lines {
                line.baseline -= i as f32 * line.size * LEADING;
            }
            self.units.push(Unit {
                space_before: if i == 0 { space_before } else { 0.0 },
                height: leading,
                keep_with_next: keep_with_next || (i == 0 && count > 1),
                lines,
                rules: Vec::new(),
            });
        }
    }

    fn body(&self) -> Column {
        Column { left: MARGIN, right: PAGE_WIDTH - MARGIN }
    }

    fn compose(&mut self) {
        let s = self.scale;
        let body = self.body();
        let title = self.element(Kind::Title, None, None);
        let title = self.set(&self.doc.title.as_str().into(), true, TITLE_SIZE * s, INK, body, Role::Content(title));
        self.push_lines(title, 0.0, true);
        for meta in &self.doc.meta {
            let element = self.element(Kind::Paragraph, None, None);
            let lines = self.set(&meta.as_str().into(), false, META_SIZE * s, MUTED, body, Role::Content(element));
            self.push_lines(lines, 0.0, true);
        }
        if let Some(last) = self.units.last_mut() {
            let y = last.height + 8.0 * s;
            last.rules.push(Rule { left: body.left, right: body.right, y });
            last.height += 8.0 * s;
        }

        let label_column = self.label_column_width();
        for section in &self.doc.sections {
            let element = self.element(Kind::Section, None, None);
            let heading = self.element(Kind::Heading, None, Some(element));
            let lines = self.set(&section.heading.as_str().into(), true, HEADING_SIZE * s, HEADING, body, Role::Content(heading));
            self.push_lines(lines, 18.0 * s, true);
            // Consecutive bullets form one list, consecutive fields one table.
            let mut group: Option<(Kind, usize)> = None;
            for (i, block) in section.blocks.iter().enumerate() {
                let gap = if i == 0 { 4.0 * s } else { 6.0 * s };
                let wanted = match block {
                    Block::Paragraph(_) => None,
                    Block::Bullet(_) => Some(Kind::List),
                    Block::Field { .. } => Some(Kind::Table),
                };
                group = match (wanted, group) {
                    (Some(kind), Some((current, index))) if kind == current => Some((kind, index)),
                    (Some(kind), _) => Some((kind, self.element(kind, None, Some(element)))),
                    (None, _) => None,
                };
                match (block, group) {
                    (Block::Paragraph(text), _) => {
                        let paragraph = self.element(Kind::Paragraph, text.language.as_deref(), Some(element));
                        let lines = self.set(text, false, BODY_SIZE * s, INK, body, Role::Content(paragraph));
                        self.push_lines(lines, gap, false);
                    }
                    (Block::Bullet(text), Some((_, list))) => self.bullet(text, gap, list),
                    (Block::Field { label, value }, Some((_, table))) => self.field(label, value, label_column, gap, table),
                    _ => unreachable!("a bullet or field always has its group"),
                }
            }
        }
    }

    fn bullet(&mut self, text: &Text, gap: f32, list: usize) {
        let item = self.element(Kind::ListItem, None, Some(list));
        let label = self.element(Kind::Label, None, Some(item));
        let body_element = self.element(Kind::ListBody, text.language.as_deref(), Some(item));
        let s = self.scale;
        let size = BODY_SIZE * s;
        let indent = 16.0 * s;
        let body = self.body();
        let column = if self.rtl { Column { left: body.left, right: body.right - indent } } else { Column { left: body.left + indent, right: body.right } };
        let lines = self.set(text, false, size, INK, column, Role::Content(body_element));
        let mut marker = self.set(&"•".into(), false, size, INK, body, Role::Content(label));
        if let (Some(first), Some(dot)) = (lines.first(), marker.first_mut()) {
            dot.baseline = first.baseline;
            dot.x = if self.rtl { body.right - 4.0 * s - dot.line.width * size } else { body.left + 4.0 * s };
        }
        self.push_rows(vec![lines, marker], gap, false);
    }

    /// Width of the label column: the widest label, within a quarter and two
    /// fifths of the text width.
    fn label_column_width(&self) -> f32 {
        let size = BODY_SIZE * self.scale;
        let body = self.body();
        let widest = self
            .doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Field { label, .. } => Some(label),
                _ => None,
            })
            .map(|label| {
                let style = self.style(label.language.as_deref(), true);
                self.shaper.shape(&label.text, style).iter().map(|p| p.width() * size).fold(0.0, f32::max)
            })
            .fold(0.0, f32::max);
        (widest + 14.0 * self.scale).clamp(body.width() * 0.25, body.width() * 0.4)
    }

    fn field(&mut self, label: &Text, value: &Text, label_width: f32, gap: f32, table: usize) {
        let row = self.element(Kind::Row, None, Some(table));
        let header = self.element(Kind::HeaderCell, label.language.as_deref(), Some(row));
        let cell = self.element(Kind::Cell, value.language.as_deref(), Some(row));
        let size = BODY_SIZE * self.scale;
        let body = self.body();
        let (label_column, value_column) = if self.rtl {
            (Column { left: body.right - label_width, right: body.right }, Column { left: body.left, right: body.right - label_width })
        } else {
            (Column { left: body.left, right: body.left + label_width }, Column { left: body.left + label_width, right: body.right })
        };
        // The gap between label and value belongs to the label column.
        let inset = 10.0 * self.scale;
        let label_column =
            if self.rtl { Column { left: label_column.left + inset, ..label_column } } else { Column { right: label_column.right - inset, ..label_column } };
        let labels = self.set(label, true, size, MUTED, label_column, Role::Content(header));
        let values = self.set(value, false, size, INK, value_column, Role::Content(cell));
        self.push_rows(vec![labels, values], gap, false);
    }
}

/// Baseline of a line's text below the top of its line box.
fn baseline_in_line(size: f32) -> f32 {
    (size * LEADING + 0.6 * size) / 2.0
}

/// Lays the document out at one scale; may give any number of pages.
fn compose(doc: &Document, shaper: &Shaper<'_>, scale: f32) -> Layout {
    let mut composer = Composer { doc, shaper, scale, rtl: doc.direction == Direction::Rtl, units: Vec::new(), structure: Vec::new() };
    composer.compose();

    let body = composer.body();
    let footer_size = FOOTER_SIZE * scale;
    // Room for the page number on the end side.
    let number_room = 40.0 * scale;
    let footer_column = if composer.rtl { Column { left: body.left + number_room, ..body } } else { Column { right: body.right - number_room, ..body } };
    let footer: Vec<PlacedLine> =
        doc.footer.as_ref().map(|f| composer.set(&f.as_str().into(), false, footer_size, MUTED, footer_column, Role::Footer)).unwrap_or_default();
    let footer_height = footer.len().max(1) as f32 * footer_size * LEADING;
    let bottom = PAGE_HEIGHT - MARGIN - footer_height - FOOTER_GAP;

    let units = std::mem::take(&mut composer.units);
    let mut pages: Vec<Page> = vec![Page::default()];
    let mut y = MARGIN;
    for (i, unit) in units.iter().enumerate() {
        let at_top = y == MARGIN;
        let space = if at_top { 0.0 } else { unit.space_before };
        // A heading (or a paragraph's first line) needs the next unit with it.
        let needed = unit.height + if unit.keep_with_next { units.get(i + 1).map_or(0.0, |next| next.space_before + next.height) } else { 0.0 };
        if !at_top && y + space + needed > bottom {
            pages.push(Page::default());
            y = MARGIN;
        } else {
            y += space;
        }
        let page = pages.last_mut().expect("a page");
        for line in &unit.lines {
            page.lines.push(PlacedLine { baseline: line.baseline + y, ..line.clone() });
        }
        for rule in &unit.rules {
            page.rules.push(Rule { y: rule.y + y, ..rule.clone() });
        }
        y += unit.height;
    }

    // Footer and, on documents of several pages, the page number.
    let count = pages.len();
    let footer_top = PAGE_HEIGHT - MARGIN - footer_height + FOOTER_GAP / 2.0;
    for (number, page) in pages.iter_mut().enumerate() {
        for line in &footer {
            page.lines.push(PlacedLine { baseline: line.baseline + footer_top, ..line.clone() });
        }
        if count > 1 {
            let label = format!("{} / {}", number + 1, count);
            let mut lines = composer.set(&label.as_str().into(), false, footer_size, MUTED, body, Role::PageNumber);
            for line in &mut lines {
                // The number sits at the end side of the page.
                line.x = if composer.rtl { body.left } else { body.right - line.line.width * footer_size };
                line.baseline += footer_top;
            }
            page.lines.extend(lines);
        }
        page.rules.push(Rule { left: body.left, right: body.right, y: footer_top - FOOTER_GAP / 4.0 });
    }
    Layout { pages, structure: composer.structure }
}
