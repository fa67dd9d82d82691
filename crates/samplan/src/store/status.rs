//! A person's status periods (`person_status`): listed, recorded, corrected and deleted
//! by staff; every statement is bound to the municipality so another tenant's rows are
//! never touched.
use super::{Store, StoreError, Tenant, now};

/// A status period as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StatusRow {
    /// Row id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Status kind key (`work`, `education` …).
    pub kind: String,
    /// First day.
    #[sqlx(try_from = "String")]
    pub from_day: calendar::Date,
    /// Last day, `None` while it lasts.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub to_day: Option<calendar::Date>,
    /// Login of who recorded it (empty for generated or imported rows).
    pub created_by: String,
    /// When it was recorded.
    pub created_at: String,
    /// When it was last corrected.
    pub updated_at: Option<String>,
}

/// The fields of a period to store.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusFields {
    /// Status kind key.
    pub kind: String,
    /// First day.
    pub from_day: calendar::Date,
    /// Last day, `None` while it lasts.
    pub to_day: Option<calendar::Date>,
}

const COLUMNS: &str = "id, person_id, kind, from_day, to_day, created_by, created_at, updated_at";

impl Store {
    /// A person's status periods, by first day.
    pub async fn statuses(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<StatusRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM person_status WHERE municipality_code = $1 AND person_id = $2 ORDER BY from_day, id"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// One status period of a person.
    pub async fn status(&self, tenant: &Tenant, person_id: i64, id: i64) -> Result<Option<StatusRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM person_status WHERE municipality_code = $1 AND person_id = $2 AND id = $3"))
            .bind(tenant.code())
            .bind(person_id)
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Records a status period of one of the municipality's persons; its id.
    pub async fn add_status(&self, tenant: &Tenant, person_id: i64, fields: &StatusFields, by: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO person_status (municipality_code, person_id, kind, from_day, to_day, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(&fields.kind)
        .bind(fields.from_day.to_string())
        .bind(super::day::text(fields.to_day))
        .bind(now())
        .bind(by)
        .fetch_one(self.pool())
        .await?)
    }

    /// Replaces a period's kind and days; `false` when there is no such period.
    pub async fn update_status(&self, tenant: &Tenant, person_id: i64, id: i64, fields: &StatusFields) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE person_status SET kind = $4, from_day = $5, to_day = $6, updated_at = $7
             WHERE municipality_code = $1 AND person_id = $2 AND id = $3",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(id)
        .bind(&fields.kind)
        .bind(fields.from_day.to_string())
        .bind(super::day::text(fields.to_day))
        .bind(now())
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Deletes a period; `false` when there is no such period.
    pub async fn delete_status(&self, tenant: &Tenant, person_id: i64, id: i64) -> Result<bool, StoreError> {
        let n = sqlx::query("DELETE FROM person_status WHERE municipality_code = $1 AND person_id = $2 AND id = $3")
            .bind(tenant.code())
            .bind(person_id)
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }
}
