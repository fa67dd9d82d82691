//! The search index of published methods, shared by all requests: built in memory from
//! the database on first use (so at the first search after start), and updated at once
//! when the secretariat publishes a version (decision 070).
use crate::error::AppError;
use crate::store::Store;
use crate::store::knowledge::ListedVersion;
use knowledge_search::{Dimension, KnowledgeIndex, MethodDocument};
use std::collections::BTreeMap;
use tokio::sync::OnceCell;

/// The index, built lazily.
#[derive(Debug, Default)]
pub struct SharedIndex {
    cell: OnceCell<KnowledgeIndex>,
}

impl SharedIndex {
    /// The index, built from the published methods when first asked for.
    pub async fn get(&self, store: &Store) -> Result<&KnowledgeIndex, AppError> {
        self.cell
            .get_or_try_init(|| async {
                let published = store.published_methods().await?;
                let index = KnowledgeIndex::new().map_err(|e| AppError::Internal(e.into()))?;
                let documents: Vec<MethodDocument> = published.iter().map(document).collect();
                index.replace_all(&documents).map_err(|e| AppError::Internal(e.into()))?;
                tracing::info!(methods = documents.len(), "knowledge index built");
                Ok::<_, AppError>(index)
            })
            .await
    }

    /// Puts a newly published version in the index (replacing the method's older one).
    pub async fn published(&self, store: &Store, version: &ListedVersion) -> Result<(), AppError> {
        let index = self.get(store).await?;
        index.upsert(&[document(version)]).map_err(|e| AppError::Internal(e.into()))
    }
}

/// The indexed document of a published version.
pub fn document(l: &ListedVersion) -> MethodDocument {
    let v = &l.version;
    MethodDocument {
        id: u64::try_from(v.method_id).unwrap_or_default(),
        version: u64::try_from(v.version).unwrap_or_default(),
        title: v.title.clone(),
        summary: v.summary.clone(),
        results: v.results.clone(),
        municipality: super::municipality_name(&l.municipality_code),
        facets: BTreeMap::from([
            (Dimension::Theme, v.theme.clone()),
            (Dimension::LifeArea, v.life_area.clone()),
            (Dimension::TargetGroup, v.target_group.clone()),
            (Dimension::Evidence, v.evidence_level.clone()),
        ]),
    }
}

/// A search as asked for in a query string (the page's Danish names are mapped to these).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Free text, searched with Danish stemming in title, summary, results and municipality.
    #[serde(default)]
    #[param(max_length = 500)]
    pub q: Option<String>,
    /// Only this theme (code).
    #[serde(default)]
    #[param(
        pattern = "^(rammer_for_nyankomne|unge_job_og_uddannelse|helhedsorienteret_beskaeftigelse|boern_og_foraeldre|danskkundskaber|lokale_partnerskaber)?$"
    )]
    pub theme: Option<String>,
    /// Only this life area (code).
    #[serde(default)]
    #[param(pattern = "^(sprog|uddannelse|beskaeftigelse|helbred|boern_og_skole|bolig|oekonomi|faellesskab_og_fritid)?$")]
    pub life_area: Option<String>,
    /// Only this target group (code).
    #[serde(default)]
    #[param(pattern = "^(nyankomne|unge|kvinder|boern_og_foraeldre|foraeldre|laengere_i_landet|alle)?$")]
    pub target_group: Option<String>,
    /// Only this evidence level (code).
    #[serde(default)]
    #[param(pattern = "^(dokumenteret_effekt|lovende|lokal_erfaring)?$")]
    pub evidence_level: Option<String>,
    /// Hits per page, 1–100 (default 20).
    #[serde(default)]
    #[param(pattern = "^([1-9][0-9]?|100)?$")]
    pub limit: Option<String>,
    /// Hits to skip (default 0).
    #[serde(default)]
    #[param(pattern = "^([0-9]{1,4}|10000)?$")]
    pub offset: Option<String>,
}

/// Longest search text, in characters.
const QUERY_MAX: usize = 500;

impl SearchParams {
    /// The checked query, or every parameter that is wrong with its reason.
    pub fn check(&self) -> Result<knowledge_search::SearchQuery, Vec<crate::domain::FieldError>> {
        use crate::domain::FieldError;
        let mut errors = Vec::new();
        let text = self.q.as_deref().unwrap_or_default().trim().to_string();
        if text.chars().count() > QUERY_MAX {
            errors.push(FieldError::new("q", format!("søgeteksten må højst have {QUERY_MAX} tegn")));
        }
        let mut filters = BTreeMap::new();
        for (dimension, raw) in [
            (Dimension::Theme, &self.theme),
            (Dimension::LifeArea, &self.life_area),
            (Dimension::TargetGroup, &self.target_group),
            (Dimension::Evidence, &self.evidence_level),
        ] {
            let Some(raw) = raw.as_deref().map(str::trim).filter(|r| !r.is_empty()) else { continue };
            if super::label(dimension.key(), raw) == "ukendt" {
                errors.push(FieldError::new(dimension.key(), format!("«{raw}» er ikke en gyldig værdi; brug en af: {}", codes(dimension).join(", "))));
            } else {
                filters.insert(dimension, raw.to_string());
            }
        }
        let mut number = |field: &'static str, raw: &Option<String>, default: usize, max: usize| match raw.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            None => default,
            Some(r) => match r.parse::<usize>() {
                Ok(n) if n <= max && (field != "limit" || n >= 1) => n,
                _ => {
                    errors.push(FieldError::new(field, format!("skal være et helt tal fra {} til {max}", usize::from(field == "limit"))));
                    default
                }
            },
        };
        let limit = number("limit", &self.limit, 20, 100);
        let offset = number("offset", &self.offset, 0, 10_000);
        if errors.is_empty() { Ok(knowledge_search::SearchQuery { text, filters, limit, offset }) } else { Err(errors) }
    }
}

/// Every code of a dimension's vocabulary, in display order.
pub fn codes(dimension: Dimension) -> Vec<&'static str> {
    match dimension {
        Dimension::Theme => super::Theme::ALL.iter().map(|t| t.code()).collect(),
        Dimension::LifeArea => super::LifeArea::ALL.iter().map(|t| t.code()).collect(),
        Dimension::TargetGroup => super::TargetGroup::ALL.iter().map(|t| t.code()).collect(),
        Dimension::Evidence => super::EvidenceLevel::ALL.iter().map(|t| t.code()).collect(),
    }
}

/// Runs a checked search on the shared index.
pub async fn search(state: &crate::app::AppState, query: &knowledge_search::SearchQuery) -> Result<knowledge_search::SearchResults, AppError> {
    let index = state.knowledge.get(&state.store).await?;
    index.search(query).map_err(|e| AppError::Internal(e.into()))
}
