//! The knowledge base's pages: search with facets (`/viden`), a method with its versions,
//! reviews, attachments and comments, the municipality's own methods with its
//! notifications, and the secretariat's review queue.
use super::index::{self, SearchParams};
use super::service::{self, Loaded};
use super::{drafter, is_author, label, municipality_name};
use crate::app::AppState;
use crate::auth::Actor;
use crate::domain::{FieldError, Role};
use crate::error::{AppError, PageError};
use crate::store::knowledge::{AttachmentRow, CommentRow, EDITABLE, ListedVersion, ReviewRow, VersionRow};
use crate::store::notifications::NotificationRow;
use crate::web::extract::{Path, Query};
use crate::web::pages::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use knowledge_search::{DIMENSIONS, Dimension, Hit};

/// The navigation key of every knowledge page.
pub const NAV: &str = "hvad-virker";

/// A facet value on the search page.
#[derive(Debug)]
pub struct FacetLink {
    /// Danish label.
    pub label: &'static str,
    /// Matching methods.
    pub count: u64,
    /// The page with this filter toggled.
    pub href: String,
    /// The filter is on.
    pub active: bool,
}

/// A dimension's facet values.
#[derive(Debug)]
pub struct FacetGroup {
    /// Parameter name.
    pub key: &'static str,
    /// Danish heading.
    pub heading: &'static str,
    /// Values with counts.
    pub values: Vec<FacetLink>,
}

/// The search page.
#[derive(Template)]
#[template(path = "knowledge/search.html")]
pub struct SearchPage {
    chrome: Chrome,
    params: SearchParams,
    errors: Vec<FieldError>,
    total: usize,
    hits: Vec<Hit>,
    groups: Vec<FacetGroup>,
    can_draft: bool,
    is_secretariat: bool,
    next_offset: Option<usize>,
}

impl SearchPage {
    fn dimension_label(&self, hit: &Hit, dimension: &str) -> &'static str {
        label(dimension, self.code_of(hit, dimension))
    }

    fn code_of<'a>(&self, hit: &'a Hit, dimension: &str) -> &'a str {
        let d = DIMENSIONS.into_iter().find(|d| d.key() == dimension).unwrap_or(Dimension::Theme);
        hit.facets.get(&d).map_or("", String::as_str)
    }

    fn keys(&self) -> [&'static str; 4] {
        DIMENSIONS.map(Dimension::key)
    }

    fn key_heading(&self, key: &str) -> &'static str {
        DIMENSIONS.into_iter().find(|d| d.key() == key).map_or("", heading)
    }

    fn is_selected(&self, key: &str, code: &str) -> bool {
        self.selected(key) == code
    }

    fn selected(&self, key: &str) -> &str {
        let value = match key {
            "theme" => &self.params.theme,
            "life_area" => &self.params.life_area,
            "target_group" => &self.params.target_group,
            _ => &self.params.evidence_level,
        };
        value.as_deref().unwrap_or("")
    }

    fn options(&self, key: &str) -> Vec<(&'static str, &'static str)> {
        let d = DIMENSIONS.into_iter().find(|d| d.key() == key).unwrap_or(Dimension::Theme);
        index::codes(d).into_iter().map(|c| (c, label(key, c))).collect()
    }

    fn next_href(&self, offset: &usize) -> String {
        href(&self.params, None, Some(*offset))
    }
}

/// The heading of a dimension on the page.
pub fn heading(d: Dimension) -> &'static str {
    match d {
        Dimension::Theme => "Tema",
        Dimension::LifeArea => "Livsområde",
        Dimension::TargetGroup => "Målgruppe",
        Dimension::Evidence => "Evidensniveau",
    }
}

/// The search page's address for `params`, with one filter toggled and another offset.
fn href(params: &SearchParams, toggle: Option<(&str, &str)>, offset: Option<usize>) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(q) = params.q.as_deref().filter(|q| !q.trim().is_empty()) {
        query.append_pair("q", q);
    }
    for (key, value) in
        [("theme", &params.theme), ("life_area", &params.life_area), ("target_group", &params.target_group), ("evidence_level", &params.evidence_level)]
    {
        let current = value.as_deref().filter(|v| !v.is_empty());
        let next = match toggle {
            Some((k, code)) if k == key => (current != Some(code)).then_some(code),
            _ => current,
        };
        if let Some(v) = next {
            query.append_pair(key, v);
        }
    }
    if let Some(o) = offset.filter(|o| *o > 0) {
        query.append_pair("offset", &o.to_string());
    }
    let query = query.finish();
    if query.is_empty() { "/viden".into() } else { format!("/viden?{query}") }
}

/// GET /viden
pub async fn search(State(state): State<AppState>, actor: Actor, Query(params): Query<SearchParams>) -> Result<Response, PageError> {
    let (query, errors) = match params.check() {
        Ok(q) => (Some(q), Vec::new()),
        Err(errors) => (None, errors),
    };
    let results = match &query {
        Some(q) => index::search(&state, q).await?,
        None => Default::default(),
    };
    let groups = DIMENSIONS
        .into_iter()
        .map(|d| {
            let values = results.facets.get(&d).into_iter().flatten();
            let values = values
                .map(|(code, count)| FacetLink {
                    label: label(d.key(), code),
                    count: *count,
                    href: href(&params, Some((d.key(), code)), None),
                    active: query.as_ref().is_some_and(|q| q.filters.get(&d) == Some(code)),
                })
                .collect();
            FacetGroup { key: d.key(), heading: heading(d), values }
        })
        .collect();
    let next_offset = query.as_ref().map(|q| q.offset + q.limit).filter(|n| *n < results.total);
    let page = SearchPage {
        chrome: Chrome::new(&state, &actor, NAV),
        errors,
        total: results.total,
        hits: results.hits,
        groups,
        can_draft: drafter(&actor).is_ok(),
        is_secretariat: actor.role.is_national(),
        next_offset,
        params,
    };
    Ok(render(&page).into_response())
}

/// `?version=N`.
#[derive(Debug, serde::Deserialize)]
pub struct VersionParam {
    #[serde(default)]
    version: Option<String>,
}

/// The method page.
#[derive(Template)]
#[template(path = "knowledge/method.html")]
pub struct MethodPage {
    chrome: Chrome,
    id: i64,
    municipality: String,
    shown: VersionRow,
    versions: Vec<VersionRow>,
    published_version: Option<i64>,
    reviews: Vec<ReviewRow>,
    attachments: Vec<AttachmentRow>,
    comments: Vec<CommentRow>,
    author: bool,
    can_draft: bool,
    can_submit: bool,
    can_review: bool,
    notice: Option<String>,
    errors: Vec<FieldError>,
    comment_kind: String,
    comment_body: String,
    decisions: [(&'static str, &'static str); 3],
}

impl MethodPage {
    fn label(&self, kind: &str, code: &str) -> &'static str {
        label(kind, code)
    }

    fn editable(&self) -> bool {
        self.author && self.can_draft && self.latest().is_some_and(|v| v.version == self.shown.version && EDITABLE.contains(&v.status.as_str()))
    }

    fn latest(&self) -> Option<&VersionRow> {
        self.versions.last()
    }

    fn may_start_version(&self) -> bool {
        self.author && self.can_draft && self.latest().is_some_and(|v| matches!(v.status.as_str(), "published" | "rejected"))
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }

    fn paragraphs<'a>(&self, text: &'a str) -> Vec<&'a str> {
        text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()
    }

    fn kib(&self, bytes: &i64) -> String {
        format!("{:.0} kB", (*bytes as f64 / 1024.0).ceil())
    }

    fn when(&self, timestamp: &str) -> String {
        crate::web::pages::when(timestamp)
    }

    fn comment_from(&self, c: &CommentRow) -> String {
        c.municipality_code.as_deref().map_or_else(|| "Nationalt partnerskabssekretariat".to_string(), municipality_name)
    }
}

/// Builds the method page for a loaded method.
pub async fn method_page(
    state: &AppState,
    actor: &Actor,
    loaded: Loaded,
    version: Option<i64>,
    notice: Option<String>,
    errors: Vec<FieldError>,
    comment: (String, String),
) -> Result<Response, AppError> {
    let id = loaded.method.id;
    let shown = match version {
        Some(n) => loaded.version(n).cloned().ok_or(AppError::NotFound("versionen"))?,
        None => loaded.published().cloned().unwrap_or_else(|| loaded.latest().clone()),
    };
    let author = is_author(actor, &loaded.method);
    let reviews = if author || actor.role.is_national() { state.store.method_reviews(id).await? } else { Vec::new() };
    let visible: Vec<i64> = loaded.versions.iter().map(|v| v.version).collect();
    let attachments = state.store.method_attachments(id).await?.into_iter().filter(|a| visible.contains(&a.version)).collect();
    let page = MethodPage {
        chrome: Chrome::new(state, actor, NAV),
        id,
        municipality: municipality_name(&loaded.method.municipality_code),
        shown,
        published_version: loaded.method.published_version,
        reviews,
        attachments,
        comments: state.store.method_comments(id).await?,
        author,
        can_draft: drafter(actor).is_ok(),
        can_submit: actor.role == Role::Manager,
        can_review: actor.role.is_national(),
        notice,
        errors,
        comment_kind: comment.0,
        comment_body: comment.1,
        decisions: super::review::DECISIONS.map(|(d, label)| (d.as_str(), label)),
        versions: loaded.versions,
    };
    Ok(render(&page).into_response())
}

/// GET /viden/{id}
pub async fn show(State(state): State<AppState>, actor: Actor, Path(id): Path<i64>, Query(q): Query<VersionParam>) -> Result<Response, PageError> {
    let version = match q.version.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| FieldError::new("version", format!("«{raw}» er ikke et versionsnummer")))?),
        None => None,
    };
    let loaded = service::load(&state, &actor, id).await?;
    Ok(method_page(&state, &actor, loaded, version, None, Vec::new(), Default::default()).await?)
}

/// The municipality's own methods and the user's notifications about them.
#[derive(Template)]
#[template(path = "knowledge/mine.html")]
pub struct MinePage {
    chrome: Chrome,
    municipality: String,
    methods: Vec<ListedVersion>,
    notifications: Vec<NotificationRow>,
    can_draft: bool,
}

impl MinePage {
    fn label(&self, kind: &str, code: &str) -> &'static str {
        label(kind, code)
    }

    fn when(&self, timestamp: &str) -> String {
        crate::web::pages::when(timestamp)
    }
}

/// GET /viden/mine
pub async fn mine(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    let tenant = actor.tenant().ok_or_else(|| AppError::Forbidden("siden viser en kommunes egne metoder; du hører ikke til en kommune".into()))?;
    let page = MinePage {
        chrome: Chrome::new(&state, &actor, NAV),
        municipality: municipality_name(tenant.code()),
        methods: if super::municipal_staff(actor.role) {
            state.store.municipality_methods(&tenant).await?
        } else {
            state.store.municipality_methods(&tenant).await?.into_iter().filter(|m| matches!(m.version.status.as_str(), "published" | "superseded")).collect()
        },
        notifications: state.store.knowledge_notifications(actor.user.id, 20).await?,
        can_draft: drafter(&actor).is_ok(),
    };
    Ok(render(&page).into_response())
}

/// The secretariat's review queue.
#[derive(Template)]
#[template(path = "knowledge/queue.html")]
pub struct QueuePage {
    chrome: Chrome,
    queue: Vec<ListedVersion>,
}

impl QueuePage {
    fn label(&self, kind: &str, code: &str) -> &'static str {
        label(kind, code)
    }

    fn municipality(&self, code: &str) -> String {
        municipality_name(code)
    }

    fn when(&self, timestamp: &str) -> String {
        crate::web::pages::when(timestamp)
    }
}

/// GET /viden/gennemgang
pub async fn queue(State(state): State<AppState>, actor: Actor) -> Result<Response, PageError> {
    super::reviewer(&actor)?;
    let page = QueuePage { chrome: Chrome::new(&state, &actor, NAV), queue: state.store.review_queue().await? };
    Ok(render(&page).into_response())
}
