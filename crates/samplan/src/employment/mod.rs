//! Employment and IGU: companies with contacts and openings (owned by the business
//! consultants, department staff of `virksomhedsservice`), each person's employment
//! profile, matching both ways with Danish reasons (`matching.rs`), the optimal round
//! "Lav matchforslag" solved exactly by `flow` and the decision per pair (`round.rs`).
//!
//! Checks are pure ([`check_company`], [`check_opening`], [`check_profile`]); every
//! error names its field. Service functions shared by the pages and the API sit in
//! `service.rs`; a person's Danish level is read in one place (`danish.rs`).
pub mod api;
pub mod danish;
pub mod dialogue;
pub mod duty;
pub mod igu;
pub mod matching;
pub mod offers;
pub mod pages;
pub mod reduction;
pub mod round;
pub mod service;

use crate::domain::person::vocabulary;
use crate::domain::{FieldError, MunicipalityCode, parse_day};
use crate::plans::Slot;
use crate::store::employment::{CompanyFields, CompanyRow, ContactRow, OpeningFields, OpeningRow, ProfileRow};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The kind of an opening.
    OpeningKind, "kind" {
        Praktik => ("virksomhedspraktik", "Virksomhedspraktik"),
        Loentilskud => ("loentilskud", "Løntilskud"),
        Igu => ("igu", "IGU"),
        Ordinary => ("ordinaert_job", "Ordinært job"),
        SmallJob => ("smaajob", "Småjob"),
    }
);

vocabulary!(
    /// A person's highest completed education.
    EducationLevel, "education_level" {
        None => ("none", "Ingen eller kort skolegang"),
        Primary => ("primary", "Grundskole"),
        Upper => ("upper_secondary", "Gymnasial eller erhvervsuddannelse"),
        Short => ("short_higher", "Kort eller mellemlang videregående uddannelse"),
        Long => ("long_higher", "Lang videregående uddannelse"),
    }
);

/// The DB07 sections (industry groups) from the reference data.
pub const INDUSTRIES: &[(&str, &str)] = &[
    ("A", "Landbrug, jagt, skovbrug og fiskeri"),
    ("B", "Råstofindvinding"),
    ("C", "Fremstillingsvirksomhed"),
    ("D", "Elektricitets-, gas-, damp- og varmeforsyning"),
    ("E", "Vandforsyning, kloakvæsen, affaldshåndtering og rensning af jord og grundvand"),
    ("F", "Bygge- og anlægsvirksomhed"),
    ("G", "Engroshandel og detailhandel; reparation af motorkøretøjer og motorcykler"),
    ("H", "Transport og godshåndtering"),
    ("I", "Overnatningsfaciliteter og restaurationsvirksomhed"),
    ("J", "Information og kommunikation"),
    ("K", "Pengeinstitut- og finansvirksomhed, forsikring"),
    ("L", "Fast ejendom"),
    ("M", "Liberale, videnskabelige og tekniske tjenesteydelser"),
    ("N", "Administrative tjenesteydelser og hjælpetjenester"),
    ("O", "Offentlig administration, forsvar og socialsikring"),
    ("P", "Undervisning"),
    ("Q", "Sundhed og socialvæsen"),
    ("R", "Kultur, forlystelser og sport"),
    ("S", "Andre serviceydelser"),
    ("T", "Private husholdninger med ansat medhjælp"),
    ("U", "Ekstraterritoriale organisationer og organer"),
];

/// The ISCO-08 (DISCO-08) major groups.
pub const ISCO_MAJOR_GROUPS: &[(i64, &str)] = &[
    (0, "Militært arbejde"),
    (1, "Ledelsesarbejde"),
    (2, "Arbejde der forudsætter viden på højeste niveau"),
    (3, "Arbejde der forudsætter viden på mellemniveau"),
    (4, "Almindeligt kontor- og kundeservicearbejde"),
    (5, "Service- og salgsarbejde"),
    (6, "Arbejde inden for landbrug, skovbrug og fiskeri"),
    (7, "Håndværkspræget arbejde"),
    (8, "Operatør-, monterings- og transportarbejde"),
    (9, "Andet manuelt arbejde"),
];

/// Hours in Danish: whole hours without decimals, else one decimal with a comma (7,5).
pub fn hours(value: impl std::borrow::Borrow<f64>) -> String {
    let value = *value.borrow();
    if (value - value.round()).abs() < 1e-9 { format!("{value:.0}") } else { format!("{value:.1}").replace('.', ",") }
}

/// An ISO date as Danish pages show it (31.12.2026); anything else unchanged.
pub fn day_text(iso: &str) -> String {
    crate::persons::danish_date(iso)
}

/// An ISO week (`2026-W50`) in Danish: «uge 50, 2026».
pub fn week_text(iso: &str) -> String {
    match iso.split_once("-W") {
        Some((year, week)) => format!("uge {}, {year}", week.trim_start_matches('0')),
        None => iso.to_string(),
    }
}

/// The Danish name of a DB07 section letter.
pub fn industry_label(code: &str) -> &'static str {
    INDUSTRIES.iter().find(|(c, _)| *c == code).map_or("", |(_, l)| l)
}

/// Checks a CVR number: 8 digits, not starting with 0, whose weighted sum with the
/// weights 2, 7, 6, 5, 4, 3, 2, 1 is divisible by 11 (the modulus-11 check).
pub fn check_cvr(raw: &str) -> Result<String, FieldError> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new("cvr", format!("«{}» er ikke et CVR-nummer: det skal have 8 cifre", raw.trim())));
    }
    if digits.starts_with('0') {
        return Err(FieldError::new("cvr", "et CVR-nummer begynder ikke med 0"));
    }
    const WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];
    let sum: u32 = digits.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    if !sum.is_multiple_of(11) {
        return Err(FieldError::new("cvr", format!("{digits} er ikke et gyldigt CVR-nummer (kontrolcifferet passer ikke); tjek nummeret i CVR-registret")));
    }
    Ok(digits)
}

/// A postal code of the municipality's region or any Danish postal code from the reference data.
pub fn check_postal_code(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let code = raw.trim();
    if code.is_empty() {
        return Err(FieldError::new(field, "postnummeret mangler"));
    }
    if place(code).is_none() {
        return Err(FieldError::new(field, format!("«{code}» er ikke et dansk postnummer")));
    }
    Ok(code.to_string())
}

/// Every Danish postal code of the reference data, for the OpenAPI document: a postal
/// code field takes one of them (`check_postal_code`).
pub fn postal_code_schema() -> utoipa::openapi::schema::Object {
    let mut codes: Vec<&str> = places().iter().map(|(c, _, _)| c.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    crate::web::openapi::codes(codes, false)
}

/// The name and a point inside a postal area (latitude, longitude), from the reference data.
pub fn place(code: &str) -> Option<(&'static str, (f64, f64))> {
    places().iter().find(|(c, _, _)| c == code).map(|(_, n, p)| (n.as_str(), *p))
}

/// A postal area: code, name and a point inside (latitude, longitude).
type Place = (String, String, (f64, f64));

/// Every postal area of the reference data: code, name and a point inside.
fn places() -> &'static [Place] {
    use std::sync::OnceLock;
    static ALL: OnceLock<Vec<Place>> = OnceLock::new();
    ALL.get_or_init(|| {
        crate::domain::municipality::all()
            .iter()
            .filter_map(|m| MunicipalityCode::parse(&m.code).ok())
            .flat_map(|c| crate::domain::municipality::postal_areas(&c))
            .map(|p| (p.code.clone(), p.name.clone(), p.interior))
            .collect()
    })
}

fn text(errors: &mut Vec<FieldError>, field: &'static str, raw: &str, what: &str, required: bool, max: usize) -> String {
    let t = raw.trim();
    if required && t.is_empty() {
        errors.push(FieldError::new(field, format!("{what} mangler")));
    } else if t.chars().count() > max {
        errors.push(FieldError::new(field, format!("{what} må højst have {max} tegn")));
    }
    t.to_string()
}

fn number<T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy>(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    raw: &str,
    what: &str,
    min: T,
    max: T,
) -> Option<T> {
    match raw.trim().replace(',', ".").parse::<T>() {
        Ok(n) if n >= min && n <= max => Some(n),
        Ok(_) => {
            errors.push(FieldError::new(field, format!("{what} skal være mellem {min} og {max}")));
            None
        }
        Err(_) if raw.trim().is_empty() => {
            errors.push(FieldError::new(field, format!("{what} mangler")));
            None
        }
        Err(_) => {
            errors.push(FieldError::new(field, format!("«{}» er ikke et tal ({what})", raw.trim())));
            None
        }
    }
}

fn flag(raw: &str) -> bool {
    matches!(raw.trim(), "1" | "true" | "on" | "ja")
}

/// A company as typed (form or API; numbers and flags as text so nothing typed is lost).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyInput {
    /// CVR number, 8 digits (the last a modulus-11 check digit).
    #[serde(default)]
    #[schema(required = true, pattern = "^[1-9][0-9]{7}$")]
    pub cvr: String,
    /// Name.
    #[serde(default)]
    #[schema(required = true, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// DB07 section letter (A–U).
    #[serde(default)]
    #[schema(required = true, pattern = "^[A-Ua-u]$")]
    pub industry: String,
    /// Street address.
    #[serde(default)]
    #[schema(required = true, max_length = 200, pattern = r"\S")]
    pub street: String,
    /// Postal code.
    #[serde(default)]
    #[schema(required = true, schema_with = postal_code_schema)]
    pub postal_code: String,
    /// Ordinary employees, 0 to 1 000 000.
    #[serde(default)]
    #[schema(required = true, pattern = "^([0-9]{1,6}|1000000)$")]
    pub staff_count: String,
    /// `1` for a public employer.
    #[serde(default)]
    pub public_employer: String,
}

/// Checks a company; every error names its field.
pub fn check_company(i: &CompanyInput) -> Result<CompanyFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let cvr = check_cvr(&i.cvr).map_err(|e| errors.push(e)).ok();
    let name = text(&mut errors, "name", &i.name, "navnet", true, 200);
    let industry = i.industry.trim().to_uppercase();
    if industry.is_empty() {
        errors.push(FieldError::new("industry", "vælg branchen (DB07-hovedafsnit)"));
    } else if industry_label(&industry).is_empty() {
        errors.push(FieldError::new("industry", format!("«{industry}» er ikke et DB07-hovedafsnit; brug et bogstav fra A til U")));
    }
    let street = text(&mut errors, "street", &i.street, "adressen", true, 200);
    let postal_code = check_postal_code("postal_code", &i.postal_code).map_err(|e| errors.push(e)).ok();
    let staff = number::<i64>(&mut errors, "staff_count", &i.staff_count, "antal ansatte", 0, 1_000_000);
    match (cvr, postal_code, staff) {
        (Some(cvr), Some(postal_code), Some(staff_count)) if errors.is_empty() => {
            Ok(CompanyFields { cvr, name, industry, street, postal_code, staff_count, public_employer: flag(&i.public_employer) })
        }
        _ => Err(errors),
    }
}

impl From<&CompanyRow> for CompanyInput {
    fn from(c: &CompanyRow) -> Self {
        CompanyInput {
            cvr: c.cvr.clone(),
            name: c.name.clone(),
            industry: c.industry.clone(),
            street: c.street.clone(),
            postal_code: c.postal_code.clone(),
            staff_count: c.staff_count.to_string(),
            public_employer: if c.public_employer == 1 { "1".into() } else { String::new() },
        }
    }
}

/// A contact person as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    /// Name.
    #[serde(default)]
    #[schema(required = true, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// Role at the company.
    #[serde(default)]
    #[schema(required = true, max_length = 100, pattern = r"\S")]
    pub role: String,
    /// Phone (this or `email` required).
    #[serde(default)]
    #[schema(max_length = 30)]
    pub phone: String,
    /// E-mail (this or `phone` required).
    #[serde(default)]
    #[schema(max_length = 200, pattern = r"^\s*$|@")]
    pub email: String,
}

/// Checks a contact: name, role, and a phone number or e-mail address.
pub fn check_contact(i: &ContactInput) -> Result<ContactInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = text(&mut errors, "name", &i.name, "navnet", true, 200);
    let role = text(&mut errors, "role", &i.role, "rollen", true, 100);
    let phone = text(&mut errors, "phone", &i.phone, "telefonnummeret", false, 30);
    let email = text(&mut errors, "email", &i.email, "e-mailadressen", false, 200);
    if !email.is_empty() && !email.contains('@') {
        errors.push(FieldError::new("email", format!("«{email}» er ikke en e-mailadresse")));
    }
    if phone.is_empty() && email.is_empty() {
        errors.push(FieldError::new("phone", "skriv et telefonnummer eller en e-mailadresse"));
    }
    if errors.is_empty() { Ok(ContactInput { name, role, phone, email }) } else { Err(errors) }
}

/// A contact as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContactView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
}

impl From<ContactRow> for ContactView {
    fn from(c: ContactRow) -> Self {
        ContactView { id: c.id, name: c.name, role: c.role, phone: c.phone, email: c.email }
    }
}

/// A company as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CompanyView {
    /// Id.
    pub id: i64,
    /// CVR number.
    pub cvr: String,
    /// Name.
    pub name: String,
    /// DB07 section letter.
    pub industry: String,
    /// The section's Danish name.
    pub industry_label: String,
    /// Street address.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// The postal area's name.
    pub city: String,
    /// Ordinary employees.
    pub staff_count: i64,
    /// Public employer.
    pub public_employer: bool,
    /// Contacts (only when one company is asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<ContactView>>,
}

impl From<CompanyRow> for CompanyView {
    fn from(c: CompanyRow) -> Self {
        CompanyView {
            id: c.id,
            industry_label: industry_label(&c.industry).to_string(),
            city: place(&c.postal_code).map_or("", |p| p.0).to_string(),
            cvr: c.cvr,
            name: c.name,
            industry: c.industry,
            street: c.street,
            postal_code: c.postal_code,
            staff_count: c.staff_count,
            public_employer: c.public_employer == 1,
            contacts: None,
        }
    }
}

/// An opening as typed (form or API). Lists are comma-separated; time slots as
/// `1 08:00-15:00; 2 08:00-15:00` (weekday 1 = Monday).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpeningInput {
    /// The company's id.
    #[serde(default)]
    #[schema(required = true, pattern = "^[1-9][0-9]{0,17}$")]
    pub company_id: String,
    /// `virksomhedspraktik`, `loentilskud`, `igu`, `ordinaert_job` or `smaajob`.
    #[serde(default)]
    #[schema(required = true, pattern = "^(virksomhedspraktik|loentilskud|igu|ordinaert_job|smaajob)$")]
    pub kind: String,
    /// Title of the work.
    #[serde(default)]
    #[schema(required = true, pattern = r"\S")]
    pub title: String,
    /// Postal code of the workplace (empty: the company's).
    #[serde(default)]
    pub postal_code: String,
    /// ISO first day.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub start: String,
    /// ISO last day (empty: open-ended).
    #[serde(default)]
    pub end: String,
    /// Hours a week, 1 to 60 (a decimal comma or point).
    #[serde(default)]
    #[schema(required = true, pattern = "^([1-9]|[1-5][0-9])([.,][0-9]{1,2})?$|^60([.,]0{1,2})?$")]
    pub weekly_hours: String,
    /// Time slots: `1 08:00-15:00; 3 08:00-12:00`.
    #[serde(default)]
    pub slots: String,
    /// Seats, 1 to 500.
    #[serde(default)]
    #[schema(required = true, pattern = "^([1-9][0-9]?|[1-4][0-9]{2}|500)$")]
    pub seats: String,
    /// Required skills, comma-separated.
    #[serde(default)]
    pub skills: String,
    /// ISCO-08 major group of the work (0–9, empty: none).
    #[serde(default)]
    pub isco_major: String,
    /// Required Danish: `DU2 3` (track and module), empty for none.
    #[serde(default)]
    pub danish: String,
    /// `1` when a driving licence is required.
    #[serde(default)]
    pub driving_licence: String,
    /// Languages spoken at the workplace, ISO 639-1 codes comma-separated (e.g. `da, en`).
    #[serde(default)]
    pub languages: String,
    /// `1` when the company declares the subsidised job an extra job (merbeskæftigelse).
    #[serde(default)]
    pub extra_jobs: String,
    /// `open` (default, also empty) or `closed`.
    #[serde(default)]
    #[schema(pattern = "^(open|closed)?$")]
    pub status: String,
}

/// Parses time slots `1 08:00-15:00; 2 08:00-15:00`.
pub fn parse_slots(raw: &str) -> Result<Vec<Slot>, FieldError> {
    let mut out = Vec::new();
    for part in raw.split([';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || FieldError::new("slots", format!("«{part}» er ikke et tidsrum på formen «1 08:00-15:00» (ugedag 1 = mandag)"));
        let (day, span) = part.split_once(' ').ok_or_else(bad)?;
        let weekday: u8 = day.trim().parse().map_err(|_| bad())?;
        let (from, to) = span.trim().split_once('-').ok_or_else(bad)?;
        let ok = |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").is_ok();
        if !(1..=7).contains(&weekday) || !ok(from) || !ok(to) || from.trim() >= to.trim() {
            return Err(bad());
        }
        out.push(Slot { weekday, from: from.trim().to_string(), to: to.trim().to_string() });
    }
    Ok(out)
}

/// The slots as typed again.
pub fn format_slots(slots: &[Slot]) -> String {
    slots.iter().map(|s| format!("{} {}-{}", s.weekday, s.from, s.to)).collect::<Vec<_>>().join("; ")
}

/// A DU level: track 1–3 and module 1–6, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EmploymentDanishLevel)]
pub struct DanishLevel {
    /// DU track 1–3 (0: none).
    pub track: i64,
    /// Module 1–6 (0: none).
    pub module: i64,
}

impl DanishLevel {
    /// Parses `DU2 3`, `DU2 modul 3`, `2/3` or empty (none).
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let t = raw.trim().to_uppercase().replace("MODUL", " ").replace("DU", " ").replace(['/', '.', ','], " ");
        let parts: Vec<&str> = t.split_whitespace().collect();
        if parts.is_empty() {
            return Ok(DanishLevel::default());
        }
        let bad = || FieldError::new(field, format!("«{}» er ikke et danskniveau på formen «DU2 3» (spor 1–3, modul 1–6)", raw.trim()));
        let [track, module] = parts[..] else { return Err(bad()) };
        let (Ok(track), Ok(module)) = (track.parse::<i64>(), module.parse::<i64>()) else { return Err(bad()) };
        if !(1..=3).contains(&track) || !(1..=6).contains(&module) {
            return Err(bad());
        }
        Ok(DanishLevel { track, module })
    }

    /// Whether any level is set.
    pub fn is_set(self) -> bool {
        self.track > 0
    }

    /// Whether this level meets `required`: the same or a higher track, and the same
    /// or a higher module.
    pub fn meets(self, required: DanishLevel) -> bool {
        !required.is_set() || (self.track >= required.track && self.module >= required.module)
    }

    /// As typed: `DU2 3`, or empty.
    pub fn typed(self) -> String {
        if self.is_set() { format!("DU{} {}", self.track, self.module) } else { String::new() }
    }

    /// In Danish: «DU2 modul 3», or «intet».
    pub fn label(self) -> String {
        if self.is_set() { format!("DU{} modul {}", self.track, self.module) } else { "intet registreret".into() }
    }
}

/// Checks an opening; `company_postal` is the company's postal code, used when the
/// workplace's is left empty. Every error names its field.
pub fn check_opening(i: &OpeningInput, company_postal: Option<&str>) -> Result<OpeningFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let company_id = match i.company_id.trim().parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            errors.push(FieldError::new("company_id", "vælg virksomheden"));
            None
        }
    };
    let kind = OpeningKind::parse(&i.kind).map_err(|e| errors.push(e)).ok();
    let title = text(&mut errors, "title", &i.title, "titlen", true, 200);
    let postal_code = match (i.postal_code.trim(), company_postal) {
        ("", Some(p)) => Some(p.to_string()),
        (raw, _) => check_postal_code("postal_code", raw).map_err(|e| errors.push(e)).ok(),
    };
    let start = if i.start.trim().is_empty() {
        errors.push(FieldError::new("start", "startdatoen mangler"));
        None
    } else {
        parse_day("start", &i.start).map_err(|e| errors.push(e)).ok()
    };
    let end = if i.end.trim().is_empty() { None } else { parse_day("end", &i.end).map_err(|e| errors.push(e)).ok() };
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors
            .push(FieldError::new("end", format!("slutdatoen {} ligger før startdatoen {}", crate::persons::danish_date(&e), crate::persons::danish_date(&s))));
    }
    let hours = number::<f64>(&mut errors, "weekly_hours", &i.weekly_hours, "timer om ugen", 1.0, 60.0);
    let slots = parse_slots(&i.slots).map_err(|e| errors.push(e)).ok();
    if let (Some(h), Some(slots)) = (hours, &slots) {
        let slot_hours: f64 = slots
            .iter()
            .map(|s| {
                let (f, t) = s.minutes();
                f64::from(t - f) / 60.0
            })
            .sum();
        if slot_hours > h + 1e-9 {
            errors.push(FieldError::new("slots", format!("tidsrummene giver {slot_hours:.1} timer, mere end de {h} timer om ugen")));
        }
    }
    let seats = number::<i64>(&mut errors, "seats", &i.seats, "antal pladser", 1, 500);
    let skills = list(&i.skills);
    let isco_major = if i.isco_major.trim().is_empty() { None } else { number::<i64>(&mut errors, "isco_major", &i.isco_major, "ISCO-08-hovedgruppen", 0, 9) };
    let danish = DanishLevel::parse("danish", &i.danish).map_err(|e| errors.push(e)).ok();
    let languages = crate::domain::LanguageList::parse(if i.languages.trim().is_empty() { "da" } else { &i.languages })
        .map_err(|e| errors.push(FieldError::new("languages", e.reason)))
        .ok();
    let status = match i.status.trim() {
        "" | "open" => "open",
        "closed" => "closed",
        other => {
            errors.push(FieldError::new("status", format!("«{other}» er ikke en status; brug open eller closed")));
            "open"
        }
    };
    match (company_id, kind, postal_code, start, hours, slots, seats, danish, languages) {
        (Some(company_id), Some(kind), Some(postal_code), Some(start), Some(weekly_hours), Some(slots), Some(seats), Some(danish), Some(languages))
            if errors.is_empty() =>
        {
            Ok(OpeningFields {
                company_id,
                kind: kind.code().to_string(),
                title,
                postal_code,
                start_day: start,
                end_day: end,
                weekly_hours,
                slots: serde_json::to_string(&slots).unwrap_or_else(|_| "[]".into()),
                seats,
                skills,
                isco_major,
                danish_track: danish.track,
                danish_module: danish.module,
                driving_licence: flag(&i.driving_licence),
                languages: languages.stored(),
                extra_jobs: flag(&i.extra_jobs),
                status: status.to_string(),
            })
        }
        _ => Err(errors),
    }
}

/// A comma-separated list, trimmed, lower-cased, without blanks and repeats.
pub fn list(raw: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for s in raw.split([',', ';', '\n']).map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out.join(", ")
}

/// The items of a stored list.
pub fn items(stored: &str) -> Vec<&str> {
    stored.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// An opening as shown (read from JSON too, by `samplan match-round`).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OpeningView {
    /// Id.
    pub id: i64,
    /// The company.
    pub company_id: i64,
    /// The company's name.
    pub company_name: String,
    /// Kind code.
    pub kind: String,
    /// Kind in Danish.
    pub kind_label: String,
    /// Title.
    pub title: String,
    /// Postal code of the workplace.
    pub postal_code: String,
    /// Its name.
    pub city: String,
    /// ISO first day.
    pub start: String,
    /// ISO last day.
    pub end: Option<String>,
    /// Hours a week.
    pub weekly_hours: f64,
    /// Time slots.
    pub slots: Vec<Slot>,
    /// Seats.
    pub seats: i64,
    /// Seats taken by accepted pairs.
    pub taken: i64,
    /// Required skills.
    pub skills: Vec<String>,
    /// ISCO-08 major group.
    pub isco_major: Option<i64>,
    /// Required Danish level.
    pub danish: DanishLevel,
    /// Driving licence required.
    pub driving_licence: bool,
    /// Languages spoken at the workplace.
    pub languages: Vec<String>,
    /// Extra jobs declared (merbeskæftigelse).
    pub extra_jobs: bool,
    /// `open` or `closed`.
    pub status: String,
    /// The company's ordinary employees (the ratio rule).
    pub company_staff: i64,
    /// The company is a public employer.
    pub public_employer: bool,
}

impl From<OpeningRow> for OpeningView {
    fn from(o: OpeningRow) -> Self {
        OpeningView {
            id: o.id,
            company_id: o.company_id,
            kind_label: OpeningKind::parse(&o.kind).map_or(o.kind.clone(), |k| k.label().to_string()),
            kind: o.kind,
            title: o.title,
            city: place(&o.postal_code).map_or("", |p| p.0).to_string(),
            postal_code: o.postal_code,
            start: o.start_day.to_string(),
            end: o.end_day.map(|d| d.to_string()),
            weekly_hours: o.weekly_hours,
            slots: serde_json::from_str(&o.slots).unwrap_or_default(),
            seats: o.seats,
            taken: o.taken,
            skills: items(&o.skills).into_iter().map(str::to_string).collect(),
            isco_major: o.isco_major,
            danish: DanishLevel { track: o.danish_track, module: o.danish_module },
            driving_licence: o.driving_licence == 1,
            languages: items(&o.languages).into_iter().map(str::to_string).collect(),
            extra_jobs: o.extra_jobs == 1,
            status: o.status,
            company_name: o.company_name,
            company_staff: o.company_staff,
            public_employer: o.public_employer == 1,
        }
    }
}

impl From<&OpeningView> for OpeningInput {
    fn from(o: &OpeningView) -> Self {
        OpeningInput {
            company_id: o.company_id.to_string(),
            kind: o.kind.clone(),
            title: o.title.clone(),
            postal_code: o.postal_code.clone(),
            start: crate::persons::danish_date(&o.start),
            end: o.end.as_deref().map(crate::persons::danish_date).unwrap_or_default(),
            weekly_hours: o.weekly_hours.to_string(),
            slots: format_slots(&o.slots),
            seats: o.seats.to_string(),
            skills: o.skills.join(", "),
            isco_major: o.isco_major.map(|i| i.to_string()).unwrap_or_default(),
            danish: o.danish.typed(),
            driving_licence: if o.driving_licence { "1".into() } else { String::new() },
            languages: o.languages.join(", "),
            extra_jobs: if o.extra_jobs { "1".into() } else { String::new() },
            status: o.status.clone(),
        }
    }
}

/// A person's employment profile as typed. The Danish level is entered here only until
/// the Danish education module supplies it (`danish.rs`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    /// Skills, comma-separated.
    #[serde(default)]
    pub skills: String,
    /// Work experience, free text (at most 2000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub experience: String,
    /// ISCO-08 major group of the experience (0–9, empty: none).
    #[serde(default)]
    #[schema(pattern = "^[0-9]?$")]
    pub isco_major: String,
    /// `none`, `primary`, `upper_secondary`, `short_higher` or `long_higher` (empty: `none`).
    #[serde(default)]
    #[schema(pattern = "^(none|primary|upper_secondary|short_higher|long_higher)?$")]
    pub education_level: String,
    /// Danish level: `DU2 3` (track 1–3, module 1–6), empty for none.
    #[serde(default)]
    #[schema(pattern = "^(DU[1-3] [1-6])?$")]
    pub danish: String,
    /// `1` with a driving licence.
    #[serde(default)]
    pub driving_licence: String,
    /// Hours a week the person can work, 0 to 60 (a decimal comma or point); required
    /// when saving, empty in the answer for a person without a profile (`ProfileShown`).
    #[serde(default)]
    #[schema(required = true, pattern = "^([0-9]|[1-5][0-9])([.,][0-9]{1,2})?$|^60([.,]0{1,2})?$")]
    pub hours_available: String,
    /// `1` when job-ready (in the matching round).
    #[serde(default)]
    pub job_ready: String,
}

crate::web::openapi::derived_schema!(
    /// The schema of a profile as shown: the fields of `ProfileInput`, with
    /// `hours_available` empty for a person without a profile.
    pub ProfileShown from ProfileInput, crate::web::openapi::derived::<ProfileInput>(|object| {
        use utoipa::openapi::schema::{Object, Type};
        object.required.retain(|r| r != "hours_available");
        object.properties.insert("hours_available".into(), Object::with_type(Type::String).into());
        object.description = Some("A profile as typed: empty texts when none is recorded.".into());
    })
);

/// Checks a profile; every error names its field.
pub fn check_profile(i: &ProfileInput, person_id: i64, by: &str) -> Result<ProfileRow, Vec<FieldError>> {
    let mut errors = Vec::new();
    let skills = list(&i.skills);
    let experience = text(&mut errors, "experience", &i.experience, "erfaringen", false, 2000);
    let isco_major = if i.isco_major.trim().is_empty() { None } else { number::<i64>(&mut errors, "isco_major", &i.isco_major, "ISCO-08-hovedgruppen", 0, 9) };
    let education = EducationLevel::parse(if i.education_level.trim().is_empty() { "none" } else { &i.education_level }).map_err(|e| errors.push(e)).ok();
    let danish = DanishLevel::parse("danish", &i.danish).map_err(|e| errors.push(e)).ok();
    let hours = number::<f64>(&mut errors, "hours_available", &i.hours_available, "timer til rådighed", 0.0, 60.0);
    match (education, danish, hours) {
        (Some(e), Some(d), Some(h)) if errors.is_empty() => Ok(ProfileRow {
            person_id,
            skills,
            experience,
            isco_major,
            education_level: e.code().to_string(),
            danish_track: d.track,
            danish_module: d.module,
            driving_licence: i64::from(flag(&i.driving_licence)),
            hours_available: h,
            job_ready: i64::from(flag(&i.job_ready)),
            updated_by: by.to_string(),
            updated_at: String::new(),
        }),
        _ => Err(errors),
    }
}

impl From<&ProfileRow> for ProfileInput {
    fn from(p: &ProfileRow) -> Self {
        ProfileInput {
            skills: p.skills.clone(),
            experience: p.experience.clone(),
            isco_major: p.isco_major.map(|i| i.to_string()).unwrap_or_default(),
            education_level: p.education_level.clone(),
            danish: DanishLevel { track: p.danish_track, module: p.danish_module }.typed(),
            driving_licence: if p.driving_licence == 1 { "1".into() } else { String::new() },
            hours_available: p.hours_available.to_string(),
            job_ready: if p.job_ready == 1 { "1".into() } else { String::new() },
        }
    }
}

/// Filter of the company list (paged by `web::paging`, decision 006).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompanyFilter {
    /// Filter on name or CVR.
    #[serde(default)]
    pub q: Option<String>,
}

/// Filters of the openings list (paged by `web::paging`, decision 006).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpeningFilter {
    /// `true` (default): only open openings; `false`: all.
    #[serde(default)]
    #[param(value_type = Option<bool>)]
    pub open: Option<String>,
    /// Only this company's openings (its id).
    #[serde(default)]
    #[param(value_type = Option<i64>, minimum = 1)]
    pub company: Option<String>,
}

impl OpeningFilter {
    /// Only open ones, and which company; a bad value names its field.
    pub fn parsed(&self) -> Result<(bool, Option<i64>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let open = match self.open.as_deref().map(str::trim) {
            None | Some("") | Some("true") => true,
            Some("false") => false,
            Some(other) => {
                errors.push(FieldError::new("open", format!("«{other}» skal være true eller false")));
                true
            }
        };
        let company = match self.company.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(raw) => match raw.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    errors.push(FieldError::new("company", format!("«{raw}» er ikke et virksomheds-id")));
                    None
                }
            },
        };
        if errors.is_empty() { Ok((open, company)) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvr_numbers_pass_the_modulus_11_check() {
        // Weighted sums divisible by 11.
        assert_eq!(check_cvr("1000 0009").unwrap(), "10000009");
        assert_eq!(check_cvr("25313763").unwrap(), "25313763");
        let e = check_cvr("25313764").unwrap_err();
        assert_eq!(e.field, "cvr");
        assert!(e.reason.contains("kontrolcifferet"), "{}", e.reason);
        assert!(check_cvr("1234567").unwrap_err().reason.contains("8 cifre"));
        assert!(check_cvr("0000000").is_err() && check_cvr("00000000").is_err());
    }

    #[test]
    fn a_company_names_each_bad_field() {
        let e = check_company(&CompanyInput {
            cvr: "12345678".into(),
            industry: "Z".into(),
            postal_code: "9999".into(),
            staff_count: "x".into(),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(fields, ["cvr", "name", "industry", "street", "postal_code", "staff_count"]);
        let ok = check_company(&CompanyInput {
            cvr: "25313763".into(),
            name: " Holbæk Byg ".into(),
            industry: "f".into(),
            street: "Ahlgade 1".into(),
            postal_code: "4300".into(),
            staff_count: "12".into(),
            public_employer: String::new(),
        })
        .unwrap();
        assert_eq!((ok.name.as_str(), ok.industry.as_str(), ok.staff_count), ("Holbæk Byg", "F", 12));
    }

    #[test]
    fn openings_parse_slots_danish_and_check_hours() {
        let input = OpeningInput {
            company_id: "1".into(),
            kind: "igu".into(),
            title: "Køkkenmedhjælper".into(),
            start: "2026-01-05".into(),
            weekly_hours: "25".into(),
            slots: "1 08:00-13:00; 2 08:00-13:00".into(),
            seats: "2".into(),
            skills: "Opvask, rengøring, opvask".into(),
            danish: "du2 modul 3".into(),
            ..Default::default()
        };
        let f = check_opening(&input, Some("4300")).unwrap();
        assert_eq!((f.postal_code.as_str(), f.skills.as_str(), f.danish_track, f.danish_module), ("4300", "opvask, rengøring", 2, 3));
        let e = check_opening(&OpeningInput { weekly_hours: "8".into(), end: "2025-01-01".into(), ..input.clone() }, Some("4300")).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(fields, ["end", "slots"]);
        let e = check_opening(&OpeningInput { kind: "job".into(), slots: "mandag 8-12".into(), danish: "DU4 1".into(), ..input }, None).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(fields, ["kind", "postal_code", "slots", "danish"]);
    }

    #[test]
    fn danish_levels_compare_track_and_module() {
        let l = |t, m| DanishLevel { track: t, module: m };
        assert!(l(2, 4).meets(l(2, 3)) && l(3, 3).meets(l(2, 3)) && l(0, 0).meets(l(0, 0)));
        assert!(!l(1, 6).meets(l(2, 3)) && !l(2, 2).meets(l(2, 3)) && !l(0, 0).meets(l(1, 1)));
        assert_eq!(DanishLevel::parse("danish", "2/3").unwrap(), l(2, 3));
    }
}
