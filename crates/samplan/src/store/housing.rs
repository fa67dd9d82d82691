//! Housing placement: areas, offered units, waiting households' needs and the current
//! placement of each household. Every query is scoped to one municipality.
use super::{Store, StoreError, Tenant, now};

/// An area (district, postal area) as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct AreaRow {
    /// Identifier within the municipality.
    pub code: String,
    /// Name shown to people.
    pub name: String,
    /// 1 when on the list of udsatte boligområder: no placement there while the
    /// list is in force (`listed_from`–`listed_to`).
    pub listed: i64,
    /// Refugee households already living there.
    pub existing_households: i64,
    /// First day of the list the area is on (lists are published every 1 December);
    /// none: listed from any date.
    #[serde(default)]
    #[sqlx(try_from = "super::day::OptionalDay")]
    #[schema(value_type = Option<String>)]
    pub listed_from: Option<calendar::Date>,
    /// Last day of that list (the day before the next list); none: until further notice.
    #[serde(default)]
    #[sqlx(try_from = "super::day::OptionalDay")]
    #[schema(value_type = Option<String>)]
    pub listed_to: Option<calendar::Date>,
}

impl AreaRow {
    /// Which list of udsatte boligområder (almenboligloven § 61 a) the area is on, in
    /// Danish: the lists are published every 1 December, so an area listed from a date is
    /// on the list of the last 1 December on or before it.
    pub fn list_name(&self) -> String {
        match self.listed_from {
            Some(d) => {
                let year = if d.month() == 12 { d.year() } else { d.year() - 1 };
                let until = self.listed_to.map(|t| format!(", til og med {}", t.danish())).unwrap_or_default();
                format!("listen over udsatte boligområder pr. 1. december {year}{until}")
            }
            None => "listen over udsatte boligområder (hvilken liste er ikke angivet: skriv datoen, listen gælder fra)".into(),
        }
    }

    /// True when the area is on a list in force on `date`, so no refugee may be placed
    /// there on that date.
    pub fn listed_on(&self, date: calendar::Date) -> bool {
        self.listed == 1 && self.listed_from.is_none_or(|from| from <= date) && self.listed_to.is_none_or(|to| date <= to)
    }
}

/// An offered unit as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct UnitRow {
    /// Identifier within the municipality.
    pub code: String,
    /// The area's code.
    pub area_code: String,
    /// Rooms.
    pub rooms: i64,
    /// Monthly rent in kroner.
    pub rent: i64,
    /// 1 when accessible.
    pub accessible: i64,
    /// `permanent` or `temporary`.
    pub tenure: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Street address.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Town.
    pub city: Option<String>,
}

/// A waiting household's needs, with its family's name and members counted.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct NeedRow {
    /// The family.
    pub family_id: i64,
    /// The family's name.
    pub family_name: String,
    /// Adult members.
    pub adults: i64,
    /// Child members.
    pub children: i64,
    /// Highest monthly rent after benefits, in kroner.
    pub max_rent: i64,
    /// 1 when an accessible unit is needed.
    pub needs_accessible: i64,
    /// Places to reach, `lat:lon;lat:lon…`.
    pub anchors: String,
    /// When the household was put on the waiting list.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub registered_on: calendar::Date,
    /// Moved into temporary housing on this date.
    #[sqlx(try_from = "super::day::OptionalDay")]
    #[schema(value_type = Option<String>)]
    pub temporary_since: Option<calendar::Date>,
    /// Moved into a permanent home on this date.
    #[sqlx(try_from = "super::day::OptionalDay")]
    #[schema(value_type = Option<String>)]
    pub permanent_since: Option<calendar::Date>,
    /// The temporary unit the household lives in while it is released into later
    /// rounds for a permanent home (held until a new placement is decided).
    pub temporary_unit_code: Option<String>,
}

/// The settable needs of a household.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedFields {
    /// Highest rent.
    pub max_rent: i64,
    /// Needs an accessible unit.
    pub needs_accessible: bool,
    /// `lat:lon;…`, checked by the caller.
    pub anchors: String,
}

/// A household's current placement.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct PlacementRow {
    /// The family.
    pub family_id: i64,
    /// The unit, or none (not placed).
    pub unit_code: Option<String>,
    /// `proposed`, `approved` or `overridden`.
    pub status: String,
    /// The household's share of the objective.
    pub cost: i64,
    /// Why, in Danish (one line per point).
    pub explanation: String,
    /// The officer's reason for an override.
    pub reason: String,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
}

/// A proposed placement to store.
#[derive(Debug, Clone)]
pub struct NewProposal {
    /// The family.
    pub family_id: i64,
    /// The unit, or none.
    pub unit_code: Option<String>,
    /// Cost share.
    pub cost: i64,
    /// Danish explanation.
    pub explanation: String,
}

/// A decision on a household's placement.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    /// `approved` or `overridden`.
    pub status: &'a str,
    /// The unit decided on (none: not placed).
    pub unit_code: Option<&'a str>,
    /// The reason (required for overrides).
    pub reason: &'a str,
    /// The officer's login.
    pub decided_by: &'a str,
    /// The day it is decided on.
    pub today: calendar::Date,
}

const NEED_SELECT: &str = "SELECT n.family_id, f.name AS family_name,
        (SELECT COUNT(*) FROM person p WHERE p.family_id = f.id AND p.family_role = 'adult') AS adults,
        (SELECT COUNT(*) FROM person p WHERE p.family_id = f.id AND p.family_role <> 'adult') AS children,
        n.max_rent, n.needs_accessible, n.anchors, n.registered_on, n.temporary_since, n.permanent_since,
        n.temporary_unit_code
        FROM housing_need n JOIN family f ON f.id = n.family_id AND f.municipality_code = n.municipality_code";

impl Store {
    /// Adds or changes areas, all or none.
    pub async fn save_areas(&self, tenant: &Tenant, areas: &[AreaRow]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for a in areas {
            sqlx::query(
                "INSERT INTO housing_area (municipality_code, code, name, listed, existing_households, listed_from, listed_to)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (municipality_code, code) DO UPDATE SET name = excluded.name,
                 listed = excluded.listed, existing_households = excluded.existing_households,
                 listed_from = excluded.listed_from, listed_to = excluded.listed_to",
            )
            .bind(tenant.code())
            .bind(&a.code)
            .bind(&a.name)
            .bind(a.listed)
            .bind(a.existing_households)
            .bind(super::day::text(a.listed_from))
            .bind(super::day::text(a.listed_to))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The municipality's areas by code.
    pub async fn housing_areas(&self, tenant: &Tenant) -> Result<Vec<AreaRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT code, name, listed, existing_households, listed_from, listed_to FROM housing_area WHERE municipality_code = $1 ORDER BY code",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Adds or changes units, all or none. Their areas must exist.
    pub async fn save_units(&self, tenant: &Tenant, units: &[UnitRow]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for u in units {
            sqlx::query(
                "INSERT INTO housing_unit (municipality_code, code, area_code, rooms, rent, accessible, tenure, lat, lon, street, postal_code, city)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                 ON CONFLICT (municipality_code, code) DO UPDATE SET area_code = excluded.area_code, rooms = excluded.rooms,
                 rent = excluded.rent, accessible = excluded.accessible, tenure = excluded.tenure, lat = excluded.lat,
                 lon = excluded.lon, street = excluded.street, postal_code = excluded.postal_code, city = excluded.city",
            )
            .bind(tenant.code())
            .bind(&u.code)
            .bind(&u.area_code)
            .bind(u.rooms)
            .bind(u.rent)
            .bind(u.accessible)
            .bind(&u.tenure)
            .bind(u.lat)
            .bind(u.lon)
            .bind(&u.street)
            .bind(&u.postal_code)
            .bind(&u.city)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The municipality's units by code.
    pub async fn housing_units(&self, tenant: &Tenant) -> Result<Vec<UnitRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT code, area_code, rooms, rent, accessible, tenure, lat, lon, street, postal_code, city
             FROM housing_unit WHERE municipality_code = $1 ORDER BY code",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Puts a family of the municipality on the waiting list or changes its needs.
    /// Returns false when the family is not the municipality's.
    pub async fn save_need(&self, tenant: &Tenant, family_id: i64, n: &NeedFields, today: calendar::Date) -> Result<bool, StoreError> {
        if self.family(tenant, family_id).await?.is_none() {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO housing_need (family_id, municipality_code, max_rent, needs_accessible, anchors, registered_on, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (family_id) DO UPDATE SET max_rent = excluded.max_rent,
             needs_accessible = excluded.needs_accessible, anchors = excluded.anchors, updated_at = excluded.updated_at",
        )
        .bind(family_id)
        .bind(tenant.code())
        .bind(n.max_rent)
        .bind(i64::from(n.needs_accessible))
        .bind(&n.anchors)
        .bind(today.to_string())
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(true)
    }

    /// Households on the municipality's waiting list (also those in temporary housing)
    /// and those housed permanently, by family name.
    pub async fn housing_needs(&self, tenant: &Tenant) -> Result<Vec<NeedRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{NEED_SELECT} WHERE n.municipality_code = $1 ORDER BY f.name, n.family_id"))
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// One household's needs.
    pub async fn housing_need(&self, tenant: &Tenant, family_id: i64) -> Result<Option<NeedRow>, StoreError> {
        Ok(sqlx::query_as(&format!("{NEED_SELECT} WHERE n.municipality_code = $1 AND n.family_id = $2"))
            .bind(tenant.code())
            .bind(family_id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Every current placement of the municipality.
    pub async fn housing_placements(&self, tenant: &Tenant) -> Result<Vec<PlacementRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT family_id, unit_code, status, cost, explanation, reason, decided_by, decided_at
             FROM housing_placement WHERE municipality_code = $1 ORDER BY family_id",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Replaces the undecided proposals with `proposals`, all or none; decided
    /// placements are never touched.
    pub async fn replace_proposals(&self, tenant: &Tenant, proposals: &[NewProposal]) -> Result<(), StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM housing_placement WHERE municipality_code = $1 AND status = 'proposed'").bind(tenant.code()).execute(&mut *tx).await?;
        for p in proposals {
            sqlx::query(
                "INSERT INTO housing_placement (family_id, municipality_code, unit_code, status, cost, explanation, created_at)
                 VALUES ($1, $2, $3, 'proposed', $4, $5, $6) ON CONFLICT (family_id) DO NOTHING",
            )
            .bind(p.family_id)
            .bind(tenant.code())
            .bind(&p.unit_code)
            .bind(p.cost)
            .bind(&p.explanation)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records a decision on a household's placement and, when a unit is decided,
    /// makes it the family's address and starts (temporary) or ends (permanent) the
    /// wait. Returns false when the household is not on the municipality's list.
    pub async fn decide_placement(&self, tenant: &Tenant, family_id: i64, d: &Decision<'_>) -> Result<bool, StoreError> {
        let unit = match d.unit_code {
            Some(code) => match self.housing_units(tenant).await?.into_iter().find(|u| u.code == code) {
                Some(u) => Some(u),
                None => return Ok(false),
            },
            None => None,
        };
        let at = now();
        let mut tx = self.begin_write().await?;
        let known: Option<i64> = sqlx::query_scalar("SELECT family_id FROM housing_need WHERE municipality_code = $1 AND family_id = $2")
            .bind(tenant.code())
            .bind(family_id)
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_none() {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO housing_placement (family_id, municipality_code, unit_code, status, reason, decided_by, decided_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
             ON CONFLICT (family_id) DO UPDATE SET unit_code = excluded.unit_code, status = excluded.status,
             reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        )
        .bind(family_id)
        .bind(tenant.code())
        .bind(d.unit_code)
        .bind(d.status)
        .bind(d.reason)
        .bind(d.decided_by)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        if let Some(u) = unit {
            // A new home: a temporary unit held while waiting is given up.
            sqlx::query("UPDATE housing_need SET temporary_unit_code = NULL WHERE family_id = $1 AND municipality_code = $2")
                .bind(family_id)
                .bind(tenant.code())
                .execute(&mut *tx)
                .await?;
            let street = u.street.clone().unwrap_or_else(|| format!("Bolig {}", u.code));
            sqlx::query("UPDATE family SET street = $1, postal_code = $2, city = $3, updated_at = $4 WHERE id = $5 AND municipality_code = $6")
                .bind(street)
                .bind(&u.postal_code)
                .bind(&u.city)
                .bind(&at)
                .bind(family_id)
                .bind(tenant.code())
                .execute(&mut *tx)
                .await?;
            let column = if u.tenure == "permanent" { "permanent_since" } else { "temporary_since" };
            sqlx::query(&format!("UPDATE housing_need SET {column} = COALESCE({column}, $1), updated_at = $2 WHERE family_id = $3 AND municipality_code = $4"))
                .bind(d.today.to_string())
                .bind(&at)
                .bind(family_id)
                .bind(tenant.code())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Releases a household's decided temporary placement into later rounds: the
    /// placement row goes, and the unit is kept as the household's temporary home
    /// (`temporary_unit_code`) until a new placement is decided. The caller checks
    /// that the placement is decided and temporary. Returns false when the household
    /// or its placement is not (or no longer) there.
    pub async fn release_placement(&self, tenant: &Tenant, family_id: i64, unit_code: &str) -> Result<bool, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let removed = sqlx::query("DELETE FROM housing_placement WHERE family_id = $1 AND municipality_code = $2 AND unit_code = $3 AND status <> 'proposed'")
            .bind(family_id)
            .bind(tenant.code())
            .bind(unit_code)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if removed != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE housing_need SET temporary_unit_code = $1, updated_at = $2 WHERE family_id = $3 AND municipality_code = $4")
            .bind(unit_code)
            .bind(&at)
            .bind(family_id)
            .bind(tenant.code())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes units with the undecided proposals that name them, all or none. A unit
    /// held by a decided placement or by a released household is never deleted: the
    /// call then deletes nothing and returns false (the caller names the reason).
    pub async fn delete_units(&self, tenant: &Tenant, codes: &[&str]) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        for code in codes {
            let holders: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM housing_placement WHERE municipality_code = $1 AND unit_code = $2 AND status <> 'proposed')
                      + (SELECT COUNT(*) FROM housing_need WHERE municipality_code = $1 AND temporary_unit_code = $2)",
            )
            .bind(tenant.code())
            .bind(code)
            .fetch_one(&mut *tx)
            .await?;
            if holders > 0 {
                return Ok(false);
            }
            sqlx::query("DELETE FROM housing_placement WHERE municipality_code = $1 AND unit_code = $2 AND status = 'proposed'")
                .bind(tenant.code())
                .bind(code)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM housing_unit WHERE municipality_code = $1 AND code = $2").bind(tenant.code()).bind(code).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes an area that has no units left. Returns false when it has units or
    /// does not exist.
    pub async fn delete_empty_area(&self, tenant: &Tenant, code: &str) -> Result<bool, StoreError> {
        let deleted = sqlx::query(
            "DELETE FROM housing_area WHERE municipality_code = $1 AND code = $2
             AND NOT EXISTS (SELECT 1 FROM housing_unit u WHERE u.municipality_code = $1 AND u.area_code = $2)",
        )
        .bind(tenant.code())
        .bind(code)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(deleted == 1)
    }
}

/// The municipality's employment model for placement and the weight of its term.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct EmploymentModelRow {
    /// The fitted model as JSON (`placement::employment::EmploymentModel`), if any.
    pub model: Option<String>,
    /// The date of the training data, `YYYY-MM-DD`.
    pub data_as_of: Option<String>,
    /// Past residents the model rests on.
    pub residents: i64,
    /// When the model was fitted, and by whom (login).
    pub fitted_at: Option<String>,
    /// Login of who fitted it.
    pub fitted_by: Option<String>,
    /// Weight of the employment term (0: the documented model).
    pub weight: i64,
    /// When the weight was last set.
    pub weight_set_at: Option<String>,
    /// Login of who set it.
    pub weight_set_by: Option<String>,
}

/// A main adult of a waiting household, with what the employment model reads of them.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MainAdultRow {
    /// The family.
    pub family_id: i64,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// `female`, `male` …
    pub sex: String,
    /// The employment profile's education level, if there is a profile.
    pub education_level: Option<String>,
    /// The highest DU track whose final module (6, Prøve i Dansk 1–3) was passed.
    pub passed_track: Option<String>,
}

impl Store {
    /// The municipality's employment model and weight (`None`: neither was ever set).
    pub async fn housing_employment_model(&self, tenant: &Tenant) -> Result<Option<EmploymentModelRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT model, data_as_of, residents, fitted_at, fitted_by, weight, weight_set_at, weight_set_by
             FROM housing_employment_model WHERE municipality_code = $1",
        )
        .bind(tenant.code())
        .fetch_optional(self.pool())
        .await?)
    }

    /// Stores a newly fitted model (the weight stays as it was).
    pub async fn save_housing_employment_model(&self, tenant: &Tenant, model: &str, data_as_of: &str, residents: i64, by: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO housing_employment_model (municipality_code, model, data_as_of, residents, fitted_at, fitted_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (municipality_code) DO UPDATE SET model = excluded.model, data_as_of = excluded.data_as_of,
               residents = excluded.residents, fitted_at = excluded.fitted_at, fitted_by = excluded.fitted_by",
        )
        .bind(tenant.code())
        .bind(model)
        .bind(data_as_of)
        .bind(residents)
        .bind(now())
        .bind(by)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the weight of the employment term.
    pub async fn set_housing_employment_weight(&self, tenant: &Tenant, weight: i64, by: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO housing_employment_model (municipality_code, weight, weight_set_at, weight_set_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (municipality_code) DO UPDATE SET weight = excluded.weight, weight_set_at = excluded.weight_set_at,
               weight_set_by = excluded.weight_set_by",
        )
        .bind(tenant.code())
        .bind(weight)
        .bind(now())
        .bind(by)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The adults of the households on the waiting list, eldest first within each family.
    /// Driven by the waiting list (a family's members are its municipality's), so it reads
    /// the few waiting families' members, never the municipality's persons.
    pub async fn housing_waiting_adults(&self, tenant: &Tenant) -> Result<Vec<MainAdultRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.family_id, p.birth_date, p.sex, ep.education_level,
               (SELECT MAX(c.track) FROM du_module_test t JOIN du_course c ON c.id = t.course_id
                 WHERE t.municipality_code = n.municipality_code AND t.person_id = p.id AND t.passed = 1 AND t.module = 6) AS passed_track
             FROM housing_need n
             JOIN person p ON p.family_id = n.family_id AND p.family_role = 'adult'
             LEFT JOIN employment_profile ep ON ep.person_id = p.id
             WHERE n.municipality_code = $1 AND n.permanent_since IS NULL
             ORDER BY p.family_id, p.birth_date, p.id",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }
}
