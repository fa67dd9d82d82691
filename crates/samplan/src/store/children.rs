//! Children and parents: concern notes (`concern_note`), children's daycare and school
//! periods (`childcare_period`) and each child's contacts (`child_profile`). Who may
//! read a concern note is one SQL condition here ([`NoteScope`]), used by every single
//! read, list and count, so a note outside it is as absent as another municipality's.
use super::{Store, StoreError, now};

/// Which concern notes of a municipality a reader may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteScope {
    /// Every note of the municipality: staff of the department børn og familie.
    Department,
    /// Only the notes this user wrote.
    Writer(i64),
}

impl NoteScope {
    fn values(self) -> (i64, i64) {
        match self {
            NoteScope::Department => (1, 0),
            NoteScope::Writer(id) => (0, id),
        }
    }
}

/// A concern note as stored, with the child's name.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct NoteRow {
    /// Row id.
    pub id: i64,
    /// The child.
    pub child_id: i64,
    /// The child's given names.
    pub given_name: String,
    /// The child's family name.
    pub family_name: String,
    /// The child's birth date (ISO).
    pub birth_date: String,
    /// The writer's user id.
    pub written_by: i64,
    /// The writer's login.
    pub writer_login: String,
    /// The writer's department or role, in Danish, as it was when written.
    pub writer_unit: String,
    /// What the writer has seen or heard.
    pub concern: String,
    /// The writer thinks the child may be in immediate danger (0/1).
    pub acute_suspected: i64,
    /// When it was received (RFC 3339; the moment it was written).
    pub received_at: String,
    /// ISO day the receipt was sent to the writer.
    pub receipt_sent_on: Option<String>,
    /// When it was assessed (RFC 3339).
    pub assessed_at: Option<String>,
    /// Login of who assessed it.
    pub assessed_by: Option<String>,
    /// The assessment found the child in danger with immediate action needed (0/1).
    pub acute: Option<i64>,
    /// The assessment, free text.
    pub assessment: String,
    /// The decision's code.
    pub decision: Option<String>,
    /// ISO day of the decision.
    pub decision_on: Option<String>,
    /// The decision, free text.
    pub decision_note: String,
    /// ISO day a child welfare investigation started.
    pub investigation_started_on: Option<String>,
    /// ISO day it was finished.
    pub investigation_completed_on: Option<String>,
    /// Last change by børn og familie.
    pub updated_at: Option<String>,
    /// Invented for the demo municipality (0/1).
    pub demo: i64,
}

/// A new concern note.
#[derive(Debug, Clone)]
pub struct NewNote {
    /// The child.
    pub child_id: i64,
    /// The writer's user id.
    pub written_by: i64,
    /// The writer's login.
    pub writer_login: String,
    /// The writer's department or role, in Danish.
    pub writer_unit: String,
    /// What the writer has seen or heard.
    pub concern: String,
    /// The writer suspects immediate danger.
    pub acute_suspected: bool,
    /// When it was received (RFC 3339); now, except for the demo.
    pub received_at: String,
    /// Invented for the demo.
    pub demo: bool,
}

/// The handling of a note that børn og familie records; `None` leaves a value unset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Handling {
    /// ISO day the receipt was sent.
    pub receipt_sent_on: Option<String>,
    /// When it was assessed (RFC 3339).
    pub assessed_at: Option<String>,
    /// Login of who assessed it.
    pub assessed_by: Option<String>,
    /// Immediate action needed.
    pub acute: Option<bool>,
    /// The assessment.
    pub assessment: String,
    /// The decision's code.
    pub decision: Option<String>,
    /// ISO day of the decision.
    pub decision_on: Option<String>,
    /// The decision, free text.
    pub decision_note: String,
    /// ISO day an investigation started.
    pub investigation_started_on: Option<String>,
    /// ISO day it finished.
    pub investigation_completed_on: Option<String>,
}

const NOTE_COLUMNS: &str = "n.id, n.child_id, p.given_name, p.family_name, p.birth_date, n.written_by, n.writer_login, n.writer_unit,
    n.concern, n.acute_suspected, n.received_at, n.receipt_sent_on, n.assessed_at, n.assessed_by, n.acute, n.assessment,
    n.decision, n.decision_on, n.decision_note, n.investigation_started_on, n.investigation_completed_on, n.updated_at, n.demo";

/// The notes a scope reads: placeholders `$1` municipality, `$2` all (0/1), `$3` writer.
const NOTE_FROM: &str = "FROM concern_note n JOIN person p ON p.id = n.child_id
    WHERE n.municipality_code = $1 AND ($2 = 1 OR n.written_by = $3)";

/// Which notes a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteFilter {
    /// Every note.
    All,
    /// Notes without a decision yet.
    Open,
}

impl Store {
    /// Records a concern note; its id.
    pub async fn add_concern_note(&self, municipality_code: &str, note: &NewNote) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO concern_note (municipality_code, child_id, written_by, writer_login, writer_unit, concern, acute_suspected, received_at, demo)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(municipality_code)
        .bind(note.child_id)
        .bind(note.written_by)
        .bind(&note.writer_login)
        .bind(&note.writer_unit)
        .bind(&note.concern)
        .bind(i64::from(note.acute_suspected))
        .bind(&note.received_at)
        .bind(i64::from(note.demo))
        .fetch_one(self.pool())
        .await?)
    }

    /// One note within `scope`; `None` also for a note outside it.
    pub async fn concern_note(&self, municipality_code: &str, scope: NoteScope, id: i64) -> Result<Option<NoteRow>, StoreError> {
        let (all, writer) = scope.values();
        Ok(sqlx::query_as(&format!("SELECT {NOTE_COLUMNS} {NOTE_FROM} AND n.id = $4"))
            .bind(municipality_code)
            .bind(all)
            .bind(writer)
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// A page of the notes within `scope`, newest first, and how many there are in all.
    pub async fn concern_notes(
        &self,
        municipality_code: &str,
        scope: NoteScope,
        filter: NoteFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<NoteRow>, i64), StoreError> {
        let (all, writer) = scope.values();
        let open = match filter {
            NoteFilter::All => "",
            NoteFilter::Open => " AND n.decision IS NULL",
        };
        let rows = sqlx::query_as(&format!("SELECT {NOTE_COLUMNS} {NOTE_FROM}{open} ORDER BY n.received_at DESC, n.id DESC LIMIT $4 OFFSET $5"))
            .bind(municipality_code)
            .bind(all)
            .bind(writer)
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        let total = sqlx::query_scalar(&format!("SELECT COUNT(*) {NOTE_FROM}{open}"))
            .bind(municipality_code)
            .bind(all)
            .bind(writer)
            .fetch_one(self.pool())
            .await?;
        Ok((rows, total))
    }

    /// Replaces the handling of a note (børn og familie only; the caller checks);
    /// `false` when there is no such note.
    pub async fn update_concern_handling(&self, municipality_code: &str, id: i64, h: &Handling) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE concern_note SET receipt_sent_on = $3, assessed_at = $4, assessed_by = $5, acute = $6, assessment = $7,
                decision = $8, decision_on = $9, decision_note = $10, investigation_started_on = $11,
                investigation_completed_on = $12, updated_at = $13
             WHERE municipality_code = $1 AND id = $2",
        )
        .bind(municipality_code)
        .bind(id)
        .bind(&h.receipt_sent_on)
        .bind(&h.assessed_at)
        .bind(&h.assessed_by)
        .bind(h.acute.map(i64::from))
        .bind(&h.assessment)
        .bind(&h.decision)
        .bind(&h.decision_on)
        .bind(&h.decision_note)
        .bind(&h.investigation_started_on)
        .bind(&h.investigation_completed_on)
        .bind(now())
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(n == 1)
    }
}
