//! Progress on Danish education: modules passed per month since the start of the
//! person's latest course, against the expected pace of its track (months per module,
//! a municipality setting with documented defaults), and a small accessible SVG chart
//! (a title, a description with the numbers, and the same numbers as text beside it).
use super::settings::{self, DuSettings};
use super::{CourseView, DanishEducation, MODULES, Track};
use crate::app::AppState;
use crate::error::AppError;
use crate::store::Tenant;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// Most months shown.
const MAX_MONTHS: usize = 60;

/// One month of progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    /// Months since the start month (0 = the start month).
    pub index: usize,
    /// Modules passed by the end of the month (cumulative).
    pub passed: i64,
    /// Modules expected by the end of the month at the track's pace.
    pub expected: i64,
}

/// Progress of one course: the months from its start to `today` (or its end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// First month, `YYYY-MM`.
    pub from: String,
    /// The months.
    pub months: Vec<Month>,
    /// Months per module on this track.
    pub pace: i64,
    /// The track.
    pub track: Track,
}

fn month_index(start: NaiveDate, d: NaiveDate) -> i64 {
    i64::from(d.year() - start.year()) * 12 + i64::from(d.month()) - i64::from(start.month())
}

/// Progress of a course from its start (pure): `passed` are the days of its passed module
/// tests. `None` before the course has started.
pub fn progress(course: &CourseView, passed: &[NaiveDate], settings: &DuSettings, today: NaiveDate) -> Option<Progress> {
    let start = NaiveDate::parse_from_str(course.start_on.as_deref()?, "%Y-%m-%d").ok()?;
    let track = Track::parse(&course.track).ok()?;
    let last = course.ended_on.as_deref().and_then(|e| NaiveDate::parse_from_str(e, "%Y-%m-%d").ok()).map_or(today, |e| e.min(today));
    if last < start {
        return None;
    }
    let pace = settings.months_per_module(track).max(1);
    let count = (month_index(start, last) as usize + 1).min(MAX_MONTHS);
    let remaining = MODULES - (course.module - passed.len() as i64).clamp(1, MODULES) + 1;
    let months = (0..count)
        .map(|i| Month {
            index: i,
            passed: passed.iter().filter(|d| **d >= start && month_index(start, **d) <= i as i64).count() as i64,
            expected: ((i as i64 + 1) / pace).min(remaining),
        })
        .collect();
    Some(Progress { from: format!("{:04}-{:02}", start.year(), start.month()), months, pace, track })
}

/// A one-sentence summary in Danish.
pub fn summary(p: &Progress) -> String {
    let last = p.months.last().copied().unwrap_or(Month { index: 0, passed: 0, expected: 0 });
    let modules = |n: i64| if n == 1 { "1 modul".to_string() } else { format!("{n} moduler") };
    format!(
        "{} bestået på {} måneder siden start {}; forventet {} ({}: {} måneder pr. modul).",
        modules(last.passed),
        last.index + 1,
        p.from,
        modules(last.expected),
        p.track.short(),
        p.pace
    )
}

/// The chart: passed modules (solid) against the expected pace (dashed), per month.
pub fn svg(p: &Progress) -> String {
    let (w, h, left, bottom, top, right) = (360.0, 170.0, 34.0, 28.0, 10.0, 10.0);
    let n = p.months.len().max(2) as f64;
    let max = p.months.iter().map(|m| m.passed.max(m.expected)).max().unwrap_or(0).max(2) as f64;
    let x = |i: usize| left + (w - left - right) * i as f64 / (n - 1.0);
    let y = |v: i64| top + (h - top - bottom) * (1.0 - v as f64 / max);
    let line = |f: &dyn Fn(&Month) -> i64| p.months.iter().map(|m| format!("{:.1},{:.1}", x(m.index), y(f(m)))).collect::<Vec<_>>().join(" ");
    let text = summary(p);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="du-chart-title du-chart-desc"><title id="du-chart-title">Progression på danskuddannelsen</title><desc id="du-chart-desc">{text}</desc>"#
    );
    let _ = write!(s, r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#747474"/>"##, h - bottom, w - right, h - bottom);
    let _ = write!(s, r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{:.1}" stroke="#747474"/>"##, h - bottom);
    for v in 0..=(max as i64) {
        let _ = write!(s, r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#1a1a1a">{v}</text>"##, left - 6.0, y(v) + 4.0);
    }
    let _ = write!(s, r##"<text x="{left}" y="{:.1}" font-size="12" fill="#1a1a1a">{}</text>"##, h - 8.0, p.from);
    let _ = write!(s, r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#1a1a1a">måned {}</text>"##, w - right, h - 8.0, p.months.len());
    let _ = write!(s, r##"<polyline fill="none" stroke="#747474" stroke-width="2" stroke-dasharray="5 4" points="{}"/>"##, line(&|m| m.expected));
    let _ = write!(s, r##"<polyline fill="none" stroke="#0059b3" stroke-width="3" points="{}"/>"##, line(&|m| m.passed));
    s.push_str("</svg>");
    s
}

/// The chart and its summary for the person's latest started course, if any.
pub async fn chart_for(state: &AppState, tenant: &Tenant, _person_id: i64, education: &DanishEducation) -> Result<Option<String>, AppError> {
    let Some(course) = education.courses.iter().find(|c| c.start_on.is_some()) else { return Ok(None) };
    let settings = settings::load(&state.store, tenant).await?;
    let passed: Vec<NaiveDate> = education
        .module_tests
        .iter()
        .filter(|t| t.course_id == course.id && t.passed)
        .filter_map(|t| NaiveDate::parse_from_str(&t.taken_on, "%Y-%m-%d").ok())
        .collect();
    let Some(p) = progress(course, &passed, &settings, chrono::Local::now().date_naive()) else { return Ok(None) };
    Ok(Some(format!(r#"{}<p class="form-hint">{} Fuldt optrukket: beståede moduler; stiplet: forventet tempo.</p>"#, svg(&p), summary(&p))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn course(module: i64) -> CourseView {
        CourseView {
            id: 1,
            learner: "integration".into(),
            learner_label: String::new(),
            applied_on: None,
            referred_on: "2026-01-05".into(),
            language_centre: "Sprogcenter".into(),
            track: "du2".into(),
            track_label: String::new(),
            module,
            final_test: None,
            start_on: Some("2026-01-20".into()),
            hours_per_week: 15,
            ended_on: None,
            end_reason: None,
            end_reason_label: None,
            end_note: String::new(),
            created_by: String::new(),
        }
    }

    #[test]
    fn passed_modules_per_month_against_the_pace() {
        let p = progress(&course(3), &[d("2026-04-10"), d("2026-07-01")], &DuSettings::default(), d("2026-09-15")).unwrap();
        assert_eq!(p.from, "2026-01");
        assert_eq!(p.months.len(), 9, "January to September");
        let passed: Vec<i64> = p.months.iter().map(|m| m.passed).collect();
        assert_eq!(passed, [0, 0, 0, 1, 1, 1, 2, 2, 2]);
        let expected: Vec<i64> = p.months.iter().map(|m| m.expected).collect();
        assert_eq!(expected, [0, 0, 0, 1, 1, 1, 1, 2, 2], "DU2: 4 months per module");
        assert!(summary(&p).starts_with("2 moduler bestået på 9 måneder"), "{}", summary(&p));
        let chart = svg(&p);
        assert!(chart.contains("role=\"img\"") && chart.contains("<title") && chart.contains("<desc"), "{chart}");
    }

    #[test]
    fn no_progress_before_the_start() {
        assert!(progress(&course(1), &[], &DuSettings::default(), d("2026-01-10")).is_none());
        let late_entry = progress(&course(5), &[], &DuSettings::default(), d("2028-01-01")).unwrap();
        assert_eq!(late_entry.months.last().unwrap().expected, 2, "entered at module 5: two modules left");
    }
}
