//! The workflow steps shared by the pages and the API: load what the actor may see,
//! create, change, submit and start a new version. Every change is audited.
use super::{MethodInput, drafter, is_author, may_see, submitter};
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::error::AppError;
use crate::store::Tenant;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::knowledge::{EDITABLE, MethodRow, VersionRow};

/// A method and the versions the actor may see, oldest first (never empty).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The method.
    pub method: MethodRow,
    /// Its visible versions.
    pub versions: Vec<VersionRow>,
}

impl Loaded {
    /// The newest visible version.
    pub fn latest(&self) -> &VersionRow {
        self.versions.last().expect("a loaded method has a visible version")
    }

    /// The published version, if any.
    pub fn published(&self) -> Option<&VersionRow> {
        self.versions.iter().find(|v| v.status == "published")
    }

    /// One visible version by number.
    pub fn version(&self, number: i64) -> Option<&VersionRow> {
        self.versions.iter().find(|v| v.version == number)
    }
}

/// Loads a method as the actor may see it; `NotFound` when they may see none of it.
pub async fn load(state: &AppState, actor: &Actor, id: i64) -> Result<Loaded, AppError> {
    let method = state.store.method(id).await?.ok_or(AppError::NotFound("metoden"))?;
    let versions: Vec<VersionRow> = state.store.method_versions(id).await?.into_iter().filter(|v| may_see(actor, &method, v)).collect();
    if versions.is_empty() {
        return Err(AppError::NotFound("metoden"));
    }
    Ok(Loaded { method, versions })
}

/// Loads a method of the actor's own municipality for changing it.
pub async fn load_own(state: &AppState, actor: &Actor, id: i64) -> Result<Loaded, AppError> {
    let loaded = load(state, actor, id).await?;
    if !is_author(actor, &loaded.method) {
        return Err(AppError::Forbidden("metoden tilhører en anden kommune; kun den kan ændre den".into()));
    }
    Ok(loaded)
}

/// Creates a method (version 1, a draft) for the actor's municipality.
pub async fn create(state: &AppState, actor: &Actor, meta: &RequestMeta, input: &MethodInput) -> Result<i64, AppError> {
    let tenant = drafter(actor)?;
    let fields = input.check().map_err(AppError::Invalid)?;
    let id = state.store.create_method(&tenant, actor.user.id, &actor.user.display_name, &fields).await?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::KnowledgeMethod, Some(id), format!("version 1: {}", fields.title))]).await?;
    Ok(id)
}

/// Changes the newest version while it is a draft or changes were requested.
pub async fn update(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64, input: &MethodInput) -> Result<i64, AppError> {
    drafter(actor)?;
    let loaded = load_own(state, actor, id).await?;
    let latest = loaded.latest();
    if !EDITABLE.contains(&latest.status.as_str()) {
        return Err(not_editable(latest));
    }
    let fields = input.check().map_err(AppError::Invalid)?;
    if !state.store.update_method_draft(id, latest.version, &fields, &actor.user.display_name).await? {
        return Err(not_editable(latest));
    }
    record(state, vec![meta.event(actor, AuditAction::Update, AuditEntity::KnowledgeMethod, Some(id), format!("version {} rettet", latest.version))]).await?;
    Ok(latest.version)
}

fn not_editable(v: &VersionRow) -> AppError {
    AppError::WrongState(format!("version {} har status «{}» og kan ikke ændres; start en ny version af metoden", v.version, super::label("status", &v.status)))
}

/// Sends the newest version to the secretariat.
pub async fn submit(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64) -> Result<i64, AppError> {
    submitter(actor)?;
    let loaded = load_own(state, actor, id).await?;
    let latest = loaded.latest();
    if !state.store.submit_method_version(id, latest.version).await? {
        return Err(AppError::WrongState(format!(
            "version {} har status «{}»; kun en kladde eller en version med ønskede ændringer kan sendes til gennemgang",
            latest.version,
            super::label("status", &latest.status)
        )));
    }
    record(
        state,
        vec![meta.event(actor, AuditAction::Submit, AuditEntity::KnowledgeMethod, Some(id), format!("version {} sendt til gennemgang", latest.version))],
    )
    .await?;
    Ok(latest.version)
}

/// Starts a new draft version from the newest one, once that is published or rejected.
pub async fn new_version(state: &AppState, actor: &Actor, meta: &RequestMeta, id: i64) -> Result<i64, AppError> {
    drafter(actor)?;
    let loaded = load_own(state, actor, id).await?;
    let latest = loaded.latest();
    if !matches!(latest.status.as_str(), "published" | "rejected") {
        return Err(AppError::WrongState(format!(
            "version {} er stadig åben («{}»); ret den i stedet for at starte en ny",
            latest.version,
            super::label("status", &latest.status)
        )));
    }
    let number = state.store.new_method_version(id, latest, &actor.user.display_name).await?;
    record(state, vec![meta.event(actor, AuditAction::Create, AuditEntity::KnowledgeVersion, Some(id), format!("version {number} startet"))]).await?;
    Ok(number)
}

/// Notifies the method's author municipality — the user who created it and its active
/// managers — except the actor; an e-mail is queued for those with an address.
pub async fn notify_author(state: &AppState, actor: &Actor, method: &MethodRow, subject: &str, message: &str) -> Result<(), AppError> {
    let mut recipients: Vec<i64> = vec![method.created_by];
    // The method names the municipality that wrote it; its users are told of a review.
    let author = Tenant::trusted(method.municipality_code.as_str());
    for user in state.store.users_of(&author).await? {
        if user.active == 1 && user.role == crate::domain::Role::Manager.code() {
            recipients.push(user.id);
        }
    }
    recipients.sort_unstable();
    recipients.dedup();
    for id in recipients.into_iter().filter(|id| *id != actor.user.id) {
        let Some(user) = state.store.user_by_id(id).await? else { continue };
        if user.active != 1 || user.municipality_code.as_deref() != Some(method.municipality_code.as_str()) {
            continue;
        }
        let email = user.email.as_deref().map(|a| (a, subject));
        state.store.notify(&author, id, None, message, email).await?;
    }
    Ok(())
}
