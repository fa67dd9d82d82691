//! Accessible SVG charts of the forecast, drawn like the local goals' progress chart
//! (`indicators::progress_svg`: its palette, number format and tick steps): the expected
//! value as a line, the 10–90 % band as a shaded area, the capacity summed from the first
//! month as a dashed line, and the months of shortage marked. `<title>` and `<desc>` say
//! it in words; the table beside each chart carries every number.
use indicators::{Month, danish_number, step_for};
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 64.0;
const SERIES: &str = "#004993";
const BAND: &str = "#c6dbef";
const CAPACITY: &str = "#a3212b";
const ACTUAL: &str = "#1a1a1a";
const GRID: &str = "#d6d6d6";
const TEXT: &str = "#1a1a1a";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `2027-03` as «mar. 2027».
pub fn month_label(m: &str) -> String {
    let parsed = m.get(..4).and_then(|y| y.parse().ok()).zip(m.get(5..7).and_then(|mm| mm.parse().ok()));
    parsed.and_then(|(y, mm)| Month::new(y, mm).ok()).map_or_else(|| m.to_string(), Month::danish_short)
}

/// One value of a chart.
#[derive(Debug, Clone)]
pub struct ChartPoint {
    /// `YYYY-MM`.
    pub month: String,
    /// Expected.
    pub expected: f64,
    /// 10 % quantile.
    pub low: f64,
    /// 90 % quantile.
    pub high: f64,
    /// The second line: capacity (forecast) or what happened (back-test).
    pub other: Option<f64>,
    /// The month is marked as a shortage.
    pub shortage: bool,
}

/// What the second line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Other {
    /// Capacity summed from the first month (dashed, red).
    Capacity,
    /// What happened (solid, black).
    Actual,
}

/// The chart in words.
pub fn describe(title: &str, points: &[ChartPoint], other: Other) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return format!("{title}: ingen måneder.") };
    let mut s = format!(
        "{title}. Forventet {} i {} og {} i {} (10–90 %: {}–{}).",
        danish_number(first.expected),
        month_label(&first.month),
        danish_number(last.expected),
        month_label(&last.month),
        danish_number(last.low),
        danish_number(last.high)
    );
    match other {
        Other::Capacity => match last.other {
            Some(c) => {
                let _ = write!(s, " Kapacitet i alt {} i {}.", danish_number(c), month_label(&last.month));
                let short: Vec<String> = points.iter().filter(|p| p.shortage).map(|p| month_label(&p.month)).collect();
                if short.is_empty() {
                    s.push_str(" Ingen måneder med mangel.");
                } else {
                    let _ = write!(s, " Mangel i {}.", short.join(", "));
                }
            }
            None => s.push_str(" Ingen kapacitet angivet."),
        },
        Other::Actual => {
            let total: f64 = points.iter().filter_map(|p| p.other).sum();
            let expected: f64 = points.iter().map(|p| p.expected).sum();
            let within = points.iter().filter(|p| p.other.is_some_and(|a| p.low <= a && a <= p.high)).count();
            let _ = write!(
                s,
                " Faktisk i alt {} mod forventet {}; {within} af {} måneder inden for båndet.",
                danish_number(total),
                danish_number(expected),
                points.len()
            );
        }
    }
    s
}

/// The chart as an inline `<svg>`; `id` is unique on the page.
pub fn svg(id: &str, title: &str, points: &[ChartPoint], other: Other) -> String {
    let desc = describe(title, points, other);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="app-forecast-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-labelledby="{id}-titel {id}-beskrivelse" font-family="IBM Plex Sans, Arial, sans-serif" font-size="12"><title id="{id}-titel">{}</title><desc id="{id}-beskrivelse">{}</desc>"#,
        escape(title),
        escape(&desc)
    );
    if points.is_empty() {
        s.push_str("</svg>");
        return s;
    }
    let max = points.iter().map(|p| p.high.max(p.expected).max(p.other.unwrap_or(0.0))).fold(1.0, f64::max);
    let step = step_for(max * 1.1);
    let top_value = (max * 1.1 / step).ceil() * step;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = points.len();
    let x = |i: usize| if n == 1 { LEFT + plot_w / 2.0 } else { LEFT + plot_w * i as f64 / (n - 1) as f64 };
    let y = |v: f64| TOP + plot_h * (1.0 - (v / top_value).clamp(0.0, 1.0));
    let mut v = 0.0;
    while v <= top_value + 1e-9 {
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="{GRID}"/><text x="{}" y="{:.1}" text-anchor="end" fill="{TEXT}">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 8.0,
            y(v) + 4.0,
            danish_number(v),
            yy = y(v)
        );
        v += step;
    }
    let every = n.div_ceil(6).max(1);
    for (i, p) in points.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{}" text-anchor="middle" fill="{TEXT}">{}</text>"#,
                x(i),
                HEIGHT - BOTTOM + 18.0,
                escape(&month_label(&p.month))
            );
        }
    }
    let _ = write!(
        s,
        r#"<line x1="{LEFT}" x2="{}" y1="{b}" y2="{b}" stroke="{TEXT}"/><line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{b}" stroke="{TEXT}"/>"#,
        WIDTH - RIGHT,
        b = HEIGHT - BOTTOM
    );
    // The band: along the upper quantiles, back along the lower.
    let upper = points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.high)));
    let lower = points.iter().enumerate().rev().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.low)));
    let _ = write!(s, r#"<polygon class="baand" fill="{BAND}" stroke="none" points="{}"/>"#, upper.chain(lower).collect::<Vec<_>>().join(" "));
    let line = |f: &dyn Fn(&ChartPoint) -> Option<f64>| {
        points.iter().enumerate().filter_map(|(i, p)| f(p).map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect::<Vec<_>>().join(" ")
    };
    let (other_class, other_colour, dash, other_name) = match other {
        Other::Capacity => ("kapacitet", CAPACITY, r#" stroke-dasharray="6 4""#, "Kapacitet i alt"),
        Other::Actual => ("faktisk", ACTUAL, "", "Faktisk"),
    };
    if points.iter().any(|p| p.other.is_some()) {
        let _ = write!(s, r#"<polyline class="{other_class}" fill="none" stroke="{other_colour}" stroke-width="2"{dash} points="{}"/>"#, line(&|p| p.other));
    }
    let _ = write!(s, r#"<polyline class="forventet" fill="none" stroke="{SERIES}" stroke-width="2.5" points="{}"/>"#, line(&|p| Some(p.expected)));
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{SERIES}"><title>{}: forventet {} (10–90 %: {}–{})</title></circle>"#,
            x(i),
            y(p.expected),
            escape(&month_label(&p.month)),
            danish_number(p.expected),
            danish_number(p.low),
            danish_number(p.high)
        );
        if p.shortage {
            let (cx, top) = (x(i), TOP);
            let _ = write!(
                s,
                r#"<path class="mangel" d="M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z" fill="{CAPACITY}"><title>{}: mangel</title></path>"#,
                cx - 6.0,
                top - 2.0,
                cx + 6.0,
                top - 2.0,
                cx,
                top + 9.0,
                escape(&month_label(&p.month))
            );
        }
    }
    // Legend below the axis.
    let ly = HEIGHT - 18.0;
    let _ = write!(
        s,
        r#"<line x1="{LEFT}" x2="{}" y1="{ly}" y2="{ly}" stroke="{SERIES}" stroke-width="2.5"/><text x="{}" y="{}" fill="{TEXT}">Forventet</text><rect x="{}" y="{}" width="22" height="10" fill="{BAND}"/><text x="{}" y="{}" fill="{TEXT}">10–90 % af {} simulerede år</text>"#,
        LEFT + 22.0,
        LEFT + 28.0,
        ly + 4.0,
        LEFT + 100.0,
        ly - 5.0,
        LEFT + 128.0,
        ly + 4.0,
        super::service::YEARS,
    );
    if points.iter().any(|p| p.other.is_some()) {
        let _ = write!(
            s,
            r#"<line x1="{}" x2="{}" y1="{ly}" y2="{ly}" stroke="{other_colour}" stroke-width="2"{dash}/><text x="{}" y="{}" fill="{TEXT}">{other_name}</text>"#,
            LEFT + 330.0,
            LEFT + 352.0,
            LEFT + 358.0,
            ly + 4.0,
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points() -> Vec<ChartPoint> {
        vec![
            ChartPoint { month: "2027-01".into(), expected: 2.0, low: 1.0, high: 4.0, other: Some(3.0), shortage: false },
            ChartPoint { month: "2027-02".into(), expected: 4.5, low: 3.0, high: 7.0, other: Some(3.0), shortage: true },
        ]
    }

    #[test]
    fn the_chart_says_in_words_what_it_draws() {
        let svg = svg("c", "Boliger <2 værelser>", &points(), Other::Capacity);
        assert!(svg.contains("role=\"img\"") && svg.contains("Boliger &lt;2 værelser&gt;"));
        assert!(svg.contains("Forventet 2 i jan. 2027 og 4,5 i feb. 2027 (10–90 %: 3–7). Kapacitet i alt 3 i feb. 2027. Mangel i feb. 2027."), "{svg}");
        assert_eq!(svg.matches("class=\"mangel\"").count(), 1);
        assert!(svg.contains("class=\"kapacitet\"") && svg.contains("class=\"baand\""));
    }

    #[test]
    fn the_backtest_chart_counts_the_months_within_the_band() {
        let mut p = points();
        p[0].other = Some(1.0);
        p[1].other = Some(8.0);
        let text = describe("Personer", &p, Other::Actual);
        assert!(text.contains("Faktisk i alt 9 mod forventet 6,5; 1 af 2 måneder inden for båndet."), "{text}");
    }
}
