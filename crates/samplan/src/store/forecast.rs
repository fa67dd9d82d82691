//! The capacity forecast's inputs (decision 130): aggregates of a municipality's arrivals
//! in a window of days — counted in SQL, so no person row leaves the database — and the
//! capacity and quota the municipality entered. Every window is `[from, to)` on the
//! records' own dates (arrival, referral, period start), so a forecast made "as of" a day
//! never reads anything dated on or after it.
use super::{Store, StoreError, Tenant, now};

/// Age in whole years on the arrival day, in SQL both databases accept.
const AGE: &str = "(CAST(substr(p.arrival_date, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER) \
     - CASE WHEN substr(p.arrival_date, 6, 5) < substr(p.birth_date, 6, 5) THEN 1 ELSE 0 END)";

/// The age bands of `forecast::AGE_BANDS` as `SUM(CASE …) AS b0 … b6` columns.
fn band_columns() -> String {
    let bounds = [(0, 2), (3, 5), (6, 9), (10, 12), (13, 16), (17, 17), (18, 200)];
    bounds
        .iter()
        .enumerate()
        .map(|(i, (lo, hi))| format!("SUM(CASE WHEN {AGE} BETWEEN {lo} AND {hi} THEN 1 ELSE 0 END) AS b{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Persons per age band (of one household, or of a group of persons).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct BandRow {
    /// 0–2 years.
    pub b0: Option<i64>,
    /// 3–5.
    pub b1: Option<i64>,
    /// 6–9.
    pub b2: Option<i64>,
    /// 10–12.
    pub b3: Option<i64>,
    /// 13–16.
    pub b4: Option<i64>,
    /// 17.
    pub b5: Option<i64>,
    /// 18 and over.
    pub b6: Option<i64>,
}

impl BandRow {
    /// The counts in band order.
    pub fn counts(&self) -> [u32; 7] {
        [self.b0, self.b1, self.b2, self.b3, self.b4, self.b5, self.b6].map(|v| v.unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32)
    }
}

/// Arrivals in one month with one residence basis.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ArrivalMonthRow {
    /// `YYYY-MM`.
    pub month: String,
    /// Residence basis (stored as its code; an unknown code fails the read).
    #[sqlx(try_from = "String")]
    pub residence_basis: crate::domain::ResidenceBasis,
    /// Persons.
    pub persons: i64,
    /// Households (persons of one family count once; a person without a family alone).
    pub households: i64,
}

/// Danish education and reception class among the arrivals of a window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UptakeRow {
    /// Adults (18+ on arrival).
    pub adults: i64,
    /// Adults referred to Danish education before the window's end, by the track of
    /// their first course (DU1, DU2, DU3).
    pub du_tracks: [i64; 3],
    /// Children 6–16 on arrival.
    pub school_children: i64,
    /// Of those, with a reception-class period begun before the window's end.
    pub reception_children: i64,
}

/// Capacity entered for one resource and month.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct CapacityRow {
    /// `YYYY-MM`.
    pub month: String,
    /// A forecast series key (`units_2`, `du1`, `daycare_0_2`, …).
    pub resource: String,
    /// Places that become free for newcomers in the month.
    pub places: i64,
}

impl Store {
    /// Refugee households whose members arrived in `[from, to)`: the members per age band,
    /// one row per household (a family, or a person without one).
    pub async fn forecast_households(&self, tenant: &Tenant, from: &str, to: &str) -> Result<Vec<BandRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {} FROM person p
             WHERE p.municipality_code = $1 AND p.residence_basis = 'refugee' AND p.arrival_date >= $2 AND p.arrival_date < $3
             GROUP BY COALESCE(p.family_id, -p.id) ORDER BY COALESCE(p.family_id, -p.id)",
            band_columns()
        ))
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?)
    }

    /// Persons family-reunified to refugees who arrived in `[from, to)`, per age band.
    pub async fn forecast_reunified_ages(&self, tenant: &Tenant, from: &str, to: &str) -> Result<BandRow, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {} FROM person p
             WHERE p.municipality_code = $1 AND p.residence_basis = 'family_reunified_to_refugee' AND p.arrival_date >= $2 AND p.arrival_date < $3",
            band_columns()
        ))
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_one(self.pool())
        .await?)
    }

    /// Arrivals per month and residence basis in `[from, to)`.
    pub async fn forecast_arrival_months(&self, tenant: &Tenant, from: &str, to: &str) -> Result<Vec<ArrivalMonthRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT substr(p.arrival_date, 1, 7) AS month, p.residence_basis, COUNT(*) AS persons,
                    COUNT(DISTINCT COALESCE(p.family_id, -p.id)) AS households
             FROM person p
             WHERE p.municipality_code = $1 AND p.arrival_date >= $2 AND p.arrival_date < $3
             GROUP BY substr(p.arrival_date, 1, 7), p.residence_basis
             ORDER BY 1, 2",
        )
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?)
    }

    /// Danish-education referrals and reception-class periods among the refugees and
    /// family-reunified persons who arrived in `[from, to)`, counting only referrals and
    /// periods dated before `to`.
    pub async fn forecast_uptake(&self, tenant: &Tenant, from: &str, to: &str) -> Result<UptakeRow, StoreError> {
        let bases = "p.residence_basis IN ('refugee', 'family_reunified_to_refugee')";
        let window = "p.municipality_code = $1 AND p.arrival_date >= $2 AND p.arrival_date < $3";
        let (adults, school_children, reception_children): (Option<i64>, Option<i64>, Option<i64>) = sqlx::query_as(&format!(
            "SELECT SUM(CASE WHEN {AGE} >= 18 THEN 1 ELSE 0 END),
                    SUM(CASE WHEN {AGE} BETWEEN 6 AND 16 THEN 1 ELSE 0 END),
                    SUM(CASE WHEN {AGE} BETWEEN 6 AND 16 AND EXISTS (
                        SELECT 1 FROM childcare_period c WHERE c.municipality_code = p.municipality_code AND c.person_id = p.id
                          AND c.kind = 'reception_class' AND c.from_day < $3) THEN 1 ELSE 0 END)
             FROM person p WHERE {window} AND {bases}"
        ))
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_one(self.pool())
        .await?;
        let tracks: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT c.track, COUNT(*) FROM person p
             JOIN du_course c ON c.municipality_code = p.municipality_code AND c.person_id = p.id
             WHERE {window} AND {bases} AND {AGE} >= 18
               AND c.id = (SELECT MIN(c2.id) FROM du_course c2 WHERE c2.municipality_code = p.municipality_code AND c2.person_id = p.id AND c2.referred_on < $3)
             GROUP BY c.track"
        ))
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?;
        let mut du_tracks = [0; 3];
        for (track, n) in tracks {
            match track.as_str() {
                "du1" => du_tracks[0] += n,
                "du2" => du_tracks[1] += n,
                "du3" => du_tracks[2] += n,
                _ => {}
            }
        }
        Ok(UptakeRow {
            adults: adults.unwrap_or(0),
            du_tracks,
            school_children: school_children.unwrap_or(0),
            reception_children: reception_children.unwrap_or(0),
        })
    }

    /// Capacity entered for months `from..=to` (`YYYY-MM`).
    pub async fn forecast_capacity(&self, tenant: &Tenant, from: &str, to: &str) -> Result<Vec<CapacityRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT month, resource, places FROM forecast_capacity
             WHERE municipality_code = $1 AND month >= $2 AND month <= $3 ORDER BY month, resource",
        )
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?)
    }

    /// The quotas entered, `(year, persons)`, by year.
    pub async fn forecast_quotas(&self, tenant: &Tenant) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as("SELECT year, persons FROM forecast_quota WHERE municipality_code = $1 ORDER BY year")
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// Sets (`Some`) or removes (`None`) capacity cells and quotas, in one transaction.
    pub async fn save_forecast_inputs(
        &self,
        tenant: &Tenant,
        capacity: &[(String, String, Option<i64>)],
        quotas: &[(i64, Option<i64>)],
        by: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        let at = now();
        for (month, resource, places) in capacity {
            sqlx::query("DELETE FROM forecast_capacity WHERE municipality_code = $1 AND month = $2 AND resource = $3")
                .bind(tenant.code())
                .bind(month)
                .bind(resource)
                .execute(&mut *tx)
                .await?;
            if let Some(places) = places {
                sqlx::query(
                    "INSERT INTO forecast_capacity (municipality_code, month, resource, places, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(tenant.code())
                .bind(month)
                .bind(resource)
                .bind(places)
                .bind(&at)
                .bind(by)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (year, persons) in quotas {
            sqlx::query("DELETE FROM forecast_quota WHERE municipality_code = $1 AND year = $2").bind(tenant.code()).bind(year).execute(&mut *tx).await?;
            if let Some(persons) = persons {
                sqlx::query("INSERT INTO forecast_quota (municipality_code, year, persons, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)")
                    .bind(tenant.code())
                    .bind(year)
                    .bind(persons)
                    .bind(&at)
                    .bind(by)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
