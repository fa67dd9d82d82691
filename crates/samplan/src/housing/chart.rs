//! The spread of refugee households across areas before and after the proposal, as a
//! table and a server-rendered SVG bar chart (accessible: `<title>`, `<desc>`, Danish
//! labels, and the same numbers in a table beside it).
use super::round::is_decided;
use crate::store::housing::{AreaRow, PlacementRow, UnitRow};
use markup::escape;
use std::collections::HashMap;
use std::fmt::Write as _;

/// One area's households before and after the proposal.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct AreaSpread {
    /// Area code.
    pub code: String,
    /// Area name.
    pub name: String,
    /// On the list of udsatte boligområder.
    pub listed: bool,
    /// Which list and year (empty when not listed).
    pub list: String,
    /// Existing households plus decided placements.
    pub before: i64,
    /// `before` plus the households the undecided proposal puts there.
    pub after: i64,
}

/// The spread per area, in area order. `held` are the released households and the
/// temporary units they live in until their next placement: counted before, and
/// after only when the proposal does not move them.
pub fn spread(areas: &[AreaRow], units: &[UnitRow], placements: &[PlacementRow], held: &[(i64, &str)]) -> Vec<AreaSpread> {
    let unit_area: HashMap<&str, &str> = units.iter().map(|u| (u.code.as_str(), u.area_code.as_str())).collect();
    let mut decided: HashMap<&str, i64> = HashMap::new();
    let mut proposed: HashMap<&str, i64> = HashMap::new();
    for p in placements {
        let Some(area) = p.unit_code.as_deref().and_then(|u| unit_area.get(u)) else { continue };
        let counts = if is_decided(p) { &mut decided } else { &mut proposed };
        *counts.entry(area).or_default() += 1;
    }
    let mut moving_out: HashMap<&str, i64> = HashMap::new();
    for (family_id, unit) in held {
        let Some(area) = unit_area.get(unit) else { continue };
        *decided.entry(area).or_default() += 1;
        if placements.iter().any(|p| p.family_id == *family_id && !is_decided(p) && p.unit_code.is_some()) {
            *moving_out.entry(area).or_default() += 1;
        }
    }
    let today = crate::deadlines::today();
    areas
        .iter()
        .map(|a| {
            let before = a.existing_households + decided.get(a.code.as_str()).copied().unwrap_or(0);
            AreaSpread {
                code: a.code.clone(),
                name: a.name.clone(),
                listed: a.listed_on(today),
                list: if a.listed_on(today) { a.list_name() } else { String::new() },
                before,
                after: before + proposed.get(a.code.as_str()).copied().unwrap_or(0) - moving_out.get(a.code.as_str()).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// A horizontal grouped bar chart: per area one bar for before and one for after.
pub fn svg(rows: &[AreaSpread]) -> String {
    let label_width = 190.0;
    let bar_area = 360.0;
    let row_height = 34.0;
    let top = 30.0;
    let height = top + row_height * rows.len() as f64 + 10.0;
    let width = label_width + bar_area + 50.0;
    let max = rows.iter().map(|r| r.after.max(r.before)).max().unwrap_or(0).max(1) as f64;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"spread-title spread-desc\">\
         <title id=\"spread-title\">Flygtningehusstande pr. område før og efter forslaget</title>\
         <desc id=\"spread-desc\">{}</desc>",
        escape(&rows.iter().map(|r| format!("{}: {} før, {} efter", r.name, r.before, r.after)).collect::<Vec<_>>().join("; "))
    );
    let _ = write!(
        out,
        "<g font-size=\"12\"><rect x=\"{label_width}\" y=\"6\" width=\"12\" height=\"12\" fill=\"#b0b0b0\"/>\
         <text x=\"{}\" y=\"16\">Før</text><rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"#004993\"/>\
         <text x=\"{}\" y=\"16\">Efter forslaget</text></g>",
        label_width + 16.0,
        label_width + 60.0,
        label_width + 76.0
    );
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_height * i as f64;
        let name = if r.listed { format!("{} (på listen)", r.name) } else { r.name.clone() };
        let before = bar_area * r.before as f64 / max;
        let after = bar_area * r.after as f64 / max;
        let _ = write!(
            out,
            "<g font-size=\"12\"><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{label_width}\" y=\"{y}\" width=\"{before:.1}\" height=\"13\" fill=\"#b0b0b0\"/>\
             <text x=\"{:.1}\" y=\"{}\">{}</text>\
             <rect x=\"{label_width}\" y=\"{}\" width=\"{after:.1}\" height=\"13\" fill=\"#004993\"/>\
             <text x=\"{:.1}\" y=\"{}\">{}</text></g>",
            label_width - 8.0,
            y + 18.0,
            escape(&name),
            label_width + before + 4.0,
            y + 11.0,
            r.before,
            y + 14.0,
            label_width + after + 4.0,
            y + 25.0,
            r.after
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_has_title_description_and_escaped_labels() {
        let rows = vec![AreaSpread { code: "A".into(), name: "Øst & Vest".into(), listed: true, list: String::new(), before: 2, after: 5 }];
        let svg = svg(&rows);
        assert!(svg.contains("<title id=\"spread-title\">"));
        assert!(svg.contains("<desc id=\"spread-desc\">Øst &amp; Vest: 2 før, 5 efter</desc>"));
        assert!(svg.contains("Øst &amp; Vest (på listen)"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn a_listed_area_names_its_list_and_year() {
        let area = |from: Option<&str>, to: Option<&str>| AreaRow {
            code: "L".into(),
            name: "Lysningen".into(),
            listed: 1,
            existing_households: 0,
            listed_from: from.map(|d| calendar::Date::parse(d).unwrap()),
            listed_to: to.map(|d| calendar::Date::parse(d).unwrap()),
        };
        assert_eq!(area(Some("2025-12-01"), None).list_name(), "listen over udsatte boligområder pr. 1. december 2025");
        assert_eq!(area(Some("2026-03-01"), Some("2026-11-30")).list_name(), "listen over udsatte boligområder pr. 1. december 2025, til og med 30.11.2026");
        assert!(area(None, None).list_name().contains("hvilken liste er ikke angivet"));
        let spread = spread(&[area(Some("2025-12-01"), None)], &[], &[], &[]);
        assert_eq!(spread[0].list, "listen over udsatte boligområder pr. 1. december 2025");
    }
}
