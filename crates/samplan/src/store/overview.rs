//! The coordinator's overview read set-based: for every family whose current plan a
//! user coordinates, its name and members in one query each (the order of the overview
//! needs every family's conflicts); open deadlines and last conversations for the
//! families of one page, in one query each.
use super::children::{CHILDCARE_COLUMNS, ChildcareRow};
use super::danish_education::{COURSE, CourseRow};
use super::deadlines::{DEADLINE_COLUMNS, DeadlineRow};
use super::persons::{PERSON_COLUMNS, PersonRow};
use super::{Store, StoreError, Tenant, id_list};

/// Whose families the overview reads: one coordinator's, or those of every user of a
/// department (bound as `$2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coordinators {
    /// The families whose plan names this user as coordinator.
    User(i64),
    /// The families whose plan names a user of this department (its id) as coordinator.
    Department(i64),
}

impl Coordinators {
    /// The condition on a `plan_version v` row, with `$2` the user's or department's id.
    pub(crate) fn condition(self) -> &'static str {
        match self {
            Coordinators::User(_) => "v.coordinator_user_id = $2",
            Coordinators::Department(_) => "v.coordinator_user_id IN (SELECT u.id FROM app_user u WHERE u.department_id = $2)",
        }
    }

    /// The id bound as `$2`.
    pub(crate) fn id(self) -> i64 {
        match self {
            Coordinators::User(id) | Coordinators::Department(id) => id,
        }
    }
}

/// The families whose current plan version names one of `who` as coordinator (`$1`:
/// municipality, `$2`: [`Coordinators::id`]).
fn coordinated(who: Coordinators) -> String {
    format!(
        "SELECT v.family_id FROM plan_version v WHERE v.municipality_code = $1 AND {}
           AND v.version = (SELECT MAX(w.version) FROM plan_version w WHERE w.family_id = v.family_id)",
        who.condition()
    )
}

impl Store {
    /// The families coordinated by `who` with an open (not met) deadline due from `from`
    /// to `to` (ISO dates, both included), each once.
    pub async fn coordinated_families_due(
        &self,
        tenant: &Tenant,
        who: Coordinators,
        from: &str,
        to: &str,
    ) -> Result<std::collections::HashSet<i64>, StoreError> {
        let ids: Vec<(i64,)> = sqlx::query_as(&format!(
            "SELECT DISTINCT p.family_id FROM person_deadline d JOIN person p ON p.id = d.person_id
             WHERE d.municipality_code = $1 AND d.met_on IS NULL AND d.due >= $3 AND d.due <= $4 AND p.family_id IN ({})",
            coordinated(who)
        ))
        .bind(tenant.code())
        .bind(who.id())
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?;
        Ok(ids.into_iter().map(|(id,)| id).collect())
    }

    /// (id, name) of the families coordinated by `who`.
    pub async fn coordinated_family_names(&self, tenant: &Tenant, who: Coordinators) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT id, name FROM family WHERE municipality_code = $1 AND id IN ({})", coordinated(who)))
            .bind(tenant.code())
            .bind(who.id())
            .fetch_all(self.pool())
            .await?)
    }

    /// Every member of the families coordinated by `who`, by family, then in
    /// `family_members` order (adults first, then by birth date).
    pub async fn coordinated_members(&self, tenant: &Tenant, who: Coordinators) -> Result<Vec<PersonRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE municipality_code = $1 AND family_id IN ({})
             ORDER BY family_id, family_role, birth_date, id",
            coordinated(who)
        ))
        .bind(tenant.code())
        .bind(who.id())
        .fetch_all(self.pool())
        .await?)
    }

    /// The childcare and school periods of every member of the families coordinated by
    /// `who`, by person (one query, the members chosen in the database).
    pub async fn coordinated_childcare(&self, tenant: &Tenant, who: Coordinators) -> Result<Vec<ChildcareRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {CHILDCARE_COLUMNS} FROM childcare_period WHERE municipality_code = $1
               AND person_id IN (SELECT p.id FROM person p WHERE p.municipality_code = $1 AND p.family_id IN ({}))
             ORDER BY person_id, from_day, id",
            coordinated(who)
        ))
        .bind(tenant.code())
        .bind(who.id())
        .fetch_all(self.pool())
        .await?)
    }

    /// The Danish-education referrals of the members of the families coordinated by `who`
    /// running in the week from `monday` to `sunday` (as [`Store::du_running`]).
    pub async fn coordinated_du_running(
        &self,
        tenant: &Tenant,
        who: Coordinators,
        monday: calendar::Date,
        sunday: calendar::Date,
    ) -> Result<Vec<CourseRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COURSE} FROM du_course WHERE municipality_code = $1
               AND person_id IN (SELECT p.id FROM person p WHERE p.municipality_code = $1 AND p.family_id IN ({}))
               AND start_on IS NOT NULL AND start_on <= $3 AND (ended_on IS NULL OR ended_on >= $4) ORDER BY person_id, id",
            coordinated(who)
        ))
        .bind(tenant.code())
        .bind(who.id())
        .bind(sunday.to_string())
        .bind(monday.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// The open deadlines (not met) due on or before `horizon` of `persons` (the members
    /// of one page of the overview).
    pub async fn open_deadlines_of_persons(&self, tenant: &Tenant, persons: &[i64], horizon: &str) -> Result<Vec<DeadlineRow>, StoreError> {
        if persons.is_empty() {
            return Ok(Vec::new());
        }
        // The tenant, "open" and due conditions are written so no index serves them
        // (`|| ''`, `COALESCE`): SQLite would otherwise skip-scan a municipality-wide
        // index of open deadlines (0.66 s at 150 000 persons) instead of reading the few
        // persons' rows by key (13 ms). A met deadline's `met_on` is a date, never ''.
        Ok(sqlx::query_as(&format!(
            "SELECT {DEADLINE_COLUMNS} FROM person_deadline d
             WHERE d.person_id IN ({}) AND (d.municipality_code || '') = $1 AND COALESCE(d.met_on, '') = '' AND (d.due || '') <= $2",
            id_list(persons)
        ))
        .bind(tenant.code())
        .bind(horizon)
        .fetch_all(self.pool())
        .await?)
    }

    /// (family id, day) of the last conversation (follow-up interview or contract) on or
    /// before `today` with a member of each of `families` that had one.
    pub async fn last_conversations_of_families(&self, tenant: &Tenant, families: &[i64], today: &str) -> Result<Vec<(i64, String)>, StoreError> {
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
        .bind(tenant.code())
        .bind(today)
        .fetch_all(self.pool())
        .await?)
    }
}
