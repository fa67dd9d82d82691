//! The embedded Noto fonts and the per-character choice among them.

use rustybuzz::Face;

/// A script family of embedded fonts, in fallback order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    /// Noto Sans: Latin (Danish, Somali, English) and Cyrillic (Ukrainian).
    Sans,
    /// Noto Naskh Arabic: Arabic and Dari.
    Arabic,
    /// Noto Sans Ethiopic: Ge'ez (Tigrinya).
    Ethiopic,
}

impl Family {
    /// Size relative to the nominal text size. Naskh and Ethiopic letters are
    /// drawn small on their em; scaled up they match Noto Sans's x-height.
    pub fn scale(self) -> f32 {
        match self {
            Family::Sans => 1.0,
            Family::Arabic => 1.2,
            Family::Ethiopic => 1.08,
        }
    }
}

const FAMILIES: [Family; 3] = [Family::Sans, Family::Arabic, Family::Ethiopic];

/// One embedded font file: a family in a weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FontKey {
    pub family: Family,
    pub bold: bool,
}

impl FontKey {
    fn index(self) -> usize {
        let family = match self.family {
            Family::Sans => 0,
            Family::Arabic => 1,
            Family::Ethiopic => 2,
        };
        family * 2 + usize::from(self.bold)
    }
}

static FONT_FILES: [&[u8]; 6] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../fonts/NotoSansEthiopic-Regular.ttf"),
    include_bytes!("../fonts/NotoSansEthiopic-Bold.ttf"),
];

/// The parsed fonts, for shaping (rustybuzz) and for the PDF (krilla).
pub(crate) struct Fonts {
    faces: Vec<Face<'static>>,
    pdf: Vec<krilla::text::Font>,
}

impl Fonts {
    pub fn load() -> Fonts {
        // The files are part of the binary and known to parse (a test renders
        // every one of them), so failure here is a build defect.
        let faces = FONT_FILES.iter().map(|data| Face::from_slice(data, 0).expect("embedded font parses")).collect();
        let pdf = FONT_FILES.iter().map(|data| krilla::text::Font::new(krilla::Data::from(*data), 0).expect("embedded font parses")).collect();
        Fonts { faces, pdf }
    }

    pub fn face(&self, key: FontKey) -> &Face<'static> {
        &self.faces[key.index()]
    }

    pub fn pdf_font(&self, key: FontKey) -> krilla::text::Font {
        self.pdf[key.index()].clone()
    }

    fn covers(&self, family: Family, ch: char) -> bool {
        self.faces[FontKey { family, bold: false }.index()].glyph_index(ch).is_some()
    }

    /// The family to draw each character of `text` with, one entry per char.
    ///
    /// Letters take the first family that has them. Everything else (spaces,
    /// digits, punctuation, joiners, combining marks) stays with the letters
    /// around it when that font has it, so an Arabic phrase keeps its spaces and
    /// marks in the Arabic font and shapes as one run.
    pub fn families(&self, text: &str) -> Vec<Family> {
        let chars: Vec<char> = text.chars().collect();
        let mut chosen: Vec<Option<Family>> =
            chars.iter().map(|&ch| if ch.is_alphabetic() && !is_mark(ch) { Some(self.first_covering(ch)) } else { None }).collect();
        // Neutral characters: the previous letter's family, else the next one's.
        let mut previous: Option<Family> = None;
        for (i, &ch) in chars.iter().enumerate() {
            match chosen[i] {
                Some(family) => previous = Some(family),
                None => {
                    if let Some(family) = previous.filter(|&f| self.covers(f, ch)) {
                        chosen[i] = Some(family);
                    }
                }
            }
        }
        let mut next: Option<Family> = None;
        for i in (0..chars.len()).rev() {
            match chosen[i] {
                Some(family) => next = Some(family),
                None => {
                    let family = next.filter(|&f| self.covers(f, chars[i])).unwrap_or_else(|| self.first_covering(chars[i]));
                    chosen[i] = Some(family);
                }
            }
        }
        chosen.into_iter().map(|f| f.unwrap_or(Family::Sans)).collect()
    }

    fn first_covering(&self, ch: char) -> Family {
        FAMILIES.into_iter().find(|&f| self.covers(f, ch)).unwrap_or(Family::Sans)
    }
}

/// Combining marks follow their base letter, whatever their script.
fn is_mark(ch: char) -> bool {
    matches!(ch as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x135D..=0x135F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_take_their_script_font_and_spaces_stay_with_their_words() {
        let fonts = Fonts::load();
        let text = "Mødet السبت 14 ሰናይ";
        let families = fonts.families(text);
        let by_char: Vec<(char, Family)> = text.chars().zip(families).collect();
        assert_eq!(by_char[0], ('M', Family::Sans));
        assert_eq!(by_char[6], ('ا', Family::Arabic));
        // The space after an Arabic word is drawn with the Arabic font.
        assert_eq!(by_char[11], (' ', Family::Arabic));
        assert_eq!(by_char[15], ('ሰ', Family::Ethiopic));
    }

    #[test]
    fn a_mark_stays_with_its_base_letter() {
        let fonts = Fonts::load();
        let families = fonts.families("بِ");
        assert_eq!(families, vec![Family::Arabic, Family::Arabic]);
    }
}
