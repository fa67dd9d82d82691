//! What of a person an organisation may see through a referral (decision 111, with
//! consent per organisation, decision 115). The caseworker chooses fields; name and
//! contact are the minimum and need only the live consent the referral is made under,
//! which must name that organisation; every other field needs a scope the consent gives
//! that organisation. What is shown is worked out on every read from the referral's
//! chosen fields and the consent as it stands now, so a withdrawn consent shows nothing
//! at once (and its texts are also erased).
use crate::domain::FieldError;
use crate::domain::person::{language_name, vocabulary};
use crate::store::civil_society::ReferralRow;
use serde::Serialize;

vocabulary!(
    /// A piece of a person that a referral can share with an organisation.
    SharedField, "shared" {
        Name => ("name", "Navn"),
        Contact => ("contact", "Kontaktoplysninger"),
        Age => ("age", "Alder"),
        Languages => ("languages", "Sprog"),
        Address => ("address", "Adresse"),
        Interests => ("interests", "Interesser og ønsker"),
    }
);

/// Consent scope for age, languages and interests (listed in `plans::access::ORGANISATION_SCOPES`).
pub const PROFILE_SCOPE: &str = "profile";
/// Consent scope for the home address.
pub const ADDRESS_SCOPE: &str = "address";

impl SharedField {
    /// The consent scope a field needs beyond the referral's consent itself.
    pub fn scope(self) -> Option<&'static str> {
        match self {
            SharedField::Name | SharedField::Contact => None,
            SharedField::Age | SharedField::Languages | SharedField::Interests => Some(PROFILE_SCOPE),
            SharedField::Address => Some(ADDRESS_SCOPE),
        }
    }

    /// Whether a consent with `scopes` (comma-separated) covers this field.
    pub fn covered_by(self, scopes: &str) -> bool {
        self.scope().is_none_or(|s| scopes.split(',').any(|x| x.trim() == s))
    }
}

/// The minimum a referral shares.
pub const MINIMUM: [SharedField; 2] = [SharedField::Name, SharedField::Contact];

/// Checks the chosen fields against the consent's scopes: the minimum is always
/// included, and a field the consent does not cover is refused with its name.
pub fn check_fields(chosen: &[String], consent_scopes: &str) -> Result<Vec<SharedField>, FieldError> {
    let mut out: Vec<SharedField> = MINIMUM.to_vec();
    for raw in chosen.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let f = SharedField::parse(raw)?;
        if !f.covered_by(consent_scopes) {
            let scope = f.scope().map(crate::plans::access::scope_label).unwrap_or_default();
            return Err(FieldError::new(
                "shared",
                format!("«{}» er ikke dækket af samtykket til denne organisation; det kræver, at samtykket giver organisationen «{scope}»", f.label()),
            ));
        }
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out.sort_by_key(|f| SharedField::ALL.iter().position(|x| x == f));
    Ok(out)
}

/// The stored form of chosen fields.
pub fn stored(fields: &[SharedField]) -> String {
    fields.iter().map(|f| f.code()).collect::<Vec<_>>().join(",")
}

/// The fields a referral shows now: those chosen that the live consent still covers;
/// none once the consent is withdrawn.
pub fn shown(row: &ReferralRow) -> Vec<SharedField> {
    if row.consent_live != 1 {
        return Vec::new();
    }
    row.shared.split(',').filter_map(|c| SharedField::parse(c).ok()).filter(|f| f.covered_by(&row.consent_scopes)).collect()
}

/// A referral as an organisation (or the referring caseworker) sees it: only the shared
/// fields are present; the person's id only for staff.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReferralView {
    /// Id.
    pub id: i64,
    /// The person (staff only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<i64>,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// The offer, if one.
    pub offer_id: Option<i64>,
    /// Its title.
    pub offer_title: Option<String>,
    /// `sent`, `accepted` or `declined`.
    pub status: String,
    /// The status in Danish.
    pub status_label: String,
    /// When it was sent.
    pub created_at: String,
    /// False once the consent is withdrawn: nothing of the person is shown.
    pub consent_live: bool,
    /// The codes of the fields shown.
    pub shared: Vec<String>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Contact details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Age in whole years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<i64>,
    /// Languages, in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    /// Home address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Interests and wishes, as the caseworker wrote them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interests: Option<String>,
}

/// The Danish name of a referral status.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "sent" => "Sendt",
        "accepted" => "Taget imod",
        "declined" => "Afvist",
        _ => "Ukendt",
    }
}

/// Age in whole years on `today` of someone born on `birth` (ISO dates).
pub fn age_on(birth: &str, today: chrono::NaiveDate) -> Option<i64> {
    let b = chrono::NaiveDate::parse_from_str(birth, "%Y-%m-%d").ok()?;
    today.years_since(b).map(i64::from)
}

/// Builds the view: every field not shown stays `None`, whatever the row holds.
pub fn view(row: &ReferralRow, staff: bool, today: chrono::NaiveDate) -> ReferralView {
    let fields = shown(row);
    let has = |f: SharedField| fields.contains(&f);
    let address = match (&row.street, &row.postal_code, &row.city) {
        (Some(s), Some(p), Some(c)) => format!("{s}, {p} {c}"),
        (s, p, c) => [s.as_deref(), p.as_deref(), c.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "),
    };
    ReferralView {
        id: row.id,
        person_id: staff.then_some(row.person_id),
        organisation_id: row.organisation_id,
        organisation_name: row.organisation_name.clone(),
        offer_id: row.offer_id,
        offer_title: row.offer_title.clone(),
        status: row.status.clone(),
        status_label: status_label(&row.status).into(),
        created_at: row.created_at.clone(),
        consent_live: row.consent_live == 1,
        shared: fields.iter().map(|f| f.code().to_string()).collect(),
        name: has(SharedField::Name).then(|| format!("{} {}", row.given_name, row.family_name)),
        contact: has(SharedField::Contact).then(|| row.contact.clone()),
        age: if has(SharedField::Age) { age_on(&row.birth_date, today) } else { None },
        languages: has(SharedField::Languages).then(|| row.languages.split(',').filter(|s| !s.is_empty()).map(|c| language_name(c).to_string()).collect()),
        address: has(SharedField::Address).then_some(address),
        interests: has(SharedField::Interests).then(|| row.note.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(shared: &str, scopes: &str, live: bool) -> ReferralRow {
        ReferralRow {
            id: 1,
            person_id: 7,
            consent_id: 3,
            organisation_id: 2,
            organisation_name: "Holbæk Boldklub".into(),
            offer_id: None,
            offer_title: None,
            shared: shared.into(),
            contact: "tlf. 12 34 56 78".into(),
            note: "Vil gerne spille fodbold".into(),
            status: "sent".into(),
            created_by: 1,
            created_at: "2026-01-01T10:00:00Z".into(),
            answered_at: None,
            consent_live: i64::from(live),
            consent_scopes: scopes.into(),
            given_name: "Amal".into(),
            family_name: "Haddad".into(),
            birth_date: "2014-05-01".into(),
            languages: "ar,da".into(),
            street: Some("Ahlgade 1".into()),
            postal_code: Some("4300".into()),
            city: Some("Holbæk".into()),
        }
    }

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    #[test]
    fn the_minimum_needs_only_the_consent_and_more_needs_its_scope() {
        assert_eq!(check_fields(&[], "plan").unwrap(), MINIMUM);
        let e = check_fields(&["age".into()], "plan").unwrap_err();
        assert_eq!(e.field, "shared");
        assert!(e.reason.contains("Alder"), "{}", e.reason);
        let ok = check_fields(&["address".into(), "age".into(), "name".into()], "profile,address").unwrap();
        assert_eq!(ok, [SharedField::Name, SharedField::Contact, SharedField::Age, SharedField::Address]);
        assert_eq!(check_fields(&["cpr".into()], "profile").unwrap_err().field, "shared");
    }

    #[test]
    fn a_view_holds_exactly_the_shared_fields() {
        let v = view(&row("name,contact", "profile,address", true), false, today());
        let json = serde_json::to_value(&v).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        assert!(keys.contains(&"name") && keys.contains(&"contact"));
        for hidden in ["person_id", "age", "languages", "address", "interests"] {
            assert!(!keys.contains(&hidden), "{hidden} in {json}");
        }
        let v = view(&row("name,contact,age,languages,address,interests", "profile,address", true), false, today());
        assert_eq!((v.age, v.address.as_deref()), (Some(12), Some("Ahlgade 1, 4300 Holbæk")));
        assert_eq!(v.languages.unwrap(), ["arabisk", "dansk"]);
    }

    #[test]
    fn a_field_the_consent_no_longer_covers_or_a_withdrawn_consent_shows_nothing() {
        let v = view(&row("name,contact,address", "profile", true), false, today());
        assert_eq!(v.shared, ["name", "contact"]);
        assert!(v.address.is_none());
        let v = view(&row("name,contact,age", "profile", false), true, today());
        assert!(v.shared.is_empty() && v.name.is_none() && v.contact.is_none() && v.age.is_none() && !v.consent_live);
        assert_eq!(v.person_id, Some(7), "staff still know whom they referred");
    }
}
