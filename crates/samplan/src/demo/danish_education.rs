//! Demo Danish education: every adult with a DU referral in the demo municipality and
//! its partners gets a referral record (the same referral and start days as their case
//! events), a track, module tests at about their track's pace (the first passed test on
//! the day of an earlier recorded "passed module" outcome, so the two agree), some
//! completed or stopped courses, and six weeks of attendance for running courses (a few
//! learners below the attendance share, whose caseworker is notified). Some adults
//! outside the integration act's programme are self-supporting learners (S-kursister)
//! with an application day. Two more municipalities of the demo municipality's region get small
//! populations, so the regional view has at least three municipalities with data.
//! Deterministic: the same municipality and date give the same data.
use crate::crypto::CprVault;
use crate::domain::{MunicipalityCode, ResidenceBasis};
use crate::store::Store;
use crate::store::Tenant;
use crate::store::danish_education::{AttendanceRow, CourseFields};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashMap;

/// Persons generated in each extra municipality of the region.
const REGION_PERSONS: usize = 120;

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A demo day (within a few decades of today) as a calendar day.
fn demo_day(d: NaiveDate) -> calendar::Date {
    crate::domain::calendar_day(d).expect("demo days lie within the calendar")
}

fn parse(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Two more municipalities of the region of `code` (by code, none of `taken`).
pub fn region_neighbours(code: &MunicipalityCode, taken: &[&str]) -> Vec<MunicipalityCode> {
    let region = &code.municipality().region_code;
    crate::domain::municipality::all()
        .iter()
        .filter(|m| &m.region_code == region && m.code != code.as_str() && !taken.contains(&m.code.as_str()))
        .take(2)
        .filter_map(|m| MunicipalityCode::parse(&m.code).ok())
        .collect()
}

/// Generates and stores two small populations in the region (no partnership, no goals).
pub async fn store_region(store: &Store, vault: &CprVault, code: &MunicipalityCode, today: NaiveDate, taken: &[&str]) -> anyhow::Result<Vec<MunicipalityCode>> {
    let neighbours = region_neighbours(code, taken);
    for m in &neighbours {
        store.ensure_municipality(m).await?;
        let seed = u64::from(m.as_str().parse::<u16>().unwrap_or(1)) + 17;
        let mut families = super::generate(m, seed, today, Some(REGION_PERSONS));
        for f in &mut families {
            f.with_demo_caseworker = false;
        }
        super::store_families(store, vault, m, &families, |_| {}).await?;
    }
    Ok(neighbours)
}

/// Referrals, module tests and attendance for the persons of one municipality.
pub async fn store_danish_education(store: &Store, tenant: &Tenant, today: NaiveDate) -> anyhow::Result<()> {
    let centre = MunicipalityCode::parse(tenant.code()).map(|c| format!("Sprogcenter {}", c.municipality().name)).unwrap_or_else(|_| "Sprogcenter".into());
    let mut rng = Lcg(u64::from(tenant.code().parse::<u16>().unwrap_or(1)) * 104_729);
    let mut attendance = Vec::new();
    let mut courses: Vec<crate::store::bulk::BulkCourse> = Vec::new();
    let mut recompute = Vec::new();
    let mut low = Vec::new();
    // The persons and their case events a few hundred at a time, by id: the whole
    // municipality's facts at once would hold every event in memory.
    let ids = store.person_ids(tenant).await?;
    for chunk in ids.chunks(500) {
        let mut by_person: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
        for e in store.events_of_persons(tenant, chunk).await? {
            by_person.entry(e.person_id).or_default().push((e.kind, crate::domain::chrono_day(e.day)));
        }
        let event = |p: i64, kind: &str| by_person.get(&p).and_then(|es| es.iter().filter(|(k, _)| k == kind).map(|(_, d)| *d).min());
        for p in &store.persons_by_ids(tenant, chunk).await? {
            let (Some(birth), Some(arrival)) = (parse(&p.birth_date), p.arrival_date.as_deref().and_then(parse)) else { continue };
            if today.years_since(birth).unwrap_or(0) < 18 {
                continue;
            }
            let (learner, applied, referred, start) = match event(p.id, "du_referral") {
                // Some learners outside the integration act's programme (the Ukrainian
                // special act) applied as self-supporting learners.
                Some(r) if p.residence_basis == ResidenceBasis::UkrainianSpecialAct && rng.chance(40) => {
                    ("self_supporting", Some(r - Duration::days(5 + rng.below(15) as i64)), r, event(p.id, "du_start"))
                }
                Some(r) => ("integration", None, r, event(p.id, "du_start")),
                // Adults outside the programme: about half apply as self-supporting learners.
                None if p.takeover_date.is_none() && rng.chance(50) => {
                    let applied = arrival + Duration::days(30 + rng.below(200) as i64);
                    let referred = applied + Duration::days(5 + rng.below(15) as i64);
                    let start = referred + Duration::days(10 + rng.below(25) as i64);
                    if referred > today {
                        continue;
                    }
                    ("self_supporting", Some(applied), referred, (start <= today + Duration::days(20)).then_some(start))
                }
                None => continue,
            };
            let track = match rng.below(100) {
                0..=19 => "du1",
                20..=74 => "du2",
                _ => "du3",
            };
            let pace = match track {
                "du1" => 6,
                "du2" => 4,
                _ => 3,
            };
            // Module tests at about the track's pace from the start.
            let mut tests = Vec::new();
            let mut module = 1;
            if let Some(s) = start.filter(|s| *s <= today) {
                let mut day = event(p.id, "du_module_passed").filter(|d| *d > s);
                let mut at = s;
                while module <= 6 {
                    let next = day.take().unwrap_or_else(|| at + Duration::days(pace * 30 * (80 + rng.below(60) as i64) / 100));
                    if next > today {
                        break;
                    }
                    let passed = rng.chance(88);
                    tests.push((module, next, passed));
                    at = next;
                    if passed {
                        module += 1;
                    }
                }
            }
            let module = module.min(6);
            let started_long_ago = start.is_some_and(|s| s < today - Duration::days(365));
            let (ended, reason) = if tests.iter().filter(|t| t.2).count() == 6 {
                (tests.last().map(|t| t.1), Some("completed"))
            } else if started_long_ago && rng.chance(15) {
                (Some(today - Duration::days(10 + rng.below(120) as i64)), Some(if rng.chance(70) { "work" } else { "moved" }))
            } else {
                (None, None)
            };
            let fields = CourseFields {
                learner: learner.into(),
                applied_on: applied.map(demo_day),
                referred_on: demo_day(referred),
                language_centre: centre.clone(),
                track: track.into(),
                module: module as i64,
                start_on: start.map(demo_day),
                hours_per_week: if learner == "integration" { [12, 15, 15, 9][rng.below(4) as usize] } else { [6, 9][rng.below(2) as usize] },
                ended_on: ended.filter(|e| start.is_none_or(|s| *e >= s)).map(demo_day),
                end_reason: ended.filter(|e| start.is_none_or(|s| *e >= s)).and(reason).map(Into::into),
                end_note: String::new(),
            };
            // The referral's id is known once the batch is stored: attendance rows point to
            // its place in `courses` until then.
            let id = courses.len() as i64;
            let tests: Vec<(i64, calendar::Date, String, bool)> = tests
                .iter()
                .map(|(m, taken, passed)| {
                    let result = if *passed { ["7", "10", "4", "02", "12"][rng.below(5) as usize] } else { "-3" };
                    (i64::from(*m), demo_day(*taken), result.to_string(), *passed)
                })
                .collect();
            let hours_per_week = fields.hours_per_week;
            let running = fields.ended_on.is_none() && start.is_some_and(|s| s <= today);
            courses.push((p.id, fields, tests));
            if learner == "self_supporting" {
                recompute.push(p.id);
            }
            // Six weeks of attendance for running courses that have started.
            if running {
                let weak = rng.chance(10);
                let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                for w in 0..6 {
                    let week = monday - Duration::days(7 * w);
                    if start.is_some_and(|s| s > week + Duration::days(6)) {
                        continue;
                    }
                    let held = hours_per_week;
                    let share = if weak { 35 + rng.below(30) as i64 } else { 82 + rng.below(19) as i64 };
                    let present = (held * share / 100).min(held);
                    let absent = held - present;
                    let without = if weak { absent * 2 / 3 } else { absent / 3 };
                    attendance.push(AttendanceRow {
                        course_id: id,
                        person_id: p.id,
                        week: demo_day(week),
                        hours_present: present,
                        absent_with_notice: absent - without,
                        absent_without_notice: without,
                        recorded_by: "demo".into(),
                        recorded_at: String::new(),
                    });
                }
                if weak {
                    low.push(p.id);
                }
            }
        }
    }
    let ids = store.add_du_courses_bulk(tenant, &courses, "demo").await?;
    for row in &mut attendance {
        row.course_id = ids[row.course_id as usize];
    }
    store.add_du_attendance_batch(tenant, &attendance).await?;
    let with = crate::deadlines::municipality_rules(store, tenant).await?;
    crate::deadlines::recompute_many(store, tenant, &recompute, &with).await?;
    // The caseworker hears of the learners below the attendance share.
    for id in low.into_iter().take(8) {
        if let (Some(caseworker), Some(person)) = (store.du_caseworker(tenant, id).await?, store.person(tenant, id).await?) {
            let message = format!(
                "{} {} har haft under 80 % fremmøde på danskuddannelsen de sidste 4 uger. Vurdér om fraværet er lovligt.",
                person.given_name, person.family_name
            );
            store.notify(tenant, caseworker, person.family_id, &message, None).await?;
        }
    }
    Ok(())
}
