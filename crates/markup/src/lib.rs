//! Escaping text for HTML and SVG: the one escape every hand-written piece of markup
//! (charts, maps, highlighted snippets, plain-text-to-HTML) goes through, so none of them
//! can differ in what it covers. Text and attribute values are both safe: `&`, `<`, `>`,
//! `"` and `'` are replaced.

/// Appends `text` to `out` with the five markup characters escaped.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` with the five markup characters escaped, for element text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn every_markup_character_is_escaped_and_nothing_else() {
        assert_eq!(escape(r#"<a href="x" title='y'>Ærø & Co</a>"#), "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Ærø &amp; Co&lt;/a&gt;");
        assert_eq!(escape("plain æøå ٣"), "plain æøå ٣");
        assert_eq!(escape("&amp;"), "&amp;amp;", "escaping is not idempotent: text is text");
    }
}
