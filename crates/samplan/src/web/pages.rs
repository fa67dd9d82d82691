//! Shared page parts: the frame every logged-in page is drawn in (header with the
//! municipality and user, navigation for every capability, the DEMO banner) and rendering.
use crate::app::AppState;
use crate::auth::Actor;
use crate::domain::MunicipalityCode;
use crate::error::AppError;
use askama::Template;
use axum::response::Html;

/// One entry of the main navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Link target.
    pub href: &'static str,
    /// Danish label.
    pub label: &'static str,
    /// Key compared with the page's `active` key.
    pub key: &'static str,
    /// Whether the actor may open the page, asked through the very check its handler
    /// makes: the entry is shown exactly to those the page opens for, so nobody is
    /// offered a page that answers 403 (`tests/navigation.rs` opens every entry as
    /// every role).
    pub opens: fn(&Actor) -> bool,
}

fn everyone(_: &Actor) -> bool {
    true
}
fn person_readers(actor: &Actor) -> bool {
    actor.person_reader().is_ok()
}
fn person_writers(actor: &Actor) -> bool {
    actor.person_writer().is_ok()
}
fn housing(actor: &Actor) -> bool {
    actor.housing_officer().is_ok()
}
fn regional(actor: &Actor) -> bool {
    // The secretariat names no region until it picks one; only a refusal closes the page.
    !matches!(crate::danish_education::regional::region_for(actor, None, "region"), Err(AppError::Forbidden(_)))
}
fn civil_society(actor: &Actor) -> bool {
    crate::civil_society::service::municipality(actor).is_ok()
}
fn goals(actor: &Actor) -> bool {
    crate::goals::pages::opens(actor)
}
fn council(actor: &Actor) -> bool {
    crate::council::reader(actor).is_ok()
}
fn reporting(actor: &Actor) -> bool {
    crate::reports::pages::opens(actor)
}
fn forecast(actor: &Actor) -> bool {
    crate::forecast::service::planner(actor).is_ok()
}
fn translations(actor: &Actor) -> bool {
    crate::translations::Reviewer::municipality(actor).is_ok()
}

/// The capabilities of samplan, in the order the navigation shows them.
pub const NAVIGATION: &[NavItem] = &[
    NavItem { href: "/", label: "Overblik", key: "overblik", opens: everyone },
    NavItem { href: "/personer", label: "Personer", key: "personer", opens: person_readers },
    NavItem { href: "/familier", label: "Familier og helhedsplaner", key: "familier", opens: person_readers },
    NavItem { href: "/koordinator", label: "Koordinering", key: "koordinering", opens: person_readers },
    NavItem { href: "/frister", label: "Frister", key: "frister", opens: person_readers },
    NavItem { href: "/besoeg", label: "Hjemmebesøg", key: "besoeg", opens: person_writers },
    NavItem { href: "/bolig", label: "Boligplacering", key: "boligplacering", opens: housing },
    NavItem { href: "/beskaeftigelse", label: "Beskæftigelse og IGU", key: "beskaeftigelse", opens: person_readers },
    NavItem { href: "/danskuddannelse", label: "Danskuddannelse", key: "danskuddannelse", opens: person_readers },
    NavItem { href: "/danskuddannelse/region", label: "Danskuddannelse i regionen", key: "danskuddannelse-region", opens: regional },
    NavItem { href: "/boern", label: "Børn og forældre", key: "boern", opens: person_readers },
    NavItem { href: "/civilsamfund", label: "Civilsamfund", key: "civilsamfund", opens: civil_society },
    NavItem { href: "/maal", label: "Lokale mål", key: "maal", opens: goals },
    NavItem { href: "/viden", label: "Hvad virker", key: "hvad-virker", opens: everyone },
    NavItem { href: "/integrationsraad", label: "Integrationsråd", key: "integrationsraad", opens: council },
    NavItem { href: "/rapporter", label: "Rapporter", key: "rapporter", opens: reporting },
    NavItem { href: "/prognose", label: "Kapacitetsprognose", key: "prognose", opens: forecast },
    NavItem { href: "/oversaettelser", label: "Oversættelser", key: "oversaettelser", opens: translations },
];

/// The frame of a logged-in page.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Show the DEMO banner.
    pub demo: bool,
    /// The user's display name.
    pub user_name: String,
    /// The user's role, in Danish.
    pub role_label: &'static str,
    /// The municipality's name ("Holbæk Kommune"), or the national secretariat.
    pub organisation: String,
    /// CSRF token for the logout form.
    pub csrf: String,
    /// Which navigation entry is current.
    pub active: &'static str,
    /// Show the administration link.
    pub is_admin: bool,
    /// The navigation entries this user's role may open.
    pub nav: Vec<&'static NavItem>,
    /// The confirmation of the action that led here ("Gemt."), shown once.
    pub notice: Option<&'static str>,
}

impl Chrome {
    /// The frame for `actor`, with `active` marking the current navigation entry.
    pub fn new(state: &AppState, actor: &Actor, active: &'static str) -> Self {
        let organisation = actor
            .municipality()
            .and_then(|c| MunicipalityCode::parse(c).ok())
            .map(|c| format!("{} Kommune", c.municipality().name))
            .unwrap_or_else(|| "Nationalt partnerskabssekretariat".into());
        Chrome {
            demo: state.settings.demo,
            user_name: actor.user.display_name.clone(),
            role_label: actor.role.label(),
            organisation,
            csrf: actor.csrf.clone().unwrap_or_default(),
            active,
            is_admin: actor.role.administers(),
            nav: NAVIGATION.iter().filter(|item| (item.opens)(actor)).collect(),
            notice: actor.notice.map(crate::web::notice::Notice::text),
        }
    }
}

/// The months in Danish, for dates people read.
const MONTHS: [&str; 12] = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/// Denmark's offset from UTC at `t`: summer time (UTC+2) from 01:00 UTC on the last Sunday
/// of March until 01:00 UTC on the last Sunday of October, else UTC+1 (the EU rule,
/// directive 2000/84/EC). Worked out here so the server's own time zone never matters.
fn copenhagen_offset(t: chrono::DateTime<chrono::Utc>) -> chrono::FixedOffset {
    use chrono::Datelike;
    let year = t.year();
    let last_sunday = |month: u32| {
        let last = chrono::NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
        last - chrono::Days::new(u64::from(last.weekday().num_days_from_sunday()))
    };
    let at_one = |day: chrono::NaiveDate| day.and_hms_opt(1, 0, 0).expect("01:00 exists").and_utc();
    let summer = t >= at_one(last_sunday(3)) && t < at_one(last_sunday(10));
    chrono::FixedOffset::east_opt(if summer { 2 * 3600 } else { 3600 }).expect("valid offset")
}

/// A moment as Danish people read it, in Danish local time: «6. december 2026 kl. 03.19».
/// The one way a time is shown on a page, in a mail or in an export meant for people.
pub fn danish_time(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let local = t.with_timezone(&copenhagen_offset(t));
    format!("{}. {} {} kl. {:02}.{:02}", local.day(), MONTHS[local.month0() as usize], local.year(), local.hour(), local.minute())
}

/// A stored timestamp (RFC 3339) as Danish people read it ([`danish_time`]). Anything
/// unparsable is shown as stored.
pub fn when(timestamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(timestamp).map_or_else(|_| timestamp.to_string(), |t| danish_time(t.with_timezone(&chrono::Utc)))
}

/// Whether a select's option `code` (a number or a text) is the `selected` value.
pub fn chosen(code: impl std::fmt::Display, selected: impl AsRef<str>) -> bool {
    code.to_string() == selected.as_ref()
}

/// Renders a template to an HTML response.
pub fn render<T: Template>(template: &T) -> Html<String> {
    Html(template.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "template failed");
        "<!DOCTYPE html><html lang=\"da\"><title>Fejl</title><h1>Intern fejl</h1></html>".into()
    }))
}

/// A page for an error, without the logged-in frame.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// HTTP status.
    pub status: u16,
    /// What went wrong, in Danish.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::{danish_time, when};

    #[test]
    fn times_are_danish_local_time_in_winter_and_summer() {
        assert_eq!(when("2026-12-06T02:19:11Z"), "6. december 2026 kl. 03.19");
        assert_eq!(when("2026-07-01T22:05:00Z"), "2. juli 2026 kl. 00.05", "summer time is UTC+2");
        // Summer time begins 29 March 2026 at 01:00 UTC and ends 25 October 2026 at 01:00 UTC.
        assert_eq!(when("2026-03-29T00:59:00Z"), "29. marts 2026 kl. 01.59");
        assert_eq!(when("2026-03-29T01:00:00Z"), "29. marts 2026 kl. 03.00");
        assert_eq!(when("2026-10-25T00:59:00Z"), "25. oktober 2026 kl. 02.59");
        assert_eq!(when("2026-10-25T01:00:00Z"), "25. oktober 2026 kl. 02.00");
        assert_eq!(when("2026-01-05T10:00:00+01:00"), "5. januar 2026 kl. 10.00", "any offset is read as the moment it names");
        assert_eq!(when("i går"), "i går", "what cannot be read is shown as stored");
        let t = chrono::DateTime::parse_from_rfc3339("2025-05-31T23:30:00Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(danish_time(t), "1. juni 2025 kl. 01.30");
    }
}
