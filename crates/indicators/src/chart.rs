//! A self-contained, accessible SVG line chart of an indicator's monthly
//! series with the goal's dashed target line: `<title>` and `<desc>` for
//! screen readers, Danish axis labels, a gap where a month has no value.
//! No script, no external styles; colours meet WCAG contrast on white.

use crate::goal::{LocalGoal, ProgressPoint};
use crate::model::{Indicator, Unit};
use crate::month::Month;
use markup::escape;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 56.0;
const SERIES: &str = "#004993";
const TARGET: &str = "#a3212b";
const GRID: &str = "#d6d6d6";
const TEXT: &str = "#1a1a1a";

/// A number the Danish way: one decimal, decimal comma (`45,5`), whole
/// numbers without decimals.
pub fn danish_number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}").replace('.', ",") }
}

/// A day as Danish people write it: `31.12.2027`.
fn danish_day(d: calendar::Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// A value with its unit, e.g. `45,5 %`, `12 personer`, `80 dage`.
pub fn with_unit(v: f64, unit: Unit) -> String {
    format!("{} {}", danish_number(v), unit.label())
}

fn axis_title(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "Andel (%)",
        Unit::Count => "Antal personer",
        Unit::Days => "Dage",
    }
}

/// A "nice" step for about five ticks up to `max`.
pub fn step_for(max: f64) -> f64 {
    let raw = (max / 5.0).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag)
}

/// The chart as an `<svg>` element, to be inlined in a page.
///
/// The x axis runs from the first month of `series` (or the goal's baseline
/// month, if earlier) to the last month or the goal's target month; the y
/// axis from 0 to 100 for shares, otherwise to a little above the largest
/// value. With a goal, the target is a dashed horizontal line and the
/// baseline a marked point.
pub fn progress_svg(indicator: &Indicator, series: &[ProgressPoint], goal: Option<&LocalGoal>) -> String {
    let unit = indicator.unit;
    let mut months: Vec<Month> = series.iter().map(|p| p.month).collect();
    if let Some(g) = goal {
        months.push(g.baseline_month);
        months.push(g.target_month());
    }
    let first = months.iter().min().copied();
    let last = months.iter().max().copied();
    let id = format!("indikator-{}-{}", indicator.id, goal.map(|g| g.municipality.as_str()).unwrap_or("serie"));
    let title = escape(&indicator.name);
    let desc = escape(&describe(indicator, series, goal));
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-labelledby="{id}-titel {id}-beskrivelse" font-family="IBM Plex Sans, Arial, sans-serif" font-size="12"><title id="{id}-titel">{title}</title><desc id="{id}-beskrivelse">{desc}</desc>"#
    );
    let (Some(first), Some(last)) = (first, last) else {
        let _ = write!(s, r#"<text x="{}" y="{}" text-anchor="middle" fill="{TEXT}">Ingen data</text></svg>"#, WIDTH / 2.0, HEIGHT / 2.0);
        return s;
    };
    let span = first.months_until(last).max(1) as f64;
    let top_value = match unit {
        Unit::Percent => 100.0,
        _ => {
            let mut max: f64 = series.iter().filter_map(|p| p.value).fold(0.0, f64::max);
            if let Some(g) = goal {
                max = max.max(g.target).max(g.baseline);
            }
            let step = step_for(max.max(1.0) * 1.1);
            (max.max(1.0) * 1.1 / step).ceil() * step
        }
    };
    let step = step_for(top_value);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |m: Month| LEFT + plot_w * first.months_until(m) as f64 / span;
    let y = |v: f64| TOP + plot_h * (1.0 - (v / top_value).clamp(0.0, 1.0));

    // Grid lines and y ticks.
    let mut v = 0.0;
    while v <= top_value + 1e-9 {
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="{GRID}" stroke-width="1"/><text x="{}" y="{:.1}" text-anchor="end" fill="{TEXT}">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 8.0,
            y(v) + 4.0,
            danish_number(v),
            y = y(v)
        );
        v += step;
    }
    // X ticks: at most 8 labels.
    let every = (first.months_until(last) / 8 + 1).max(1);
    for (i, m) in first.through(last).enumerate() {
        if i as i64 % every != 0 {
            continue;
        }
        let _ = write!(
            s,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{}" stroke="{TEXT}" stroke-width="1"/><text x="{x:.1}" y="{}" text-anchor="middle" fill="{TEXT}">{}</text>"#,
            HEIGHT - BOTTOM,
            HEIGHT - BOTTOM + 5.0,
            HEIGHT - BOTTOM + 18.0,
            escape(&m.danish_short()),
            x = x(m)
        );
    }
    // Axes and their titles.
    let _ = write!(
        s,
        r#"<line x1="{LEFT}" x2="{}" y1="{b}" y2="{b}" stroke="{TEXT}" stroke-width="1"/><line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{b}" stroke="{TEXT}" stroke-width="1"/><text x="{}" y="{}" text-anchor="middle" fill="{TEXT}">Måned</text><text transform="translate(16 {}) rotate(-90)" text-anchor="middle" fill="{TEXT}">{}</text>"#,
        WIDTH - RIGHT,
        LEFT + plot_w / 2.0,
        HEIGHT - 12.0,
        TOP + plot_h / 2.0,
        axis_title(unit),
        b = HEIGHT - BOTTOM
    );
    if let Some(g) = goal {
        // The planned line: from the baseline in its month to the target in the target's month.
        let (bx, by) = (x(g.baseline_month), y(g.baseline));
        let (tx, ty) = (x(g.target_month()), y(g.target));
        let _ = write!(
            s,
            r#"<line class="maal" x1="{bx:.1}" x2="{tx:.1}" y1="{by:.1}" y2="{ty:.1}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="{TARGET}">Mål: {} inden {}</text>"#,
            tx,
            ty - 8.0,
            escape(&with_unit(g.target, unit)),
            danish_day(g.target_date),
        );
        let _ = write!(
            s,
            r#"<rect class="udgangspunkt" x="{:.1}" y="{:.1}" width="8" height="8" fill="{TARGET}"><title>Udgangspunkt {}: {}</title></rect>"#,
            bx - 4.0,
            by - 4.0,
            escape(&g.baseline_month.danish_short()),
            escape(&with_unit(g.baseline, unit)),
        );
    }
    // The series, broken where a month has no value.
    let mut sorted: Vec<&ProgressPoint> = series.iter().collect();
    sorted.sort_by_key(|p| p.month);
    let mut segment: Vec<String> = Vec::new();
    let mut prev: Option<Month> = None;
    let flush = |segment: &mut Vec<String>, s: &mut String| {
        if segment.len() > 1 {
            let _ = write!(s, r#"<polyline class="serie" fill="none" stroke="{SERIES}" stroke-width="2" points="{}"/>"#, segment.join(" "));
        }
        segment.clear();
    };
    for p in &sorted {
        let contiguous = prev.is_some_and(|m| m.months_until(p.month) == 1);
        match p.value {
            Some(v) => {
                if !contiguous {
                    flush(&mut segment, &mut s);
                }
                segment.push(format!("{:.1},{:.1}", x(p.month), y(v)));
            }
            None => flush(&mut segment, &mut s),
        }
        prev = Some(p.month);
    }
    flush(&mut segment, &mut s);
    for p in &sorted {
        if let Some(v) = p.value {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{SERIES}"><title>{}: {}{}</title></circle>"#,
                x(p.month),
                y(v),
                escape(&p.month.danish_short()),
                escape(&with_unit(v, unit)),
                p.persons.map(|n| format!(" ({})", persons_text(n))).unwrap_or_default()
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// «1 person», «120 personer».
pub fn persons_text(n: u64) -> String {
    if n == 1 { "1 person".into() } else { format!("{} personer", danish_number(n as f64)) }
}

/// The chart in words, for `<desc>` and for a text alternative beside it.
pub fn describe(indicator: &Indicator, series: &[ProgressPoint], goal: Option<&LocalGoal>) -> String {
    let unit = indicator.unit;
    let mut known: Vec<(Month, f64)> = series.iter().filter_map(|p| p.value.map(|v| (p.month, v))).collect();
    known.sort_by_key(|(m, _)| *m);
    let mut out = format!("{}. ", indicator.name);
    match (known.first(), known.last()) {
        (Some((m0, v0)), Some((m1, v1))) if m0 != m1 => {
            let _ = write!(out, "Fra {} i {} til {} i {}.", with_unit(*v0, unit), m0.danish_short(), with_unit(*v1, unit), m1.danish_short());
        }
        (Some((m, v)), _) => {
            let _ = write!(out, "{} i {}.", with_unit(*v, unit), m.danish_short());
        }
        _ => out.push_str("Ingen værdier at vise."),
    }
    let hidden = series.iter().filter(|p| p.value.is_none()).count();
    if hidden > 0 {
        let _ = write!(out, " {hidden} {} uden værdi (for få personer eller ingen data).", if hidden == 1 { "måned" } else { "måneder" });
    }
    if let Some(g) = goal {
        let _ = write!(
            out,
            " Mål: {} inden {}, fra et udgangspunkt på {} i {}. Status: {}.",
            with_unit(g.target, unit),
            danish_day(g.target_date),
            with_unit(g.baseline, unit),
            g.baseline_month.danish_short(),
            g.status(series).label().to_lowercase()
        );
    }
    out
}
