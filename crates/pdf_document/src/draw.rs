//! Writes the laid-out pages as PDF with krilla: subsetted fonts, ToUnicode
//! maps for text extraction, the document language, and a structure tree
//! (tagged PDF) with the language of each text that differs from it.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{Metadata, TextDirection};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind, TagTree};
use krilla::text::{GlyphId, KrillaGlyph};

use crate::compose::{Color, Element, Kind, Layout, PAGE_HEIGHT, PAGE_WIDTH, PlacedLine, RULE, Role};
use crate::fonts::Fonts;
use crate::{Direction, Document, RenderError};

pub(crate) fn pdf(doc: &Document, fonts: &Fonts, layout: &Layout) -> Result<Vec<u8>, RenderError> {
    let mut document = krilla::Document::new();
    document.set_metadata(Metadata::new().title(doc.title.clone()).language(doc.language.clone()).text_direction(match doc.direction {
        Direction::Ltr => TextDirection::LeftToRight,
        Direction::Rtl => TextDirection::RightToLeft,
    }));
    // The marked content drawn for each structure element, in reading order.
    let mut content: Vec<Vec<Identifier>> = vec![Vec::new(); layout.structure.len()];
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid size");
    for page_content in &layout.pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for rule in &page_content.rules {
            let mut path = PathBuilder::new();
            path.move_to(rule.left, rule.y);
            path.line_to(rule.right, rule.y);
            if let Some(path) = path.finish() {
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)));
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { paint: color(RULE).into(), width: 0.6, ..Stroke::default() }));
                surface.draw_path(&path);
                surface.set_stroke(None);
                surface.end_tagged();
            }
        }
        for placed in &page_content.lines {
            let tag = match placed.role {
                Role::Content(_) => ContentTag::Span(SpanTag::empty()),
                Role::Footer => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)),
                Role::PageNumber => ContentTag::Artifact(Artifact::with_kind(ArtifactType::PageNumber)),
            };
            let id = surface.start_tagged(tag);
            draw_line(&mut surface, fonts, placed);
            surface.end_tagged();
            if let Role::Content(element) = placed.role {
                content[element].push(id);
            }
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tag_tree(&layout.structure, content));
    document.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

fn draw_line(surface: &mut Surface<'_>, fonts: &Fonts, placed: &PlacedLine) {
    surface.set_fill(Some(Fill { paint: color(placed.color).into(), opacity: NormalizedF32::ONE, rule: Default::default() }));
    for run in &placed.line.runs {
        // krilla wants glyph metrics in ems of the font's own size.
        let scale = run.font.family.scale();
        let glyphs: Vec<KrillaGlyph> = run
            .glyphs
            .iter()
            .map(|g| KrillaGlyph::new(GlyphId::new(u32::from(g.id)), g.advance / scale, g.x_offset / scale, g.y_offset / scale, 0.0, g.text.clone(), None))
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

/// Builds the structure tree: each element a group, its drawn lines as leaves.
fn tag_tree(structure: &[Element], mut content: Vec<Vec<Identifier>>) -> TagTree {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); structure.len()];
    let mut roots = Vec::new();
    for (index, element) in structure.iter().enumerate() {
        match element.parent {
            Some(parent) => children[parent].push(index),
            None => roots.push(index),
        }
    }
    fn group(index: usize, structure: &[Element], children: &[Vec<usize>], content: &mut [Vec<Identifier>]) -> TagGroup {
        let element = &structure[index];
        let language = element.language.clone();
        let kind: TagKind = match element.kind {
            Kind::Title => Tag::Hn(NonZeroU16::MIN, None).with_lang(language).into(),
            Kind::Heading => Tag::Hn(NonZeroU16::new(2).expect("2 is not 0"), None).with_lang(language).into(),
            Kind::Paragraph => Tag::P.with_lang(language).into(),
            Kind::Section => Tag::Section.with_lang(language).into(),
            Kind::List => Tag::L(ListNumbering::Disc).with_lang(language).into(),
            Kind::ListItem => Tag::LI.with_lang(language).into(),
            Kind::Label => Tag::Lbl.with_lang(language).into(),
            Kind::ListBody => Tag::LBody.with_lang(language).into(),
            Kind::Table => Tag::Table.with_lang(language).into(),
            Kind::Row => Tag::TR.with_lang(language).into(),
            Kind::HeaderCell => Tag::TH(TableHeaderScope::Row).with_lang(language).into(),
            Kind::Cell => Tag::TD.with_lang(language).into(),
        };
        let mut tags = TagGroup::new(kind);
        for &child in &children[index] {
            tags.push(group(child, structure, children, content));
        }
        for id in std::mem::take(&mut content[index]) {
            tags.push(id);
        }
        tags
    }
    let mut tree = TagTree::new();
    for root in roots {
        tree.push(group(root, structure, &children, &mut content));
    }
    tree
}

fn color(Color(r, g, b): Color) -> rgb::Color {
    rgb::Color::new(r, g, b)
}
