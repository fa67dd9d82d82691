//! One paragraph of text set into lines of a given width: font fallback,
//! shaping, line breaking and bidi reordering of each line.

use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

use rustybuzz::UnicodeBuffer;
use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::fonts::{FontKey, Fonts};

/// A shaped glyph, positioned in em units of the nominal text size (multiply by
/// the size; the font's own size is the nominal size times its family's scale).
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub id: u16,
    /// Bytes of the paragraph text this glyph's cluster stands for.
    pub text: Range<usize>,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// Glyphs in one font, in visual order, starting at `x` (em units from the
/// line's left end).
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub font: FontKey,
    pub x: f32,
    pub glyphs: Vec<Glyph>,
}

/// One line in visual order. `width` is in em units.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: Arc<str>,
    pub runs: Vec<Run>,
    pub width: f32,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style<'a> {
    pub bold: bool,
    /// BCP 47 tag of the text, for shaping rules.
    pub language: &'a str,
    /// Base direction of the text itself (not of the page).
    pub rtl: bool,
}

/// A stretch of text shaped as one unit: one font, one bidi level.
struct Item {
    range: Range<usize>,
    font: FontKey,
    level: Level,
    /// Glyphs in visual order (rustybuzz output), clusters made absolute.
    glyphs: Vec<Glyph>,
}

/// A piece of a paragraph (up to a `\n`), shaped once and then broken into
/// lines at whatever width is asked.
pub(crate) struct Shaped {
    text: Arc<str>,
    base: Level,
    items: Vec<Item>,
    /// Sum of advances of the clusters before each byte.
    prefix: Vec<f32>,
    /// Whether a cluster starts at each byte.
    cluster_start: Vec<bool>,
}

/// Shapes `text`, one [`Shaped`] per line of it (`\n` starts a new line).
pub(crate) fn shape(fonts: &Fonts, text: &str, style: Style<'_>) -> Vec<Shaped> {
    // Tabs, carriage returns and other control characters have no glyph: they
    // would show as boxes. They are spaces to the reader.
    let text: String = text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect();
    text.split('\n').map(|piece| shape_piece(fonts, piece, style)).collect()
}

/// Sets `text` into lines at most `max_width` em wide.
#[cfg(test)]
pub(crate) fn layout(fonts: &Fonts, text: &str, style: Style<'_>, max_width: f32) -> Vec<Line> {
    shape(fonts, text, style).iter().flat_map(|piece| piece.lines(max_width)).collect()
}

fn shape_piece(fonts: &Fonts, text: &str, style: Style<'_>) -> Shaped {
    let text: Arc<str> = Arc::from(text.trim_end());
    let base = if style.rtl { Level::rtl() } else { Level::ltr() };
    let bidi = ParagraphBidiInfo::new(&text, Some(base));
    let items = shape_items(fonts, &text, &bidi, style);
    // Advance of each cluster, indexed by the cluster's first byte.
    let mut advance_at = vec![0.0f32; text.len() + 1];
    let mut cluster_start = vec![false; text.len() + 1];
    for glyph in items.iter().flat_map(|item| &item.glyphs) {
        advance_at[glyph.text.start] += glyph.advance;
        cluster_start[glyph.text.start] = true;
    }
    let mut prefix = vec![0.0f32; text.len() + 1];
    for i in 0..text.len() {
        prefix[i + 1] = prefix[i] + advance_at[i];
    }
    Shaped { text, base, items, prefix, cluster_start }
}

impl Shaped {
    /// Width of the whole piece on one line, in em.
    pub fn width(&self) -> f32 {
        self.prefix[self.text.len()]
    }

    /// Breaks the piece into lines at most `max_width` em wide.
    pub fn lines(&self, max_width: f32) -> Vec<Line> {
        let text = &self.text;
        if text.is_empty() {
            return vec![Line { text: text.clone(), runs: Vec::new(), width: 0.0 }];
        }
        let width = |r: Range<usize>| self.prefix[r.end] - self.prefix[r.start];
        let trim = |start: usize, end: usize| start + text[start..end].trim_end().len();
        let cluster_start = &self.cluster_start;

        let mut ranges = Vec::new();
        let mut start = 0;
        let mut last_fit: Option<usize> = None;
        for (at, opportunity) in linebreaks(text) {
            if width(start..trim(start, at)) > max_width {
                if let Some(fit) = last_fit.filter(|&fit| fit > start) {
                    ranges.push(start..trim(start, fit));
                    start = fit;
                }
                // A word longer than the line: break it between clusters.
                while width(start..trim(start, at)) > max_width {
                    let mut end = start;
                    for (i, _) in text[start..at].char_indices().skip(1) {
                        let i = start + i;
                        if cluster_start[i] && width(start..i) > max_width {
                            break;
                        }
                        if cluster_start[i] {
                            end = i;
                        }
                    }
                    if end == start {
                        break;
                    }
                    ranges.push(start..end);
                    start = end;
                }
            }
            last_fit = Some(at);
            if opportunity == BreakOpportunity::Mandatory {
                ranges.push(start..trim(start, at));
                start = at;
                last_fit = None;
            }
        }
        // Bidi analysis is cheap; redoing it here spares keeping the borrow.
        let bidi = ParagraphBidiInfo::new(text, Some(self.base));
        ranges.into_iter().map(|range| visual_line(text, &bidi, &self.items, range)).collect()
    }
}

/// Splits the text into items of one font and one bidi level and shapes each.
fn shape_items(fonts: &Fonts, text: &str, bidi: &ParagraphBidiInfo<'_>, style: Style<'_>) -> Vec<Item> {
    let families = fonts.families(text);
    let mut items: Vec<Item> = Vec::new();
    for ((index, _), family) in text.char_indices().zip(families) {
        let font = FontKey { family, bold: style.bold };
        let level = bidi.levels[index];
        match items.last_mut() {
            Some(item) if item.font == font && item.level == level => item.range.end = next_char(text, index),
            _ => items.push(Item { range: index..next_char(text, index), font, level, glyphs: Vec::new() }),
        }
    }
    let language = rustybuzz::Language::from_str(style.language).ok();
    for item in &mut items {
        let face = fonts.face(item.font);
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(&text[item.range.clone()]);
        // Context lets Arabic letters join across a change of item.
        buffer.set_pre_context(&text[..item.range.start]);
        buffer.set_post_context(&text[item.range.end..]);
        buffer.set_direction(if item.level.is_rtl() { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
        if let Some(language) = language.clone() {
            buffer.set_language(language);
        }
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        // Em units of the nominal size, so runs in different fonts line up.
        let per_em = face.units_per_em() as f32 / item.font.family.scale();
        let mut starts: Vec<usize> = shaped.glyph_infos().iter().map(|g| item.range.start + g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |start: usize| {
            let i = starts.partition_point(|&s| s <= start);
            starts.get(i).copied().unwrap_or(item.range.end)
        };
        item.glyphs = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| {
                let start = item.range.start + info.cluster as usize;
                Glyph {
                    id: info.glyph_id as u16,
                    text: start..end_of(start),
                    advance: pos.x_advance as f32 / per_em,
                    x_offset: pos.x_offset as f32 / per_em,
                    y_offset: pos.y_offset as f32 / per_em,
                }
            })
            .collect();
    }
    items
}

fn next_char(text: &str, index: usize) -> usize {
    index + text[index..].chars().next().map_or(0, char::len_utf8)
}

/// The glyphs of `range` in visual order, grouped into runs of one font.
fn visual_line(text: &Arc<str>, bidi: &ParagraphBidiInfo<'_>, items: &[Item], range: Range<usize>) -> Line {
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0.0;
    if !range.is_empty() {
        let (_, level_runs) = bidi.visual_runs(range.clone());
        for level_run in level_runs {
            let rtl = bidi.levels[level_run.start].is_rtl();
            let mut overlapping: Vec<&Item> = items.iter().filter(|item| item.range.start < level_run.end && level_run.start < item.range.end).collect();
            if rtl {
                overlapping.reverse();
            }
            for item in overlapping {
                let glyphs: Vec<Glyph> = item.glyphs.iter().filter(|g| level_run.contains(&g.text.start)).cloned().collect();
                if glyphs.is_empty() {
                    continue;
                }
                let advance: f32 = glyphs.iter().map(|g| g.advance).sum();
                match runs.last_mut() {
                    Some(run) if run.font == item.font => run.glyphs.extend(glyphs),
                    _ => runs.push(Run { font: item.font, x, glyphs }),
                }
                x += advance;
            }
        }
    }
    Line { text: text.clone(), runs, width: x }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(rtl: bool) -> Style<'static> {
        Style { bold: false, language: if rtl { "ar" } else { "da" }, rtl }
    }

    #[test]
    fn long_text_breaks_into_lines_no_wider_than_the_measure() {
        let fonts = Fonts::load();
        let text = "Du skal møde op på jobcentret hver anden uge, og vi taler om dit sprogkursus.";
        let one = layout(&fonts, text, style(false), 1000.0);
        assert_eq!(one.len(), 1);
        let lines = layout(&fonts, text, style(false), 8.0);
        assert!(lines.len() >= 3, "{} lines", lines.len());
        assert!(lines.iter().all(|l| l.width <= 8.0 + 1e-3));
        // Nothing is lost: the glyph clusters cover every non-space byte.
        let covered: usize =
            lines.iter().flat_map(|l| l.runs.iter().flat_map(|r| &r.glyphs)).filter(|g| !text[g.text.clone()].trim().is_empty()).map(|g| g.text.len()).sum();
        assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum());
    }

    #[test]
    fn control_characters_are_spaces_not_missing_glyphs() {
        let fonts = Fonts::load();
        let lines = layout(&fonts, "Mødested:\tJobcenter\r", style(false), 1000.0);
        assert_eq!(lines.len(), 1);
        let glyphs: Vec<&Glyph> = lines[0].runs.iter().flat_map(|r| &r.glyphs).collect();
        assert!(glyphs.iter().all(|g| g.id != 0), "a .notdef glyph");
        assert!(glyphs.iter().any(|g| &lines[0].text[g.text.clone()] == " "));
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken() {
        let fonts = Fonts::load();
        let lines = layout(&fonts, "Arbejdsmarkedsuddannelsescenter", style(false), 5.0);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| l.width <= 5.0 + 1e-3));
    }

    #[test]
    fn a_danish_word_inside_arabic_keeps_its_own_order() {
        let fonts = Fonts::load();
        let text = "موعد في Jobcenter Aarhus غدا";
        let lines = layout(&fonts, text, style(true), 1000.0);
        assert_eq!(lines.len(), 1);
        let runs = &lines[0].runs;
        // Visual order in an RTL line: the last Arabic word is leftmost.
        let first_text: String = runs[0].glyphs.iter().map(|g| &text[g.text.clone()]).collect::<Vec<_>>().concat();
        assert!(first_text.contains("غدا") || first_text.contains('غ'), "{first_text}");
        // The Latin run reads left to right: "Jobcenter" before "Aarhus".
        let latin = runs.iter().find(|r| r.font.family == crate::fonts::Family::Sans).unwrap();
        let latin_text: String = latin.glyphs.iter().map(|g| &text[g.text.clone()]).collect();
        assert_eq!(latin_text.trim(), "Jobcenter Aarhus");
    }
}
