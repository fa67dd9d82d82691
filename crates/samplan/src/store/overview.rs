//! The coordinator's overview read set-based: for every family whose current plan a
//! user coordinates, its name and members in one query each (the order of the overview
//! needs every family's conflicts); open deadlines and last conversations for the
//! families of one page, in one query each.
use super::deadlines::{DEADLINE_COLUMNS, DeadlineRow};
use super::persons::{PERSON_COLUMNS, PersonRow};
use super::{Store, StoreError};

/// The families whose current plan version names `$2` as coordinator (`$1`: municipality).
const COORDINATED: &str = "SELECT v.family_id FROM plan_version v WHERE v.municipality_code = $1 AND v.coordinator_user_id = $2
       AND v.version = (SELECT MAX(w.version) FROM plan_version w WHERE w.family_id = v.family_id)";

impl Store {
    /// (id, name) of the families coordinated by `user_id`.
    pub async fn coordinated_family_names(&self, municipality_code: &str, user_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT id, name FROM family WHERE municipality_code = $1 AND id IN ({COORDINATED})"))
            .bind(municipality_code)
            .bind(user_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Every member of the families coordinated by `user_id`, by family, then in
    /// `family_members` order (adults first, then by birth date).
    pub async fn coordinated_members(&self, municipality_code: &str, user_id: i64) -> Result<Vec<PersonRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE municipality_code = $1 AND family_id IN ({COORDINATED})
             ORDER BY family_id, family_role, birth_date, id"
        ))
        .bind(municipality_code)
        .bind(user_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The open deadlines (not met) due on or before `horizon` of the members of
    /// `families` (one page of the overview).
    pub async fn open_deadlines_of_families(&self, municipality_code: &str, families: &[i64], horizon: &str) -> Result<Vec<DeadlineRow>, StoreError> {
        if families.is_empty() {
            return Ok(Vec::new());
        }
        Ok(sqlx::query_as(&format!(
            "SELECT {DEADLINE_COLUMNS} FROM person p JOIN person_deadline d ON d.person_id = p.id
             WHERE p.municipality_code = $1 AND p.family_id IN ({}) AND d.municipality_code = $1 AND d.met_on IS NULL AND d.due <= $2",
            id_list(families)
        ))
        .bind(municipality_code)
        .bind(horizon)
        .fetch_all(self.pool())
        .await?)
    }

    /// (family id, day) of the last conversation (follow-up interview or contract) on or
    /// before `today` with a member of each of `families` that had one.
    pub async fn last_conversations_of_families(&self, municipality_code: &str, families: &[i64], today: &str) -> Result<Vec<(i64, String)>, StoreError> {
        if families.is_empty() {
            return Ok(Vec::new());
        }
        Ok(sqlx::query_as(&format!(
            "SELECT p.family_id, MAX(e.day) FROM person p JOIN person_event e ON e.person_id = p.id
             WHERE p.municipality_code = $1 AND p.family_id IN ({}) AND e.municipality_code = $1 AND e.day <= $2
               AND e.kind IN ('follow_up_interview', 'contract_signed')
             GROUP BY p.family_id",
            id_list(families)
        ))
        .bind(municipality_code)
        .bind(today)
        .fetch_all(self.pool())
        .await?)
    }
}

/// Ids as an SQL list (`1,2,3`): integers only, so nothing the user typed reaches the SQL.
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}
