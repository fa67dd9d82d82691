//! Demo children and parents: a daycare or school status for every demo child (some
//! small children without a place, a few newly arrived in a reception class, SFO beside
//! the first school years), contacts for the youngest, and three invented concern notes
//! marked as demo (one open, one assessed, one with a decision). Deterministic: the same
//! children and date give the same records.
use crate::store::Store;
use crate::store::Tenant;
use crate::store::access::Reach;
use crate::store::children::{ChildcareFields, Handling, NewNote, ProfileRow};
use chrono::{Datelike, NaiveDate};

const NURSERIES: [&str; 3] = ["Vuggestuen Mælkebøtten", "Vuggestuen Solsikken", "Børnehuset Regnbuen"];
const KINDERGARTENS: [&str; 3] = ["Børnehaven Troldehøj", "Børnehaven Kastanjen", "Børnehuset Regnbuen"];
const SCHOOLS: [&str; 3] = ["Byskolen", "Engskolen", "Nørre Skole"];

/// A demo day (within a few decades of today) as a calendar day.
fn demo_day(d: NaiveDate) -> calendar::Date {
    crate::domain::calendar_day(d).expect("demo days lie within the calendar")
}

/// Records the demo children's daycare and school and the demo concern notes.
pub async fn store_children(store: &Store, tenant: &Tenant, today: NaiveDate) -> anyhow::Result<usize> {
    let years_ago = |y: u32| today.checked_sub_months(chrono::Months::new(12 * y)).unwrap_or(today);
    let (children, _) = store.children_page(tenant, &Reach::All, demo_day(today), demo_day(years_ago(18)), None, 1_000_000, 0).await?;
    // The school year started on 1 August.
    let august = NaiveDate::from_ymd_opt(if today.month() >= 8 { today.year() } else { today.year() - 1 }, 8, 1).unwrap_or(today);
    let mut all_periods = Vec::new();
    let mut profiles = Vec::new();
    for (n, child) in children.iter().enumerate() {
        let Ok(birth) = NaiveDate::parse_from_str(&child.birth_date, "%Y-%m-%d") else { continue };
        let nothing = |from: NaiveDate| ChildcareFields {
            kind: "none".into(),
            grade: None,
            institution: String::new(),
            institution_address: String::new(),
            from_day: demo_day(from),
            to_day: None,
            daily_from: None,
            daily_to: None,
        };
        let age = today.years_since(birth).unwrap_or(0);
        let pick = |list: &[&'static str]| list[child.id as usize % list.len()].to_string();
        let start = |months_after_birth: u32| birth.checked_add_months(chrono::Months::new(months_after_birth)).unwrap_or(birth).max(years_ago(2));
        let place = |kind: &str, institution: String, from: NaiveDate, grade: Option<i64>| ChildcareFields {
            kind: kind.into(),
            grade,
            institution_address: format!("{}vej {}", &institution.split_whitespace().last().unwrap_or("Skole"), 1 + child.id % 40),
            institution,
            from_day: demo_day(from),
            to_day: None,
            daily_from: (kind != "school" && kind != "reception_class").then(|| "07:30".into()),
            daily_to: (kind != "school" && kind != "reception_class").then(|| "15:30".into()),
        };
        let mut periods = Vec::new();
        match age {
            0 => periods.push(nothing(birth)),
            1..=2 if n % 4 == 0 => periods.push(nothing(start(12))),
            1..=2 => periods.push(place("nursery", pick(&NURSERIES), start(12).max(start(10)), None)),
            3..=5 if n % 5 == 0 => periods.push(nothing(start(36))),
            3..=5 => periods.push(place("kindergarten", pick(&KINDERGARTENS), start(36), None)),
            _ if n % 7 == 0 => periods.push(place("reception_class", format!("{} (modtagelsesklasse)", pick(&SCHOOLS)), august, None)),
            6..=16 => {
                periods.push(place("school", pick(&SCHOOLS), august, Some(i64::from(age) - 6)));
                if age <= 9 {
                    periods.push(place("sfo", format!("{} SFO", pick(&SCHOOLS)), august, None));
                }
            }
            _ => periods.push(place("school", pick(&SCHOOLS), august, Some(10))),
        }
        all_periods.extend(periods.into_iter().map(|p| (child.id, p)));
        if age <= 5 {
            let profile = ProfileRow {
                person_id: child.id,
                health_visitor: format!(
                    "Sundhedsplejerske {}, tlf. 72 36 {:02} {:02}",
                    ["Mette", "Anne", "Lone"][child.id as usize % 3],
                    child.id % 90 + 10,
                    n % 90 + 10
                ),
                dental_care: if age >= 2 { "Den kommunale tandpleje, tlf. 72 36 50 00".into() } else { String::new() },
                vaccination: ["following", "following", "partly", "unknown"][n % 4].into(),
                language_support: i64::from(age >= 3 && n % 3 == 0),
                listed_area: i64::from(n % 6 == 1),
                updated_by: "demo".into(),
                updated_at: String::new(),
            };
            profiles.push(profile);
        }
    }
    store.add_childcare_bulk(tenant, &all_periods, &profiles, "demo").await?;
    let aged: Vec<(i64, u32)> =
        children.iter().filter_map(|c| Some((c.id, today.years_since(NaiveDate::parse_from_str(&c.birth_date, "%Y-%m-%d").ok()?)?))).collect();
    store_notes(store, tenant, &aged).await?;
    Ok(children.len())
}

/// Three invented concern notes from the demo daycare employee, marked as demo, each
/// about a child of an age the text fits (ids with ages in years).
async fn store_notes(store: &Store, tenant: &Tenant, children: &[(i64, u32)]) -> anyhow::Result<()> {
    let Some(writer) = store.user_by_login("dagtilbud").await? else { return Ok(()) };
    let now = chrono::Utc::now();
    let notes = [
        (
            "Barnet er flere gange hentet meget sent, og forælderen virkede påvirket. Barnet sagde, at der ikke var mad derhjemme. (Opdigtet demotekst.)",
            5,
            None,
            2..=5,
        ),
        (
            "Barnet har fortalt, at det ikke må lege med andre børn efter skole, og at en voksen i familien bestemmer, hvem det må tale med i SFO. (Opdigtet demotekst.)",
            30,
            Some(false),
            6..=9,
        ),
        ("Barnet har igen blå mærker på overarmene og vil ikke fortælle, hvordan de er opstået. (Opdigtet demotekst.)", 24 * 20, Some(true), 3..=12),
    ];
    let mut taken = Vec::new();
    for (i, (text, hours_ago, handled, ages)) in notes.into_iter().enumerate() {
        let fitting: Vec<i64> = children.iter().filter(|(id, age)| ages.contains(age) && !taken.contains(id)).map(|(id, _)| *id).collect();
        let Some(child) = fitting.get(fitting.len() / 4 * (i + 1)).copied() else { continue };
        taken.push(child);
        let received = now - chrono::Duration::hours(hours_ago);
        let note = NewNote {
            child_id: child,
            written_by: writer.id,
            writer_login: writer.login.clone(),
            writer_unit: "Dagtilbud og skole".into(),
            concern: text.into(),
            acute_suspected: i == 2,
            received_at: crate::store::timestamp(received),
            demo: true,
        };
        let id = store.add_concern_note(tenant, &note).await?;
        if let Some(decided) = handled {
            let assessed = received + chrono::Duration::hours(3);
            let day = |t: chrono::DateTime<chrono::Utc>| demo_day(t.with_timezone(&chrono::Local).date_naive());
            let handling = Handling {
                receipt_sent_on: Some(day(received + chrono::Duration::hours(20))),
                assessed_at: Some(crate::store::timestamp(assessed)),
                assessed_by: Some("boernfamilie".into()),
                acute: Some(false),
                assessment: "Ikke akut. Forældrene indkaldes til samtale. (Opdigtet demotekst.)".into(),
                decision: decided.then(|| "investigation".into()),
                decision_on: decided.then(|| day(assessed + chrono::Duration::days(2))),
                decision_note: if decided { "Børnefaglig undersøgelse iværksættes. (Opdigtet demotekst.)".into() } else { String::new() },
                investigation_started_on: decided.then(|| day(assessed + chrono::Duration::days(2))),
                investigation_completed_on: None,
            };
            store.update_concern_handling(tenant, id, &handling).await?;
        }
    }
    Ok(())
}
