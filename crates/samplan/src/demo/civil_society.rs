//! Demo civil society: about 40 invented associations, volunteer groups, housing
//! associations, businesses and faith or cultural associations spread over the demo
//! municipality's real postal areas, with offers, the municipality's volunteer centre,
//! some referrals under consent, participations, the newcomers' own volunteering and
//! fritidspas grants. The `frivillig` login belongs to the first sports club. Every name
//! is invented; the fritidspas amounts are the published Dragør example with an invented
//! demo budget. Deterministic: the same families give the same data.
use crate::civil_society::fritidspas::{self, Application};
use crate::domain::MunicipalityCode;
use crate::domain::municipality::postal_areas;
use crate::store::access::Reach;
use crate::store::civil_society::{FritidspasSettingsRow, NewGrant, NewParticipation, NewReferral, OfferFields, OrganisationFields};
use crate::store::consent::NewConsent;
use crate::store::{Store, Tenant};
use anyhow::Context;
use chrono::{Datelike, Duration, NaiveDate};

/// (kind, name pattern with `{}` for the town, description, offers: (kind, title, topics, ages, slots, price, languages, fritidspas)).
type Offer = (&'static str, &'static str, &'static str, (i64, i64), &'static str, i64, &'static str, bool);
const KINDS: &[(&str, &str, &str, &[Offer])] = &[
    (
        "association",
        "{} Boldklub",
        "Fodbold for børn, unge og voksne.",
        &[
            ("sports_leisure", "Fodbold U10", "fodbold", (6, 10), "2 16:00-17:00;4 16:00-17:00", 600, "da", true),
            ("sports_leisure", "Fodbold U14", "fodbold", (11, 14), "1 17:00-18:30;3 17:00-18:30", 800, "da,en", true),
        ],
    ),
    (
        "association",
        "{} Svømmeklub",
        "Svømning i den lokale hal.",
        &[("sports_leisure", "Svømning for begyndere", "svømning", (5, 12), "3 16:30-17:30", 700, "da", true)],
    ),
    (
        "volunteer_group",
        "Lektiecafé {}",
        "Frivillige hjælper med lektier.",
        &[("homework_help", "Lektiehjælp", "lektier,dansk,matematik", (9, 17), "2 15:00-17:00;4 15:00-17:00", 0, "da,ar,en", false)],
    ),
    (
        "volunteer_group",
        "Sprogcafé {}",
        "Snak dansk over en kop kaffe.",
        &[("language_cafe", "Sprogcafé", "dansk,sprog", (16, 99), "3 18:00-20:00", 0, "da,ar,uk,ti", false)],
    ),
    (
        "association",
        "{} Gymnastikforening",
        "Gymnastik og dans.",
        &[("sports_leisure", "Pigegymnastik", "gymnastik,dans", (6, 13), "1 16:00-17:00", 550, "da", true)],
    ),
    (
        "faith_or_cultural",
        "Kulturforeningen {}",
        "Fællesspisning og kulturaftener.",
        &[("activity", "Fællesspisning", "mad,fællesskab", (0, 120), "5 17:30-19:30", 20, "da,ar,fa", false)],
    ),
    (
        "housing_association",
        "Boligforeningen {}",
        "Almene boliger og beboeraktiviteter.",
        &[("mentor", "Nabovenner", "netværk,bolig", (18, 99), "", 0, "da,uk", false)],
    ),
    (
        "business",
        "{} Tømrer og Byg ApS",
        "Lokal virksomhed med praktikpladser og mentorer.",
        &[("mentor", "Jobmentor", "job,håndværk", (18, 64), "2 16:00-17:00", 0, "da,en", false)],
    ),
];

/// Creates the demo's organisations, offers, referrals, participations and grants.
pub async fn store_civil_society(store: &Store, code: &MunicipalityCode, today: NaiveDate) -> anyhow::Result<usize> {
    let tenant = &Tenant::trusted(code.as_str());
    if !store.organisations(tenant, None, "", 1, 0).await?.is_empty() {
        return Ok(0);
    }
    let areas = postal_areas(code);
    if areas.is_empty() {
        return Ok(0);
    }
    let town = |i: usize| &areas[i % areas.len()];
    let centre_area = town(0);
    let centre = store
        .create_organisation(
            tenant,
            &OrganisationFields {
                kind: "volunteer_centre".into(),
                name: format!("Frivilligcenter {}", code.municipality().name),
                cvr: None,
                description: "Kommunens frivilligcenter: formidler frivillige og holder registret over foreninger.".into(),
                postal_code: Some(centre_area.code.clone()),
                street: "Rådhuspladsen 1".into(),
                email: "frivilligcenter@demo.invalid".into(),
                phone: "70 00 00 00".into(),
            },
        )
        .await?;
    let mut orgs: Vec<(i64, &str)> = Vec::new();
    let mut offers: Vec<(i64, i64, bool, (i64, i64))> = Vec::new();
    let mut n = 0usize;
    'outer: for round in 0..areas.len().max(5) {
        for (k, (kind, pattern, description, list)) in KINDS.iter().enumerate() {
            if orgs.len() >= 39 {
                break 'outer;
            }
            let area = town(round + k);
            let name = pattern.replace("{}", &area.name);
            let name = if round >= areas.len() { format!("{name} {}", round + 1) } else { name };
            let Ok(id) = store
                .create_organisation(
                    tenant,
                    &OrganisationFields {
                        kind: (*kind).into(),
                        name,
                        cvr: None,
                        description: (*description).into(),
                        postal_code: Some(area.code.clone()),
                        street: format!("Foreningsvej {}", n % 40 + 1),
                        email: format!("kontakt{n}@demo.invalid"),
                        phone: format!("70 10 {:02} {:02}", n / 100, n % 100),
                    },
                )
                .await
            else {
                continue;
            };
            n += 1;
            store.add_contact(tenant, id, &format!("Kontaktperson {n}"), "Formand", &format!("formand{n}@demo.invalid"), "").await?;
            orgs.push((id, kind));
            for (okind, title, topics, ages, slots, price, languages, pas) in list.iter() {
                let oid = store
                    .create_offer(
                        tenant,
                        id,
                        &OfferFields {
                            kind: (*okind).into(),
                            title: format!("{title} ({})", area.name),
                            description: String::new(),
                            topics: (*topics).into(),
                            min_age: ages.0,
                            max_age: ages.1,
                            sex: title.starts_with("Pige").then(|| "female".to_string()),
                            postal_code: area.code.clone(),
                            street: format!("Foreningsvej {}", n % 40 + 1),
                            languages: (*languages).into(),
                            slots: (*slots).into(),
                            price_kr: *price,
                            seats: 15,
                            fritidspas: *pas,
                            active: true,
                        },
                    )
                    .await?;
                offers.push((oid, id, *pas, *ages));
            }
        }
    }
    // The demo volunteer coordinator belongs to the first sports club.
    if let (Some(user), Some((club, _))) = (store.user_by_login("frivillig").await?, orgs.first()) {
        store.set_organisation_user(tenant, user.id, *club).await?;
    }
    let _ = centre;
    // Fritidspas: the published Dragør example, with an invented demo budget.
    let example = fritidspas::example();
    store
        .save_fritidspas_settings(
            tenant,
            &FritidspasSettingsRow {
                income_limit: example.income_limit,
                extra_per_child: example.extra_per_child,
                max_fee: example.max_fee,
                max_equipment: example.max_equipment,
                yearly_budget: 150_000,
                updated_by: "demo".into(),
                updated_at: String::new(),
            },
        )
        .await?;
    let settings = fritidspas::Settings { yearly_budget: 150_000, confirmed: true, ..example };
    let Some(caseworker) = store.user_by_login("sagsbehandler").await? else { return Ok(orgs.len()) };
    let families = store.families(tenant, &Reach::All, None, 60, 0).await?;
    let (mut referred, mut granted_total) = (0, 0);
    for (i, fam) in families.iter().enumerate() {
        let members = store.family_members(tenant, fam.id).await?;
        for m in &members {
            let Ok(birth) = NaiveDate::parse_from_str(&m.birth_date, "%Y-%m-%d") else { continue };
            let age = i64::from(today.years_since(birth).unwrap_or(0));
            let pick = |k: usize| offers.iter().filter(|(_, _, _, a)| a.0 <= age && age <= a.1).nth((i + k) % 3);
            if (6..18).contains(&age) && referred < 12 {
                let Some(&(offer, org, pas, _)) = pick(0) else { continue };
                let given = crate::domain::calendar_day(today - Duration::days(30)).context("consent")?;
                let consent = store
                    .create_consent(
                        tenant,
                        caseworker.id,
                        &NewConsent {
                            person_id: m.id,
                            scopes: String::new(),
                            departments: String::new(),
                            partners: String::new(),
                            purpose: "Fritidsaktiviteter".into(),
                            given_on: given,
                            how_given: "written".into(),
                            witness: None,
                            // The organisation referred to, and the first sports club (the
                            // `frivillig` login's), each with age, languages and interests.
                            organisations: std::iter::once(org)
                                .chain(orgs.first().map(|o| o.0).filter(|club| *club != org))
                                .map(|o| (o, "profile".to_string()))
                                .collect(),
                        },
                    )
                    .await?;
                let rid = store
                    .create_offer_referral(
                        tenant,
                        caseworker.id,
                        &NewReferral {
                            person_id: m.id,
                            consent_id: consent,
                            organisation_id: org,
                            offer_id: Some(offer),
                            shared: if referred % 2 == 0 { "name,contact,age,interests".into() } else { "name,contact".into() },
                            contact: format!("Forælder: tlf. 20 {:02} {:02} {:02}", i % 100, age, referred),
                            note: if referred % 2 == 0 { "Vil gerne prøve noget nyt sammen med andre børn.".into() } else { String::new() },
                        },
                    )
                    .await?;
                if referred % 3 != 2 {
                    store.answer_offer_referral(tenant, rid, org, "accepted").await?;
                    let status = if referred % 3 == 0 { "member" } else { "attending" };
                    let part = NewParticipation {
                        person_id: m.id,
                        organisation_id: org,
                        offer_id: Some(offer),
                        referral_id: Some(rid),
                        kind: "participant".into(),
                        status: status.into(),
                        from_day: crate::domain::calendar_day(today - Duration::days(20)).context("participation")?,
                        to_day: None,
                    };
                    store.add_participation(tenant, &part, "frivillig").await?;
                }
                if pas && referred % 2 == 0 {
                    let income = 150_000 + (referred as i64) * 9_000;
                    let d = fritidspas::decide(
                        &settings,
                        &Application { household_income: income, children: 2, fee: 800, equipment: 400, already: (0, 0), granted_this_year: granted_total },
                    );
                    granted_total += d.fee + d.equipment;
                    let used = if d.decision == "granted" && referred % 4 == 0 { d.fee } else { 0 };
                    let gid = store
                        .add_fritidspas_grant(
                            tenant,
                            &NewGrant {
                                person_id: m.id,
                                offer_id: Some(offer),
                                year: i64::from(today.year()),
                                household_income: income,
                                children: 2,
                                fee_kr: d.fee,
                                equipment_kr: d.equipment,
                                decision: d.decision,
                                reason: d.reason,
                            },
                            "sagsbehandler",
                        )
                        .await?;
                    // The club has been paid the fee of some of them.
                    if used > 0 {
                        store.set_fritidspas_used(tenant, gid, used).await?;
                    }
                }
                referred += 1;
            } else if age >= 18 && i % 5 == 0 {
                // The newcomers volunteer too.
                let (org, _) = orgs[(i / 5) % orgs.len()];
                let part = NewParticipation {
                    person_id: m.id,
                    organisation_id: org,
                    offer_id: None,
                    referral_id: None,
                    kind: "volunteer".into(),
                    status: "attending".into(),
                    from_day: crate::domain::calendar_day(today - Duration::days(90)).context("participation")?,
                    to_day: None,
                };
                store.add_participation(tenant, &part, "sagsbehandler").await?;
            }
        }
    }
    Ok(orgs.len() + 1)
}
