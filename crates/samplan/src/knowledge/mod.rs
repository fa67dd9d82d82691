//! The knowledge base "hvad virker": methods and local experiences that a municipality
//! describes and submits, the national secretariat reviews and publishes, every
//! municipality searches (Danish full text, facets), comments on and asks about, and
//! family plans recommend for their goals.
//!
//! Who may do what (decision 071): caseworkers, coordinators and managers write drafts for
//! their own municipality; only a manager submits to review; only the national
//! secretariat reviews; every logged-in user reads published methods. Knowledge is not
//! person data, so reading it is not audited, but every change is.
pub mod api;
pub mod attachments;
pub mod comments;
pub mod forms;
pub mod index;
pub mod pages;
pub mod recommend;
pub mod review;
pub mod service;

use crate::auth::Actor;
use crate::domain::person::vocabulary;
use crate::domain::{FieldError, Role};
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::knowledge::{MethodFields, MethodRow, VersionRow};

vocabulary!(
    /// The six themes of the KL integration agenda (seed 003).
    Theme, "theme" {
        Newcomers => ("rammer_for_nyankomne", "Rammer for nye flygtninge og familiesammenførte"),
        YoungPeople => ("unge_job_og_uddannelse", "Unge i spændingsfeltet mellem job og uddannelse"),
        Employment => ("helhedsorienteret_beskaeftigelse", "Helhedsorienteret beskæftigelsesindsats"),
        Children => ("boern_og_foraeldre", "Investering i børn og deres forældre"),
        Danish => ("danskkundskaber", "Styrkede danskkundskaber"),
        Partnerships => ("lokale_partnerskaber", "Lokale partnerskaber om integration"),
    }
);

vocabulary!(
    /// How well a method's effect is known.
    EvidenceLevel, "evidence_level" {
        Documented => ("dokumenteret_effekt", "Dokumenteret effekt"),
        Promising => ("lovende", "Lovende praksis"),
        Local => ("lokal_erfaring", "Lokal erfaring"),
    }
);

vocabulary!(
    /// Whom a method is for.
    TargetGroup, "target_group" {
        Newcomers => ("nyankomne", "Nyankomne flygtninge og familiesammenførte"),
        Young => ("unge", "Unge 18–29 år"),
        Women => ("kvinder", "Kvinder langt fra arbejdsmarkedet"),
        Families => ("boern_og_foraeldre", "Børn og forældre"),
        Parents => ("foraeldre", "Forældre: opdragelse, forældresamarbejde og negativ social kontrol"),
        LongResident => ("laengere_i_landet", "Borgere, der har været i landet i flere år"),
        Everyone => ("alle", "Alle i integrationsindsatsen"),
    }
);

vocabulary!(
    /// Where a version stands in the review workflow.
    Status, "status" {
        Draft => ("draft", "Kladde"),
        Submitted => ("submitted", "Til gennemgang"),
        ChangesRequested => ("changes_requested", "Ændringer ønsket"),
        Published => ("published", "Offentliggjort"),
        Superseded => ("superseded", "Erstattet af nyere version"),
        Rejected => ("rejected", "Afvist"),
    }
);

pub use crate::plans::LifeArea;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 160;
/// Longest summary, results or contact text, in characters.
pub const TEXT_MAX: usize = 8000;

/// A method as submitted in a form or the API, before checking.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct MethodInput {
    /// Title (at most 160 characters).
    #[serde(default)]
    #[schema(required = true, max_length = 160, pattern = r"\S")]
    pub title: String,
    /// What is done, how and by whom.
    #[serde(default)]
    #[schema(required = true, max_length = 8000, pattern = r"\S")]
    pub summary: String,
    /// Target group code.
    #[serde(default)]
    #[schema(required = true, value_type = TargetGroup)]
    pub target_group: String,
    /// Life area code.
    #[serde(default)]
    #[schema(required = true, value_type = LifeArea)]
    pub life_area: String,
    /// Theme code.
    #[serde(default)]
    #[schema(required = true, value_type = Theme)]
    pub theme: String,
    /// Evidence level code.
    #[serde(default)]
    #[schema(required = true, value_type = EvidenceLevel)]
    pub evidence_level: String,
    /// Results with figures.
    #[serde(default)]
    #[schema(required = true, max_length = 8000, pattern = r"\S")]
    pub results: String,
    /// Whom to contact.
    #[serde(default)]
    #[schema(required = true, max_length = 500, pattern = r"\S")]
    pub contact: String,
}

impl MethodInput {
    /// The checked fields, or every field that is wrong with its reason.
    pub fn check(&self) -> Result<MethodFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut text = |field: &'static str, raw: &str, max: usize| {
            let value = raw.trim().replace("\r\n", "\n");
            if value.is_empty() {
                errors.push(FieldError::new(field, "skal udfyldes"));
            } else if value.chars().count() > max {
                errors.push(FieldError::new(field, format!("må højst have {max} tegn")));
            }
            value
        };
        let title = text("title", &self.title, TITLE_MAX);
        let summary = text("summary", &self.summary, TEXT_MAX);
        let results = text("results", &self.results, TEXT_MAX);
        let contact = text("contact", &self.contact, 500);
        let mut code = |result: Result<&'static str, FieldError>| result.map_err(|e| errors.push(e)).unwrap_or_default().to_string();
        let target_group = code(TargetGroup::parse(&self.target_group).map(TargetGroup::code));
        let life_area = code(LifeArea::parse(&self.life_area).map(LifeArea::code));
        let theme = code(Theme::parse(&self.theme).map(Theme::code));
        let evidence_level = code(EvidenceLevel::parse(&self.evidence_level).map(EvidenceLevel::code));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(MethodFields { title, summary, target_group, life_area, theme, evidence_level, results, contact })
    }

    /// The input holding a stored version's content (to fill a form).
    pub fn from_version(v: &VersionRow) -> Self {
        MethodInput {
            title: v.title.clone(),
            summary: v.summary.clone(),
            target_group: v.target_group.clone(),
            life_area: v.life_area.clone(),
            theme: v.theme.clone(),
            evidence_level: v.evidence_level.clone(),
            results: v.results.clone(),
            contact: v.contact.clone(),
        }
    }
}

/// The municipality an actor writes drafts for: caseworkers, coordinators and managers.
pub fn drafter(actor: &Actor) -> Result<Tenant, AppError> {
    match actor.tenant() {
        Some(tenant) if matches!(actor.role, Role::Caseworker | Role::Coordinator | Role::Manager) => Ok(tenant),
        _ => Err(AppError::Forbidden("kun sagsbehandlere, koordinatorer og ledere i en kommune kan beskrive metoder".into())),
    }
}

/// The municipality an actor submits for: managers only.
pub fn submitter(actor: &Actor) -> Result<Tenant, AppError> {
    match actor.tenant() {
        Some(tenant) if actor.role == Role::Manager => Ok(tenant),
        _ => Err(AppError::Forbidden("kun en leder kan sende en metode til gennemgang".into())),
    }
}

/// Checks the actor is the national secretariat.
pub fn reviewer(actor: &Actor) -> Result<(), AppError> {
    if actor.role.is_national() { Ok(()) } else { Err(AppError::Forbidden("kun det nationale sekretariat gennemgår metoder".into())) }
}

/// True when the actor is staff of the municipality that owns the method ([`municipal_staff`]).
pub fn is_author(actor: &Actor, method: &MethodRow) -> bool {
    actor.municipality() == Some(method.municipality_code.as_str()) && municipal_staff(actor.role)
}

/// The municipality's own staff, who see its unpublished methods. An organisation's
/// volunteer coordinator, a translator and a regional coordinator belong to a
/// municipality without working on its methods: they see the published ones only.
pub fn municipal_staff(role: Role) -> bool {
    role.is_municipal_staff()
}

/// Which versions of a method the actor may see: published and superseded ones always;
/// the author municipality's staff every version; the secretariat every version that has
/// been submitted at least once.
pub fn may_see(actor: &Actor, method: &MethodRow, v: &VersionRow) -> bool {
    matches!(v.status.as_str(), "published" | "superseded") || is_author(actor, method) || (actor.role.is_national() && v.status != "draft")
}

/// The Danish label of a code in one of the vocabularies, or the code itself.
pub fn label(kind: &str, code: &str) -> &'static str {
    let found = match kind {
        "theme" => Theme::parse(code).map(Theme::label).ok(),
        "life_area" => LifeArea::parse(code).map(LifeArea::label).ok(),
        "target_group" => TargetGroup::parse(code).map(TargetGroup::label).ok(),
        "evidence_level" => EvidenceLevel::parse(code).map(EvidenceLevel::label).ok(),
        "status" => Status::parse(code).map(Status::label).ok(),
        _ => None,
    };
    found.unwrap_or("ukendt")
}

/// The municipality's name ("Vejle Kommune") for a code.
pub fn municipality_name(code: &str) -> String {
    crate::domain::MunicipalityCode::parse(code).map(|c| format!("{} Kommune", c.municipality().name)).unwrap_or_else(|_| code.to_string())
}
