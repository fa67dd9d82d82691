//! Realistic Min plan documents in the seven languages of the plan, with words
//! that text extraction must give back.

use pdf_document::{Block, Direction, Document, Section, Text};

pub struct Sample {
    pub language: &'static str,
    pub document: Document,
    /// Words that `pdftotext` must find in the PDF.
    pub words: Vec<&'static str>,
}

fn field(label: &str, value: impl Into<Text>) -> Block {
    Block::Field { label: label.into(), value: value.into() }
}

fn bullet(text: &str) -> Block {
    Block::Bullet(text.into())
}

fn paragraph(text: impl Into<Text>) -> Block {
    Block::Paragraph(text.into())
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section { heading: heading.into(), blocks }
}

fn doc(language: &str, direction: Direction, title: &str, meta: [&str; 3], sections: Vec<Section>, footer: &str) -> Document {
    Document {
        language: language.into(),
        direction,
        title: title.into(),
        meta: meta.iter().map(|m| m.to_string()).collect(),
        sections,
        footer: Some(footer.into()),
    }
}

/// Written by the caseworker in Danish, shown as written in every language.
fn staff_note() -> Text {
    Text::in_language("Husk at tage dit opholdskort og din NemID-kode med til mødet.", "da")
}

pub fn danish() -> Sample {
    Sample {
        language: "da",
        document: doc(
            "da",
            Direction::Ltr,
            "Min plan – Amina Hassan",
            ["Aarhus Kommune", "Dato: 23. november 2026", "Planversion 3"],
            vec![
                section(
                    "Mine mål",
                    vec![
                        bullet("Jeg vil lære dansk, så jeg kan tale med mine børns lærere."),
                        bullet("Jeg vil have et arbejde i en børnehave inden for et år."),
                    ],
                ),
                section(
                    "Det gør vi sammen",
                    vec![
                        paragraph(
                            "Du begynder på danskuddannelse 2, modul 3, hos Lærdansk Aarhus. \
                             Undervisningen er tre formiddage om ugen. Samtidig får du en \
                             praktikplads i Børnehuset Æblehaven, hvor du er to dage om ugen.",
                        ),
                        bullet("Danskuddannelse: fra 5. januar 2027"),
                        bullet("Praktik i Børnehuset Æblehaven: fra 1. februar 2027"),
                    ],
                ),
                section(
                    "Næste aftaler",
                    vec![
                        field("Næste møde", "1. december 2026 kl. 10.00, Jobcenter Aarhus, Værkmestergade 23"),
                        field("Sundhedsplejerske", "8. december 2026 kl. 13.30, hjemmebesøg"),
                    ],
                ),
                section(
                    "Mine kontaktpersoner",
                    vec![
                        field("Sagsbehandler", "Mette Jensen, tlf. 87 13 00 00"),
                        field("Mentor", "Søren Østergaard, tlf. 87 13 11 22"),
                        paragraph(staff_note()),
                    ],
                ),
                section("Frister", vec![field("Integrationsprogrammet slutter", "31. august 2028")]),
            ],
            "Planen er lavet sammen med dig. Ring til din sagsbehandler, hvis noget skal ændres.",
        ),
        words: vec!["Min plan", "Aarhus Kommune", "Planversion 3", "Æblehaven", "Søren Østergaard", "børnehave", "Næste møde", "opholdskort"],
    }
}

pub fn english() -> Sample {
    Sample {
        language: "en",
        document: doc(
            "en",
            Direction::Ltr,
            "My plan – Amina Hassan",
            ["Aarhus Municipality", "Date: 23 November 2026", "Plan version 3"],
            vec![
                section(
                    "My goals",
                    vec![bullet("I want to learn Danish so I can talk to my children's teachers."), bullet("I want a job in a kindergarten within a year.")],
                ),
                section(
                    "What we will do together",
                    vec![
                        paragraph(
                            "You start Danish education 2, module 3, at Lærdansk Aarhus. Classes \
                             are three mornings a week. You will also have a work placement at \
                             Børnehuset Æblehaven two days a week.",
                        ),
                        bullet("Danish classes: from 5 January 2027"),
                    ],
                ),
                section("Next appointments", vec![field("Next meeting", "1 December 2026 at 10:00, Jobcenter Aarhus")]),
                section("My contact persons", vec![field("Caseworker", "Mette Jensen, phone 87 13 00 00"), paragraph(staff_note())]),
            ],
            "This plan was made together with you. Call your caseworker if anything needs to change.",
        ),
        words: vec!["My plan", "Aarhus Municipality", "kindergarten", "Next meeting", "Æblehaven", "opholdskort"],
    }
}

pub fn arabic() -> Sample {
    Sample {
        language: "ar",
        document: doc(
            "ar",
            Direction::Rtl,
            "خطتي – أمينة حسن",
            ["بلدية آرهوس", "التاريخ: 23 نوفمبر 2026", "إصدار الخطة 3"],
            vec![
                section("أهدافي", vec![bullet("أريد أن أتعلم اللغة الدنماركية لكي أتحدث مع معلمي أطفالي."), bullet("أريد أن أعمل في روضة أطفال خلال سنة.")]),
                section(
                    "ما سنفعله معًا",
                    vec![
                        paragraph(
                            "ستبدئين دورة اللغة الدنماركية 2، الوحدة 3، في Lærdansk Aarhus. \
                             الدروس ثلاثة صباحات في الأسبوع. وستحصلين أيضًا على تدريب عملي في \
                             روضة Børnehuset Æblehaven يومين في الأسبوع.",
                        ),
                        bullet("دورة اللغة: من 5 يناير 2027"),
                    ],
                ),
                section("المواعيد القادمة", vec![field("الموعد القادم", "1 ديسمبر 2026 الساعة 10:00، Jobcenter Aarhus")]),
                section("جهات الاتصال", vec![field("مسؤولة الحالة", Text::in_language("Mette Jensen, tlf. 87 13 00 00", "da")), paragraph(staff_note())]),
            ],
            "وُضعت هذه الخطة بالتعاون معك. اتصلي بمسؤولة حالتك إذا أردت تغيير شيء.",
        ),
        words: vec!["خطتي", "بلدية", "آرهوس", "الدنماركية", "أطفالي", "Jobcenter", "Mette", "Jensen", "opholdskort"],
    }
}

pub fn ukrainian() -> Sample {
    Sample {
        language: "uk",
        document: doc(
            "uk",
            Direction::Ltr,
            "Мій план – Олена Коваленко",
            ["Муніципалітет Орхус", "Дата: 23 листопада 2026", "Версія плану 3"],
            vec![
                section(
                    "Мої цілі",
                    vec![bullet("Я хочу вивчити данську мову, щоб працювати медсестрою."), bullet("Я хочу, щоб мій син ходив до данської школи.")],
                ),
                section(
                    "Що ми зробимо разом",
                    vec![paragraph(
                        "Ви почнете курс данської мови 3, модуль 2, у Lærdansk Aarhus. Заняття \
                         проходять чотири ранки на тиждень.",
                    )],
                ),
                section("Наступні зустрічі", vec![field("Наступна зустріч", "1 грудня 2026 о 10:00, Jobcenter Aarhus")]),
                section("Контактні особи", vec![field("Соціальний працівник", "Mette Jensen, тел. 87 13 00 00"), paragraph(staff_note())]),
            ],
            "План складено разом з вами. Зателефонуйте своєму соціальному працівнику, якщо щось потрібно змінити.",
        ),
        words: vec!["Мій план", "Муніципалітет", "медсестрою", "Наступна зустріч", "Lærdansk", "opholdskort"],
    }
}

pub fn tigrinya() -> Sample {
    Sample {
        language: "ti",
        document: doc(
            "ti",
            Direction::Ltr,
            "ናተይ መደብ – ሳባ ተኽለ",
            ["ምምሕዳር ኣርሁስ", "ዕለት: 23 ሕዳር 2026", "ስሪት መደብ 3"],
            vec![
                section("ዕላማታተይ", vec![bullet("ዴንማርክኛ ቋንቋ ክመሃር እደሊ።"), bullet("ኣብ ሆስፒታል ስራሕ ክረክብ እደሊ።")]),
                section(
                    "ብሓባር እንገብሮ",
                    vec![paragraph(
                        "ናይ ዴንማርክኛ ትምህርቲ ኣብ Lærdansk Aarhus ክትጅምሪ ኢኺ። ትምህርቲ ኣብ ሰሙን \
                         ሰለስተ ግዜ ኣብ ንግሆ እዩ።",
                    )],
                ),
                section("ዝቕጽል ቆጸራ", vec![field("ዝቕጽል ርክብ", "1 ታሕሳስ 2026 ሰዓት 10:00, Jobcenter Aarhus")]),
                section("ተራኺቢ ሰባት", vec![field("ሰራሕተኛ ጉዳይ", "Mette Jensen, 87 13 00 00"), paragraph(staff_note())]),
            ],
            "እዚ መደብ ምሳኺ ብሓባር እዩ ተዳልዩ። ገለ ክቕየር እንተደሊኺ ንሰራሕተኛ ጉዳይኪ ደውሊ።",
        ),
        words: vec!["ናተይ", "መደብ", "ምምሕዳር", "ዕላማታተይ", "ቋንቋ", "ዴንማርክኛ", "Jobcenter", "opholdskort"],
    }
}

pub fn dari() -> Sample {
    Sample {
        language: "fa-AF",
        document: doc(
            "fa-AF",
            Direction::Rtl,
            "پلان من – احمد رحیمی",
            ["شاروالی آرهوس", "تاریخ: ۲۳ نومبر ۲۰۲۶", "نسخهٔ پلان ۳"],
            vec![
                section("اهداف من", vec![bullet("می‌خواهم زبان دنمارکی را یاد بگیرم."), bullet("می‌خواهم در یک ورکشاپ نجاری کار پیدا کنم.")]),
                section(
                    "کارهایی که با هم انجام می‌دهیم",
                    vec![paragraph(
                        "شما کورس زبان دنمارکی را در Lærdansk Aarhus شروع می‌کنید. درس‌ها هفته‌ای \
                         سه روز صبح است.",
                    )],
                ),
                section("ملاقات بعدی", vec![field("ملاقات بعدی", "۱ دسمبر ۲۰۲۶ ساعت ۱۰:۰۰، Jobcenter Aarhus")]),
                section("اشخاص تماس", vec![field("کارمند مسئول", Text::in_language("Mette Jensen, tlf. 87 13 00 00", "da")), paragraph(staff_note())]),
            ],
            "این پلان با همکاری شما ساخته شده است. اگر چیزی باید تغییر کند، به کارمند مسئول خود زنگ بزنید.",
        ),
        words: vec!["پلان", "می\u{200c}خواهم", "شاروالی", "آرهوس", "دنمارکی", "Jobcenter", "Mette", "opholdskort"],
    }
}

pub fn somali() -> Sample {
    Sample {
        language: "so",
        document: doc(
            "so",
            Direction::Ltr,
            "Qorshahayga – Faadumo Cali",
            ["Degmada Aarhus", "Taariikhda: 23 Noofembar 2026", "Nooca qorshaha 3"],
            vec![
                section("Yoolalkayga", vec![bullet("Waxaan rabaa inaan barto luqadda Deenishka."), bullet("Waxaan rabaa inaan shaqo ka helo dukaan.")]),
                section(
                    "Waxa aan wada qabanayno",
                    vec![paragraph(
                        "Waxaad bilaabaysaa koorsada luqadda Deenishka ee Lærdansk Aarhus. \
                         Casharradu waa saddex subax toddobaadkii.",
                    )],
                ),
                section("Ballamaha xiga", vec![field("Ballanta xigta", "1 Diseembar 2026 saacadda 10:00, Jobcenter Aarhus")]),
                section("Dadka lala xiriirayo", vec![field("Shaqaalaha kiiska", "Mette Jensen, tel. 87 13 00 00"), paragraph(staff_note())]),
            ],
            "Qorshahan waxaa laguu sameeyay adiga oo ka qayb qaadanaya. Wac shaqaalahaaga haddii wax la beddelayo.",
        ),
        words: vec!["Qorshahayga", "Degmada Aarhus", "Deenishka", "Ballanta xigta", "Lærdansk", "opholdskort"],
    }
}

pub fn all() -> Vec<Sample> {
    vec![danish(), english(), arabic(), ukrainian(), tigrinya(), dari(), somali()]
}

/// A plan with many actions: more than a page, so it continues on a second.
pub fn long(language_sample: Sample, extra_paragraphs: usize) -> Document {
    let mut document = language_sample.document;
    let filler: Vec<Block> = (1..=extra_paragraphs)
        .map(|i| {
            paragraph(format!(
                "Indsats {i}: Du deltager i et forløb med en mentor, som hjælper dig med at \
                 finde vej i kommunen, i sundhedsvæsenet og på arbejdsmarkedet. Vi følger op \
                 på indsatsen hver fjortende dag."
            ))
        })
        .collect();
    document.sections.push(Section { heading: "Flere indsatser".into(), blocks: filler });
    document
}
