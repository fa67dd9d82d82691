//! Text of a Min plan as HTML: text not in the page's language carries its own `lang`
//! (and `dir="ltr"` inside a right-to-left page) and a visible marker saying it is Danish.
use super::derive::{MyPlan, Text};
use markup::escape;

impl MyPlan {
    /// `text` as escaped HTML, marked when it is in another language than the plan.
    pub fn html(&self, text: &Text) -> String {
        match &text.lang {
            None => escape(&text.text),
            Some(lang) => {
                let dir = if self.direction == "rtl" { " dir=\"ltr\"" } else { "" };
                let class = if text.fallback { "app-fallback" } else { "app-staff-text" };
                format!(
                    "<span class=\"{class}\" lang=\"{}\"{dir}>{}</span> <small class=\"app-lang-mark\">({})</small>",
                    escape(lang),
                    escape(&text.text),
                    escape(&self.labels.in_danish.text)
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<b>\"Tom\" & 'Jerry'</b>"), "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
    }
}
