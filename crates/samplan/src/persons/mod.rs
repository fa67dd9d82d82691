//! Persons: the base record of everyone the municipality works with. Input is parsed
//! into domain values here (every error names its field); pages and API share it.
pub mod api;
pub mod events;
pub mod pages;
pub mod pick;

use crate::auth::Actor;
use crate::crypto::CprVault;
use crate::domain::Role;
use crate::domain::person::language_name;
use crate::domain::{Cpr, FamilyRole, FieldError, LanguageList, ResidenceBasis, Sex, parse_date};
use crate::store::persons::{PersonFields, PersonQuery, PersonRow};
use serde::{Deserialize, Serialize};

/// A person as shown to staff (API and pages).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonView {
    /// Id.
    pub id: i64,
    /// Family id.
    pub family_id: Option<i64>,
    /// `adult` or `child`.
    pub family_role: String,
    /// CPR number; masked (`DDMMYY-XXXX`) for roles that need only the date part.
    pub cpr: String,
    /// Given names.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// ISO birth date.
    pub birth_date: String,
    /// Age in whole years today.
    pub age: i64,
    /// `female` or `male`.
    pub sex: String,
    /// ISO 639 language codes.
    pub languages: Vec<String>,
    /// Nationality.
    pub nationality: String,
    /// ISO date of arrival in Denmark.
    pub arrival_date: Option<String>,
    /// ISO date the municipality took over responsibility (overtagelsesdato): the
    /// recorded one, else the one the takeover rules derive from the case's events.
    pub takeover_date: Option<String>,
    /// True when `takeover_date` is derived by the rules rather than recorded.
    pub takeover_derived: bool,
    /// The event a takeover rule needs but the case lacks (`visitation_decision`
    /// for a visited refugee without the visitation date); then there is no takeover date.
    pub takeover_missing: Option<String>,
    /// True for a quota refugee (not visited: the takeover is the CPR registration).
    pub quota_refugee: bool,
    /// Residence basis code.
    #[serde(with = "crate::domain::person::residence_code")]
    #[schema(value_type = crate::domain::ResidenceBasisSchema)]
    pub residence_basis: ResidenceBasis,
    /// Last change.
    pub updated_at: String,
}

impl PersonView {
    /// Builds the view, decrypting the CPR number and masking it for roles that need
    /// only the date part.
    pub fn new(row: PersonRow, vault: &CprVault, actor: &Actor) -> Self {
        let cpr = match vault.decrypt(&row.cpr_encrypted) {
            Some(c) if matches!(actor.role, Role::Caseworker | Role::Coordinator) => c.formatted(),
            Some(c) => c.masked(),
            None => "(kan ikke dekrypteres)".into(),
        };
        let age = chrono::NaiveDate::parse_from_str(&row.birth_date, "%Y-%m-%d")
            .ok()
            .and_then(|b| chrono::Local::now().date_naive().years_since(b))
            .map_or(0, i64::from);
        PersonView {
            id: row.id,
            family_id: row.family_id,
            family_role: row.family_role,
            cpr,
            given_name: row.given_name,
            family_name: row.family_name,
            birth_date: row.birth_date,
            age,
            sex: row.sex,
            languages: row.languages.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            nationality: row.nationality,
            arrival_date: row.arrival_date,
            takeover_derived: row.takeover_date.is_none() && row.derived_takeover_date.is_some(),
            takeover_date: row.takeover_date.or(row.derived_takeover_date),
            takeover_missing: row.takeover_missing,
            quota_refugee: row.quota_refugee == 1,
            residence_basis: row.residence_basis,
            updated_at: row.updated_at,
        }
    }

    /// "Given Family".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }

    /// Danish label of the residence basis.
    pub fn residence_label(&self) -> &'static str {
        self.residence_basis.label()
    }

    /// What the person page says about the takeover date when it is missing or derived.
    pub fn takeover_note(&self) -> Option<&'static str> {
        match (self.takeover_missing.as_deref(), self.takeover_derived) {
            (Some("visitation_decision"), _) => {
                Some("Visiteringsdatoen mangler: registrér visiteringsafgørelsen, så overtagelsesdatoen og fristerne kan beregnes.")
            }
            (Some("cpr_registration"), _) => {
                Some("Datoen for folkeregistrering i kommunen mangler: registrér den, så overtagelsesdatoen og fristerne kan beregnes.")
            }
            (Some(_), _) => Some("En dato, overtagelsesdatoen regnes fra, mangler."),
            (None, true) => Some("Beregnet efter reglerne (integrationsloven § 4)."),
            (None, false) => None,
        }
    }

    /// Danish label of the sex.
    pub fn sex_label(&self) -> &'static str {
        Sex::parse(&self.sex).map(|s| s.label()).unwrap_or("ukendt")
    }

    /// Danish label of the family role.
    pub fn role_label(&self) -> &'static str {
        FamilyRole::parse(&self.family_role).map(|s| s.label()).unwrap_or("ukendt")
    }

    /// When the record last changed, in Danish local time ("23.11.2026 kl. 14.54").
    pub fn updated_label(&self) -> String {
        time_label(&self.updated_at)
    }

    /// The birth date as Danes write it.
    pub fn birth_date_label(&self) -> String {
        danish_date(&self.birth_date)
    }

    /// The languages by Danish name.
    pub fn language_names(&self) -> String {
        self.languages.iter().map(|c| language_name(c)).collect::<Vec<_>>().join(", ")
    }
}

/// Person input as a form or JSON body gives it: strings, parsed by `parse`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// CPR number `DDMMYY-SSSS` or `DDMMYYSSSS`: the first six digits a real date (also
    /// 29 February of a leap year, and spaces around the dash, which the pattern leaves
    /// out). Required when creating; a change (`PersonChange`) has none.
    #[serde(default)]
    #[schema(required = true, value_type = String, pattern = r"^((0[1-9]|1[0-9]|2[0-8])(0[1-9]|1[0-2])|(29|30)(0[13-9]|1[0-2])|31(0[13578]|1[02]))[0-9]{2}-?[0-9]{4}$")]
    pub cpr: Option<String>,
    /// Given names.
    #[schema(max_length = 200, pattern = r"\S")]
    pub given_name: String,
    /// Family name.
    #[schema(max_length = 200, pattern = r"\S")]
    pub family_name: String,
    /// `female` or `male`.
    #[schema(value_type = crate::domain::Sex)]
    pub sex: String,
    /// Comma-separated ISO 639 codes, e.g. `ar, en`.
    #[serde(default)]
    pub languages: String,
    /// Nationality (Danish name of the country).
    #[schema(max_length = 200, pattern = r"\S")]
    pub nationality: String,
    /// ISO date of arrival.
    #[serde(default)]
    pub arrival_date: Option<String>,
    /// ISO date of takeover (overtagelsesdato).
    #[serde(default)]
    pub takeover_date: Option<String>,
    /// Residence basis code.
    #[schema(value_type = crate::domain::ResidenceBasisSchema)]
    pub residence_basis: String,
    /// True for a quota refugee (not visited, so the takeover is the CPR
    /// registration); only for `refugee`. Omitted: left as it is.
    #[serde(default)]
    pub quota_refugee: Option<bool>,
    /// Family id.
    #[serde(default)]
    pub family_id: Option<i64>,
    /// `adult` or `child`; derived from the age when missing.
    #[serde(default)]
    pub family_role: Option<String>,
}

crate::web::openapi::derived_schema!(
    /// The schema of a change to a person (`PUT /api/v1/persons/{id}`): the fields of
    /// `PersonInput` without `cpr`, which cannot be changed.
    pub PersonChange from PersonInput, crate::web::openapi::derived::<PersonInput>(|object| {
        object.properties.remove("cpr");
        object.required.retain(|r| r != "cpr");
        object.description = Some("A change to a person: the fields of `PersonInput` without `cpr`, which cannot be changed.".into());
    })
);

fn optional_date(field: &'static str, raw: &Option<String>, errors: &mut Vec<FieldError>) -> Option<String> {
    let raw = raw.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    match parse_date(field, raw) {
        Ok(d) => Some(d.to_string()),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn required_text(field: &'static str, raw: &str, errors: &mut Vec<FieldError>) -> String {
    let value = raw.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, "skal udfyldes"));
    } else if value.chars().count() > 200 {
        errors.push(FieldError::new(field, "må højst have 200 tegn"));
    }
    value.to_string()
}

impl PersonInput {
    /// Parses every field, collecting all errors. `cpr` is required only when `creating`.
    pub fn parse(&self, creating: bool) -> Result<(Option<Cpr>, PersonFields), Vec<FieldError>> {
        let mut errors = Vec::new();
        let cpr = match self.cpr.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => Cpr::parse(raw).map_err(|e| errors.push(e)).ok(),
            None if creating => {
                errors.push(FieldError::new("cpr", "skal udfyldes"));
                None
            }
            None => None,
        };
        let given_name = required_text("given_name", &self.given_name, &mut errors);
        let family_name = required_text("family_name", &self.family_name, &mut errors);
        let nationality = required_text("nationality", &self.nationality, &mut errors);
        let sex = Sex::parse(&self.sex).map_err(|e| errors.push(e)).ok();
        let languages = LanguageList::parse(&self.languages).map_err(|e| errors.push(e)).ok();
        let residence = ResidenceBasis::parse(self.residence_basis.trim()).map_err(|e| errors.push(e.into())).ok();
        let arrival_date = optional_date("arrival_date", &self.arrival_date, &mut errors);
        let takeover_date = optional_date("takeover_date", &self.takeover_date, &mut errors);
        if self.quota_refugee == Some(true) && residence.is_some_and(|r| r != ResidenceBasis::Refugee) {
            errors.push(FieldError::new("quota_refugee", "kun en flygtning kan være kvoteflygtning"));
        }
        let birth = cpr.as_ref().and_then(Cpr::birth_date);
        if let (Some(b), Some(a)) = (birth, arrival_date.as_deref())
            && a < b.to_string().as_str()
        {
            errors.push(FieldError::new("arrival_date", "ankomstdatoen ligger før fødselsdatoen"));
        }
        let family_role = match self.family_role.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => FamilyRole::parse(raw).map_err(|e| errors.push(e)).ok(),
            None => birth.map(|b| {
                let age = chrono::Local::now().date_naive().years_since(b).unwrap_or(0);
                if age < 18 { FamilyRole::Child } else { FamilyRole::Adult }
            }),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let fields = PersonFields {
            family_id: self.family_id,
            family_role: family_role.unwrap_or(FamilyRole::Adult).code().into(),
            given_name,
            family_name,
            birth_date: birth.map(|b| b.to_string()).unwrap_or_default(),
            sex: sex.expect("checked").code().into(),
            languages: languages.expect("checked").stored(),
            nationality,
            arrival_date,
            takeover_date,
            residence_basis: residence.expect("checked"),
        };
        Ok((cpr, fields))
    }
}

/// Turns a search text into a query: a CPR number, a birth date (`ÅÅÅÅ-MM-DD` or
/// `DD-MM-ÅÅÅÅ`), or part of a name (at least 2 letters).
pub fn parse_query(q: &str, vault: &CprVault) -> Result<PersonQuery, FieldError> {
    let q = q.trim();
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let only_digits = q.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    if digits.len() == 10 && only_digits {
        let cpr = Cpr::parse(q).map_err(|e| FieldError::new("q", e.reason))?;
        return Ok(PersonQuery::CprHash(vault.lookup_hash(&cpr)));
    }
    if digits.len() == 6 && only_digits {
        // The first six digits of a CPR number: the birth date, in either century.
        let dates = cpr_birth_dates(&digits, chrono::Local::now().date_naive());
        if dates.is_empty() {
            return Err(FieldError::new("q", format!("«{q}» er ikke begyndelsen af et CPR-nummer: de første seks cifre er fødselsdatoen (ddmmåå)")));
        }
        return Ok(PersonQuery::BirthDates(dates));
    }
    if q.chars().any(|c| c.is_ascii_digit()) && !q.chars().any(char::is_alphabetic) {
        return match crate::domain::parse_date("q", q) {
            Ok(d) => Ok(PersonQuery::BirthDates(vec![d.to_string()])),
            Err(_) => Err(FieldError::new(
                "q",
                format!("«{q}» er hverken et CPR-nummer, de første seks cifre af et eller en fødselsdato; skriv fx 010190-1234, 010190 eller 01.01.1990"),
            )),
        };
    }
    if q.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Err(FieldError::new("q", "skriv mindst 2 bogstaver af navnet, et CPR-nummer eller en fødselsdato"));
    }
    Ok(PersonQuery::Name(q.to_lowercase()))
}

/// The ISO birth dates the first six digits of a CPR number (`ddmmyy`) can stand for:
/// the day in the 1900s and in the 2000s, the latter only when not after `today`.
pub fn cpr_birth_dates(ddmmyy: &str, today: chrono::NaiveDate) -> Vec<String> {
    let number = |r: std::ops::Range<usize>| ddmmyy.get(r).and_then(|s| s.parse::<u32>().ok());
    let (Some(day), Some(month), Some(yy)) = (number(0..2), number(2..4), number(4..6)) else { return Vec::new() };
    [1900, 2000]
        .into_iter()
        .filter_map(|century| chrono::NaiveDate::from_ymd_opt(century + i32::try_from(yy).ok()?, month, day))
        .filter(|d| *d <= today)
        .map(|d| d.to_string())
        .collect()
}

#[cfg(test)]
mod search_tests {
    use super::cpr_birth_dates;

    #[test]
    fn six_cpr_digits_are_a_birth_date_in_either_century() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(cpr_birth_dates("010190", today), vec!["1990-01-01"], "2090 lies ahead");
        assert_eq!(cpr_birth_dates("150618", today), vec!["1918-06-15", "2018-06-15"]);
        assert_eq!(cpr_birth_dates("311299", today), vec!["1999-12-31"]);
        assert!(cpr_birth_dates("310290", today).is_empty(), "no 31 February");
        assert!(cpr_birth_dates("01a190", today).is_empty());
    }
}

/// The names of fields that differ between two versions of a person, for the audit log.
pub fn changed_fields(old: &PersonRow, new: &PersonFields) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let pairs: [(&'static str, Option<&str>, Option<&str>); 10] = [
        ("given_name", Some(&old.given_name), Some(&new.given_name)),
        ("family_name", Some(&old.family_name), Some(&new.family_name)),
        ("sex", Some(&old.sex), Some(&new.sex)),
        ("languages", Some(&old.languages), Some(&new.languages)),
        ("nationality", Some(&old.nationality), Some(&new.nationality)),
        ("arrival_date", old.arrival_date.as_deref(), new.arrival_date.as_deref()),
        ("takeover_date", old.takeover_date.as_deref(), new.takeover_date.as_deref()),
        ("residence_basis", Some(old.residence_basis.code()), Some(new.residence_basis.code())),
        ("family_role", Some(&old.family_role), Some(&new.family_role)),
        ("birth_date", Some(&old.birth_date), Some(&new.birth_date)),
    ];
    for (name, a, b) in pairs {
        if a != b {
            changed.push(name);
        }
    }
    if old.family_id != new.family_id {
        changed.push("family_id");
    }
    changed
}

/// A day as the product shows it to people: «08.07.1993» ([`calendar::Date::danish`]).
/// Stored ISO text is shown the same way; any other text as given.
pub fn danish_date(day: &(impl ShownDay + ?Sized)) -> String {
    day.shown(calendar::Date::danish)
}

/// A day written out, for formal documents (the council's agenda and minutes): «12.
/// marts 2026» ([`calendar::Date::danish_long`]); any other text as given.
pub fn danish_date_long(day: &(impl ShownDay + ?Sized)) -> String {
    day.shown(calendar::Date::danish_long)
}

/// What [`danish_date`] shows: a `calendar::Date`, or a day as ISO text.
pub trait ShownDay {
    /// The day in `form`, or the text as given when it is no ISO day.
    fn shown(&self, form: fn(calendar::Date) -> calendar::Danish) -> String;
}

impl ShownDay for calendar::Date {
    fn shown(&self, form: fn(calendar::Date) -> calendar::Danish) -> String {
        form(*self).to_string()
    }
}

impl ShownDay for str {
    fn shown(&self, form: fn(calendar::Date) -> calendar::Danish) -> String {
        calendar::Date::parse(self).map_or_else(|_| self.to_string(), |d| form(d).to_string())
    }
}

impl ShownDay for String {
    fn shown(&self, form: fn(calendar::Date) -> calendar::Danish) -> String {
        self.as_str().shown(form)
    }
}

impl ShownDay for chrono::NaiveDate {
    fn shown(&self, form: fn(calendar::Date) -> calendar::Danish) -> String {
        crate::domain::calendar_day(*self).map_or_else(|| self.to_string(), |d| form(d).to_string())
    }
}

impl<T: ShownDay + ?Sized> ShownDay for &T {
    fn shown(&self, form: fn(calendar::Date) -> calendar::Danish) -> String {
        (**self).shown(form)
    }
}

/// An ISO month (`2026-03`) as Danes write it (`marts 2026`); anything else as given.
pub fn danish_month(iso: &str) -> String {
    let parts = iso.split_once('-').and_then(|(y, m)| Some((y.parse::<u16>().ok()?, m.parse::<usize>().ok()?)));
    match parts {
        Some((year, month @ 1..=12)) if iso.len() == 7 => format!("{} {year}", calendar::DANISH_MONTHS[month - 1]),
        _ => iso.to_string(),
    }
}

/// A stored time (RFC 3339) in Danish local time: «23. november 2026 kl. 19.41».
pub fn time_label(stored: &str) -> String {
    crate::web::pages::when(stored)
}

#[cfg(test)]
mod date_tests {
    use super::{danish_date, danish_month};

    #[test]
    fn days_and_months_are_written_as_danes_write_them() {
        assert_eq!(danish_date("2027-12-31"), "31.12.2027");
        let day: calendar::Date = "2026-03-12".parse().unwrap();
        assert_eq!(danish_date(&day), "12.03.2026");
        assert_eq!(super::danish_date_long(&day), "12. marts 2026");
        assert_eq!(super::danish_date_long("2026-03-12"), "12. marts 2026");
        assert_eq!(danish_month("2026-03"), "marts 2026");
        assert_eq!(danish_month("2026-12"), "december 2026");
        for not_iso in ["–", "", "2026-13", "2026-3", "marts", "2027-02-30"] {
            assert_eq!(danish_date(not_iso), not_iso);
            assert_eq!(danish_month(not_iso), not_iso);
        }
    }
}
