//! Demo helhedsplaner: about one family in four gets a plan coordinated by the demo
//! coordinator, with actions from the language centre, the jobcenter, daycare, health
//! and housing, parent cooperation with an interpreter (a school–home conversation or a
//! parent meeting), a consent or two, and a referral. Some plans have conflicts to resolve
//! (an overlap, a child without daycare on Friday, too few hours). Deterministic: the
//! same families give the same plans.
use crate::plans::{Action, Goal, PlanDocument, Slot};
use crate::store::Store;
use crate::store::Tenant;
use crate::store::consent::NewConsent;
use crate::store::plans::NewPlanVersion;
use anyhow::Context;
use chrono::{Duration, NaiveDate};

fn slots(days: &[u8], from: &str, to: &str) -> Vec<Slot> {
    days.iter().map(|d| Slot { weekday: *d, from: from.into(), to: to.into() }).collect()
}

fn action(code: &str, department: &str, responsible: (Option<i64>, &str), person: i64, start: NaiveDate, slots: Vec<Slot>) -> Action {
    Action {
        id: 0,
        catalogue_code: Some(code.into()),
        title: String::new(),
        department: department.into(),
        responsible_user_id: responsible.0,
        responsible_name: responsible.1.into(),
        person_id: Some(person),
        start_date: start.to_string(),
        end_date: Some((start + Duration::days(270)).to_string()),
        slots,
        weekly_hours: None,
        status: "active".into(),
        interpreter_language: None,
    }
}

/// Stores plans for the municipality's demo families; returns how many.
pub async fn store_plans(store: &Store, tenant: &Tenant, today: NaiveDate) -> anyhow::Result<usize> {
    let user = |login: &'static str| async move { store.user_by_login(login).await.map(|u| u.map(|u| (u.id, u.display_name))) };
    let Some((coordinator, coordinator_name)) = user("koordinator").await? else { return Ok(0) };
    let daycare = user("dagtilbud").await?;
    let housing = user("bolig").await?;
    let start = today - Duration::days(60);
    let families = store.families(tenant, &crate::store::access::Reach::All, None, 10_000, 0).await?;
    let mut made = 0;
    for (i, family) in families.iter().enumerate().filter(|(i, _)| i % 4 == 0) {
        let members = store.family_members(tenant, family.id).await?;
        let adults: Vec<_> = members.iter().filter(|m| m.family_role == "adult").collect();
        if adults.is_empty() {
            continue;
        }
        // 0: an overlap, 1: a child without daycare on Friday, 2: too few hours, 3: no conflict.
        let variant = (i / 4) % 4;
        let mut doc = PlanDocument { coordinator_user_id: Some(coordinator), ..Default::default() };
        for (n, a) in adults.iter().enumerate() {
            let name = &a.given_name;
            let praktik_from = if variant == 0 && n == 0 { "11:30" } else { "12:00" };
            let mut job = vec![action(
                "virksomhedspraktik",
                "jobcenter",
                (Some(coordinator), &coordinator_name),
                a.id,
                start,
                slots(&[1, 2, 3, 4], praktik_from, "16:00"),
            )];
            if variant != 2 || n > 0 {
                job.push(action("jobsoegning", "jobcenter", (Some(coordinator), &coordinator_name), a.id, start, slots(&[5], "08:00", "15:00")));
            }
            doc.goals.push(Goal {
                id: 0,
                life_area: "sprog".into(),
                person_id: Some(a.id),
                text: format!("{name} kan klare en samtale på dansk på arbejdspladsen"),
                actions: vec![action("du2", "sprogcenter", (None, "Lone Madsen"), a.id, start, slots(&[1, 2, 3, 4], "08:30", "12:00"))],
            });
            doc.goals.push(Goal {
                id: 0,
                life_area: "beskaeftigelse".into(),
                person_id: Some(a.id),
                text: format!("{name} er i ordinært job inden for et år"),
                actions: job,
            });
            if n == 0 {
                doc.goals.push(Goal {
                    id: 0,
                    life_area: "helbred".into(),
                    person_id: Some(a.id),
                    text: format!("{name}s helbred er afklaret"),
                    actions: vec![action("helbredsvurdering", "sundhed", (None, "Birgitte Holm"), a.id, start, Vec::new())],
                });
            }
        }
        let mut parent_meeting = false;
        for child in members.iter().filter(|m| m.family_role == "child") {
            let birth = NaiveDate::parse_from_str(&child.birth_date, "%Y-%m-%d").unwrap_or(today);
            let age = today.years_since(birth).unwrap_or(0);
            let (tenant, days): (&str, &[u8]) = match age {
                0..=5 if variant == 1 => ("dagtilbud", &[1, 2, 3, 4]),
                0..=5 => ("dagtilbud", &[1, 2, 3, 4, 5]),
                6..=16 => ("skole", &[1, 2, 3, 4, 5]),
                _ => continue,
            };
            let who = daycare.as_ref().map_or((None, "Camilla Holm"), |(id, n)| (Some(*id), n.as_str()));
            let mut actions = vec![action(tenant, "dagtilbud_og_skole", who, child.id, start, slots(days, "07:30", "16:00"))];
            // Parent cooperation for the first child: a school–home conversation or a
            // parent meeting in daycare, one day, with an interpreter in the parent's language.
            if !parent_meeting {
                parent_meeting = true;
                let day = start + Duration::days(30);
                let mut meeting =
                    action(if tenant == "skole" { "skole_hjem_samtale" } else { "foraeldremoede" }, "dagtilbud_og_skole", who, adults[0].id, day, Vec::new());
                meeting.end_date = Some(day.to_string());
                meeting.interpreter_language = adults[0].languages.split(',').map(str::trim).find(|l| !l.is_empty() && *l != "da").map(str::to_string);
                actions.push(meeting);
            }
            doc.goals.push(Goal {
                id: 0,
                life_area: "boern_og_skole".into(),
                person_id: Some(child.id),
                text: format!("{} trives i {}", child.given_name, if tenant == "skole" { "skolen" } else { "dagtilbuddet" }),
                actions,
            });
        }
        let who = housing.as_ref().map_or((None, "Jens Mikkelsen"), |(id, n)| (Some(*id), n.as_str()));
        let mut housing_action = action("boligvejledning", "bolig", who, adults[0].id, start, Vec::new());
        housing_action.person_id = None;
        housing_action.weekly_hours = Some(1.0);
        doc.goals.push(Goal {
            id: 0,
            life_area: "bolig".into(),
            person_id: None,
            text: "Familien har en permanent bolig".into(),
            actions: vec![housing_action],
        });
        let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
        doc.check(&ids, None).map_err(|e| anyhow::anyhow!("demo plan for {}: {e:?}", family.name))?;
        let json = doc.to_json();
        store
            .save_plan_version(
                tenant,
                0,
                &NewPlanVersion {
                    family_id: family.id,
                    document: &json,
                    coordinator_user_id: Some(coordinator),
                    saved_by: coordinator,
                    saved_by_name: &coordinator_name,
                    reason: "Helhedsplan lagt på første familiemøde",
                    department_links: &doc.department_links(),
                },
            )
            .await?;
        if variant != 0 {
            for a in &adults {
                let consent = NewConsent {
                    person_id: a.id,
                    scopes: "plan".into(),
                    departments: "sprogcenter,dagtilbud_og_skole,jobcenter".into(),
                    partners: String::new(),
                    purpose: "Sammenhæng mellem familiens indsatser".into(),
                    given_on: crate::domain::calendar_day(start).context("consent")?,
                    how_given: "written".into(),
                    witness: None,
                    organisations: Vec::new(),
                };
                store.create_consent(tenant, coordinator, &consent).await?;
            }
        }
        if variant == 1
            && let Some((id, _)) = &daycare
        {
            store.create_referral(tenant, adults[0].id, "dagtilbud_og_skole", "sundhed", "Forælder ønsker samtale om søvnproblemer hos barnet", *id).await?;
        }
        made += 1;
    }
    Ok(made)
}
