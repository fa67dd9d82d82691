//! The integration council's tables: members, meetings with their agenda items and
//! minutes, recommendations to the city council and their follow-up dates. Every
//! statement is bound to the municipality, so another tenant's rows are never touched.
use super::{Store, StoreError, Tenant, now};

/// A council member as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct MemberRow {
    /// Row id.
    pub id: i64,
    /// The member's name.
    pub name: String,
    /// The association (or other body) that nominated the member.
    pub nominated_by: String,
    /// The city council's election period the member is appointed for, e.g. `2026-2029`.
    pub election_period: String,
    /// ISO first day of the term.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub term_from: calendar::Date,
    /// ISO last day of the term.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub term_to: calendar::Date,
    /// The personal substitute's name (empty when none).
    pub substitute: String,
}

/// The fields of a member to store.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberFields {
    /// Name.
    pub name: String,
    /// Nominating association.
    pub nominated_by: String,
    /// Election period `YYYY-YYYY`.
    pub election_period: String,
    /// First day.
    pub term_from: calendar::Date,
    /// Last day.
    pub term_to: calendar::Date,
    /// Substitute's name.
    pub substitute: String,
}

impl MemberFields {
    /// The stored row these fields make under `id`.
    pub fn into_row(self, id: i64) -> MemberRow {
        let MemberFields { name, nominated_by, election_period, term_from, term_to, substitute } = self;
        MemberRow { id, name, nominated_by, election_period, term_from, term_to, substitute }
    }
}

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MeetingRow {
    /// Row id.
    pub id: i64,
    /// The day.
    #[sqlx(try_from = "String")]
    pub held_on: calendar::Date,
    /// `HH:MM`, or empty.
    pub starts_at: String,
    /// Where.
    pub place: String,
    /// 1 when agenda and minutes are on the public page.
    pub published: i64,
}

/// An agenda item as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ItemRow {
    /// Row id.
    pub id: i64,
    /// The meeting.
    pub meeting_id: i64,
    /// Order on the agenda, from 1.
    pub position: i64,
    /// The item's title.
    pub title: String,
    /// What the item is about (the agenda's text).
    pub description: String,
    /// Documents, one a line: `title | address` or just a title.
    pub documents: String,
    /// The minutes of the item (empty until written).
    pub minutes: String,
}

/// A recommendation as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RecommendationRow {
    /// Row id.
    pub id: i64,
    /// The meeting it was adopted at.
    pub meeting_id: Option<i64>,
    /// Title.
    pub title: String,
    /// The recommendation's text.
    pub body: String,
    /// Department code responsible for the answer and follow-up.
    pub department: String,
    /// `sent`, `answered`, `in_progress`, `done`, `rejected`.
    pub status: String,
    /// Why it was rejected (required then), or a note on the status.
    pub status_reason: String,
    /// The day it was sent to the city council.
    #[sqlx(try_from = "String")]
    pub sent_on: calendar::Date,
    /// Login of the last editor.
    pub updated_by: String,
    /// When last changed.
    pub updated_at: String,
}

/// The fields of a recommendation to store.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendationFields {
    /// Meeting id.
    pub meeting_id: Option<i64>,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Department code.
    pub department: String,
    /// Status key.
    pub status: String,
    /// Reason.
    pub status_reason: String,
    /// The day sent.
    pub sent_on: calendar::Date,
}

/// A follow-up date of a recommendation as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FollowUpRow {
    /// Row id.
    pub id: i64,
    /// The recommendation.
    pub recommendation_id: i64,
    /// The due day.
    #[sqlx(try_from = "String")]
    pub due: calendar::Date,
    /// What to follow up on.
    pub note: String,
    /// The day it was done.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub done_on: Option<calendar::Date>,
}

/// An open follow-up with its recommendation, for a department's Frister.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OpenFollowUpRow {
    /// Follow-up id.
    pub id: i64,
    /// Recommendation id.
    pub recommendation_id: i64,
    /// Recommendation title.
    pub title: String,
    /// Department code.
    pub department: String,
    /// Recommendation status.
    pub status: String,
    /// The due day.
    #[sqlx(try_from = "String")]
    pub due: calendar::Date,
    /// Note.
    pub note: String,
}

const MEMBER_COLUMNS: &str = "id, name, nominated_by, election_period, term_from, term_to, substitute";
const MEETING_COLUMNS: &str = "id, held_on, starts_at, place, published";
const RECOMMENDATION_COLUMNS: &str = "id, meeting_id, title, body, department, status, status_reason, sent_on, updated_by, updated_at";

impl Store {
    /// The council's members, current and earlier, by term end (latest first) and name.
    pub async fn council_members(&self, tenant: &Tenant) -> Result<Vec<MemberRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {MEMBER_COLUMNS} FROM council_member WHERE municipality_code = $1 ORDER BY term_to DESC, name, id"))
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// Adds a member; returns its id.
    pub async fn add_council_member(&self, tenant: &Tenant, m: &MemberFields, by: &str) -> Result<i64, StoreError> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO council_member (municipality_code, name, nominated_by, election_period, term_from, term_to, substitute, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(tenant.code())
        .bind(&m.name)
        .bind(&m.nominated_by)
        .bind(&m.election_period)
        .bind(m.term_from.to_string())
        .bind(m.term_to.to_string())
        .bind(&m.substitute)
        .bind(by)
        .bind(now())
        .fetch_one(self.pool())
        .await?;
        Ok(id)
    }

    /// Changes a member; false when there is no such member in the municipality.
    pub async fn update_council_member(&self, tenant: &Tenant, id: i64, m: &MemberFields, by: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE council_member SET name = $1, nominated_by = $2, election_period = $3, term_from = $4, term_to = $5, substitute = $6,
             updated_by = $7, updated_at = $8 WHERE municipality_code = $9 AND id = $10",
        )
        .bind(&m.name)
        .bind(&m.nominated_by)
        .bind(&m.election_period)
        .bind(m.term_from.to_string())
        .bind(m.term_to.to_string())
        .bind(&m.substitute)
        .bind(by)
        .bind(now())
        .bind(tenant.code())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The meetings, latest first.
    pub async fn council_meetings(&self, tenant: &Tenant) -> Result<Vec<MeetingRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {MEETING_COLUMNS} FROM council_meeting WHERE municipality_code = $1 ORDER BY held_on DESC, id DESC"))
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// One meeting.
    pub async fn council_meeting(&self, tenant: &Tenant, id: i64) -> Result<Option<MeetingRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {MEETING_COLUMNS} FROM council_meeting WHERE municipality_code = $1 AND id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Adds a meeting; returns its id.
    pub async fn add_council_meeting(&self, tenant: &Tenant, held_on: calendar::Date, starts_at: &str, place: &str, by: &str) -> Result<i64, StoreError> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO council_meeting (municipality_code, held_on, starts_at, place, published, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id",
        )
        .bind(tenant.code())
        .bind(held_on.to_string())
        .bind(starts_at)
        .bind(place)
        .bind(by)
        .bind(now())
        .fetch_one(self.pool())
        .await?;
        Ok(id)
    }

    /// Publishes a meeting's agenda and minutes on the public page, or withdraws them.
    pub async fn set_council_meeting_published(&self, tenant: &Tenant, id: i64, published: bool, by: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE council_meeting SET published = $1, updated_by = $2, updated_at = $3 WHERE municipality_code = $4 AND id = $5")
            .bind(i64::from(published))
            .bind(by)
            .bind(now())
            .bind(tenant.code())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The agenda items of some meetings, by meeting and position.
    pub async fn council_items(&self, tenant: &Tenant, meeting_ids: &[i64]) -> Result<Vec<ItemRow>, StoreError> {
        if meeting_ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = meeting_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        Ok(sqlx::query_as(&format!(
            "SELECT id, meeting_id, position, title, description, documents, minutes FROM council_agenda_item
             WHERE municipality_code = $1 AND meeting_id IN ({list}) ORDER BY meeting_id, position, id"
        ))
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Adds an agenda item at the end of the meeting's agenda; returns its id.
    pub async fn add_council_item(&self, tenant: &Tenant, meeting_id: i64, title: &str, description: &str, documents: &str) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position), 0) + 1 FROM council_agenda_item WHERE municipality_code = $1 AND meeting_id = $2")
            .bind(tenant.code())
            .bind(meeting_id)
            .fetch_one(&mut *tx)
            .await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO council_agenda_item (municipality_code, meeting_id, position, title, description, documents, minutes)
             VALUES ($1, $2, $3, $4, $5, $6, '') RETURNING id",
        )
        .bind(tenant.code())
        .bind(meeting_id)
        .bind(next)
        .bind(title)
        .bind(description)
        .bind(documents)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE council_meeting SET updated_at = $1 WHERE id = $2").bind(now()).bind(meeting_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Writes the minutes of one agenda item; false when no such item in the meeting.
    pub async fn set_council_minutes(&self, tenant: &Tenant, meeting_id: i64, item_id: i64, minutes: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE council_agenda_item SET minutes = $1 WHERE municipality_code = $2 AND meeting_id = $3 AND id = $4")
            .bind(minutes)
            .bind(tenant.code())
            .bind(meeting_id)
            .bind(item_id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The recommendations, newest first.
    pub async fn council_recommendations(&self, tenant: &Tenant) -> Result<Vec<RecommendationRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {RECOMMENDATION_COLUMNS} FROM council_recommendation WHERE municipality_code = $1 ORDER BY sent_on DESC, id DESC"))
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// One recommendation.
    pub async fn council_recommendation(&self, tenant: &Tenant, id: i64) -> Result<Option<RecommendationRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {RECOMMENDATION_COLUMNS} FROM council_recommendation WHERE municipality_code = $1 AND id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Adds a recommendation with its follow-up dates (`(due, note)`); returns its id.
    pub async fn add_council_recommendation(
        &self,
        tenant: &Tenant,
        r: &RecommendationFields,
        follow_ups: &[(calendar::Date, String)],
        by: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO council_recommendation (municipality_code, meeting_id, title, body, department, status, status_reason, sent_on, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(tenant.code())
        .bind(r.meeting_id)
        .bind(&r.title)
        .bind(&r.body)
        .bind(&r.department)
        .bind(&r.status)
        .bind(&r.status_reason)
        .bind(r.sent_on.to_string())
        .bind(by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for (due, note) in follow_ups {
            sqlx::query("INSERT INTO council_follow_up (municipality_code, recommendation_id, due, note) VALUES ($1, $2, $3, $4)")
                .bind(tenant.code())
                .bind(id)
                .bind(due.to_string())
                .bind(note)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a recommendation's status (and reason); false when not found.
    pub async fn set_council_recommendation_status(&self, tenant: &Tenant, id: i64, status: &str, reason: &str, by: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE council_recommendation SET status = $1, status_reason = $2, updated_by = $3, updated_at = $4 WHERE municipality_code = $5 AND id = $6",
        )
        .bind(status)
        .bind(reason)
        .bind(by)
        .bind(now())
        .bind(tenant.code())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Adds a follow-up date to a recommendation of the municipality; false when not found.
    pub async fn add_council_follow_up(&self, tenant: &Tenant, recommendation_id: i64, due: calendar::Date, note: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO council_follow_up (municipality_code, recommendation_id, due, note)
             SELECT municipality_code, id, $1, $2 FROM council_recommendation WHERE municipality_code = $3 AND id = $4",
        )
        .bind(due.to_string())
        .bind(note)
        .bind(tenant.code())
        .bind(recommendation_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks a follow-up done on `day`; false when not found or already done.
    pub async fn complete_council_follow_up(&self, tenant: &Tenant, recommendation_id: i64, id: i64, day: calendar::Date) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE council_follow_up SET done_on = $1 WHERE municipality_code = $2 AND recommendation_id = $3 AND id = $4 AND done_on IS NULL")
                .bind(day.to_string())
                .bind(tenant.code())
                .bind(recommendation_id)
                .bind(id)
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Every follow-up date of the municipality's recommendations, by due day.
    pub async fn council_follow_ups(&self, tenant: &Tenant) -> Result<Vec<FollowUpRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, recommendation_id, due, note, done_on FROM council_follow_up WHERE municipality_code = $1 ORDER BY due, id")
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// Follow-ups not yet done of recommendations still open (not done, not rejected),
    /// optionally of one department, by due day.
    pub async fn open_council_follow_ups(&self, tenant: &Tenant, department: Option<&str>) -> Result<Vec<OpenFollowUpRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT f.id, f.recommendation_id, r.title, r.department, r.status, f.due, f.note
             FROM council_follow_up f JOIN council_recommendation r ON r.id = f.recommendation_id AND r.municipality_code = f.municipality_code
             WHERE f.municipality_code = $1 AND f.done_on IS NULL AND r.status NOT IN ('done', 'rejected')
               AND ($2 = '' OR r.department = $2)
             ORDER BY f.due, f.id",
        )
        .bind(tenant.code())
        .bind(department.unwrap_or(""))
        .fetch_all(self.pool())
        .await?)
    }
}
