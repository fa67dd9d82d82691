//! The choropleth map of Denmark's municipalities, drawn as SVG on the server from the
//! simplified DAGI 2014 outlines in `data/dk/kommuner_map.json` (made by
//! `scripts/simplify-map.py`). Each municipality is coloured by its value in one of
//! five classes, with a legend and a `<title>` naming it and its value.
use markup::escape;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

const MAP_JSON: &str = include_str!("../../data/dk/kommuner_map.json");

/// Five blues, light to dark, and the colour of a municipality without a value.
const COLOURS: [&str; 5] = ["#dce9f5", "#a9c8e6", "#6fa2d2", "#35709f", "#0b3f6e"];
const NO_VALUE: &str = "#f2f2f2";

#[derive(serde::Deserialize)]
struct Outline {
    name: String,
    d: String,
}

#[derive(serde::Deserialize)]
struct MapData {
    width: f64,
    height: f64,
    municipalities: HashMap<String, Outline>,
}

fn data() -> &'static MapData {
    static DATA: OnceLock<MapData> = OnceLock::new();
    DATA.get_or_init(|| serde_json::from_str(MAP_JSON).expect("the embedded map is valid JSON"))
}

/// Upper bounds of the five classes: equal steps from 0 to the largest value.
pub fn class_bounds(max: u64) -> [u64; 5] {
    let max = max.max(5);
    std::array::from_fn(|i| (max * (i as u64 + 1)).div_ceil(5))
}

fn class_of(value: u64, bounds: &[u64; 5]) -> usize {
    bounds.iter().position(|&b| value <= b).unwrap_or(4)
}

/// The map with each municipality in `values` (code → quota) coloured by class.
pub fn choropleth(values: &HashMap<String, u64>, title: &str) -> String {
    let map = data();
    let bounds = class_bounds(values.values().copied().max().unwrap_or(0));
    let legend_height = 7.0 * 26.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-map\" width=\"640\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"map-title map-desc\">\
         <title id=\"map-title\">{}</title><desc id=\"map-desc\">Kort over Danmarks kommuner, farvet efter kvote i fem klasser. Tallene står også i tabellen.</desc><g stroke=\"#ffffff\" stroke-width=\"0.6\">",
        map.width,
        map.height.max(legend_height),
        escape(title)
    );
    let mut codes: Vec<&String> = map.municipalities.keys().collect();
    codes.sort();
    for code in codes {
        let outline = &map.municipalities[code];
        let (fill, label) = match values.get(code.as_str()) {
            Some(&v) => (COLOURS[class_of(v, &bounds)], format!("{}: kvote {v}", outline.name)),
            None => (NO_VALUE, format!("{}: ingen tal", outline.name)),
        };
        let _ = write!(out, "<path fill=\"{fill}\" d=\"{}\"><title>{}</title></path>", outline.d, escape(&label));
    }
    out.push_str("</g><g font-size=\"18\">");
    let mut lower = 0;
    for (i, (bound, colour)) in bounds.iter().zip(COLOURS).enumerate() {
        let y = 20.0 + 26.0 * i as f64;
        let _ = write!(
            out,
            "<rect x=\"640\" y=\"{y}\" width=\"20\" height=\"20\" fill=\"{colour}\" stroke=\"#666\"/><text x=\"668\" y=\"{}\">{lower}–{bound}</text>",
            y + 16.0
        );
        lower = bound + 1;
    }
    let y = 20.0 + 26.0 * 5.0;
    let _ = write!(
        out,
        "<rect x=\"640\" y=\"{y}\" width=\"20\" height=\"20\" fill=\"{NO_VALUE}\" stroke=\"#666\"/><text x=\"668\" y=\"{}\">ingen tal</text></g></svg>",
        y + 16.0
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_municipality_has_an_outline_and_a_titled_path() {
        for m in quota::municipalities() {
            assert!(data().municipalities.contains_key(&m.code), "{} has no outline", m.code);
        }
        let values = HashMap::from([("0316".to_string(), 40u64), ("0101".to_string(), 3)]);
        let svg = choropleth(&values, "Kommunekvoter");
        assert!(svg.contains("<title>Holbæk: kvote 40</title>"));
        assert!(svg.contains("<title>Aarhus: ingen tal</title>"));
        assert_eq!(svg.matches("<path ").count(), data().municipalities.len());
    }

    #[test]
    fn five_classes_cover_zero_to_the_largest_value() {
        assert_eq!(class_bounds(100), [20, 40, 60, 80, 100]);
        assert_eq!(class_of(0, &class_bounds(100)), 0);
        assert_eq!(class_of(41, &class_bounds(100)), 2);
        assert_eq!(class_of(100, &class_bounds(100)), 4);
    }
}
