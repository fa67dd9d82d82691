//! Municipalities (tenants) and their departments. `ensure_municipality` and
//! `has_municipality` take a code, not a [`Tenant`]: they are about the municipality as
//! reference data (whether it exists, creating it), before anyone acts for it.
use super::{Store, StoreError, Tenant};
use crate::domain::{DepartmentKind, Municipality, MunicipalityCode};

/// A department row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DepartmentRow {
    /// Row id.
    pub id: i64,
    /// Owning municipality.
    pub municipality_code: String,
    /// `DepartmentKind` code.
    pub kind: String,
    /// Display name.
    pub name: String,
}

impl Store {
    /// Registers a municipality as a tenant with all standard departments (idempotent).
    pub async fn ensure_municipality(&self, code: &MunicipalityCode) -> Result<Vec<DepartmentRow>, StoreError> {
        let m: &Municipality = code.municipality();
        sqlx::query(
            "INSERT INTO municipality (code, name, region_code, region_name) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(&m.code)
        .bind(&m.name)
        .bind(&m.region_code)
        .bind(&m.region_name)
        .execute(self.pool())
        .await?;
        for kind in DepartmentKind::ALL {
            sqlx::query(
                "INSERT INTO department (municipality_code, kind, name) VALUES ($1, $2, $3)
                 ON CONFLICT (municipality_code, kind) DO NOTHING",
            )
            .bind(&m.code)
            .bind(kind.code())
            .bind(kind.label())
            .execute(self.pool())
            .await?;
        }
        self.departments(&Tenant::trusted(code.as_str())).await
    }

    /// Whether the municipality is a tenant here.
    pub async fn has_municipality(&self, code: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM municipality WHERE code = $1").bind(code).fetch_one(self.pool()).await?;
        Ok(n > 0)
    }

    /// The municipality's departments, in the standard order.
    pub async fn departments(&self, tenant: &Tenant) -> Result<Vec<DepartmentRow>, StoreError> {
        let mut rows: Vec<DepartmentRow> = sqlx::query_as("SELECT id, municipality_code, kind, name FROM department WHERE municipality_code = $1")
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?;
        rows.sort_by_key(|d| DepartmentKind::ALL.iter().position(|k| k.code() == d.kind));
        Ok(rows)
    }
}
