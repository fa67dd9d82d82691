//! The coordinator's overview read set-based: for every family whose current plan a
//! user coordinates, its name, members, open deadlines and last conversation, each in
//! one query instead of several per family.
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

    /// The open deadlines (not met) due on or before `horizon` of the members of the
    /// families coordinated by `user_id`.
    pub async fn coordinated_open_deadlines(&self, municipality_code: &str, user_id: i64, horizon: &str) -> Result<Vec<DeadlineRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {DEADLINE_COLUMNS} FROM person_deadline d JOIN person p ON p.id = d.person_id
             WHERE d.municipality_code = $1 AND d.met_on IS NULL AND d.due <= $3 AND p.family_id IN ({COORDINATED})"
        ))
        .bind(municipality_code)
        .bind(user_id)
        .bind(horizon)
        .fetch_all(self.pool())
        .await?)
    }

    /// (family id, day) of the last conversation (follow-up interview or contract) on or
    /// before `today` with a member of each family coordinated by `user_id`.
    pub async fn coordinated_last_conversations(&self, municipality_code: &str, user_id: i64, today: &str) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT p.family_id, MAX(e.day) FROM person_event e JOIN person p ON p.id = e.person_id
             WHERE e.municipality_code = $1 AND e.day <= $3 AND e.kind IN ('follow_up_interview', 'contract_signed')
               AND p.family_id IN ({COORDINATED})
             GROUP BY p.family_id"
        ))
        .bind(municipality_code)
        .bind(user_id)
        .bind(today)
        .fetch_all(self.pool())
        .await?)
    }
}
