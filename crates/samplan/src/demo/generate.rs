//! The pure demo generator: a seed, a date and a municipality in, families out.
use super::names::{ORIGINS, Origin, STREETS};
use crate::domain::{Cpr, MunicipalityCode, ResidenceBasis, municipality::postal_areas};
use crate::store::persons::PersonFields;
use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// A generated person.
#[derive(Debug, Clone)]
pub struct DemoPerson {
    /// A valid, unique CPR number.
    pub cpr: Cpr,
    /// The person's fields (family id filled in when stored).
    pub fields: PersonFields,
    /// Events of the case so far: (event kind key, date).
    pub events: Vec<(&'static str, NaiveDate)>,
}

/// A generated family.
#[derive(Debug, Clone)]
pub struct DemoFamily {
    /// "Familien …".
    pub name: String,
    /// Street and number.
    pub street: String,
    /// A real postal code of the municipality.
    pub postal_code: String,
    /// Its town name.
    pub city: String,
    /// Adults first.
    pub members: Vec<DemoPerson>,
    /// (from index, to index, kind) within `members`.
    pub relations: Vec<(usize, usize, &'static str)>,
    /// Whether the demo caseworker is responsible for the family's adults.
    pub with_demo_caseworker: bool,
}

struct Generator<'a> {
    rng: ChaCha8Rng,
    today: NaiveDate,
    cprs: HashSet<String>,
    postal: Vec<(&'a str, &'a str)>,
    /// Given names already used in the family being generated.
    family_names: HashSet<&'static str>,
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, list: &'a [T]) -> &'a T {
    list.choose(rng).expect("non-empty list")
}

impl Generator<'_> {
    fn origin(&mut self) -> &'static Origin {
        let total: u32 = ORIGINS.iter().map(|o| o.weight).sum();
        let mut n = self.rng.gen_range(0..total);
        for o in ORIGINS {
            if n < o.weight {
                return o;
            }
            n -= o.weight;
        }
        &ORIGINS[0]
    }

    fn birth_date(&mut self, min_age: i64, max_age: i64) -> NaiveDate {
        let days = self.rng.gen_range(min_age * 365 + 1..=max_age * 365 + 364);
        self.today - Duration::days(days)
    }

    /// A CPR number for the birth date, with the century digit and the sex parity right.
    fn cpr(&mut self, birth: NaiveDate, female: bool) -> Cpr {
        loop {
            let yy = birth.year() % 100;
            let seventh = if birth.year() >= 2000 { 4 } else { self.rng.gen_range(0..=3) };
            let middle = self.rng.gen_range(0..100);
            let last = self.rng.gen_range(0..5) * 2 + u32::from(!female);
            let digits = format!("{:02}{:02}{:02}{}{:02}{}", birth.day(), birth.month(), yy, seventh, middle, last);
            if self.cprs.insert(digits.clone()) {
                let cpr = Cpr::parse(&digits).expect("generated CPR numbers are valid");
                debug_assert_eq!(cpr.birth_date(), Some(birth));
                return cpr;
            }
        }
    }

    fn person(&mut self, origin: &Origin, family_name: &str, birth: NaiveDate, female: bool, basis: ResidenceBasis, arrival: NaiveDate) -> DemoPerson {
        let names = if female { origin.female } else { origin.male };
        let mut given = *pick(&mut self.rng, names);
        while !self.family_names.insert(given) {
            given = *pick(&mut self.rng, names);
        }
        let given = given.to_string();
        let age = self.today.years_since(birth).unwrap_or(0);
        let mut languages = vec![origin.languages[0]];
        for extra in &origin.languages[1..] {
            if age >= 10 && self.rng.gen_bool(0.35) {
                languages.push(extra);
            }
        }
        if (6..18).contains(&age) && arrival < self.today - Duration::days(365) {
            languages.push("da");
        }
        // Takeover: the 1st of the month after the first whole month after arrival
        // (the visitation rule), for those who came under the integration act.
        // Refugees placed by visitation: the 1st of the month after the first whole month
        // after arrival. Quota refugees and family-reunified persons: the day of CPR
        // registration, a few days after arrival.
        let quota_refugee = self.rng.gen_bool(0.3);
        let takeover = match basis {
            ResidenceBasis::Refugee if !quota_refugee => {
                let m = arrival.month0() + 2;
                Some(NaiveDate::from_ymd_opt(arrival.year() + (m / 12) as i32, m % 12 + 1, 1).expect("valid first of month"))
            }
            ResidenceBasis::Other => None,
            _ => Some(arrival + Duration::days(self.rng.gen_range(2..20))),
        };
        let cpr = self.cpr(birth, female);
        let takeover = takeover.filter(|t| *t <= self.today + Duration::days(45));
        let events = match takeover {
            Some(t) if age >= 18 => self.case_events(t),
            _ => Vec::new(),
        };
        DemoPerson {
            cpr,
            events,
            fields: PersonFields {
                family_id: None,
                family_role: if age < 18 { "child" } else { "adult" }.into(),
                given_name: given,
                family_name: family_name.to_string(),
                birth_date: birth.to_string(),
                sex: if female { "female" } else { "male" }.into(),
                languages: languages.join(","),
                nationality: origin.nationality.into(),
                arrival_date: Some(arrival.to_string()),
                takeover_date: takeover.map(|t| t.to_string()),
                residence_basis: basis,
            },
        }
    }

    /// What has happened in an adult's case since takeover: most steps done, some late,
    /// some missing, so that deadlines of every status exist.
    fn case_events(&mut self, takeover: NaiveDate) -> Vec<(&'static str, NaiveDate)> {
        let mut events = Vec::new();
        let mut maybe = |g: &mut Self, kind: &'static str, chance: f64, from: i64, to: i64| -> Option<NaiveDate> {
            if !g.rng.gen_bool(chance) {
                return None;
            }
            let day = takeover + Duration::days(g.rng.gen_range(from..=to));
            (day <= g.today).then(|| {
                events.push((kind, day));
                day
            })
        };
        maybe(self, "programme_start", 0.85, 0, 35);
        maybe(self, "contract_signed", 0.9, 3, 45);
        maybe(self, "health_assessment_offered", 0.85, 14, 220);
        if let Some(referral) = maybe(self, "du_referral", 0.9, 2, 40) {
            let start = referral + Duration::days(self.rng.gen_range(5..=40));
            if start <= self.today {
                events.push(("du_start", start));
            }
        }
        for month in 1..=self.rng.gen_range(2..=6) {
            let day = takeover + Duration::days(month * 30 + self.rng.gen_range(0..20));
            if day <= self.today {
                events.push(("follow_up_interview", day));
            }
        }
        events.sort_by_key(|e| e.1);
        events
    }

    fn family(&mut self) -> DemoFamily {
        let origin = self.origin();
        self.family_names.clear();
        let family_name = pick(&mut self.rng, origin.family).to_string();
        // A third arrived within the last four months, so open cases have deadlines ahead.
        let days_ago = if self.rng.gen_bool(0.33) { self.rng.gen_range(5..120) } else { self.rng.gen_range(120..6 * 365) };
        let arrival = self.today - Duration::days(days_ago);
        // Household shapes: single adult, couple, single parent, couple with children.
        let shape = self.rng.gen_range(0..100);
        let (adults, children) = match shape {
            0..=21 => (1, 0),
            22..=31 => (2, 0),
            32..=51 => (1, self.rng.gen_range(1..=4)),
            _ => (2, self.rng.gen_range(1..=6)),
        };
        let mut members = Vec::new();
        let mut relations = Vec::new();
        let first_female = if adults == 1 && children > 0 { self.rng.gen_bool(0.75) } else { self.rng.gen_bool(0.4) };
        let youngest_parent_age = if children > 0 { 24 } else { 18 };
        let first_birth = self.birth_date(youngest_parent_age, 58);
        members.push(self.person(origin, &family_name, first_birth, first_female, origin.basis, arrival));
        if adults == 2 {
            let partner_birth = first_birth + Duration::days(self.rng.gen_range(-6 * 365..6 * 365));
            let partner_birth = partner_birth.min(self.today - Duration::days(19 * 365));
            let basis = if origin.basis == ResidenceBasis::Refugee && self.rng.gen_bool(0.5) { ResidenceBasis::FamilyReunifiedToRefugee } else { origin.basis };
            let partner_arrival = if basis == ResidenceBasis::FamilyReunifiedToRefugee {
                (arrival + Duration::days(self.rng.gen_range(120..700))).min(self.today - Duration::days(5))
            } else {
                arrival
            };
            members.push(self.person(origin, &family_name, partner_birth, !first_female, basis, partner_arrival));
            relations.push((0, 1, "spouse_of"));
        }
        let parent_age = self.today.years_since(first_birth).unwrap_or(30) as i64;
        let oldest_child = (parent_age - 18).clamp(0, 17);
        for _ in 0..children {
            let birth = self.birth_date(0, oldest_child);
            let basis = origin.basis;
            let child_arrival = arrival.max(birth);
            let female = self.rng.gen_bool(0.5);
            members.push(self.person(origin, &family_name, birth, female, basis, child_arrival));
            let child = members.len() - 1;
            for parent in 0..adults {
                relations.push((parent, child, "parent_of"));
            }
        }
        let (postal_code, city) = *pick(&mut self.rng, &self.postal);
        let street = format!("{} {}", pick(&mut self.rng, STREETS), self.rng.gen_range(1..120));
        let with_demo_caseworker = self.rng.gen_bool(0.5);
        DemoFamily {
            with_demo_caseworker,
            name: format!("Familien {family_name}"),
            street,
            postal_code: postal_code.to_string(),
            city: city.to_string(),
            members,
            relations,
        }
    }
}

/// Generates families until at least `persons` persons exist (or 300 families when `None`).
/// The same seed, date and municipality always give the same families.
pub fn generate(code: &MunicipalityCode, seed: u64, today: NaiveDate, persons: Option<usize>) -> Vec<DemoFamily> {
    let postal: Vec<(&str, &str)> = postal_areas(code).into_iter().filter(|p| p.code.len() == 4).map(|p| (p.code.as_str(), p.name.as_str())).collect();
    let municipality = code.municipality();
    let postal = if postal.is_empty() { vec![("0000", municipality.name.as_str())] } else { postal };
    let mut g = Generator { rng: ChaCha8Rng::seed_from_u64(seed), today, cprs: HashSet::new(), postal, family_names: HashSet::new() };
    let mut families = Vec::new();
    let mut count = 0;
    loop {
        let done = match persons {
            Some(n) => count >= n,
            None => families.len() >= 300,
        };
        if done {
            return families;
        }
        let family = g.family();
        count += family.members.len();
        families.push(family);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holbaek() -> MunicipalityCode {
        MunicipalityCode::parse("0316").unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_people() {
        let a = generate(&holbaek(), 7, today(), None);
        let b = generate(&holbaek(), 7, today(), None);
        let c = generate(&holbaek(), 8, today(), None);
        let names = |f: &[DemoFamily]| f.iter().flat_map(|f| f.members.iter().map(|m| m.cpr.digits().to_string())).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b));
        assert_ne!(names(&a), names(&c));
        assert_eq!(a.len(), 300);
    }

    #[test]
    fn families_are_realistic() {
        let families = generate(&holbaek(), 1, today(), None);
        let holbaek_postal: Vec<String> = postal_areas(&holbaek()).iter().map(|p| p.code.clone()).collect();
        let mut child_ages = HashSet::new();
        for f in &families {
            assert!((1..=8).contains(&f.members.len()), "{} members", f.members.len());
            assert!(holbaek_postal.contains(&f.postal_code), "{}", f.postal_code);
            assert_eq!(f.members[0].fields.family_role, "adult");
            for m in &f.members {
                assert_eq!(m.cpr.birth_date().unwrap().to_string(), m.fields.birth_date);
                assert_eq!(m.cpr.is_female(), m.fields.sex == "female");
                if m.fields.family_role == "child" {
                    child_ages.insert(today().years_since(m.cpr.birth_date().unwrap()).unwrap());
                }
            }
        }
        assert!(child_ages.len() >= 15, "children of all ages: {child_ages:?}");
        let persons: usize = families.iter().map(|f| f.members.len()).sum();
        assert!(persons > 600, "{persons}");
        let with_events = families.iter().flat_map(|f| &f.members).filter(|m| !m.events.is_empty()).count();
        assert!(with_events > 50, "{with_events} persons with case events");
        for m in families.iter().flat_map(|f| &f.members) {
            for (_, day) in &m.events {
                assert!(*day <= today() && m.fields.takeover_date.as_deref() <= Some(day.to_string().as_str()));
            }
        }
    }

    #[test]
    fn scales_to_a_requested_number_of_persons() {
        let families = generate(&holbaek(), 1, today(), Some(5000));
        let persons: usize = families.iter().map(|f| f.members.len()).sum();
        assert!((5000..5008).contains(&persons));
        let unique: HashSet<_> = families.iter().flat_map(|f| f.members.iter().map(|m| m.cpr.digits())).collect();
        assert_eq!(unique.len(), persons);
    }
}
