//! Family plan versions: an append-only table holding the whole plan document (JSON)
//! per save, with who, when and why. "The plan on date D" is the newest version saved
//! at or before the end of D. The database refuses UPDATE and DELETE on the table.
use super::{Store, StoreError, Tenant, now};

/// One saved version of a family's plan.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanVersionRow {
    /// Row id.
    pub id: i64,
    /// Tenant.
    pub municipality_code: String,
    /// The family the plan is for.
    pub family_id: i64,
    /// 1, 2, 3 … per family.
    pub version: i64,
    /// The whole plan as JSON (`plans::PlanDocument`).
    pub document: String,
    /// The family's coordinator as of this version.
    pub coordinator_user_id: Option<i64>,
    /// Who saved it.
    pub saved_by: i64,
    /// Their display name when saving.
    pub saved_by_name: String,
    /// When (RFC 3339, UTC).
    pub saved_at: String,
    /// Why, in the user's words.
    pub reason: String,
}

/// A plan version without its document ([`Store::plan_heads_coordinated_by`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanHeadRow {
    /// Row id (a saved version never changes).
    pub id: i64,
    /// The family.
    pub family_id: i64,
    /// 1, 2, 3 … per family.
    pub version: i64,
    /// When it was saved (RFC 3339, UTC).
    pub saved_at: String,
}

/// What it takes to save a version.
#[derive(Debug, Clone)]
pub struct NewPlanVersion<'a> {
    /// The family.
    pub family_id: i64,
    /// The plan as JSON.
    pub document: &'a str,
    /// The coordinator.
    pub coordinator_user_id: Option<i64>,
    /// The saving user.
    pub saved_by: i64,
    /// Their display name.
    pub saved_by_name: &'a str,
    /// Why.
    pub reason: &'a str,
    /// Each action's department and whom it is for (`None`: the whole family), which
    /// decides which departments' staff may read the family's persons.
    pub department_links: &'a [(Option<i64>, String)],
}

const COLUMNS: &str = "id, municipality_code, family_id, version, document, coordinator_user_id, saved_by, saved_by_name, saved_at, reason";

impl Store {
    /// Appends a new version. `expected_previous` is the version the change was based on
    /// (0 for a new plan): when someone else saved in between, this is a `Conflict` and
    /// nothing is stored. Returns the new version number.
    pub async fn save_plan_version(&self, tenant: &Tenant, expected_previous: i64, v: &NewPlanVersion<'_>) -> Result<i64, StoreError> {
        let mut unit = self.unit().await?;
        let next = unit.save_plan_version(tenant, expected_previous, v).await?;
        unit.commit().await?;
        Ok(next)
    }

    /// The newest version of a family's plan saved at or before `until` (an RFC 3339
    /// time; `None` = now), or `None` when there is none.
    pub async fn plan_version_at(&self, tenant: &Tenant, family_id: i64, until: Option<&str>) -> Result<Option<PlanVersionRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM plan_version WHERE municipality_code = $1 AND family_id = $2
               AND ($3 IS NULL OR saved_at <= $3) ORDER BY version DESC LIMIT 1"
        ))
        .bind(tenant.code())
        .bind(family_id)
        .bind(until)
        .fetch_optional(self.pool())
        .await?)
    }

    /// One numbered version.
    pub async fn plan_version(&self, tenant: &Tenant, family_id: i64, version: i64) -> Result<Option<PlanVersionRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM plan_version WHERE municipality_code = $1 AND family_id = $2 AND version = $3"))
            .bind(tenant.code())
            .bind(family_id)
            .bind(version)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Every version of a family's plan, newest first.
    pub async fn plan_versions(&self, tenant: &Tenant, family_id: i64) -> Result<Vec<PlanVersionRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM plan_version WHERE municipality_code = $1 AND family_id = $2 ORDER BY version DESC"))
            .bind(tenant.code())
            .bind(family_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// The current version of each family whose plan `who` coordinates: row id, family,
    /// version and when it was saved, by family (the documents are read by
    /// [`Store::plan_documents`], for the versions not already at hand).
    pub async fn plan_heads_coordinated_by(&self, tenant: &Tenant, who: super::overview::Coordinators) -> Result<Vec<PlanHeadRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT v.id, v.family_id, v.version, v.saved_at FROM plan_version v WHERE v.municipality_code = $1 AND {}
               AND v.version = (SELECT MAX(w.version) FROM plan_version w WHERE w.family_id = v.family_id)
             ORDER BY v.family_id",
            who.condition()
        ))
        .bind(tenant.code())
        .bind(who.id())
        .fetch_all(self.pool())
        .await?)
    }

    /// (row id, document) of the plan versions among `ids` of the municipality.
    pub async fn plan_documents(&self, tenant: &Tenant, ids: &[i64]) -> Result<Vec<(i64, String)>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(super::IDS_PER_QUERY) {
            let sql = format!("SELECT id, document FROM plan_version WHERE municipality_code = $1 AND id IN ({})", super::id_list(chunk));
            out.extend(sqlx::query_as::<_, (i64, String)>(&sql).bind(tenant.code()).fetch_all(self.pool()).await?);
        }
        Ok(out)
    }

    /// The municipality's maximum weekly hours for schedules, if it set one.
    pub async fn max_weekly_hours(&self, tenant: &Tenant) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar("SELECT max_weekly_hours FROM plan_setting WHERE municipality_code = $1").bind(tenant.code()).fetch_optional(self.pool()).await?)
    }

    /// Sets the municipality's maximum weekly hours.
    pub async fn set_max_weekly_hours(&self, tenant: &Tenant, hours: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM plan_setting WHERE municipality_code = $1").bind(tenant.code()).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO plan_setting (municipality_code, max_weekly_hours) VALUES ($1, $2)").bind(tenant.code()).bind(hours).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl super::unit::Unit {
    /// Appends a new version. `expected_previous` is the version the change was based on
    /// (0 for a new plan): when someone else saved in between, this is a `Conflict` and
    /// nothing is stored. Returns the new version number.
    /// Within the unit: the version commits with what the change queues and audits.
    pub async fn save_plan_version(&mut self, tenant: &Tenant, expected_previous: i64, v: &NewPlanVersion<'_>) -> Result<i64, StoreError> {
        let current: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM plan_version WHERE family_id = $1 AND municipality_code = $2")
            .bind(v.family_id)
            .bind(tenant.code())
            .fetch_one(&mut *self.tx)
            .await?;
        if current != expected_previous {
            return Err(StoreError::Conflict(format!("en nyere version ({current}) af planen")));
        }
        let next = current + 1;
        sqlx::query(
            "INSERT INTO plan_version (municipality_code, family_id, version, document, coordinator_user_id, saved_by, saved_by_name, saved_at, reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(tenant.code())
        .bind(v.family_id)
        .bind(next)
        .bind(v.document)
        .bind(v.coordinator_user_id)
        .bind(v.saved_by)
        .bind(v.saved_by_name)
        .bind(now())
        .bind(v.reason)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| StoreError::from_insert(e, &format!("version {next} af planen")))?;
        Store::replace_department_links(&mut self.tx, tenant.code(), v.family_id, v.department_links).await?;
        Ok(next)
    }
}
