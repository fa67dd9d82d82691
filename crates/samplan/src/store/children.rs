//! Children and parents: concern notes (`concern_note`), children's daycare and school
//! periods (`childcare_period`) and each child's contacts (`child_profile`). Who may
//! read a concern note is one SQL condition here ([`NoteScope`]), used by every single
//! read, list and count, so a note outside it is as absent as another municipality's.
use super::{Store, StoreError, Tenant, now};
use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::QueryScalar;

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
    /// The day the receipt was sent to the writer.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub receipt_sent_on: Option<calendar::Date>,
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
    /// The day of the decision.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub decision_on: Option<calendar::Date>,
    /// The decision, free text.
    pub decision_note: String,
    /// The day a child welfare investigation started.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub investigation_started_on: Option<calendar::Date>,
    /// The day it was finished.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub investigation_completed_on: Option<calendar::Date>,
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
    /// The day the receipt was sent.
    pub receipt_sent_on: Option<calendar::Date>,
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
    /// The day of the decision.
    pub decision_on: Option<calendar::Date>,
    /// The decision, free text.
    pub decision_note: String,
    /// The day an investigation started.
    pub investigation_started_on: Option<calendar::Date>,
    /// The day it finished.
    pub investigation_completed_on: Option<calendar::Date>,
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
    pub async fn add_concern_note(&self, tenant: &Tenant, note: &NewNote) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO concern_note (municipality_code, child_id, written_by, writer_login, writer_unit, concern, acute_suspected, received_at, demo)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(tenant.code())
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
    pub async fn concern_note(&self, tenant: &Tenant, scope: NoteScope, id: i64) -> Result<Option<NoteRow>, StoreError> {
        let (all, writer) = scope.values();
        Ok(sqlx::query_as(&format!("SELECT {NOTE_COLUMNS} {NOTE_FROM} AND n.id = $4"))
            .bind(tenant.code())
            .bind(all)
            .bind(writer)
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// A page of the notes within `scope`, newest first, and how many there are in all.
    pub async fn concern_notes(
        &self,
        tenant: &Tenant,
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
            .bind(tenant.code())
            .bind(all)
            .bind(writer)
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        let total = sqlx::query_scalar(&format!("SELECT COUNT(*) {NOTE_FROM}{open}")).bind(tenant.code()).bind(all).bind(writer).fetch_one(self.pool()).await?;
        Ok((rows, total))
    }

    /// Replaces the handling of a note (børn og familie only; the caller checks);
    /// `false` when there is no such note.
    pub async fn update_concern_handling(&self, tenant: &Tenant, id: i64, h: &Handling) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE concern_note SET receipt_sent_on = $3, assessed_at = $4, assessed_by = $5, acute = $6, assessment = $7,
                decision = $8, decision_on = $9, decision_note = $10, investigation_started_on = $11,
                investigation_completed_on = $12, updated_at = $13
             WHERE municipality_code = $1 AND id = $2",
        )
        .bind(tenant.code())
        .bind(id)
        .bind(super::day::text(h.receipt_sent_on))
        .bind(&h.assessed_at)
        .bind(&h.assessed_by)
        .bind(h.acute.map(i64::from))
        .bind(&h.assessment)
        .bind(&h.decision)
        .bind(super::day::text(h.decision_on))
        .bind(&h.decision_note)
        .bind(super::day::text(h.investigation_started_on))
        .bind(super::day::text(h.investigation_completed_on))
        .bind(now())
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(n == 1)
    }
}

/// A child's daycare or school period as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ChildcareRow {
    /// Row id.
    pub id: i64,
    /// The child.
    pub person_id: i64,
    /// Kind code (`nursery`, `kindergarten`, `school`, `reception_class`, `sfo`, `none`).
    pub kind: String,
    /// School grade (0 = børnehaveklasse) for `school`.
    pub grade: Option<i64>,
    /// The institution's name.
    pub institution: String,
    /// The institution's address.
    pub institution_address: String,
    /// First day.
    #[sqlx(try_from = "String")]
    pub from_day: calendar::Date,
    /// Last day; `None` while it lasts.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub to_day: Option<calendar::Date>,
    /// `HH:MM` the child is usually brought.
    pub daily_from: Option<String>,
    /// `HH:MM` the child is usually picked up.
    pub daily_to: Option<String>,
    /// Login of who recorded it.
    pub created_by: String,
    /// When it was recorded.
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: Option<String>,
}

/// The fields of a childcare period to store, already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildcareFields {
    /// Kind code.
    pub kind: String,
    /// Grade, for school.
    pub grade: Option<i64>,
    /// Institution name.
    pub institution: String,
    /// Institution address.
    pub institution_address: String,
    /// First day.
    pub from_day: calendar::Date,
    /// Last day.
    pub to_day: Option<calendar::Date>,
    /// `HH:MM`.
    pub daily_from: Option<String>,
    /// `HH:MM`.
    pub daily_to: Option<String>,
}

/// A child's contacts and programme status as entered.
#[derive(Debug, Clone, PartialEq, Default, sqlx::FromRow)]
pub struct ProfileRow {
    /// The child.
    pub person_id: i64,
    /// The health visitor (sundhedsplejerske): name and how to reach them.
    pub health_visitor: String,
    /// The dental care (tandpleje): clinic and how to reach it.
    pub dental_care: String,
    /// Vaccination programme status code (`following`, `partly`, `not_following`, `unknown`).
    pub vaccination: String,
    /// Assessed as needing language support (0/1).
    pub language_support: i64,
    /// Lives in an udsat boligområde (0/1).
    pub listed_area: i64,
    /// Who last changed it.
    pub updated_by: String,
    /// When.
    pub updated_at: String,
}

/// A child in the children's list, with today's place.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ChildLine {
    /// The child.
    pub id: i64,
    /// Given names.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Birth date.
    pub birth_date: String,
    /// Today's place's kind, if any (`none` counts as a record of no place).
    pub kind: Option<String>,
    /// Today's place's grade.
    pub grade: Option<i64>,
    /// Today's institution.
    pub institution: Option<String>,
}

pub(crate) const CHILDCARE_COLUMNS: &str =
    "id, person_id, kind, grade, institution, institution_address, from_day, to_day, daily_from, daily_to, created_by, created_at, updated_at";

/// Kinds that are a place in daycare or school (not SFO, not "no place").
pub const PLACE_KINDS: &str = "('nursery', 'kindergarten', 'school', 'reception_class')";

impl Store {
    /// A child's periods, by first day.
    pub async fn childcare_periods(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<ChildcareRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {CHILDCARE_COLUMNS} FROM childcare_period WHERE municipality_code = $1 AND person_id = $2 ORDER BY from_day, id"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// The periods of a family's members, in one query (for the weekly schedule).
    pub async fn childcare_of_family(&self, tenant: &Tenant, family_id: i64) -> Result<Vec<ChildcareRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {CHILDCARE_COLUMNS} FROM childcare_period WHERE municipality_code = $1
               AND person_id IN (SELECT id FROM person WHERE municipality_code = $1 AND family_id = $2) ORDER BY person_id, from_day, id"
        ))
        .bind(tenant.code())
        .bind(family_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every period of the municipality (for indicators), by person.
    pub async fn childcare_of_municipality(&self, tenant: &Tenant) -> Result<Vec<ChildcareRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {CHILDCARE_COLUMNS} FROM childcare_period WHERE municipality_code = $1 ORDER BY person_id, from_day, id"))
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?)
    }

    /// Records a period; its id.
    pub async fn add_childcare(&self, tenant: &Tenant, person_id: i64, f: &ChildcareFields, by: &str) -> Result<i64, StoreError> {
        let ids = insert_childcare(self.pool(), self.backend(), tenant.code(), &[(person_id, f)], by, &now()).await?;
        ids.first().copied().ok_or(StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// Replaces a period; `false` when there is no such period of the child.
    pub async fn update_childcare(&self, tenant: &Tenant, person_id: i64, id: i64, f: &ChildcareFields) -> Result<bool, StoreError> {
        let sql = "UPDATE childcare_period SET kind = $4, grade = $5, institution = $6, institution_address = $7, from_day = $8, to_day = $9,
                daily_from = $10, daily_to = $11, updated_at = $12
             WHERE municipality_code = $1 AND person_id = $2 AND id = $3 RETURNING id";
        let q = sqlx::query_scalar::<_, i64>(sql).bind(tenant.code()).bind(person_id).bind(id);
        Ok(bind_period(q, f).bind(now()).fetch_optional(self.pool()).await?.is_some())
    }

    /// Deletes a period; `false` when there is no such period of the child.
    pub async fn delete_childcare(&self, tenant: &Tenant, person_id: i64, id: i64) -> Result<bool, StoreError> {
        let n = sqlx::query("DELETE FROM childcare_period WHERE municipality_code = $1 AND person_id = $2 AND id = $3")
            .bind(tenant.code())
            .bind(person_id)
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// A child's contacts and programme status, if entered.
    pub async fn child_profile(&self, tenant: &Tenant, person_id: i64) -> Result<Option<ProfileRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT person_id, health_visitor, dental_care, vaccination, language_support, listed_area, updated_by, updated_at
             FROM child_profile WHERE municipality_code = $1 AND person_id = $2",
        )
        .bind(tenant.code())
        .bind(person_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Stores a child's contacts and programme status (insert or replace).
    pub async fn save_child_profile(&self, tenant: &Tenant, p: &ProfileRow) -> Result<(), StoreError> {
        Ok(upsert_child_profiles(self.pool(), self.backend(), tenant.code(), &[p], &now()).await?)
    }

    /// A page of the municipality's children within `reach` (born after `born_after`),
    /// with today's place; `without_place` keeps only children born after
    /// `small_after` with no place today. By family name, then given name.
    #[expect(clippy::too_many_arguments, reason = "each filter value is a bind parameter of the one query")]
    pub async fn children_page(
        &self,
        tenant: &Tenant,
        reach: &super::access::Reach,
        today: calendar::Date,
        born_after: calendar::Date,
        without_place: Option<calendar::Date>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<ChildLine>, i64), StoreError> {
        let current = "c.person_id = p.id AND c.municipality_code = p.municipality_code AND c.from_day <= $2 AND (c.to_day IS NULL OR c.to_day >= $2)";
        let filter = if without_place.is_some() {
            format!(" AND p.birth_date > $4 AND NOT EXISTS (SELECT 1 FROM childcare_period c WHERE {current} AND c.kind IN {PLACE_KINDS})")
        } else {
            " AND $4 = $4".to_string()
        };
        let reach_sql = super::access::condition("p.id", 5);
        let rows_sql = format!(
            "SELECT p.id, p.given_name, p.family_name, p.birth_date,
                (SELECT c.kind FROM childcare_period c WHERE {current} AND c.kind <> 'sfo' ORDER BY c.from_day DESC LIMIT 1) AS kind,
                (SELECT c.grade FROM childcare_period c WHERE {current} AND c.kind <> 'sfo' ORDER BY c.from_day DESC LIMIT 1) AS grade,
                (SELECT c.institution FROM childcare_period c WHERE {current} AND c.kind <> 'sfo' ORDER BY c.from_day DESC LIMIT 1) AS institution
             FROM person p WHERE p.municipality_code = $1 AND p.birth_date > $3{filter} AND {reach_sql}
             ORDER BY p.family_name, p.given_name, p.id LIMIT $11 OFFSET $12"
        );
        let (today, born_after, small) = (today.to_string(), born_after.to_string(), super::day::text(without_place).unwrap_or_default());
        let q = sqlx::query_as(&rows_sql).bind(tenant.code()).bind(&today).bind(&born_after).bind(&small);
        let rows = reach.bind_as(tenant.code(), q).bind(limit).bind(offset).fetch_all(self.pool()).await?;
        let count_sql = format!("SELECT COUNT(*) FROM person p WHERE p.municipality_code = $1 AND p.birth_date > $3{filter} AND {reach_sql} AND $2 = $2");
        let q = sqlx::query_scalar(&count_sql).bind(tenant.code()).bind(today).bind(born_after).bind(small);
        let total = reach.bind_scalar(tenant.code(), q).fetch_one(self.pool()).await?;
        Ok((rows, total))
    }
}

/// Binds a period's fields: kind, grade, institution and its address, first and last
/// day, daily from and to (the insert's and the update's order).
fn bind_period<'q, O>(q: QueryScalar<'q, Any, O, AnyArguments<'q>>, f: &'q ChildcareFields) -> QueryScalar<'q, Any, O, AnyArguments<'q>> {
    q.bind(&f.kind)
        .bind(f.grade)
        .bind(&f.institution)
        .bind(&f.institution_address)
        .bind(f.from_day.to_string())
        .bind(super::day::text(f.to_day))
        .bind(&f.daily_from)
        .bind(&f.daily_to)
}

/// Inserts childcare periods `(child, fields)` in one statement; their ids (in no
/// promised order). The one statement for a single period and for the bulk load.
pub(super) async fn insert_childcare<'e>(
    e: impl sqlx::Executor<'e, Database = sqlx::Any>,
    backend: super::Backend,
    municipality_code: &str,
    rows: &[(i64, &ChildcareFields)],
    by: &str,
    at: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO childcare_period (municipality_code, person_id, kind, grade, institution, institution_address, from_day, to_day,
            daily_from, daily_to, created_by, created_at)
         VALUES {} RETURNING id",
        backend.placeholder_rows(&super::placeholder_row(12), rows.len())
    );
    let mut q = sqlx::query_scalar(&sql);
    for (person_id, f) in rows {
        q = bind_period(q.bind(municipality_code).bind(*person_id), f).bind(by).bind(at);
    }
    q.fetch_all(e).await
}

/// Stores children's profiles in one statement (insert or replace; a child at most once
/// per statement). The one statement for a single profile and for the bulk load.
pub(super) async fn upsert_child_profiles<'e>(
    e: impl sqlx::Executor<'e, Database = sqlx::Any>,
    backend: super::Backend,
    municipality_code: &str,
    rows: &[&ProfileRow],
    at: &str,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO child_profile (person_id, municipality_code, health_visitor, dental_care, vaccination, language_support, listed_area, updated_by, updated_at)
         VALUES {}
         ON CONFLICT (person_id) DO UPDATE SET health_visitor = excluded.health_visitor, dental_care = excluded.dental_care,
            vaccination = excluded.vaccination, language_support = excluded.language_support, listed_area = excluded.listed_area,
            updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        backend.placeholder_rows(&super::placeholder_row(9), rows.len())
    );
    let mut q = sqlx::query(&sql);
    for p in rows {
        q = q
            .bind(p.person_id)
            .bind(municipality_code)
            .bind(&p.health_visitor)
            .bind(&p.dental_care)
            .bind(&p.vaccination)
            .bind(p.language_support)
            .bind(p.listed_area)
            .bind(&p.updated_by)
            .bind(at);
    }
    q.execute(e).await?;
    Ok(())
}
