//! Person attributes with a closed set of values: residence basis (the `rules` crate's), sex, family role,
//! and the list of languages a person speaks.
use super::FieldError;

/// Defines a closed vocabulary: the code stored in the database, and the Danish label.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[doc = $label] #[serde(rename = $code)] $variant),+ }

        // The OpenAPI schema is the codes, as serde writes them (utoipa's derive does not
        // read a `rename` given through a macro).
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and used in the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Danish label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a stored or submitted code.
            pub fn parse(raw: &str) -> Result<Self, $crate::domain::FieldError> {
                match raw.trim() {
                    $($code => Ok($name::$variant),)+
                    other => Err($crate::domain::FieldError::new($field, format!(
                        "«{other}» er ikke en gyldig værdi; brug en af: {}",
                        [$($code),+].join(", ")
                    ))),
                }
            }
        }
    };
}
pub(crate) use vocabulary;

/// The legal basis of a person's residence; it decides which rules apply. One type with
/// the rules and the indicators: stored, sent and read by its `code`, and an unknown
/// code is refused, never taken as `Other`.
pub use rules::ResidenceBasis;

/// An unknown residence basis, submitted or stored, is a refusal of the field
/// `residence_basis` that names the value and the codes there are.
impl From<rules::UnknownResidenceBasis> for FieldError {
    fn from(e: rules::UnknownResidenceBasis) -> Self {
        let codes = ResidenceBasis::ALL.map(ResidenceBasis::code).join(", ");
        FieldError::new("residence_basis", format!("«{}» er ikke en gyldig værdi; brug en af: {codes}", e.0))
    }
}

/// Serde of a [`ResidenceBasis`] as its code, for the API's and files' structs:
/// `#[serde(with = "crate::domain::person::residence_code")]`. An unknown code is refused.
pub mod residence_code {
    use super::ResidenceBasis;

    /// Writes the code.
    pub fn serialize<S: serde::Serializer>(basis: &ResidenceBasis, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(basis.code())
    }

    /// Reads a code; any other text is an error that names it.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ResidenceBasis, D::Error> {
        let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        ResidenceBasis::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// The OpenAPI schema of a residence basis: its codes, under the name `ResidenceBasis`.
pub struct ResidenceBasisSchema;

impl utoipa::PartialSchema for ResidenceBasisSchema {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(ResidenceBasis::ALL.map(ResidenceBasis::code)))
            .into()
    }
}

impl utoipa::ToSchema for ResidenceBasisSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ResidenceBasis")
    }
}

vocabulary!(
    /// Legal sex as registered.
    Sex, "sex" {
        Female => ("female", "Kvinde"),
        Male => ("male", "Mand"),
    }
);

vocabulary!(
    /// A person's place in the family.
    FamilyRole, "family_role" {
        Adult => ("adult", "Voksen"),
        Child => ("child", "Barn"),
    }
);

/// Languages a person speaks, as ISO 639-1 codes (e.g. `ar`, `uk`, `ti`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LanguageList(Vec<String>);

impl LanguageList {
    /// Parses `arabisk, engelsk` or `ar, en`: languages by their Danish name (as on the
    /// person form) or by two- or three-letter ISO 639 code, separated by commas.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let mut codes = Vec::new();
        for part in raw.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            let lower = part.to_lowercase();
            let by_name = KNOWN_LANGUAGES.iter().find(|c| language_name(c) == lower || language_name(c).split(' ').next() == Some(lower.as_str()));
            let words: Vec<&str> = lower.split_whitespace().collect();
            let several_codes =
                by_name.is_none() && words.len() > 1 && words.iter().all(|w| (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()));
            let found: Vec<String> = match by_name {
                Some(code) => vec![(*code).to_string()],
                None if several_codes => words.iter().map(|w| (*w).to_string()).collect(),
                None => vec![lower.clone()],
            };
            for code in found {
                if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_lowercase()) {
                    return Err(FieldError::new(
                        "languages",
                        format!(
                            "«{part}» er ikke et sprog, samplan kender; skriv sprogets danske navn (fx arabisk, tigrinya, dari) eller en sprogkode (ISO 639, fx ar, ti, prs)"
                        ),
                    ));
                }
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
        }
        Ok(Self(codes))
    }

    /// The languages by Danish name, comma separated (as the person form shows them).
    pub fn names(&self) -> String {
        self.0.iter().map(|c| language_name(c)).collect::<Vec<_>>().join(", ")
    }

    /// The codes in the order given.
    pub fn codes(&self) -> &[String] {
        &self.0
    }

    /// The stored form: codes joined by commas.
    pub fn stored(&self) -> String {
        self.0.join(",")
    }
}

/// The languages samplan names in Danish (the person form's list).
pub const KNOWN_LANGUAGES: &[&str] = &["da", "en", "ar", "uk", "ru", "ti", "fa", "prs", "ps", "so", "ku", "tr", "fr", "am"];

/// The Danish name of a language code, for display; the code itself when unknown.
pub fn language_name(code: &str) -> &str {
    match code {
        "da" => "dansk",
        "en" => "engelsk",
        "ar" => "arabisk",
        "uk" => "ukrainsk",
        "ru" => "russisk",
        "ti" => "tigrinya",
        "fa" => "persisk (farsi)",
        "prs" => "dari",
        "ps" => "pashto",
        "so" => "somali",
        "ku" => "kurdisk",
        "tr" => "tyrkisk",
        "fr" => "fransk",
        "am" => "amharisk",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip_and_name_the_field() {
        for sex in Sex::ALL {
            assert_eq!(Sex::parse(sex.code()).unwrap(), *sex);
        }
        let err = Sex::parse("x").unwrap_err();
        assert_eq!(err.field, "sex");
        assert!(err.reason.contains("«x»") && err.reason.contains("female"));
    }

    #[test]
    fn residence_bases_round_trip_and_an_unknown_one_is_refused_by_name() {
        for basis in ResidenceBasis::ALL {
            assert_eq!(ResidenceBasis::parse(basis.code()), Ok(basis));
        }
        let err = FieldError::from(ResidenceBasis::parse("tourist").unwrap_err());
        assert_eq!(err.field, "residence_basis");
        assert!(err.reason.contains("«tourist»"), "{}", err.reason);
        assert!(ResidenceBasis::ALL.iter().all(|b| err.reason.contains(b.code())), "{}", err.reason);
    }

    #[test]
    fn language_lists_are_normalised_and_checked() {
        let list = LanguageList::parse("AR, en ar").unwrap();
        assert_eq!(list.codes(), ["ar", "en"]);
        assert_eq!(list.stored(), "ar,en");
        assert_eq!(LanguageList::parse("arabic").unwrap_err().field, "languages");
    }
}
