//! Highlighted text as plain segments, so that pages escape every character through
//! their templates and the API can offer ready, escaped HTML.
use markup::escape_into;
use tantivy::snippet::{Snippet, collapse_overlapped_ranges};

/// Text split into segments, each marked or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighted {
    /// `(text, marked)` in order; joined they give the passage.
    pub segments: Vec<(String, bool)>,
    /// The passage was cut from a longer text (show an ellipsis).
    pub cut: bool,
}

impl Highlighted {
    /// Unmarked text.
    pub fn plain(text: &str) -> Self {
        Highlighted { segments: vec![(text.to_string(), false)], cut: false }
    }

    /// The start of `text`, at most `max_chars` characters, cut at a word boundary.
    pub fn plain_start(text: &str, max_chars: usize) -> Self {
        if text.chars().count() <= max_chars {
            return Self::plain(text);
        }
        let end = text.char_indices().nth(max_chars).map_or(text.len(), |(i, _)| i);
        let cut = text[..end].rfind(char::is_whitespace).filter(|i| *i > 0).unwrap_or(end);
        Highlighted { segments: vec![(text[..cut].trim_end().to_string(), false)], cut: true }
    }

    /// A tantivy snippet's fragment with its highlighted ranges.
    pub fn from_snippet(snippet: &Snippet) -> Self {
        let fragment = snippet.fragment();
        let mut segments = Vec::new();
        let mut at = 0;
        for range in collapse_overlapped_ranges(snippet.highlighted()) {
            if range.start > at {
                segments.push((fragment[at..range.start].to_string(), false));
            }
            segments.push((fragment[range.clone()].to_string(), true));
            at = range.end;
        }
        if at < fragment.len() {
            segments.push((fragment[at..].to_string(), false));
        }
        Highlighted { segments, cut: true }
    }

    /// The whole of a short text (a title) with the snippet's marks, or unmarked.
    pub fn whole(text: &str, snippet: &Snippet) -> Self {
        if snippet.is_empty() || snippet.fragment().len() != text.len() {
            return Self::plain(text);
        }
        Highlighted { cut: false, ..Self::from_snippet(snippet) }
    }

    /// True when some segment is marked.
    pub fn has_marks(&self) -> bool {
        self.segments.iter().any(|(_, marked)| *marked)
    }

    /// The text without marks.
    pub fn text(&self) -> String {
        self.segments.iter().map(|(s, _)| s.as_str()).collect()
    }

    /// HTML with every character escaped and the marked words in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::new();
        for (text, marked) in &self.segments {
            if *marked {
                html.push_str("<mark>");
            }
            escape_into(text, &mut html);
            if *marked {
                html.push_str("</mark>");
            }
        }
        if self.cut {
            html.push('…');
        }
        html
    }
}
