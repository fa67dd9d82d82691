//! Civil society (decision 110): the registry of partner organisations and their users,
//! their offers, referral of a person to an organisation under a consent with only the
//! fields the caseworker chose and the consent covers (`sharing.rs`), matching offers to
//! a person or child (`matching.rs`, pure), fritidspas grants (`fritidspas.rs`) and
//! participation. Pages (`pages.rs`, `/civilsamfund`) and the API (`api.rs`) share the
//! service functions in `service.rs`.
//!
//! Who sees what: staff of the municipality read the registry; caseworkers and
//! coordinators refer, match, record participation and decide fritidspas. A volunteer
//! coordinator belongs to one organisation (or to the municipality's volunteer centre,
//! itself an organisation of kind `volunteer_centre`, which keeps the registry) and sees
//! only that organisation, its offers and the referrals sent to it, with the shared
//! fields while the consent is live. Person records, plans, deadlines and search answer
//! 404 to them (`Actor::person_reader`).
pub mod api;
pub mod fritidspas;
pub mod matching;
pub mod pages;
pub mod service;
pub mod sharing;

use crate::domain::FieldError;
use crate::domain::person::vocabulary;

vocabulary!(
    /// What kind of partner an organisation is.
    OrganisationKind, "kind" {
        Association => ("association", "Forening"),
        VolunteerGroup => ("volunteer_group", "Frivilliggruppe"),
        HousingAssociation => ("housing_association", "Boligorganisation"),
        Business => ("business", "Virksomhed"),
        FaithOrCultural => ("faith_or_cultural", "Trossamfund eller kulturforening"),
        VolunteerCentre => ("volunteer_centre", "Kommunens frivilligcenter"),
    }
);

vocabulary!(
    /// What kind of offer.
    OfferKind, "kind" {
        Activity => ("activity", "Aktivitet"),
        Mentor => ("mentor", "Mentor- eller venneordning"),
        HomeworkHelp => ("homework_help", "Lektiehjælp"),
        SportsLeisure => ("sports_leisure", "Sport og fritid"),
        LanguageCafe => ("language_cafe", "Sprogcafé"),
    }
);

vocabulary!(
    /// Where a person stands in an organisation.
    ParticipationStatus, "status" {
        Started => ("started", "Startet"),
        Attending => ("attending", "Deltager"),
        Member => ("member", "Medlem"),
        Ended => ("ended", "Stoppet"),
    }
);

vocabulary!(
    /// Taking part in an offer, or volunteering oneself.
    ParticipationKind, "kind" {
        Participant => ("participant", "Deltager i forening eller tilbud"),
        Volunteer => ("volunteer", "Frivillig"),
    }
);

/// Danish weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];

/// One weekly time of an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// Minutes after midnight.
    pub from: u32,
    /// Minutes after midnight.
    pub to: u32,
}

fn hhmm(raw: &str) -> Option<u32> {
    let (h, m) = raw.trim().split_once([':', '.'])?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && m.to_string().len() <= 2).then_some(h * 60 + m)
}

/// Minutes as `HH:MM`.
pub fn clock(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl Slot {
    /// `mandag 16:00–17:30`.
    pub fn label(&self) -> String {
        format!("{} {}–{}", WEEKDAYS[usize::from(self.weekday.clamp(1, 7)) - 1], clock(self.from), clock(self.to))
    }
}

/// Parses weekly times: `1 16:00-17:30; 3 16:00-17:30` (1 = Monday). Empty means no fixed times.
pub fn parse_slots(raw: &str) -> Result<Vec<Slot>, FieldError> {
    let mut out = Vec::new();
    for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || FieldError::new("slots", format!("«{part}» er ikke et tidspunkt på formen «1 16:00-17:30» (ugedag 1 = mandag … 7 = søndag)"));
        let (day, times) = part.split_once(' ').ok_or_else(bad)?;
        let weekday: u8 = day.trim().parse().map_err(|_| bad())?;
        let (from, to) = times.split_once('-').ok_or_else(bad)?;
        let (from, to) = (hhmm(from).ok_or_else(bad)?, hhmm(to).ok_or_else(bad)?);
        if !(1..=7).contains(&weekday) {
            return Err(bad());
        }
        if to <= from {
            return Err(FieldError::new("slots", format!("«{part}»: sluttidspunktet skal ligge efter starttidspunktet")));
        }
        out.push(Slot { weekday, from, to });
    }
    Ok(out)
}

/// The stored form of weekly times.
pub fn stored_slots(slots: &[Slot]) -> String {
    slots.iter().map(|s| format!("{} {}-{}", s.weekday, clock(s.from), clock(s.to))).collect::<Vec<_>>().join(";")
}

/// Checks a CVR number: 8 digits whose weighted sum (weights 2,7,6,5,4,3,2,1) is
/// divisible by 11 (the modulus-11 check of the CVR register).
pub fn parse_cvr(raw: &str) -> Result<Option<String>, FieldError> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = digits.strip_prefix("DK").unwrap_or(&digits).to_string();
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return Err(FieldError::new(
            "cvr",
            format!("«{raw}» er ikke et CVR-nummer (8 cifre, første ciffer ikke 0); lad feltet stå tomt, hvis organisationen ikke har et"),
        ));
    }
    const WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];
    let sum: u32 = digits.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    if !sum.is_multiple_of(11) {
        return Err(FieldError::new("cvr", format!("{digits} er ikke et gyldigt CVR-nummer (kontrolcifferet passer ikke); tjek nummeret i CVR-registret")));
    }
    Ok(Some(digits))
}

/// Every Danish postal area with its centroid, by postal code (ranges such as `1000-1499`
/// answer for every code inside them).
pub fn postal_area(code: &str) -> Option<&'static crate::domain::PostalArea> {
    use std::sync::OnceLock;
    static AREAS: OnceLock<Vec<&'static crate::domain::PostalArea>> = OnceLock::new();
    let areas = AREAS.get_or_init(|| {
        crate::domain::municipality::all()
            .iter()
            .filter_map(|m| crate::domain::MunicipalityCode::parse(&m.code).ok())
            .flat_map(|c| crate::domain::municipality::postal_areas(&c))
            .collect()
    });
    let code = code.trim();
    let n: u32 = code.parse().ok()?;
    areas.iter().copied().find(|a| match a.code.split_once('-') {
        Some((lo, hi)) => lo.parse::<u32>().is_ok_and(|lo| lo <= n) && hi.parse::<u32>().is_ok_and(|hi| n <= hi),
        None => a.code == code,
    })
}

/// A postal code that exists, or an error naming `field`.
pub fn parse_postal_code(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let code = raw.trim();
    if code.len() == 4 && postal_area(code).is_some() {
        Ok(code.to_string())
    } else {
        Err(FieldError::new(field, format!("«{raw}» er ikke et dansk postnummer (4 cifre, fx 4300)")))
    }
}

/// Kilometres between two points (latitude, longitude) on the earth's surface.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Kroner as Danes write them: `223.740 kr.`
pub fn kroner(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{}{out} kr.", if n < 0 { "-" } else { "" })
}

/// Which rows of a long list to read (decision 006): `limit` rows from `offset`. The
/// list functions return one row more when another page follows, so the API answers
/// `Link: rel="next"` and the pages «Næste side» without counting the whole list; only
/// the rows of the page are audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Rows in the page.
    pub limit: i64,
    /// Rows before it.
    pub offset: i64,
}

impl Window {
    /// The window of an API request's `limit` and `cursor`.
    pub fn of(paging: &crate::web::paging::Paging) -> Self {
        Window { limit: paging.limit as i64, offset: paging.offset() }
    }

    /// The window of an HTML list's `?side=`.
    pub fn of_page(nav: &crate::web::paging::PageNav) -> Self {
        Window { limit: nav.per_page as i64, offset: nav.offset() }
    }

    /// The first `limit` rows.
    pub fn first(limit: i64) -> Self {
        Window { limit, offset: 0 }
    }

    /// Rows to read: one more than the page.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// The rows of the page itself (the extra row left out), e.g. to audit.
    pub fn shown<'a, T>(&self, rows: &'a [T]) -> &'a [T] {
        &rows[..rows.len().min(self.limit.max(0) as usize)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvr_numbers_pass_the_modulus_11_check() {
        // 10150817: 2+0+6+25+0+24+2+7 = 66 = 6·11; 25313763: 4+35+18+5+12+21+12+3 = 110.
        for ok in ["10150817", "25313763", "DK 2531 3763"] {
            assert!(parse_cvr(ok).unwrap().is_some(), "{ok}");
        }
        assert_eq!(parse_cvr("  ").unwrap(), None, "no CVR is allowed");
        for bad in ["12345678", "1234567", "0123456x", "01234567"] {
            let e = parse_cvr(bad).unwrap_err();
            assert_eq!(e.field, "cvr", "{bad}");
        }
        assert!(parse_cvr("12345678").unwrap_err().reason.contains("kontrolcifferet"));
    }

    #[test]
    fn weekly_times_parse_and_print() {
        let s = parse_slots("1 16:00-17:30; 3 9.15-10.00").unwrap();
        assert_eq!(s, [Slot { weekday: 1, from: 960, to: 1050 }, Slot { weekday: 3, from: 555, to: 600 }]);
        assert_eq!(stored_slots(&s), "1 16:00-17:30;3 09:15-10:00");
        assert_eq!(s[0].label(), "mandag 16:00–17:30");
        assert!(parse_slots("").unwrap().is_empty());
        for bad in ["8 10:00-11:00", "1 11:00-10:00", "mandag 10-11", "1 25:00-26:00"] {
            assert_eq!(parse_slots(bad).unwrap_err().field, "slots", "{bad}");
        }
    }

    #[test]
    fn postal_codes_come_from_the_reference_data() {
        let holbaek = postal_area("4300").unwrap();
        assert_eq!(holbaek.name, "Holbæk");
        assert_eq!(postal_area("1200").unwrap().code, "1000-1499", "a code inside a range");
        assert!(parse_postal_code("postal_code", "9999").is_err());
        let d = distance_km(postal_area("4300").unwrap().interior, postal_area("4450").unwrap().interior);
        assert!((5.0..40.0).contains(&d), "Holbæk–Jyderup {d}");
        assert_eq!(kroner(223_740), "223.740 kr.");
        assert_eq!(kroner(500), "500 kr.");
    }
}
