//! The translation catalogue for what citizens read: interface words, headings and the
//! texts of the municipality's catalogue actions, as Fluent files (`locales/*.ftl`)
//! embedded in the binary, one per supported language.
//!
//! Danish is the source language: every key exists in Danish, and a key missing in
//! another language falls back to the Danish text, flagged so the caller can mark it
//! (decision 061). No I/O: the files are compiled in.
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

/// A language the catalogue offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// The code used in URLs and stored as a preference (`da`, `en`, `ar`, `uk`, `ti`, `prs`, `so`).
    pub code: &'static str,
    /// The BCP 47 tag for `lang` attributes and PDF metadata.
    pub tag: &'static str,
    /// The language's name in itself, for the language switcher.
    pub native_name: &'static str,
    /// Written right to left.
    pub rtl: bool,
    source: &'static str,
}

/// Every supported language; Danish first (the source and the fallback).
pub const LANGUAGES: &[Language] = &[
    Language { code: "da", tag: "da", native_name: "Dansk", rtl: false, source: include_str!("../locales/da.ftl") },
    Language { code: "en", tag: "en", native_name: "English", rtl: false, source: include_str!("../locales/en.ftl") },
    Language { code: "ar", tag: "ar", native_name: "العربية", rtl: true, source: include_str!("../locales/ar.ftl") },
    Language { code: "uk", tag: "uk", native_name: "Українська", rtl: false, source: include_str!("../locales/uk.ftl") },
    Language { code: "ti", tag: "ti", native_name: "ትግርኛ", rtl: false, source: include_str!("../locales/ti.ftl") },
    Language { code: "prs", tag: "fa-AF", native_name: "دری", rtl: true, source: include_str!("../locales/prs.ftl") },
    Language { code: "so", tag: "so", native_name: "Soomaali", rtl: false, source: include_str!("../locales/so.ftl") },
];

/// Danish, the source language.
pub fn danish() -> &'static Language {
    &LANGUAGES[0]
}

/// The language with this code (or BCP 47 tag, e.g. `fa-AF` for Dari), case-insensitive.
pub fn language(code: &str) -> Option<&'static Language> {
    let code = code.trim();
    LANGUAGES.iter().find(|l| l.code.eq_ignore_ascii_case(code) || l.tag.eq_ignore_ascii_case(code))
}

/// The codes of every language, for error messages.
pub fn codes() -> Vec<&'static str> {
    LANGUAGES.iter().map(|l| l.code).collect()
}

/// A looked-up text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The text.
    pub text: String,
    /// True when the language lacks the key and this is the Danish text instead.
    pub fallback: bool,
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle] {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|l| {
                let resource =
                    FluentResource::try_new(l.source.to_string()).unwrap_or_else(|(_, errors)| panic!("locales/{}.ftl does not parse: {errors:?}", l.code));
                let id = l.tag.parse().unwrap_or_else(|_| panic!("{} is a language tag", l.tag));
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Direction is set by the page and the PDF; isolation marks would end up in
                // copied and extracted text.
                bundle.set_use_isolating(false);
                bundle.add_resource(resource).unwrap_or_else(|e| panic!("locales/{}.ftl has duplicate keys: {e:?}", l.code));
                bundle
            })
            .collect()
    })
}

fn bundle(lang: &Language) -> &'static Bundle {
    let i = LANGUAGES.iter().position(|l| l.code == lang.code).unwrap_or(0);
    &bundles()[i]
}

/// A placeholder's value. Numbers stay numbers, so the language's plural rules choose the
/// form (`{ $hours -> [one] … [few] … *[other] … }`: Arabic has six forms, Ukrainian four).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// Text shown as it is (names, dates, times).
    Text(&'a str),
    /// A count or an amount.
    Number(f64),
}

fn format(bundle: &Bundle, key: &str, args: &[(&str, Value<'_>)]) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Value::Text(text) => fluent_args.set(*name, text.to_string()),
            Value::Number(number) => fluent_args.set(*name, *number),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// The text of `key` in `lang` with the named text arguments filled in; the Danish text,
/// flagged, when the language lacks it; the key itself, flagged, when Danish lacks it
/// too (a test makes sure it never does).
pub fn text(lang: &Language, key: &str, args: &[(&str, &str)]) -> Translated {
    let args: Vec<(&str, Value<'_>)> = args.iter().map(|(name, text)| (*name, Value::Text(text))).collect();
    text_with(lang, key, &args)
}

/// As [`text`], with arguments that may be numbers.
pub fn text_with(lang: &Language, key: &str, args: &[(&str, Value<'_>)]) -> Translated {
    if let Some(text) = format(bundle(lang), key, args) {
        return Translated { text, fallback: false };
    }
    let text = format(bundle(danish()), key, args).unwrap_or_else(|| key.to_string());
    Translated { text, fallback: lang.code != "da" || !has(danish(), key) }
}

/// A municipality's approved texts for one language (key → Fluent pattern), which win
/// over the shipped catalogue.
pub type Overrides = std::collections::HashMap<String, String>;

/// As [`text_with`], with the municipality's approved texts first. An override that
/// cannot be formatted (it was checked when proposed) falls back to the shipped text.
pub fn text_overridden(lang: &'static Language, overrides: &Overrides, key: &str, args: &[(&str, Value<'_>)]) -> Translated {
    if let Some(text) = overrides.get(key).and_then(|pattern| bundle_of(lang, key, pattern).ok()).and_then(|b| format(&b, key, args)) {
        return Translated { text, fallback: false };
    }
    text_with(lang, key, args)
}

/// The one-message source `key = pattern`, continuation lines indented as Fluent wants.
fn source_of(key: &str, pattern: &str) -> String {
    let body = pattern.trim().lines().map(str::trim_end).collect::<Vec<_>>().join("\n    ");
    format!("{key} = {body}\n")
}

fn bundle_of(lang: &Language, key: &str, pattern: &str) -> Result<Bundle, String> {
    let resource = FluentResource::try_new(source_of(key, pattern)).map_err(|(_, e)| format!("{e:?}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![lang.tag.parse().map_err(|_| lang.tag.to_string())?]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).map_err(|e| format!("{e:?}"))?;
    Ok(bundle)
}

/// The variables (`$name`) a pattern uses, sorted.
fn variables(pattern: &fluent_syntax::ast::Pattern<&str>) -> Vec<String> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
        match e {
            InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
            InlineExpression::Placeable { expression } => expression_vars(expression, out),
            _ => {}
        }
    }
    fn expression_vars(e: &Expression<&str>, out: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern_vars(&v.value, out);
                }
            }
        }
    }
    fn pattern_vars(p: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
        for element in &p.elements {
            if let PatternElement::Placeable { expression } = element {
                expression_vars(expression, out);
            }
        }
    }
    let mut out = Vec::new();
    pattern_vars(pattern, &mut out);
    out.sort();
    out.dedup();
    out
}

fn pattern_variables(source: &str, key: &str) -> Option<Vec<String>> {
    let resource = fluent_syntax::parser::parse(source).ok()?;
    resource.body.iter().find_map(|e| match e {
        fluent_syntax::ast::Entry::Message(m) if m.id.name == key => m.value.as_ref().map(variables),
        _ => None,
    })
}

/// Why a proposed text cannot be used, in Danish: the key must exist, the text must be
/// valid Fluent, use only the Danish text's variables and keep every one of them.
pub fn check(lang: &Language, key: &str, pattern: &str) -> Result<(), String> {
    let Some(source) = pattern_variables(danish().source, key) else {
        return Err(format!("«{key}» findes ikke i kataloget"));
    };
    if pattern.trim().is_empty() {
        return Err("skriv en tekst".into());
    }
    let own = pattern_variables(&source_of(key, pattern), key)
        .ok_or_else(|| "teksten kan ikke læses som Fluent: tjek krøllede parenteser { } og varianter".to_string())?;
    if let Some(unknown) = own.iter().find(|v| !source.contains(v)) {
        return Err(format!("${unknown} findes ikke i den danske tekst; brug {}", list(&source)));
    }
    if let Some(missing) = source.iter().find(|v| !own.contains(v)) {
        return Err(format!("${missing} mangler: den danske tekst viser den"));
    }
    bundle_of(lang, key, pattern).map(|_| ())
}

fn list(variables: &[String]) -> String {
    if variables.is_empty() { "ingen variabler".into() } else { variables.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ") }
}

/// The shipped text of a key as written in the language's file (`None`: not translated).
pub fn shipped(lang: &Language, key: &str) -> Option<String> {
    let start = lang.source.lines().position(|l| l.starts_with(&format!("{key} =")))?;
    let mut lines = lang.source.lines().skip(start);
    let first = lines.next()?.split_once('=')?.1.trim().to_string();
    let rest: Vec<&str> = lines.take_while(|l| l.starts_with(' ')).map(str::trim).collect();
    Some(if rest.is_empty() { first } else { format!("{first}\n{}", rest.join("\n")) })
}

/// Where a key is shown: the heading of its section in the Danish file.
pub fn section(key: &str) -> String {
    let mut heading = String::new();
    for line in danish().source.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.trim().to_string();
        } else if line.starts_with(&format!("{key} =")) {
            return heading;
        }
    }
    heading
}

/// The language's whole file with the municipality's texts in place of the shipped ones,
/// in Danish's key order, for the project to take back into the shipped catalogue.
pub fn export(lang: &Language, overrides: &Overrides) -> String {
    let mut out = format!("# {} ({}): the shipped catalogue with the municipality's approved texts.\n", lang.native_name, lang.code);
    let mut heading = String::new();
    for key in keys(danish()) {
        let h = section(&key);
        if h != heading {
            out.push_str(&format!("\n## {h}\n"));
            heading = h;
        }
        if let Some(text) = overrides.get(&key).cloned().or_else(|| shipped(lang, &key)) {
            out.push_str(&source_of(&key, &text));
        }
    }
    out
}

/// Whether the language itself has the key.
pub fn has(lang: &Language, key: &str) -> bool {
    bundle(lang).get_message(key).and_then(|m| m.value()).is_some()
}

/// Every key of a language's file, in file order.
pub fn keys(lang: &Language) -> Vec<String> {
    let resource = FluentResource::try_new(lang.source.to_string()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// How much of the Danish catalogue a language covers.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// The language.
    pub language: &'static Language,
    /// Danish keys it has.
    pub translated: usize,
    /// Danish keys in all.
    pub total: usize,
    /// Danish keys it lacks (shown in Danish, marked).
    pub missing: Vec<String>,
    /// Keys it has that Danish does not (mistakes: never shown).
    pub unknown: Vec<String>,
}

/// Coverage of every language against Danish.
pub fn coverage() -> Vec<Coverage> {
    let source = keys(danish());
    LANGUAGES
        .iter()
        .map(|l| {
            let own = keys(l);
            Coverage {
                language: l,
                translated: source.iter().filter(|k| own.contains(k)).count(),
                total: source.len(),
                missing: source.iter().filter(|k| !own.contains(k)).cloned().collect(),
                unknown: own.iter().filter(|k| !source.contains(k)).cloned().collect(),
            }
        })
        .collect()
}
