//! Writes the laid-out pages as PDF with krilla (font subsetting, ToUnicode
//! maps for text extraction, document language).

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{Metadata, TextDirection};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{GlyphId, KrillaGlyph};

use crate::compose::{Color, PAGE_HEIGHT, PAGE_WIDTH, Page, RULE};
use crate::fonts::Fonts;
use crate::{Direction, Document, RenderError};

pub(crate) fn pdf(doc: &Document, fonts: &Fonts, pages: &[Page]) -> Result<Vec<u8>, RenderError> {
    let mut document = krilla::Document::new();
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.language.clone())
            .text_direction(match doc.direction {
                Direction::Ltr => TextDirection::LeftToRight,
                Direction::Rtl => TextDirection::RightToLeft,
            }),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid size");
    for content in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for rule in &content.rules {
            let mut path = PathBuilder::new();
            path.move_to(rule.left, rule.y);
            path.line_to(rule.right, rule.y);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color(RULE).into(),
                    width: 0.6,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        for placed in &content.lines {
            surface.set_fill(Some(Fill {
                paint: color(placed.color).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            for run in &placed.line.runs {
                // krilla wants glyph metrics in ems of the font's own size.
                let scale = run.font.family.scale();
                let glyphs: Vec<KrillaGlyph> = run
                    .glyphs
                    .iter()
                    .map(|g| {
                        KrillaGlyph::new(
                            GlyphId::new(u32::from(g.id)),
                            g.advance / scale,
                            g.x_offset / scale,
                            g.y_offset / scale,
                            0.0,
                            g.text.clone(),
                            None,
                        )
                    })
                    .collect();
                surface.draw_glyphs(
                    Point::from_xy(placed.x + run.x * placed.size, placed.baseline),
                    &glyphs,
                    fonts.pdf_font(run.font),
                    &placed.line.text,
                    placed.size * scale,
                    false,
                );
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

fn color(Color(r, g, b): Color) -> rgb::Color {
    rgb::Color::new(r, g, b)
}
