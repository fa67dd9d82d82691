//! Demo employment: about 60 invented companies in the industries that employ many in
//! the municipality (manufacturing, construction, retail, transport, hotels and
//! restaurants, cleaning, care, farming) on its real postal codes, with contacts; 120
//! openings of every kind; employment profiles for about 60 adults whose consent shares
//! their plan with Virksomhedsservice (so the demo consultant reaches them and their
//! matches wait for a round); IGU courses (some behind on school weeks) and entries in
//! the business dialogue log with follow-ups. Deterministic: the same persons and date
//! give the same records. Every name is invented.
use crate::domain::municipality::postal_areas;
use crate::domain::{MunicipalityCode, ResidenceBasis};
use crate::plans::Slot;
use crate::store::access::Reach;
use crate::store::consent::NewConsent;
use crate::store::employment::{CompanyFields, IguFields, NewDialogue, OpeningFields, ProfileRow};
use crate::store::{Store, Tenant};
use anyhow::Context;
use chrono::{Duration, NaiveDate};

/// Companies in the demo.
pub const COMPANIES: usize = 60;
/// Openings in the demo.
pub const OPENINGS: usize = 120;
/// The demo business consultant's login.
pub const CONSULTANT_LOGIN: &str = "virksomhed";

/// An industry of the demo: DB07 section, name patterns, job titles with their ISCO-08
/// major group, and the skills asked for.
struct Industry {
    section: &'static str,
    names: &'static [&'static str],
    titles: &'static [(&'static str, i64)],
    skills: &'static [&'static str],
}

const INDUSTRIES: &[Industry] = &[
    Industry {
        section: "C",
        names: &["{} Fødevarer A/S", "{} Metal ApS", "{} Plast A/S", "{} Bageri ApS"],
        titles: &[("Produktionsmedarbejder", 8), ("Pakkeri-medarbejder", 9), ("Maskinpasser", 8)],
        skills: &["produktion", "pakning", "truckcertifikat", "hygiejne"],
    },
    Industry {
        section: "F",
        names: &["{} Byg ApS", "{} Tømrer og Snedker ApS", "{} Anlæg A/S", "{} Maler ApS"],
        titles: &[("Byggepladsmedhjælper", 9), ("Tømrerhjælper", 7), ("Malerhjælper", 7)],
        skills: &["byggeri", "håndværktøj", "arbejdsmiljø", "maling"],
    },
    Industry {
        section: "G",
        names: &["{} Supermarked", "{} Byggemarked ApS", "{} Tøj og Sko", "{} Grønt ApS"],
        titles: &[("Butiksmedhjælper", 5), ("Lagermedarbejder", 9), ("Kassemedarbejder", 5)],
        skills: &["kundeservice", "varepåfyldning", "lager", "kasse"],
    },
    Industry {
        section: "H",
        names: &["{} Transport ApS", "{} Logistik A/S", "{} Flytteforretning"],
        titles: &[("Lagerarbejder", 9), ("Chauffør", 8), ("Flyttemedhjælper", 9)],
        skills: &["lager", "truckcertifikat", "kørekort B", "pakning"],
    },
    Industry {
        section: "I",
        names: &["{} Kro og Hotel", "Restaurant {}", "{} Kantine ApS", "Café {}"],
        titles: &[("Køkkenmedhjælper", 9), ("Opvasker", 9), ("Tjener", 5)],
        skills: &["opvask", "madlavning", "hygiejne", "servering"],
    },
    Industry {
        section: "N",
        names: &["{} Rengøring ApS", "{} Facility Service", "{} Vinduespolering"],
        titles: &[("Rengøringsassistent", 9), ("Servicemedarbejder", 9)],
        skills: &["rengøring", "hygiejne", "arbejdsmiljø"],
    },
    Industry {
        section: "Q",
        names: &["Plejecenter {}", "{} Hjemmepleje", "Bofællesskabet {}"],
        titles: &[("Social- og sundhedshjælper (elev)", 5), ("Servicemedarbejder i køkken", 9), ("Pædagogmedhjælper", 5)],
        skills: &["omsorg", "hygiejne", "madlavning", "dansk i omsorg"],
    },
    Industry {
        section: "A",
        names: &["{} Gartneri", "{}gård Landbrug", "{} Planteskole"],
        titles: &[("Gartnerimedhjælper", 6), ("Landbrugsmedhjælper", 6)],
        skills: &["planter", "maskiner", "dyrehold"],
    },
];

const NAME_PARTS: &[&str] = &[
    "Holm",
    "Lund",
    "Bech",
    "Kragh",
    "Dahl",
    "Skov",
    "Bredahl",
    "Friis",
    "Mølgaard",
    "Vestergaard",
    "Toft",
    "Enghave",
    "Søgaard",
    "Nørgaard",
    "Bakke",
    "Fjord",
    "Åsen",
    "Kildegaard",
    "Ravn",
    "Elmely",
];

const CONTACTS: &[(&str, &str)] = &[
    ("Lone Jeppesen", "Køkkenchef"),
    ("Martin Krogh", "Indehaver"),
    ("Susanne Winther", "HR-ansvarlig"),
    ("Kim Overgaard", "Værkfører"),
    ("Birgit Lauridsen", "Afdelingsleder"),
    ("Thomas Vang", "Butikschef"),
    ("Helle Nymann", "Plejehjemsleder"),
    ("Jesper Bak", "Lagerchef"),
];

/// Skills and experience of the demo profiles, with their ISCO-08 major group.
const PROFILES: &[(&str, &str, i64)] = &[
    ("opvask, madlavning, hygiejne", "Kok på restaurant i Damaskus i 6 år", 5),
    ("rengøring, hygiejne", "Rengøring på hotel i Kabul", 9),
    ("byggeri, håndværktøj, maling", "Murer og maler i Asmara", 7),
    ("lager, pakning, truckcertifikat", "Lagerarbejde i Istanbul", 9),
    ("kundeservice, kasse, varepåfyldning", "Egen købmandsbutik i Aleppo", 5),
    ("omsorg, hygiejne, madlavning", "Passede ældre familiemedlemmer; frivillig i lejren", 5),
    ("planter, dyrehold, maskiner", "Landbrug i familien i Homs", 6),
    ("produktion, pakning", "Fabriksarbejde i tekstilindustrien", 8),
    ("kørekort B, lager", "Chauffør for en grossist", 8),
    ("servering, kundeservice", "Tjener på café i Kyiv", 5),
];

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.next(list.len() as u64) as usize]
    }
}

/// A valid CVR number from seven digits (the first not 0): the eighth makes the
/// weighted sum (2, 7, 6, 5, 4, 3, 2, 1) divisible by 11; `None` when no digit does.
pub fn cvr_from(seven: u32) -> Option<String> {
    let digits = format!("{seven:07}");
    if digits.len() != 7 || digits.starts_with('0') {
        return None;
    }
    const WEIGHTS: [u32; 7] = [2, 7, 6, 5, 4, 3, 2];
    let sum: u32 = digits.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let check = (11 - sum % 11) % 11;
    (check < 10).then(|| format!("{digits}{check}"))
}

/// A demo day (within a few decades of today) as a calendar day.
fn demo_day(d: NaiveDate) -> calendar::Date {
    crate::domain::calendar_day(d).expect("demo days lie within the calendar")
}

fn slots(days: &[u8], from: &str, to: &str) -> Vec<Slot> {
    days.iter().map(|d| Slot { weekday: *d, from: from.into(), to: to.into() }).collect()
}

/// Stores the demo's companies, openings, profiles, IGU courses and dialogue entries
/// (after the families and plans exist). Returns (companies, openings, profiles).
pub async fn store_employment(store: &Store, code: &MunicipalityCode, today: NaiveDate) -> anyhow::Result<(usize, usize, usize)> {
    let tenant = &Tenant::trusted(code.as_str());
    let Some(consultant) = store.user_by_login(CONSULTANT_LOGIN).await? else { return Ok((0, 0, 0)) };
    let by = consultant.login.as_str();
    let mut rng = Lcg(u64::from(tenant.code().parse::<u16>().unwrap_or(1)) * 7919 + 17);
    let postal: Vec<String> = postal_areas(code).iter().filter(|p| p.code.len() == 4).map(|p| p.code.clone()).collect();
    let postal = if postal.is_empty() { vec!["4300".to_string()] } else { postal };
    const STREETS: &[&str] = &["Industrivej", "Ahlgade", "Smedelundsgade", "Stationsvej", "Håndværkervej", "Kalundborgvej", "Tølløsevej", "Gammel Ringstedvej"];

    // Companies, the first postal code (the main town) twice as often.
    let mut companies: Vec<(i64, usize, String, i64, bool, String)> = Vec::new();
    let mut serial = 3_100_000 + tenant.code().parse::<u32>().unwrap_or(0) * 1000;
    for i in 0..COMPANIES {
        let industry = i % INDUSTRIES.len();
        let ind = &INDUSTRIES[industry];
        let name = rng.pick(ind.names).replace("{}", NAME_PARTS[(i * 7 + industry) % NAME_PARTS.len()]);
        let cvr = loop {
            serial += 1 + rng.next(97) as u32;
            if let Some(c) = cvr_from(serial) {
                break c;
            }
        };
        let place = if rng.next(2) == 0 { postal[0].clone() } else { rng.pick(&postal).clone() };
        let staff = [3, 6, 8, 12, 18, 25, 40, 60, 120][rng.next(9) as usize];
        let public = ind.section == "Q" && i % 2 == 0;
        let fields = CompanyFields {
            cvr,
            name: name.clone(),
            industry: ind.section.into(),
            street: format!("{} {}", rng.pick(STREETS), 1 + rng.next(80)),
            postal_code: place.clone(),
            staff_count: staff,
            public_employer: public,
        };
        let id = store.add_company(tenant, &fields, by).await?;
        let (contact, role) = CONTACTS[(i * 3) % CONTACTS.len()];
        store
            .add_company_contact(
                tenant,
                id,
                contact,
                role,
                &format!("59 4{} {:02} {:02}", i % 10, rng.next(90) + 10, rng.next(90) + 10),
                &format!("{}@{}.invalid", contact.split(' ').next().unwrap_or("kontakt").to_lowercase(), i),
            )
            .await?;
        companies.push((id, industry, place, staff, public, name));
    }

    // Openings: every kind, a fifth each, spread over the companies.
    let kinds = ["virksomhedspraktik", "loentilskud", "igu", "ordinaert_job", "smaajob"];
    for n in 0..OPENINGS {
        let kind = kinds[n % kinds.len()];
        let (company, industry, place, _staff, public, _) = &companies[(n * 13) % companies.len()];
        let ind = &INDUSTRIES[*industry];
        let (title, isco) = *rng.pick(ind.titles);
        let start = today + Duration::days(rng.next(60) as i64 - 14);
        let (days, from, to): (&[u8], &str, &str) = match kind {
            "smaajob" => (&[6], "09:00", "15:00"),
            "igu" => (&[1, 2, 3, 4], "07:00", "14:00"),
            "virksomhedspraktik" if n % 2 == 0 => (&[1, 2, 3], "12:30", "16:30"),
            "virksomhedspraktik" => (&[2, 4], "08:00", "15:00"),
            _ if n % 3 == 0 => (&[1, 2, 3, 4, 5], "06:00", "12:00"),
            _ => (&[1, 2, 3, 4, 5], "14:00", "21:00"),
        };
        let slot_list = slots(days, from, to);
        let hours: f64 = slot_list
            .iter()
            .map(|s| {
                let (f, t) = s.minutes();
                f64::from(t - f) / 60.0
            })
            .sum();
        let end = match kind {
            "virksomhedspraktik" => Some(start + Duration::weeks(if n % 4 == 0 { 4 } else { 13 })),
            "loentilskud" => Some(start + Duration::days(if *public { 120 } else { 182 })),
            "igu" => Some(start + Duration::days(730)),
            _ => None,
        };
        let required: Vec<&str> = (0..1 + rng.next(2)).map(|k| ind.skills[(n + k as usize) % ind.skills.len()]).collect();
        let mut skills = required.clone();
        skills.dedup();
        let danish = match n % 5 {
            0 | 1 => (0, 0),
            2 => (1, 2),
            3 => (2, 1),
            _ => (1, 4),
        };
        let fields = OpeningFields {
            company_id: *company,
            kind: kind.into(),
            title: title.into(),
            postal_code: place.clone(),
            start_day: demo_day(start),
            end_day: end.map(|e| demo_day(e - Duration::days(1))),
            weekly_hours: hours,
            slots: serde_json::to_string(&slot_list)?,
            seats: 1 + (n % 3) as i64,
            skills: skills.join(", "),
            isco_major: Some(isco),
            danish_track: danish.0,
            danish_module: danish.1,
            driving_licence: ind.section == "H" && title == "Chauffør",
            languages: ["da", "da, ar", "da, en", "da, ti", "da, uk"][n % 5].into(),
            extra_jobs: kind == "loentilskud" && n % 7 != 1,
            status: "open".into(),
        };
        store.add_opening(tenant, &fields, by).await?;
    }

    // Profiles: adults 18–55 of the first families, each with a consent sharing the plan
    // with Virksomhedsservice and the jobcentre.
    let families = store.families(tenant, &Reach::All, None, 240, 0).await?;
    let mut adults = Vec::new();
    for family in &families {
        for m in store.family_members(tenant, family.id).await? {
            let Ok(birth) = NaiveDate::parse_from_str(&m.birth_date, "%Y-%m-%d") else { continue };
            let age = today.years_since(birth).unwrap_or(0);
            if m.family_role == "adult" && (18..=55).contains(&age) {
                adults.push(m);
            }
        }
        if adults.len() >= 60 {
            break;
        }
    }
    let coordinator = store.user_by_login("koordinator").await?.map_or(consultant.id, |u| u.id);
    for (k, a) in adults.iter().enumerate() {
        let (skills, experience, isco) = PROFILES[k % PROFILES.len()];
        let danish = [(1, 2), (1, 4), (2, 1), (2, 3), (0, 0), (1, 1), (3, 2)][k % 7];
        let profile = ProfileRow {
            person_id: a.id,
            skills: skills.into(),
            experience: experience.into(),
            isco_major: Some(isco),
            education_level: ["none", "primary", "primary", "upper_secondary", "short_higher"][k % 5].into(),
            danish_track: danish.0,
            danish_module: danish.1,
            driving_licence: i64::from(k % 3 == 0),
            hours_available: if k % 6 == 5 { 25.0 } else { 37.0 },
            job_ready: i64::from(k % 8 != 7),
            updated_by: by.into(),
            updated_at: String::new(),
        };
        store.save_employment_profile(tenant, &profile).await?;
        let given = crate::domain::calendar_day(today - Duration::days(30 + rng.next(200) as i64)).context("consent")?;
        let consent = NewConsent {
            person_id: a.id,
            scopes: "plan".into(),
            departments: "virksomhedsservice,jobcenter".into(),
            partners: String::new(),
            purpose: "Match til virksomhedsrettede tilbud og job".into(),
            given_on: given,
            how_given: "written".into(),
            witness: None,
            organisations: Vec::new(),
        };
        store.create_consent(tenant, coordinator, &consent).await?;
    }

    // IGU courses for eight of them (18–50), at the IGU companies; some behind on school weeks.
    let with = crate::deadlines::municipality_rules(store, tenant).await?;
    let igu_employers: Vec<i64> = companies.iter().filter(|c| matches!(INDUSTRIES[c.1].section, "I" | "C" | "Q" | "A")).map(|c| c.0).collect();
    let mut courses = 0;
    for a in &adults {
        if courses >= 8 {
            break;
        }
        let Ok(birth) = NaiveDate::parse_from_str(&a.birth_date, "%Y-%m-%d") else { continue };
        let age = today.years_since(birth).unwrap_or(0);
        if !(19..=49).contains(&age) || matches!(a.residence_basis, ResidenceBasis::UkrainianSpecialAct | ResidenceBasis::Other) {
            continue;
        }
        let start = today - Duration::days(60 + 45 * courses as i64);
        let Ok(rules) = crate::employment::igu::rules_for(&with.rules, start, &with.calendar) else { continue };
        let elapsed = (today - start).num_weeks();
        let due_so_far = (i64::from(rules.school_weeks) * elapsed / 104).max(1);
        let taken = if courses % 3 == 0 { (due_so_far - 3).max(0) } else { due_so_far };
        let fields = IguFields {
            company_id: igu_employers[courses % igu_employers.len().max(1)],
            start: demo_day(start),
            end: rules.end.parse()?,
            planned: i64::from(rules.school_weeks),
            taken,
            hours: if courses % 4 == 1 { 22.0 } else { 28.0 + courses as f64 },
        };
        store.add_igu_course(tenant, a.id, &fields, by).await?;
        crate::deadlines::recompute(store, tenant, a.id, &with).await?;
        courses += 1;
    }

    // The business dialogue: visits, calls and a union meeting, some follow-ups due.
    let talks: &[(&str, &str, i64, Option<i64>)] = &[
        ("Lone Jeppesen, køkkenchef", "Besøg: to IGU-pladser i køkkenet fra foråret; ønsker kandidater med DU1.", -20, Some(3)),
        ("Martin Krogh, indehaver", "Telefon: mulig virksomhedspraktik med mentor for en tømrerhjælper.", -12, Some(-2)),
        ("Susanne Winther, HR", "Møde om småjob i weekender og sprogstøtte på arbejdspladsen.", -6, Some(10)),
        ("Kim Overgaard, værkfører", "Opfølgning på løntilskud: merbeskæftigelse er erklæret skriftligt.", -40, None),
        ("Helle Nymann, plejehjemsleder", "Besøg: praktik i køkken og rengøring; ønsker ansøgere med kørekort.", -3, Some(21)),
    ];
    for (i, (who, what, ago, follow)) in talks.iter().enumerate() {
        let company = &companies[(i * 11) % companies.len()];
        let entry = NewDialogue {
            company_id: Some(company.0),
            counterpart: company.5.clone(),
            day: demo_day(today + Duration::days(*ago)),
            who: (*who).into(),
            what: (*what).into(),
            follow_up_day: follow.map(|d| demo_day(today + Duration::days(d))),
        };
        store.add_dialogue(tenant, &entry, consultant.id).await?;
    }
    let union = NewDialogue {
        company_id: None,
        counterpart: "3F Holbæk".into(),
        day: demo_day(today - Duration::days(15)),
        who: "Faglig sekretær".into(),
        what: "Løntilskud og merbeskæftigelse i rengøringsbranchen; aftale om fælles virksomhedsbesøg.".into(),
        follow_up_day: Some(demo_day(today + Duration::days(14))),
    };
    store.add_dialogue(tenant, &union, consultant.id).await?;
    Ok((companies.len(), OPENINGS, adults.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_cvr_numbers_pass_the_modulus_11_check() {
        let mut made = 0;
        for seven in 3_100_000..3_100_200 {
            if let Some(cvr) = cvr_from(seven) {
                assert_eq!(crate::employment::check_cvr(&cvr).ok(), Some(cvr.clone()));
                made += 1;
            }
        }
        assert!(made > 150, "most seven-digit stems give a CVR number: {made}");
        assert_eq!(cvr_from(123), None, "a leading zero is not a CVR number");
    }
}
