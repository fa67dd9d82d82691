//! Whatever text staff or a catalogue put into a plan, `render` gives a PDF or
//! a clear error, never a panic: empty parts, characters no embedded font has,
//! control characters, and random mixes of every script the plan uses.

use pdf_document::{Block, Direction, Document, Section, Text, render};
use proptest::prelude::*;

fn document(direction: Direction, title: &str, texts: &[String]) -> Document {
    Document {
        language: if direction == Direction::Rtl { "ar" } else { "da" }.into(),
        direction,
        title: title.into(),
        meta: texts.iter().take(1).cloned().collect(),
        sections: vec![Section {
            heading: texts.first().cloned().unwrap_or_default(),
            blocks: texts
                .iter()
                .enumerate()
                .map(|(i, t)| match i % 3 {
                    0 => Block::Paragraph(t.clone().into()),
                    1 => Block::Bullet(Text::in_language(t.clone(), "ti")),
                    _ => Block::Field { label: t.clone().into(), value: Text::in_language(t.clone(), "uk") },
                })
                .collect(),
        }],
        footer: texts.last().cloned(),
    }
}

#[test]
fn an_empty_document_renders() {
    let doc = Document {
        language: "da".into(),
        direction: Direction::Ltr,
        title: String::new(),
        meta: vec![],
        sections: vec![Section { heading: String::new(), blocks: vec![] }],
        footer: Some(String::new()),
    };
    assert!(render(&doc).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn characters_without_a_font_and_control_characters_do_not_break_it() {
    let texts = vec![
        "Emoji 😀, kinesisk 你好, tab\there, CR\r\nLF, NUL\u{0}, C1\u{85}slut".to_string(),
        "\u{200f}\u{202e}omvendt\u{202c} \u{2066}isolat\u{2069} \u{feff}".to_string(),
        "   ".to_string(),
        "\n\n\n".to_string(),
    ];
    for direction in [Direction::Ltr, Direction::Rtl] {
        let pdf = render(&document(direction, "Titel", &texts)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

/// Characters from every script of the plan's languages, plus spaces,
/// punctuation, digits, marks and joiners.
fn plan_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('a', 'z'),
        Just('æ'),
        Just('ø'),
        Just('å'),
        Just(' '),
        Just(' '),
        Just('\n'),
        Just('-'),
        Just('('),
        Just(')'),
        Just('.'),
        prop::char::range('0', '9'),
        prop::char::range('\u{0621}', '\u{064A}'), // Arabic letters
        prop::char::range('\u{064B}', '\u{0652}'), // Arabic marks
        prop::char::range('\u{06F0}', '\u{06F9}'), // Persian digits
        Just('\u{200C}'),                          // ZWNJ
        prop::char::range('\u{1200}', '\u{1248}'), // Ethiopic
        prop::char::range('\u{0410}', '\u{044F}'), // Cyrillic
        Just('\u{0301}'),                          // combining acute
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_mix_of_the_plan_scripts_renders(
        texts in prop::collection::vec(prop::collection::vec(plan_char(), 0..120), 1..8),
        rtl in any::<bool>(),
    ) {
        let texts: Vec<String> = texts.into_iter().map(|t| t.into_iter().collect()).collect();
        let direction = if rtl { Direction::Rtl } else { Direction::Ltr };
        let pdf = render(&document(direction, &texts[0], &texts)).unwrap();
        prop_assert!(pdf.starts_with(b"%PDF-"));
    }
}
