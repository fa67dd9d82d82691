//! Local goals and partnerships: what indicators are computed from (a municipality's
//! persons without names or CPR, their events, contract due dates, status spells and
//! housing dates), the local goals, partnerships and their members over time, and the
//! national secretariat's advisory notes and exchange meetings. A municipality's own
//! facts, goals, notes and partnership memberships take its [`Tenant`]; the partnership
//! lists, members, notes and meetings are read across municipalities by the national
//! secretariat and the partners, so they take none.
use super::{Store, StoreError, Tenant, now};

/// The facts about one person that indicators use; never a name or a CPR number.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonFacts {
    /// Row id.
    pub id: i64,
    /// The family, if any.
    pub family_id: Option<i64>,
    /// `female` or `male`.
    pub sex: String,
    /// ISO date.
    pub birth_date: String,
    /// Residence basis (stored as its code; an unknown code fails the read).
    #[sqlx(try_from = "String")]
    pub residence_basis: crate::domain::ResidenceBasis,
    /// ISO date.
    pub arrival_date: Option<String>,
    /// ISO date.
    pub takeover_date: Option<String>,
}

/// A dated fact about a person: an event (`kind`, `day`) or a status spell
/// (`kind`, `day` to `until`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DatedFact {
    /// The person.
    pub person_id: i64,
    /// Event or status kind code.
    pub kind: String,
    /// The day (an event) or the first day (a spell).
    pub day: String,
    /// The last day of a spell, `None` while it lasts (always `None` for events).
    pub until: Option<String>,
}

/// When a family moved into temporary and permanent housing.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FamilyHousing {
    /// The family.
    pub family_id: i64,
    /// Moved into temporary housing.
    pub temporary_since: Option<String>,
    /// Moved into a permanent home.
    pub permanent_since: Option<String>,
}

/// Everything about one municipality's persons that indicators are computed from.
#[derive(Debug, Clone, Default)]
pub struct MunicipalityFacts {
    /// The municipality code.
    pub municipality: String,
    /// Its persons.
    pub persons: Vec<PersonFacts>,
    /// Recorded case events.
    pub events: Vec<DatedFact>,
    /// The integration contract's derived due date per person (`kind` = `contract_due`).
    pub contract_due: Vec<DatedFact>,
    /// Status spells.
    pub statuses: Vec<DatedFact>,
    /// Housing dates per family.
    pub housing: Vec<FamilyHousing>,
    /// Participation in organisations (`kind` = `participant` or `volunteer`).
    pub participations: Vec<DatedFact>,
    /// Children's daycare and school periods (`kind`: `nursery`, `kindergarten`, `school`, `reception_class`, `sfo`, `none`).
    pub childcare: Vec<DatedFact>,
    /// Danish education: each referral's day (`du_referral`), start (`du_start`) and
    /// each passed module test (`du_module_passed`).
    pub danish_education: Vec<DatedFact>,
    /// Placements (employment): accepted pairs by opening kind and IGU courses (`igu`).
    pub placements: Vec<DatedFact>,
}

/// A municipality's local goal as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct GoalRow {
    /// The municipality code.
    pub municipality_code: String,
    /// The indicator's id.
    pub indicator_id: String,
    /// `YYYY-MM`.
    pub baseline_month: String,
    /// The value then, in the indicator's unit.
    pub baseline: f64,
    /// The value aimed for.
    pub target: f64,
    /// ISO date the target should be met by.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub target_date: calendar::Date,
    /// Why, in the municipality's words.
    pub reasoning: String,
    /// Login of who last saved it.
    pub updated_by: String,
    /// When.
    pub updated_at: String,
}

/// A partnership.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct PartnershipRow {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// What it works on.
    pub description: String,
}

/// A municipality's membership of a partnership, over a period.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
#[schema(as = PartnershipMemberRow)]
pub struct MemberRow {
    /// The partnership.
    pub partnership_id: i64,
    /// The municipality code.
    pub municipality_code: String,
    /// The municipality's name.
    pub municipality_name: String,
    /// ISO date it joined.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub joined_on: calendar::Date,
    /// ISO date it left, if it did.
    #[sqlx(try_from = "super::day::OptionalDay")]
    #[schema(value_type = Option<String>)]
    pub left_on: Option<calendar::Date>,
}

impl MemberRow {
    /// A member on `day`: joined on or before it and not yet left.
    pub fn member_on(&self, day: calendar::Date) -> bool {
        self.joined_on <= day && self.left_on.is_none_or(|l| l > day)
    }
}

/// An advisory note of the national secretariat about one municipality.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct NoteRow {
    /// Row id.
    pub id: i64,
    /// The municipality code.
    pub municipality_code: String,
    /// The day it was written.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub written_on: calendar::Date,
    /// Login of the author.
    pub author: String,
    /// The note.
    pub note: String,
}

/// An experience-exchange meeting of a partnership and what came of it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct MeetingRow {
    /// Row id.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// The day it was held.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub held_on: calendar::Date,
    /// Topic.
    pub topic: String,
    /// Outcomes agreed.
    pub outcomes: String,
    /// Login of who recorded it.
    pub created_by: String,
}

impl Store {
    /// Everything indicators need about a municipality's persons.
    pub async fn municipality_facts(&self, tenant: &Tenant) -> Result<MunicipalityFacts, StoreError> {
        let persons = sqlx::query_as(
            "SELECT id, family_id, sex, birth_date, residence_basis, arrival_date, takeover_date
             FROM person WHERE municipality_code = $1 ORDER BY id",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?;
        let events = sqlx::query_as(
            "SELECT person_id, kind, day, CAST(NULL AS TEXT) AS until FROM person_event
             WHERE municipality_code = $1 ORDER BY person_id, day",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?;
        let contract_due = sqlx::query_as(
            "SELECT person_id, 'contract_due' AS kind, due AS day, CAST(NULL AS TEXT) AS until FROM person_deadline
             WHERE municipality_code = $1 AND rule_id = 'contract.deadline' ORDER BY person_id",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?;
        let statuses = sqlx::query_as(
            "SELECT person_id, kind, from_day AS day, to_day AS until FROM person_status
             WHERE municipality_code = $1 ORDER BY person_id, from_day",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?;
        let housing = sqlx::query_as("SELECT family_id, temporary_since, permanent_since FROM housing_need WHERE municipality_code = $1")
            .bind(tenant.code())
            .fetch_all(self.stale_pool())
            .await?;
        let participations = self.participation_facts(tenant).await?;
        let childcare = sqlx::query_as(
            "SELECT person_id, kind, from_day AS day, to_day AS until FROM childcare_period
             WHERE municipality_code = $1 ORDER BY person_id, from_day",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?;
        let danish_education = sqlx::query_as(
            "SELECT person_id, 'du_referral' AS kind, referred_on AS day, CAST(NULL AS TEXT) AS until FROM du_course WHERE municipality_code = $1
             UNION ALL SELECT person_id, 'du_start', start_on, CAST(NULL AS TEXT) FROM du_course WHERE municipality_code = $1 AND start_on IS NOT NULL
             UNION ALL SELECT person_id, 'du_module_passed', taken_on, CAST(NULL AS TEXT) FROM du_module_test WHERE municipality_code = $1 AND passed = 1
             ORDER BY person_id, day",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?;
        let placements = self.placement_facts(tenant).await?;
        Ok(MunicipalityFacts {
            municipality: tenant.code().to_string(),
            persons,
            events,
            contract_due,
            statuses,
            housing,
            participations,
            childcare,
            danish_education,
            placements,
        })
    }

    /// The codes of municipalities with at least one person, in code order.
    pub async fn municipalities_with_persons(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT DISTINCT municipality_code FROM person ORDER BY municipality_code").fetch_all(self.pool()).await?)
    }

    /// The municipality's local goals, by indicator id.
    pub async fn goals(&self, tenant: &Tenant) -> Result<Vec<GoalRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT municipality_code, indicator_id, baseline_month, baseline, target, target_date, reasoning, updated_by, updated_at
             FROM local_goal WHERE municipality_code = $1 ORDER BY indicator_id",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Creates or replaces the municipality's goal for one indicator (the goal's own
    /// municipality code is not read: the tenant decides).
    pub async fn save_goal(&self, tenant: &Tenant, goal: &GoalRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO local_goal (municipality_code, indicator_id, baseline_month, baseline, target, target_date, reasoning, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (municipality_code, indicator_id) DO UPDATE SET baseline_month = excluded.baseline_month,
               baseline = excluded.baseline, target = excluded.target, target_date = excluded.target_date,
               reasoning = excluded.reasoning, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(tenant.code())
        .bind(&goal.indicator_id)
        .bind(&goal.baseline_month)
        .bind(goal.baseline)
        .bind(goal.target)
        .bind(goal.target_date.to_string())
        .bind(&goal.reasoning)
        .bind(&goal.updated_by)
        .bind(&goal.updated_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Creates a partnership.
    pub async fn create_partnership(&self, name: &str, description: &str) -> Result<i64, StoreError> {
        sqlx::query_scalar("INSERT INTO partnership (name, description, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(name)
            .bind(description)
            .bind(now())
            .fetch_one(self.pool())
            .await
            .map_err(|e| StoreError::from_insert(e, "et partnerskab med det navn"))
    }

    /// Every partnership, by name.
    pub async fn partnerships(&self) -> Result<Vec<PartnershipRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, name, description FROM partnership ORDER BY name").fetch_all(self.pool()).await?)
    }

    /// Every membership, past and present, by partnership and municipality code.
    pub async fn partnership_members(&self) -> Result<Vec<MemberRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT m.partnership_id, m.municipality_code, k.name AS municipality_name, m.joined_on, m.left_on
             FROM partnership_member m JOIN municipality k ON k.code = m.municipality_code
             ORDER BY m.partnership_id, m.municipality_code, m.joined_on",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// A municipality joins a partnership on `day`; `Conflict` when it is a member already.
    pub async fn join_partnership(&self, partnership_id: i64, tenant: &Tenant, day: calendar::Date) -> Result<(), StoreError> {
        let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partnership_member WHERE partnership_id = $1 AND municipality_code = $2 AND left_on IS NULL")
            .bind(partnership_id)
            .bind(tenant.code())
            .fetch_one(self.pool())
            .await?;
        if open > 0 {
            return Err(StoreError::Conflict("kommunen som medlem".into()));
        }
        sqlx::query("INSERT INTO partnership_member (partnership_id, municipality_code, joined_on) VALUES ($1, $2, $3)")
            .bind(partnership_id)
            .bind(tenant.code())
            .bind(day.to_string())
            .execute(self.pool())
            .await
            .map_err(|e| StoreError::from_insert(e, "medlemskabet"))?;
        Ok(())
    }

    /// A municipality leaves a partnership on `day`; `false` when it was not a member.
    pub async fn leave_partnership(&self, partnership_id: i64, tenant: &Tenant, day: calendar::Date) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE partnership_member SET left_on = $3
             WHERE partnership_id = $1 AND municipality_code = $2 AND left_on IS NULL AND joined_on <= $3",
        )
        .bind(partnership_id)
        .bind(tenant.code())
        .bind(day.to_string())
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(n > 0)
    }

    /// Adds an advisory note about a municipality.
    pub async fn add_note(&self, tenant: &Tenant, day: calendar::Date, author: &str, note: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("INSERT INTO advisory_note (municipality_code, written_on, author, note) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(tenant.code())
            .bind(day.to_string())
            .bind(author)
            .bind(note)
            .fetch_one(self.pool())
            .await?)
    }

    /// Every advisory note, newest first.
    pub async fn notes(&self) -> Result<Vec<NoteRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, municipality_code, written_on, author, note FROM advisory_note ORDER BY written_on DESC, id DESC")
            .fetch_all(self.pool())
            .await?)
    }

    /// Records an exchange meeting.
    pub async fn add_meeting(&self, partnership_id: i64, day: calendar::Date, topic: &str, outcomes: &str, by: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("INSERT INTO exchange_meeting (partnership_id, held_on, topic, outcomes, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(partnership_id)
            .bind(day.to_string())
            .bind(topic)
            .bind(outcomes)
            .bind(by)
            .fetch_one(self.pool())
            .await?)
    }

    /// Every exchange meeting, newest first.
    pub async fn meetings(&self) -> Result<Vec<MeetingRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, partnership_id, held_on, topic, outcomes, created_by FROM exchange_meeting ORDER BY held_on DESC, id DESC")
            .fetch_all(self.pool())
            .await?)
    }
}
