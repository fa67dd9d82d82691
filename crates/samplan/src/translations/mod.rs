//! The municipality's own review of the citizen translations (decision 062): its
//! interpreters (role `translator`, one language each) propose texts for the keys of the
//! `i18n` catalogue, a second translator of the language or the administrator approves
//! them, and approved texts override the shipped catalogue for that municipality at once
//! (Min plan on screen, as JSON and as PDF). Every proposal and decision is kept and
//! audited; the whole language can be exported as a Fluent file.
pub mod api;
pub mod pages;

use crate::auth::Actor;
use crate::domain::{FieldError, Role};
use crate::error::AppError;
use crate::store::Store;
use crate::store::Tenant;
use crate::store::translations::TranslationRow;
use i18n::Language;

/// Who works on translations, and how.
pub struct Reviewer {
    /// The municipality.
    pub tenant: Tenant,
    /// The translator's own language; `None` for the administrator (every language).
    pub language: Option<String>,
    /// The user.
    pub user_id: i64,
}

impl Reviewer {
    /// Translators and the administrator of a municipality.
    pub async fn of(store: &Store, actor: &Actor) -> Result<Self, AppError> {
        let tenant = Self::municipality(actor)?;
        let language = if actor.role == Role::Translator { store.translator_language(actor.user.id).await? } else { None };
        Ok(Self { tenant, language, user_id: actor.user.id })
    }

    /// The municipality whose texts `actor` reviews: its translators' and its administrator's.
    pub fn municipality(actor: &Actor) -> Result<Tenant, AppError> {
        match (actor.role, actor.tenant()) {
            (Role::Admin | Role::Translator, Some(tenant)) => Ok(tenant),
            _ => Err(AppError::Forbidden("kun kommunens tolke og administratoren arbejder med oversættelser".into())),
        }
    }

    /// May propose texts in this language.
    pub fn proposes(&self, language: &str) -> bool {
        self.language.as_deref().is_none_or(|own| own == language)
    }

    /// May approve or reject this proposal: not one's own, and in one's language.
    pub fn decides(&self, proposal: &TranslationRow) -> bool {
        self.proposes(&proposal.language) && proposal.proposed_by_id != self.user_id
    }
}

/// A language the municipality can review: any but Danish, the source.
pub fn reviewable(code: &str) -> Result<&'static Language, FieldError> {
    i18n::language(code).filter(|l| l.code != "da").ok_or_else(|| {
        let codes: Vec<&str> = i18n::codes().into_iter().filter(|c| *c != "da").collect();
        FieldError::new("lang", format!("«{}» er ikke et sprog, Min plan oversættes til; brug en af: {}", code.trim(), codes.join(", ")))
    })
}

/// One key of the catalogue as the municipality sees it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(as = TranslationEntry)]
pub struct Entry {
    /// The catalogue key.
    pub key: String,
    /// Where it is shown (the heading of its section in the Danish catalogue).
    pub shown_under: String,
    /// The Danish source text.
    pub source: String,
    /// The shipped text in the language (none: shown in Danish).
    pub shipped: Option<String>,
    /// The text in force for the municipality.
    pub text: String,
    /// `municipality` (approved here) or `shipped`.
    pub origin: &'static str,
    /// `reviewed` (approved by the municipality's translators), `proposed` (a proposal
    /// waits) or `not_reviewed`.
    pub review: &'static str,
}

/// The texts in force among a language's translations: per key, the approved text
/// decided last (as `Store::translation_overrides` reads them).
pub fn in_force(translations: &[TranslationRow]) -> i18n::Overrides {
    let mut approved: Vec<&TranslationRow> = translations.iter().filter(|t| t.status == "approved").collect();
    approved.sort_by(|a, b| (&a.decided_at, a.id).cmp(&(&b.decided_at, b.id)));
    approved.into_iter().map(|t| (t.message.clone(), t.text.clone())).collect()
}

/// Every key of the catalogue in `language` with the municipality's texts.
pub fn entries(language: &'static Language, translations: &[TranslationRow]) -> Vec<Entry> {
    let overrides = in_force(translations);
    i18n::keys(i18n::danish())
        .into_iter()
        .map(|key| {
            let shipped = i18n::shipped(language, &key);
            let own = overrides.get(&key).cloned();
            let waiting = translations.iter().any(|t| t.message == key && t.status == "proposed");
            Entry {
                shown_under: i18n::section(&key),
                source: i18n::shipped(i18n::danish(), &key).unwrap_or_default(),
                text: own.clone().or_else(|| shipped.clone()).unwrap_or_default(),
                origin: if own.is_some() { "municipality" } else { "shipped" },
                review: if waiting {
                    "proposed"
                } else if own.is_some() {
                    "reviewed"
                } else {
                    "not_reviewed"
                },
                shipped,
                key,
            }
        })
        .collect()
}

/// Coverage of one language for the municipality.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Coverage {
    /// Keys with a text in the language (shipped or the municipality's).
    pub translated: usize,
    /// Keys whose text the municipality's translators approved.
    pub reviewed: usize,
    /// Keys with a proposal waiting.
    pub proposed: usize,
    /// Keys in all.
    pub total: usize,
}

/// Counts of a language's entries.
pub fn coverage(entries: &[Entry]) -> Coverage {
    Coverage {
        translated: entries.iter().filter(|e| e.shipped.is_some() || e.origin == "municipality").count(),
        reviewed: entries.iter().filter(|e| e.origin == "municipality").count(),
        proposed: entries.iter().filter(|e| e.review == "proposed").count(),
        total: entries.len(),
    }
}
