//! An accessible SVG bar chart of a published table's row totals (no JavaScript): one
//! bar per row, its number at its end, "skjult" where the total is suppressed, a
//! `<title>` and a `<desc>` that says the same in words; the table beside it carries
//! every number.
use super::TableView;
use markup::escape;

/// Room for row labels: about 7.6 units a character at font size 14, so that the longest
/// label fits left of the bars (between 120 and 560 units; the SVG scales to the page).
pub fn label_width(t: &TableView) -> f64 {
    let longest = t.rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0) as f64;
    (longest * 7.6 + 16.0).round().clamp(120.0, 560.0)
}

/// The chart of a table, `id` unique on the page.
pub fn bars(t: &TableView, id: &str) -> String {
    let (label_w, bar_w, row_h) = (label_width(t), 360.0_f64, 28.0_f64);
    let height = 20.0 + row_h * t.rows.len().max(1) as f64;
    let max = t.rows.iter().filter_map(|r| r.total).max().unwrap_or(0).max(1) as f64;
    let words: Vec<String> = t.rows.iter().map(|r| format!("{}: {}", r.label, r.total.map(|n| n.to_string()).unwrap_or_else(|| "skjult".into()))).collect();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-report-chart\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
         <title id=\"{id}-t\">{title}: personer i alt pr. række</title><desc id=\"{id}-d\">{desc}.</desc>",
        w = label_w + bar_w + 70.0,
        title = escape(&t.title),
        desc = escape(&words.join("; ")),
    );
    for (i, r) in t.rows.iter().enumerate() {
        let y = 10.0 + row_h * i as f64;
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>",
            escape(&r.label),
            x = label_w - 8.0,
            ty = y + 17.0
        ));
        match r.total {
            Some(n) => {
                let w = (bar_w * n as f64 / max).max(if n > 0 { 2.0 } else { 0.0 });
                svg.push_str(&format!("<rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"#0059b3\"/>", h = row_h - 8.0));
                svg.push_str(&format!("<text x=\"{x:.1}\" y=\"{ty}\" font-size=\"14\" fill=\"#1a1a1a\">{n}</text>", x = label_w + w + 6.0, ty = y + 17.0));
            }
            None => svg.push_str(&format!(
                "<text x=\"{label_w}\" y=\"{ty}\" font-size=\"14\" font-style=\"italic\" fill=\"#545454\">skjult (under 5 personer eller kan regnes ud)</text>",
                ty = y + 17.0
            )),
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::RowView;

    #[test]
    fn the_chart_says_in_words_what_it_draws() {
        let t = TableView {
            title: "Frister <efter> regel".into(),
            source: "deadlines".into(),
            row_heading: "Frist".into(),
            columns: vec![],
            column_keys: vec![],
            rows: vec![
                RowView { key: "a".into(), label: "Kontrakt".into(), cells: vec![], total: Some(12) },
                RowView { key: "b".into(), label: "Helbred".into(), cells: vec![], total: None },
            ],
            column_totals: vec![],
            total: None,
        };
        let svg = bars(&t, "c1");
        assert!(svg.contains("role=\"img\"") && svg.contains("Frister &lt;efter&gt; regel"));
        assert!(svg.contains("<desc id=\"c1-d\">Kontrakt: 12; Helbred: skjult.</desc>"));
    }

    #[test]
    fn the_longest_label_fits_left_of_the_bars() {
        let row = |label: &str| RowView { key: "k".into(), label: label.into(), cells: vec![], total: Some(1) };
        let table = |rows| TableView {
            title: "T".into(),
            source: "s".into(),
            row_heading: "R".into(),
            columns: vec![],
            column_keys: vec![],
            rows,
            column_totals: vec![],
            total: None,
        };
        let long = "Danskuddannelse for personer uden for integrationslovens program";
        let w = label_width(&table(vec![row("Kort"), row(long)]));
        assert!(w >= long.chars().count() as f64 * 7.6, "{w}");
        assert_eq!(label_width(&table(vec![row("Kort")])), 120.0);
        // The label is drawn ending left of the bar, at x > 0.
        let svg = bars(&table(vec![row(long)]), "c");
        assert!(svg.contains(&format!("<text x=\"{}\"", w - 8.0)), "{svg}");
    }
}
