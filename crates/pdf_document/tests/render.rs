//! Renders Min plan documents in every language and checks the PDFs with
//! poppler's tools: the words come back out (`pdftotext`), the page is A4 and
//! the page count right (`pdfinfo`), right-to-left pages are right-aligned
//! (`pdftotext -bbox`). The PDFs and PNG pages are left in the test's target
//! folder for a person to look at.

mod samples;

use std::path::{Path, PathBuf};
use std::process::Command;

use pdf_document::{Block, Direction, Document, RenderError, Section, render};

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf_document");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Renders and writes `name.pdf`; returns its path.
fn write(name: &str, doc: &Document) -> PathBuf {
    let pdf = render(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    path
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} (poppler-utils) must be installed: {e}"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn text_of(path: &Path) -> String {
    run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

struct Info {
    pages: usize,
    width: f32,
    height: f32,
}

fn info(path: &Path) -> Info {
    let text = run("pdfinfo", &[path.to_str().unwrap()]);
    let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name)).unwrap_or_else(|| panic!("no {name} in {text}")).trim().to_string();
    let pages = field("Pages:").parse().unwrap();
    // "Page size:      595.276 x 841.89 pts (A4)"
    let size = field("Page size:");
    let mut numbers = size.split_whitespace().filter_map(|w| w.parse::<f32>().ok());
    Info { pages, width: numbers.next().unwrap(), height: numbers.next().unwrap() }
}

/// Collapses runs of whitespace, so a word broken over two lines still matches.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_language_renders_on_one_a4_page_and_its_words_come_back_out() {
    for sample in samples::all() {
        let path = write(&format!("plan-{}", sample.language), &sample.document);
        let info = info(&path);
        assert_eq!(info.pages, 1, "{}: pages", sample.language);
        assert!((info.width - 595.28).abs() < 0.5 && (info.height - 841.89).abs() < 0.5, "{}: not A4", sample.language);
        let text = normalized(&text_of(&path));
        for word in &sample.words {
            assert!(text.contains(word), "{}: {word:?} missing from pdftotext output:\n{text}", sample.language);
        }
    }
}

#[test]
fn the_pdf_is_tagged_with_headings_lists_tables_and_languages() {
    let sample = samples::arabic();
    let path = write("plan-ar-tagged", &sample.document);
    let pdf = std::fs::read(&path).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    // The document language, and Danish where staff wrote Danish (the contact
    // person's details and the note).
    assert!(raw.contains("/Lang(ar)"), "no /Lang (ar) in the catalog");
    assert_eq!(raw.matches("/Lang(da)").count(), 2, "Danish texts not marked");
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let structure = run("pdfinfo", &["-struct", path.to_str().unwrap()]);
    let kinds: Vec<&str> = structure.lines().filter_map(|l| l.split_whitespace().next()).map(|k| k.trim_end_matches(':')).collect();
    for kind in ["H1", "H2", "Sect", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"] {
        assert!(kinds.contains(&kind), "no {kind} in the structure tree:\n{structure}");
    }
    // Headings come in reading order: the first section's heading first.
    let danish = write("plan-da-tagged", &samples::danish().document);
    let text = run("pdfinfo", &["-struct-text", danish.to_str().unwrap()]);
    let title = text.find("Min plan").unwrap();
    let goals = text.find("Mine mål").unwrap();
    let appointments = text.find("Næste aftaler").unwrap();
    assert!(title < goals && goals < appointments, "{text}");
    // The footer is an artifact, outside the structure.
    assert!(!text.contains("Ring til din sagsbehandler"), "{text}");
}

#[test]
fn fonts_are_subsetted_so_the_pdf_stays_small() {
    // The six embedded fonts weigh about 2 MB; a plan uses a few hundred glyphs.
    for sample in [samples::danish(), samples::arabic(), samples::tigrinya()] {
        let pdf = render(&sample.document).unwrap();
        assert!(pdf.len() < 150_000, "{}: {} bytes", sample.language, pdf.len());
    }
}

#[test]
fn a_long_plan_continues_on_a_second_page() {
    let doc = samples::long(samples::danish(), 12);
    let path = write("plan-da-long", &doc);
    assert_eq!(info(&path).pages, 2);
    let text = text_of(&path);
    // Nothing is cut off: the last paragraph and the footer are on the second page.
    let second = text.split('\u{c}').nth(1).unwrap();
    assert!(normalized(second).contains("Indsats 12"), "{second}");
    assert!(normalized(second).contains("Ring til din sagsbehandler"), "{second}");
    assert!(second.replace(' ', "").contains("2/2"), "{second}");
}

#[test]
fn a_plan_too_long_for_two_pages_is_refused_in_danish() {
    let doc = samples::long(samples::danish(), 80);
    let error = render(&doc).unwrap_err();
    assert!(matches!(error, RenderError::TooLong { pages } if pages > 2), "{error:?}");
    assert!(error.to_string().contains("for lang"), "{error}");
}

#[test]
fn a_plan_slightly_over_two_pages_is_set_smaller_to_fit() {
    // At full size this needs three pages; the smaller size fits it on two.
    let doc = samples::long(samples::danish(), 24);
    let path = write("plan-da-longer", &doc);
    assert_eq!(info(&path).pages, 2);
    assert!(normalized(&text_of(&path)).contains("Indsats 24"));
}

/// x of each word's left and right edge, from `pdftotext -bbox`.
fn word_boxes(path: &Path) -> Vec<(String, f32, f32)> {
    let html = run("pdftotext", &["-bbox", "-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    html.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix("<word ")?;
            let attr = |name: &str| -> f32 {
                let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                rest[start..].split('"').next().unwrap().parse().unwrap()
            };
            let word = rest.split('>').nth(1)?.split("</word").next()?.to_string();
            // pdftotext -bbox gives right-to-left words in visual order: put
            // their letters back in reading order.
            let word = if word.chars().any(is_rtl_letter) { word.chars().rev().collect() } else { word };
            Some((word, attr("xMin"), attr("xMax")))
        })
        .collect()
}

fn is_rtl_letter(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[test]
fn a_right_to_left_page_is_right_aligned() {
    for sample in [samples::arabic(), samples::dari()] {
        let path = write(&format!("plan-{}-rtl", sample.language), &sample.document);
        let boxes = word_boxes(&path);
        let right_margin = 595.28 - 56.7;
        // The title's words end at the right margin, none near the left one.
        let title_word = sample.document.title.split_whitespace().next().unwrap();
        let (_, _, x_max) = boxes.iter().find(|(w, _, _)| w == title_word).unwrap_or_else(|| panic!("{title_word} not in {boxes:?}"));
        assert!((x_max - right_margin).abs() < 2.0, "{}: title ends at {x_max}", sample.language);
        // Every line of the plan is pushed to the right margin: the rightmost
        // word of the meta lines ends there too.
        let meta = sample.document.meta[0].split_whitespace().next().unwrap();
        let (_, _, meta_max) = boxes.iter().find(|(w, _, _)| w == meta).unwrap();
        assert!((meta_max - right_margin).abs() < 2.0, "{}: meta ends at {meta_max}", sample.language);
    }
    // And a left-to-right page starts at the left margin.
    let path = write("plan-da-ltr", &samples::danish().document);
    let boxes = word_boxes(&path);
    let (_, x_min, _) = boxes.iter().find(|(w, _, _)| w == "Min").unwrap();
    assert!((x_min - 56.7).abs() < 2.0, "title starts at {x_min}");
}

#[test]
fn danish_inside_an_arabic_line_reads_left_to_right() {
    let doc = Document {
        language: "ar".into(),
        direction: Direction::Rtl,
        title: "موعد".into(),
        meta: vec![],
        sections: vec![Section {
            heading: "المواعيد".into(), blocks: vec![Block::Paragraph("الموعد في Jobcenter Aarhus يوم 14 ديسمبر".into())]
        }],
        footer: None,
    };
    let path = write("mixed-ar-da", &doc);
    let boxes = word_boxes(&path);
    let x = |word: &str| boxes.iter().find(|(w, _, _)| w == word).unwrap_or_else(|| panic!("{word}: {boxes:?}")).1;
    // Latin words keep their order left to right; the Arabic around them reads
    // right to left, so "الموعد" (first word) is rightmost and "ديسمبر" leftmost.
    assert!(x("Jobcenter") < x("Aarhus"));
    assert!(x("Aarhus") < x("الموعد"));
    assert!(x("ديسمبر") < x("Jobcenter"));
}

#[test]
fn pages_render_to_png_for_a_person_to_look_at() {
    // pdftoppm must be able to rasterise every page (a broken font program or
    // content stream makes it fail); the PNGs are kept next to the PDFs.
    for sample in samples::all() {
        let path = write(&format!("plan-{}", sample.language), &sample.document);
        let prefix = out_dir().join(format!("plan-{}", sample.language));
        run("pdftoppm", &["-r", "80", "-png", path.to_str().unwrap(), prefix.to_str().unwrap()]);
        assert!(out_dir().join(format!("plan-{}-1.png", sample.language)).exists());
    }
}

#[test]
fn each_character_finds_its_font_in_a_mixed_document() {
    // A Danish plan naming the person in Arabic script and quoting Tigrinya and
    // Ukrainian: every script comes back out of the same PDF.
    let doc = Document {
        language: "da".into(),
        direction: Direction::Ltr,
        title: "Min plan – أمينة حسن".into(),
        meta: vec!["Aarhus Kommune".into()],
        sections: vec![Section {
            heading: "Sprog".into(),
            blocks: vec![
                Block::Field { label: "Navn på arabisk".into(), value: pdf_document::Text::in_language("أمينة حسن", "ar") },
                Block::Bullet("Tigrinya: ሰላም, ukrainsk: Привіт, somali: Nabad".into()),
            ],
        }],
        footer: None,
    };
    let path = write("mixed-scripts", &doc);
    let text = normalized(&text_of(&path));
    for word in ["Min plan", "أمينة", "حسن", "ሰላም", "Привіт", "Nabad"] {
        assert!(text.contains(word), "{word:?} missing:\n{text}");
    }
    // Three font families, each subsetted into the PDF.
    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    for family in ["NotoSans-Regular", "NotoNaskhArabic", "NotoSansEthiopic"] {
        assert!(fonts.contains(family), "{family} not embedded:\n{fonts}");
    }
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes yes ")), "every font embedded and subsetted:\n{fonts}");
}

#[test]
fn a_long_right_to_left_plan_continues_on_a_second_page() {
    let mut doc = samples::arabic().document;
    doc.sections.push(Section {
        heading: "إجراءات أخرى".into(),
        blocks: (1..=14)
            .map(|i| {
                Block::Paragraph(
                    format!(
                        "الإجراء {i}: ستشاركين في برنامج مع مرشدة تساعدك على فهم البلدية \
                         والنظام الصحي وسوق العمل. سنتابع ذلك كل أسبوعين."
                    )
                    .into(),
                )
            })
            .collect(),
    });
    let path = write("plan-ar-long", &doc);
    assert_eq!(info(&path).pages, 2);
    let second = text_of(&path).split('\u{c}').nth(1).unwrap().to_string();
    assert!(normalized(&second).contains("سنتابع"), "{second}");
    // The page number sits at the end side of an RTL page: the left.
    let boxes = word_boxes(&path);
    assert!(boxes.iter().any(|(w, x_min, _)| (w == "1" || w == "2") && (x_min - 56.7).abs() < 2.0), "no page number at the left margin: {boxes:?}");
}

#[test]
fn a_long_field_value_continues_on_the_next_page_within_the_margins() {
    let mut doc = samples::danish().document;
    // Taller than a page: the row must be split between the pages.
    let note = (1..=70).map(|i| format!("Aftale {i}: vi ringer til dig om ugen før mødet.")).collect::<Vec<_>>().join(" ");
    doc.sections.push(Section { heading: "Noter".into(), blocks: vec![Block::Field { label: "Sagsbehandlerens note".into(), value: note.into() }] });
    let path = write("plan-da-long-field", &doc);
    assert_eq!(info(&path).pages, 2);
    assert!(normalized(&text_of(&path)).contains("Aftale 70"));
    // Nothing overlaps the footer or is cut off: on the second page every word
    // is above the footer line or on it, and the footer is on the page.
    let html = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let second = html.split("<page ").nth(2).unwrap();
    let attr = |line: &str, name: &str| -> Option<f32> { line.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.parse().ok() };
    let words: Vec<(f32, f32, &str)> =
        second.lines().filter(|l| l.contains("<word ")).map(|l| (attr(l, "yMin").unwrap(), attr(l, "yMax").unwrap(), l)).collect();
    let footer_top = words.iter().find(|(_, _, l)| l.contains(">Planen<")).unwrap().0;
    for (y_min, y_max, line) in &words {
        let on_footer_line = (y_min - footer_top).abs() < 1.0;
        assert!(on_footer_line || *y_max <= footer_top, "overlaps the footer: {line}");
        assert!(*y_max < 841.89 - 28.0, "too near the page edge: {line}");
    }
}
