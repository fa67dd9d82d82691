//! Families (households): every query is scoped to one municipality.
use super::access::{Reach, condition, family_condition};
use super::{Store, StoreError, Tenant, now};

/// A family as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct FamilyRow {
    /// Row id.
    pub id: i64,
    /// Tenant.
    pub municipality_code: String,
    /// Display name, e.g. "Familien Haddad".
    pub name: String,
    /// Street address.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Town.
    pub city: Option<String>,
    /// Number of members.
    pub member_count: i64,
}

/// The settable fields of a family.
#[derive(Debug, Clone)]
pub struct FamilyFields {
    /// Display name.
    pub name: String,
    /// Street address.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Town.
    pub city: Option<String>,
}

const FAMILY_SELECT: &str = "SELECT f.id, f.municipality_code, f.name, f.street, f.postal_code, f.city,
        (SELECT COUNT(*) FROM person p WHERE p.family_id = f.id) AS member_count FROM family f";

impl Store {
    /// Creates a family.
    pub async fn create_family(&self, tenant: &Tenant, f: &FamilyFields) -> Result<i64, StoreError> {
        let at = now();
        Ok(sqlx::query_scalar(
            "INSERT INTO family (municipality_code, name, street, postal_code, city, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(tenant.code())
        .bind(&f.name)
        .bind(&f.street)
        .bind(&f.postal_code)
        .bind(&f.city)
        .bind(at)
        .fetch_one(self.pool())
        .await?)
    }

    /// One family of the municipality; `None` also when it belongs to another one.
    pub async fn family(&self, tenant: &Tenant, id: i64) -> Result<Option<FamilyRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{FAMILY_SELECT} WHERE f.id = $1 AND f.municipality_code = $2"))
            .bind(id)
            .bind(tenant.code())
            .fetch_optional(self.pool())
            .await?)
    }

    /// A page of the municipality's families by name, of those with a member within
    /// `reach`; `name_part` (lower-case) filters.
    pub async fn families(&self, tenant: &Tenant, reach: &Reach, name_part: Option<&str>, limit: i64, offset: i64) -> Result<Vec<FamilyRow>, StoreError> {
        let pattern = format!("%{}%", name_part.unwrap_or("").replace(['%', '_'], ""));
        // Members are counted within the reach too, so the count reveals no one else.
        let sql = format!(
            "SELECT f.id, f.municipality_code, f.name, f.street, f.postal_code, f.city,
                 (SELECT COUNT(*) FROM person p WHERE p.family_id = f.id AND {}) AS member_count
             FROM family f WHERE f.municipality_code = $1 AND LOWER(f.name) LIKE $2 AND {}
             ORDER BY f.name, f.id LIMIT $3 OFFSET $4",
            condition("p.id", 5),
            family_condition("f.id", 5)
        );
        let q = sqlx::query_as(&sql).bind(tenant.code()).bind(pattern).bind(limit).bind(offset);
        Ok(reach.bind_as(tenant.code(), q).fetch_all(self.stale_pool()).await?)
    }

    /// Changes a family's fields. Returns false when not found.
    pub async fn update_family(&self, tenant: &Tenant, id: i64, f: &FamilyFields) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE family SET name = $1, street = $2, postal_code = $3, city = $4, updated_at = $5
             WHERE id = $6 AND municipality_code = $7",
        )
        .bind(&f.name)
        .bind(&f.street)
        .bind(&f.postal_code)
        .bind(&f.city)
        .bind(now())
        .bind(id)
        .bind(tenant.code())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// How many families of the municipality have a member within `reach`.
    pub async fn count_families(&self, tenant: &Tenant, reach: &Reach) -> Result<i64, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM family f WHERE f.municipality_code = $1 AND {}", family_condition("f.id", 2));
        Ok(reach.bind_scalar(tenant.code(), sqlx::query_scalar(&sql).bind(tenant.code())).fetch_one(self.stale_pool()).await?)
    }
}
