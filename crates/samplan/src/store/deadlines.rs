//! Closed days of a municipality, the events of a person's case, and the deadlines
//! derived from them. Deadlines are stored with the rule version that applied and
//! replaced whole whenever the person's data changes; their status is worked out on
//! reading, against the day of reading.
use super::access::{self, Reach};
use super::{Store, StoreError, Tenant, now};

/// A day the municipality has closed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClosedDayRow {
    /// The day (stored as ISO text; a text that is no date fails the read).
    #[sqlx(try_from = "String")]
    pub day: calendar::Date,
    /// Why, e.g. "Grundlovsdag".
    pub reason: String,
}

/// An event in a person's case.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct EventRow {
    /// Id.
    pub id: i64,
    /// Person.
    pub person_id: i64,
    /// Event kind code (e.g. `contract_signed`).
    pub kind: String,
    /// The day it happened.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub day: calendar::Date,
    /// Free text.
    pub note: String,
    /// Who recorded it.
    pub created_by: String,
}

/// A derived deadline as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeadlineRow {
    /// Person.
    pub person_id: i64,
    /// Rule id.
    pub rule_id: String,
    /// Version of the rule that applied.
    pub rule_version: i64,
    /// Danish title.
    pub title: String,
    /// Law.
    pub law: String,
    /// Paragraph.
    pub paragraph: String,
    /// 0 when the rule's value is still to be confirmed.
    pub confirmed: i64,
    /// Department code the deadline belongs to.
    pub department: String,
    /// The day counted from.
    #[sqlx(try_from = "String")]
    pub counts_from: calendar::Date,
    /// The due day.
    #[sqlx(try_from = "String")]
    pub due: calendar::Date,
    /// The day met, if met.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub met_on: Option<calendar::Date>,
    /// Events done, for recurring rules.
    pub progress_done: Option<i64>,
    /// Events required, for recurring rules.
    pub progress_required: Option<i64>,
    /// When it was derived.
    pub computed_at: String,
}

/// A deadline with the person's name and caseworker, for dashboards.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeadlineListRow {
    /// The deadline.
    #[sqlx(flatten)]
    pub deadline: DeadlineRow,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Responsible caseworker's id.
    pub caseworker_id: Option<i64>,
}

/// Which deadlines a dashboard wants.
#[derive(Debug, Clone, Default)]
pub struct DeadlineFilter {
    /// `due_soon` (not met, due from today to 7 days ahead), `overdue`, `met_late`,
    /// `open` (not met) or none for all.
    pub status: Option<String>,
    /// Only this department.
    pub department: Option<String>,
    /// Only persons with this responsible caseworker.
    pub caseworker_id: Option<i64>,
    /// Only this person.
    pub person_id: Option<i64>,
}

/// Where [`Store::deadlines_after`] goes on: the last row read (its due date, person and
/// rule); the default is before every deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineKey {
    /// Due day.
    pub due: calendar::Date,
    /// Person id.
    pub person_id: i64,
    /// Rule id.
    pub rule_id: String,
}

impl Default for DeadlineKey {
    fn default() -> Self {
        DeadlineKey { due: calendar::Date::MIN, person_id: 0, rule_id: String::new() }
    }
}

impl DeadlineKey {
    /// The key of `row`.
    pub fn of(row: &DeadlineRow) -> Self {
        DeadlineKey { due: row.due, person_id: row.person_id, rule_id: row.rule_id.clone() }
    }
}

/// The fields of a derived deadline to store.
#[derive(Debug, Clone)]
pub struct NewDeadline {
    /// Rule id.
    pub rule_id: String,
    /// Rule version.
    pub rule_version: i64,
    /// Danish title.
    pub title: String,
    /// Law.
    pub law: String,
    /// Paragraph.
    pub paragraph: String,
    /// Confirmed value.
    pub confirmed: bool,
    /// Department code.
    pub department: String,
    /// Day counted from.
    pub counts_from: calendar::Date,
    /// Due day.
    pub due: calendar::Date,
    /// Day met, if met.
    pub met_on: Option<calendar::Date>,
    /// (done, required) for recurring rules.
    pub progress: Option<(i64, i64)>,
}

/// Binds a deadline row's first 15 columns of `INSERT INTO person_deadline` (all but the
/// caseworker): the one list of them for a recompute and the bulk load.
pub(super) fn bind_deadline<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    municipality_code: &'q str,
    person_id: i64,
    d: &'q NewDeadline,
    at: &'q str,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(municipality_code)
        .bind(person_id)
        .bind(&d.rule_id)
        .bind(d.rule_version)
        .bind(&d.title)
        .bind(&d.law)
        .bind(&d.paragraph)
        .bind(i64::from(d.confirmed))
        .bind(&d.department)
        .bind(d.counts_from.to_string())
        .bind(d.due.to_string())
        .bind(super::day::text(d.met_on))
        .bind(d.progress.map(|p| p.0))
        .bind(d.progress.map(|p| p.1))
        .bind(at)
}

/// `FROM … WHERE …` of a deadline list: `$1` municipality, `$2` today, `$3` today + 7
/// days, `$4` department, `$5` caseworker, `$6` person; the reach from `$reach_at`. With
/// `person`, the person's row is joined as `p` (names for a list; a count needs none).
fn deadline_conditions(filter: &DeadlineFilter, reach_at: usize, person: bool) -> String {
    let status = match filter.status.as_deref() {
        Some("due_soon") => "AND d.met_on IS NULL AND d.due >= $2 AND d.due <= $3",
        Some("overdue") => "AND d.met_on IS NULL AND d.due < $2",
        Some("met_late") => "AND d.met_on IS NOT NULL AND d.met_on > d.due",
        Some("open") => "AND d.met_on IS NULL",
        _ => "",
    };
    // $2 to $6 are bound always; a filter not given is the condition `$n IS NULL` (true),
    // so the prepared statement holds only the conditions that apply and the planner
    // can use their indexes (a caseworker's persons, one person's deadlines).
    let department = if filter.department.is_some() { "d.department = $4" } else { "$4 IS NULL" };
    // The deadline's own copy of its person's caseworker (migration 0195), so "mine" is a
    // range of one index.
    let caseworker = if filter.caseworker_id.is_some() { "d.caseworker_id = $5" } else { "$5 IS NULL" };
    let person_condition = if filter.person_id.is_some() { "d.person_id = $6" } else { "$6 IS NULL" };
    let join = if person { "JOIN person p ON p.id = d.person_id AND p.municipality_code = $1" } else { "" };
    format!(
        "FROM person_deadline d {join}
         WHERE d.municipality_code = $1 AND $2 <> '' AND $3 <> '' {status}
           AND {department} AND {caseworker} AND {person_condition}
           AND {}",
        access::condition("d.person_id", reach_at)
    )
}

/// `query` with [`deadline_conditions`]' `$1` … `$6` bound.
fn filtered<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    municipality_code: &'q str,
    filter: &'q DeadlineFilter,
    today: calendar::Date,
    soon: calendar::Date,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    query.bind(municipality_code).bind(today.to_string()).bind(soon.to_string()).bind(&filter.department).bind(filter.caseworker_id).bind(filter.person_id)
}

pub(super) const DEADLINE_COLUMNS: &str = "d.person_id, d.rule_id, d.rule_version, d.title, d.law, d.paragraph, d.confirmed, d.department, \
     d.counts_from, d.due, d.met_on, d.progress_done, d.progress_required, d.computed_at";

impl Store {
    /// The municipality's closed days, by date.
    pub async fn closed_days(&self, tenant: &Tenant) -> Result<Vec<ClosedDayRow>, StoreError> {
        Ok(sqlx::query_as("SELECT day, reason FROM closed_day WHERE municipality_code = $1 ORDER BY day").bind(tenant.code()).fetch_all(self.pool()).await?)
    }

    /// Closes a day (a day already closed is a `Conflict`).
    pub async fn add_closed_day(&self, tenant: &Tenant, day: calendar::Date, reason: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO closed_day (municipality_code, day, reason) VALUES ($1, $2, $3)")
            .bind(tenant.code())
            .bind(day.to_string())
            .bind(reason)
            .execute(self.pool())
            .await
            .map_err(|e| StoreError::from_insert(e, &format!("lukkedagen {day}")))?;
        Ok(())
    }

    /// Opens a closed day again. Returns false when it was not closed.
    pub async fn remove_closed_day(&self, tenant: &Tenant, day: calendar::Date) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM closed_day WHERE municipality_code = $1 AND day = $2")
            .bind(tenant.code())
            .bind(day.to_string())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records an event for a person of the municipality.
    pub async fn add_event(&self, tenant: &Tenant, person_id: i64, kind: &str, day: calendar::Date, note: &str, by: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO person_event (municipality_code, person_id, kind, day, note, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(kind)
        .bind(day.to_string())
        .bind(note)
        .bind(now())
        .bind(by)
        .fetch_one(self.pool())
        .await?)
    }

    /// A person's events, by date.
    pub async fn events(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<EventRow>, StoreError> {
        self.events_of_persons(tenant, &[person_id]).await
    }

    /// The events of the persons among `ids`, by person, then as [`Store::events`] orders them.
    pub async fn events_of_persons(&self, tenant: &Tenant, ids: &[i64]) -> Result<Vec<EventRow>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(super::IDS_PER_QUERY) {
            let sql = format!(
                "SELECT id, person_id, kind, day, note, created_by FROM person_event
                 WHERE municipality_code = $1 AND person_id IN ({}) ORDER BY person_id, day, id",
                super::id_list(chunk)
            );
            out.extend(sqlx::query_as(&sql).bind(tenant.code()).fetch_all(self.pool()).await?);
        }
        Ok(out)
    }

    /// Changes an event's kind, day and note; `false` when the person has no such event.
    pub async fn update_event(&self, tenant: &Tenant, person_id: i64, id: i64, kind: &str, day: calendar::Date, note: &str) -> Result<bool, StoreError> {
        let n = sqlx::query("UPDATE person_event SET kind = $4, day = $5, note = $6 WHERE municipality_code = $1 AND person_id = $2 AND id = $3")
            .bind(tenant.code())
            .bind(person_id)
            .bind(id)
            .bind(kind)
            .bind(day.to_string())
            .bind(note)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Deletes an event; `false` when the person has no such event.
    pub async fn delete_event(&self, tenant: &Tenant, person_id: i64, id: i64) -> Result<bool, StoreError> {
        let n = sqlx::query("DELETE FROM person_event WHERE municipality_code = $1 AND person_id = $2 AND id = $3")
            .bind(tenant.code())
            .bind(person_id)
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// The day of the last conversation with a member of the family (a follow-up
    /// interview or the signing of a contract) on or before `today`.
    pub async fn last_conversation(&self, tenant: &Tenant, family_id: i64, today: calendar::Date) -> Result<Option<calendar::Date>, StoreError> {
        let day: Option<(super::day::OptionalDay,)> = sqlx::query_as(
            "SELECT MAX(e.day) FROM person_event e JOIN person p ON p.id = e.person_id
             WHERE e.municipality_code = $1 AND p.family_id = $2 AND e.day <= $3
               AND e.kind IN ('follow_up_interview', 'contract_signed')",
        )
        .bind(tenant.code())
        .bind(family_id)
        .bind(today.to_string())
        .fetch_optional(self.pool())
        .await?;
        Ok(match day {
            Some((d,)) => d.day()?,
            None => None,
        })
    }

    /// Replaces all of a person's derived deadlines in one transaction.
    pub async fn replace_deadlines(&self, tenant: &Tenant, person_id: i64, deadlines: &[NewDeadline]) -> Result<(), StoreError> {
        self.replace_deadlines_many(tenant, &[(person_id, deadlines.to_vec())]).await
    }

    /// Replaces all derived deadlines of each of `persons` (person, its deadlines) in one
    /// transaction, the new rows as multi-row inserts; each row carries its person's
    /// caseworker (migration 0195).
    pub async fn replace_deadlines_many(&self, tenant: &Tenant, persons: &[(i64, Vec<NewDeadline>)]) -> Result<(), StoreError> {
        /// Columns bound per row; 100 rows stay far under both databases' placeholder limits.
        const COLUMNS: usize = 15;
        let at = now();
        let mut tx = self.begin_write().await?;
        for chunk in persons.chunks(super::IDS_PER_QUERY) {
            let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
            sqlx::query(&format!("DELETE FROM person_deadline WHERE municipality_code = $1 AND person_id IN ({})", super::id_list(&ids)))
                .bind(tenant.code())
                .execute(&mut *tx)
                .await?;
        }
        let rows: Vec<(i64, &NewDeadline)> = persons.iter().flat_map(|(id, ds)| ds.iter().map(move |d| (*id, d))).collect();
        // The person's id is bound a second time, for their caseworker.
        let row = format!("({}, (SELECT p.caseworker_id FROM person p WHERE p.id = ?))", vec!["?"; COLUMNS].join(", "));
        for chunk in rows.chunks(100) {
            let values = self.backend().placeholder_rows(&row, chunk.len());
            let sql = format!(
                "INSERT INTO person_deadline (municipality_code, person_id, rule_id, rule_version, title, law, paragraph, confirmed,
                     department, counts_from, due, met_on, progress_done, progress_required, computed_at, caseworker_id)
                 VALUES {values}"
            );
            let mut q = sqlx::query(&sql);
            for (person_id, d) in chunk {
                q = bind_deadline(q, tenant.code(), *person_id, d, &at).bind(*person_id);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deadlines of the municipality matching the filter, soonest due first, at most `limit`.
    /// `today` and `soon` (today + 7 days) are ISO dates.
    pub async fn deadlines(
        &self,
        tenant: &Tenant,
        reach: &Reach,
        filter: &DeadlineFilter,
        today: calendar::Date,
        soon: calendar::Date,
        limit: i64,
    ) -> Result<Vec<DeadlineListRow>, StoreError> {
        self.deadlines_page(tenant, reach, filter, today, soon, limit, 0).await
    }

    /// One page of [`Store::deadlines`]: `limit` rows after the first `offset`.
    #[expect(clippy::too_many_arguments, reason = "each filter value is a bind parameter of the one query")]
    pub async fn deadlines_page(
        &self,
        tenant: &Tenant,
        reach: &Reach,
        filter: &DeadlineFilter,
        today: calendar::Date,
        soon: calendar::Date,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<DeadlineListRow>, StoreError> {
        // Overdue: the most recently overdue first (the oldest have long been known).
        let due = if filter.status.as_deref() == Some("overdue") { "d.due DESC" } else { "d.due" };
        let sql = format!(
            "SELECT {DEADLINE_COLUMNS}, p.given_name, p.family_name, p.caseworker_id {}
             ORDER BY {due}, p.family_name, p.given_name, d.person_id, d.rule_id LIMIT $7 OFFSET $8",
            deadline_conditions(filter, 9, true)
        );
        let q = filtered(sqlx::query_as(&sql), tenant.code(), filter, today, soon).bind(limit).bind(offset);
        Ok(reach.bind_as(tenant.code(), q).fetch_all(self.stale_pool()).await?)
    }

    /// Up to `limit` deadlines matching the filter that come after `after` in the order
    /// (due, person, rule), for reading a long list from start to end (an export): each
    /// call walks an index from where the last one stopped, instead of sorting and
    /// skipping everything before an offset. Start with [`DeadlineKey::default`].
    #[expect(clippy::too_many_arguments, reason = "each filter value is a bind parameter of the one query")]
    pub async fn deadlines_after(
        &self,
        tenant: &Tenant,
        reach: &Reach,
        filter: &DeadlineFilter,
        today: calendar::Date,
        soon: calendar::Date,
        after: &DeadlineKey,
        limit: i64,
    ) -> Result<Vec<DeadlineListRow>, StoreError> {
        let sql = format!(
            "SELECT {DEADLINE_COLUMNS}, p.given_name, p.family_name, p.caseworker_id {}
               AND (d.due > $7 OR (d.due = $7 AND (d.person_id > $8 OR (d.person_id = $8 AND d.rule_id > $9))))
             ORDER BY d.due, d.person_id, d.rule_id LIMIT $10",
            deadline_conditions(filter, 11, true)
        );
        let q = filtered(sqlx::query_as(&sql), tenant.code(), filter, today, soon)
            .bind(after.due.to_string())
            .bind(after.person_id)
            .bind(&after.rule_id)
            .bind(limit);
        Ok(reach.bind_as(tenant.code(), q).fetch_all(self.stale_pool()).await?)
    }

    /// How many deadlines [`Store::deadlines`] would list without a limit.
    pub async fn count_deadlines(
        &self,
        tenant: &Tenant,
        reach: &Reach,
        filter: &DeadlineFilter,
        today: calendar::Date,
        soon: calendar::Date,
    ) -> Result<i64, StoreError> {
        let sql = format!("SELECT COUNT(*) {}", deadline_conditions(filter, 7, false));
        let q = sqlx::query_scalar(&sql)
            .bind(tenant.code())
            .bind(today.to_string())
            .bind(soon.to_string())
            .bind(&filter.department)
            .bind(filter.caseworker_id)
            .bind(filter.person_id);
        Ok(reach.bind_scalar(tenant.code(), q).fetch_one(self.stale_pool()).await?)
    }

    /// Sets the responsible caseworker of a person.
    pub async fn set_caseworker(&self, tenant: &Tenant, person_id: i64, caseworker_id: Option<i64>) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE person SET caseworker_id = $1 WHERE id = $2 AND municipality_code = $3")
            .bind(caseworker_id)
            .bind(person_id)
            .bind(tenant.code())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The municipality's rule overrides (the override file's text), if any.
    pub async fn rule_overrides(&self, tenant: &Tenant) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT text FROM rule_override WHERE municipality_code = $1").bind(tenant.code()).fetch_optional(self.pool()).await?)
    }

    /// Replaces the municipality's rule overrides; empty text removes them.
    pub async fn set_rule_overrides(&self, tenant: &Tenant, text: &str, by: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM rule_override WHERE municipality_code = $1").bind(tenant.code()).execute(&mut *tx).await?;
        if !text.trim().is_empty() {
            sqlx::query("INSERT INTO rule_override (municipality_code, text, updated_at, updated_by) VALUES ($1, $2, $3, $4)")
                .bind(tenant.code())
                .bind(text)
                .bind(now())
                .bind(by)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Ids of all persons of a municipality (to recompute after a calendar change).
    pub async fn person_ids(&self, tenant: &Tenant) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar("SELECT id FROM person WHERE municipality_code = $1 ORDER BY id").bind(tenant.code()).fetch_all(self.pool()).await?)
    }
}
