//! Demo partnership: four more real municipalities with small generated populations
//! join the demo municipality in one partnership; every person in the five gets status
//! spells (programme, work, daycare, school, association, housing …) and outcome events drawn from
//! their municipality's profile, so the comparison shows real differences and some
//! suppressed cells; each municipality has local goals; the secretariat has a meeting
//! and a note on record. Deterministic: the same municipality and date give the same data.
use crate::crypto::CprVault;
use crate::domain::MunicipalityCode;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::goals::{DatedFact, GoalRow, MunicipalityFacts, PersonFacts};
use anyhow::Context;
use chrono::{Datelike, Duration, NaiveDate};

/// The partnership's name in the demo.
pub const PARTNERSHIP: &str = "Partnerskab om flere i job og uddannelse";

/// How a municipality's newcomers fare: chances (per cent) and speeds.
#[derive(Debug, Clone, Copy)]
struct Profile {
    /// Adults in work or education a year after takeover.
    work: u64,
    /// Women in a company-based offer.
    company_offer: u64,
    /// Children 3–5 in daycare.
    daycare: u64,
    /// Active in an association.
    association: u64,
    /// Adults volunteering.
    volunteer: u64,
    /// Days from arrival to permanent housing, at most.
    housing_days: i64,
    /// Passed a DU module within a year of referral.
    du_pass: u64,
    /// Completed the citizenship course.
    citizenship: u64,
}

/// The four partners (code, persons) tried in order, skipping the demo municipality.
const PARTNERS: &[(&str, usize)] = &[("0101", 260), ("0461", 200), ("0787", 90), ("0580", 130), ("0851", 150)];

fn profile(code: &str) -> Profile {
    match code {
        "0101" => Profile { work: 55, company_offer: 45, daycare: 80, association: 30, volunteer: 12, housing_days: 330, du_pass: 70, citizenship: 55 },
        "0461" => Profile { work: 42, company_offer: 60, daycare: 70, association: 22, volunteer: 10, housing_days: 240, du_pass: 60, citizenship: 45 },
        "0787" => Profile { work: 48, company_offer: 35, daycare: 92, association: 45, volunteer: 25, housing_days: 90, du_pass: 55, citizenship: 40 },
        "0580" => Profile { work: 38, company_offer: 55, daycare: 85, association: 28, volunteer: 15, housing_days: 150, du_pass: 65, citizenship: 50 },
        _ => Profile { work: 45, company_offer: 50, daycare: 78, association: 26, volunteer: 14, housing_days: 200, du_pass: 62, citizenship: 48 },
    }
}

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn days(&mut self, from: i64, to: i64) -> Duration {
        Duration::days(from + self.below((to - from).max(1) as u64) as i64)
    }
}

fn parse(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Spells (kind, from, to) and events (kind, day) for one person.
type Facts = (Vec<(&'static str, NaiveDate, Option<NaiveDate>)>, Vec<(&'static str, NaiveDate)>);

fn person_facts(p: &PersonFacts, referral: Option<NaiveDate>, pr: Profile, today: NaiveDate, rng: &mut Lcg) -> Facts {
    let (mut spells, mut events) = (Vec::new(), Vec::new());
    let (Some(birth), Some(arrival)) = (parse(&p.birth_date), p.arrival_date.as_deref().and_then(parse)) else { return (spells, events) };
    let takeover = p.takeover_date.as_deref().and_then(parse);
    let age = today.years_since(birth).unwrap_or(0);
    let female = p.sex == "female";
    // Housing: temporary from arrival, permanent after up to the profile's days.
    let moved = arrival + rng.days(20, pr.housing_days.max(21));
    spells.push(("temporary_housing", arrival, Some(moved - Duration::days(1))));
    spells.push(("permanent_housing", moved, None));
    if rng.chance(pr.association) {
        spells.push(("association", arrival + rng.days(30, 300), None));
    }
    if (3..=6).contains(&age) && rng.chance(pr.daycare) {
        let three = birth.with_year(birth.year() + 3).unwrap_or(birth);
        spells.push(("daycare", arrival.max(three) + rng.days(0, 60), None));
    }
    if (6..18).contains(&age) {
        spells.push(("school", arrival + Duration::days(14), None));
    }
    if age >= 18 {
        if rng.chance(pr.volunteer) {
            spells.push(("volunteer", arrival + rng.days(60, 400), None));
        }
        if rng.chance(pr.citizenship) {
            events.push(("citizenship_course_completed", arrival + rng.days(120, 700)));
        }
    }
    if let Some(t) = takeover.filter(|_| (18..=64).contains(&age)) {
        if rng.chance(pr.work) {
            let kind = if age < 30 && rng.chance(30) {
                "education"
            } else if rng.chance(15) {
                "igu"
            } else {
                "work"
            };
            spells.push((kind, t + rng.days(90, 360), None));
        }
        if female && (25..=50).contains(&age) && rng.chance(pr.company_offer) {
            let from = t + rng.days(30, 300);
            spells.push(("company_offer", from, Some(from + Duration::days(90))));
        }
    }
    if let Some(r) = referral.filter(|_| rng.chance(pr.du_pass)) {
        events.push(("du_module_passed", r + rng.days(100, 360)));
    }
    spells.retain(|(_, from, _)| *from <= today);
    events.retain(|(_, day)| *day <= today);
    (spells, events)
}

/// The programme period of an adult who started it on `start` (their `programme_start`
/// case event): for half of those who find ordinary work it ends two to twelve months
/// after the job begins (self-support), else after one to five years (the programme
/// with extensions; the length is unverified), and is open while it lasts. Its own
/// generator per person, so the other facts stay as they were.
fn programme_spell(start: NaiveDate, work_from: Option<NaiveDate>, today: NaiveDate, rng: &mut Lcg) -> (NaiveDate, Option<NaiveDate>) {
    let years = if rng.chance(30) { 1 } else { 2 + rng.below(4) as i64 };
    let planned = start + Duration::days(years * 365);
    let end = match work_from.filter(|w| *w > start && rng.chance(50)) {
        Some(w) => (w + rng.days(60, 365)).min(planned),
        None => planned,
    };
    (start, (end <= today).then_some(end))
}

/// Adds status spells and outcome events to every person of a municipality. With
/// `childcare`, the municipality's children get daycare and school periods of their own
/// (`demo::children`), so no daycare or school spells are added here: a child's place is
/// recorded in one place. Returns the municipality's facts with what it added, as a
/// new read would give them (the whole municipality is not read twice).
async fn add_facts(store: &Store, tenant: &Tenant, today: NaiveDate, childcare: bool) -> anyhow::Result<MunicipalityFacts> {
    let mut facts = store.municipality_facts(tenant).await?;
    let pr = profile(tenant.code());
    let mut rng = Lcg(u64::from(tenant.code().parse::<u16>().unwrap_or(1)) * 7919);
    let mut all = Vec::new();
    // Each person's first DU referral, looked up once (not a scan of every event per person).
    let mut referrals: std::collections::HashMap<i64, &str> = std::collections::HashMap::new();
    for e in facts.events.iter().filter(|e| e.kind == "du_referral") {
        referrals.entry(e.person_id).or_insert(&e.day);
    }
    let mut programme_starts: std::collections::HashMap<i64, &str> = std::collections::HashMap::new();
    for e in facts.events.iter().filter(|e| e.kind == "programme_start") {
        programme_starts.entry(e.person_id).or_insert(&e.day);
    }
    let mut new_events: Vec<(i64, String, String)> = Vec::new();
    for p in &facts.persons {
        let referral = referrals.get(&p.id).and_then(|day| parse(day));
        let (mut spells, events) = person_facts(p, referral, pr, today, &mut rng);
        if childcare {
            spells.retain(|(kind, ..)| !matches!(*kind, "daycare" | "school"));
        }
        let with_programme = p.residence_basis.has_programme();
        if let Some(start) = programme_starts.get(&p.id).and_then(|d| parse(d)).filter(|_| with_programme) {
            let work_from = spells.iter().find(|s| s.0 == "work").map(|s| s.1);
            let (from, to) = programme_spell(start, work_from, today, &mut Lcg(p.id as u64 * 104_729 + 17));
            spells.push(("programme", from, to));
        }
        for (kind, from, to) in spells {
            let day = |d: NaiveDate| crate::domain::calendar_day(d).context("status spell");
            all.push((p.id, kind, day(from)?, to.filter(|t| *t <= today).map(day).transpose()?));
        }
        new_events.extend(events.into_iter().map(|(kind, day)| (p.id, kind.to_string(), day.to_string())));
    }
    store.add_events_bulk(tenant, &new_events, "demo").await?;
    store.add_statuses(tenant, &all).await?;
    // In the order `municipality_facts` reads them: by person, then day.
    facts.events.extend(new_events.into_iter().map(|(person_id, kind, day)| DatedFact { person_id, kind, day, until: None }));
    facts.events.sort_by(|a, b| (a.person_id, &a.day).cmp(&(b.person_id, &b.day)));
    facts.statuses.extend(all.into_iter().map(|(person_id, kind, day, until)| DatedFact {
        person_id,
        kind: kind.to_string(),
        day: day.to_string(),
        until: until.map(|d| d.to_string()),
    }));
    facts.statuses.sort_by(|a, b| (a.person_id, &a.day).cmp(&(b.person_id, &b.day)));
    Ok(facts)
}

/// Local goals of a municipality (indicator, target above the baseline, reasoning).
const GOALS: &[(&str, f64, &str)] = &[
    (
        "work_or_education_12m",
        10.0,
        "Flere skal i job eller uddannelse inden for det første år. Vi styrker den virksomhedsrettede indsats og samarbejdet med lokale virksomheder.",
    ),
    ("daycare_3_5", 8.0, "Alle børn skal have et godt sprogligt grundlag inden skolestart. Vi tilbyder besøg i dagtilbud allerede ved ankomsten."),
    ("association_active", 6.0, "Fællesskaber i foreninger giver netværk og sprog. Vi samarbejder med foreningerne om brobyggere."),
];

async fn add_goals(store: &Store, tenant: &Tenant, facts: &MunicipalityFacts, today: NaiveDate, skip: usize) -> anyhow::Result<()> {
    let persons = crate::goals::records::records(facts);
    let last = crate::goals::service::last_complete_month();
    let baseline_month = last.plus_months(-6).unwrap_or(last);
    for (id, lift, reasoning) in GOALS.iter().skip(skip) {
        let Some(ind) = indicators::find(id) else { continue };
        // The baseline is the value in the baseline month (or the mean of the months
        // around it when that month has too few persons).
        let series = crate::goals::service::series(ind, &persons, baseline_month.plus_months(-3).unwrap_or(baseline_month), baseline_month);
        let known: Vec<f64> = series.iter().filter_map(|p| p.value).collect();
        let baseline = if known.is_empty() { 30.0 } else { (known.iter().sum::<f64>() / known.len() as f64).round() };
        let goal = GoalRow {
            municipality_code: tenant.to_string(),
            indicator_id: ind.id.clone(),
            baseline_month: baseline_month.to_string(),
            baseline,
            target: (baseline + lift).min(100.0),
            target_date: calendar::Date::new(today.year() + 1, 12, 31)?,
            reasoning: (*reasoning).to_string(),
            updated_by: "leder".into(),
            updated_at: crate::store::now(),
        };
        // A municipality already at the top sets no goal on that indicator.
        if crate::goals::service::local_goal(&goal).is_some_and(|g| g.validate(ind).is_ok()) {
            store.save_goal(tenant, &goal).await?;
        }
    }
    Ok(())
}

/// Creates the partners and the partnership, and the goals and outcomes of all five.
pub async fn store_partnership(store: &Store, vault: &CprVault, code: &MunicipalityCode, today: NaiveDate) -> anyhow::Result<()> {
    let partners: Vec<(MunicipalityCode, usize)> =
        PARTNERS.iter().filter(|(c, _)| *c != code.as_str()).take(4).filter_map(|(c, n)| Some((MunicipalityCode::parse(c).ok()?, *n))).collect();
    let partnership = store.create_partnership(PARTNERSHIP, "Fem kommuner lærer af hinanden om vejen til job, uddannelse og fællesskaber.").await?;
    let first_join = NaiveDate::from_ymd_opt(today.year() - 2, 1, 1).unwrap_or(today);
    store.join_partnership(partnership, &Tenant::trusted(code.as_str()), crate::domain::calendar_day(first_join).context("first join")?).await?;
    let facts = add_facts(store, &Tenant::trusted(code.as_str()), today, true).await?;
    add_goals(store, &Tenant::trusted(code.as_str()), &facts, today, 0).await?;
    drop(facts);
    for (i, (partner, persons)) in partners.iter().enumerate() {
        store.ensure_municipality(partner).await?;
        let seed = u64::from(partner.as_str().parse::<u16>().unwrap_or(1));
        let mut families = super::generate(partner, seed, today, Some(*persons));
        for f in &mut families {
            f.with_demo_caseworker = false;
        }
        super::store_families(store, vault, partner, &families, |_| {}).await?;
        let facts = add_facts(store, &Tenant::trusted(partner.as_str()), today, false).await?;
        add_goals(store, &Tenant::trusted(partner.as_str()), &facts, today, i % 2).await?;
        // The last partner joined later, so older months show four members.
        let joined = if i + 1 == partners.len() { today - Duration::days(200) } else { first_join };
        store.join_partnership(partnership, &Tenant::trusted(partner.as_str()), crate::domain::calendar_day(joined).context("join")?).await?;
    }
    let meeting = today - Duration::days(40);
    store
        .add_meeting(
            partnership,
            crate::domain::calendar_day(meeting).context("meeting")?,
            "Virksomhedsrettede tilbud til kvinder",
            "Odense fortalte om mentorordningen med lokale virksomheder. Holbæk og Aabenraa afprøver ordningen i foråret; vi følger op på næste møde.",
            "sekretariat",
        )
        .await?;
    store
        .add_note(
            &Tenant::trusted(code.as_str()),
            crate::domain::calendar_day(today - Duration::days(20)).context("note")?,
            "sekretariat",
            "Godt i gang med målet for dagtilbud. Forslag: tag kontakt til Thisted om brobyggere i dagtilbuddene.",
        )
        .await?;
    Ok(())
}
