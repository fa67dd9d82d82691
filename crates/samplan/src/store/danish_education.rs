//! Danish education (`du_course`, `du_module_test`, `du_attendance`, `du_setting`): a
//! person's referrals to the language centre with track, module, start and end, module
//! tests, weekly attendance, and the municipality's DU settings. Every statement is
//! bound to the municipality, so another tenant's rows are never touched; the regional
//! demand query is the one read across municipalities, and it returns no person: it
//! takes a region's code instead of a `Tenant`.
use super::access::{Reach, condition};
use super::{Store, StoreError, Tenant, now};
use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::QueryAs;

/// A referral (and the course it leads to) as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CourseRow {
    /// Row id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// `integration` (I-kursist) or `self_supporting` (S-kursist).
    pub learner: String,
    /// The day a self-supporting learner applied.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub applied_on: Option<calendar::Date>,
    /// The day of the referral.
    #[sqlx(try_from = "String")]
    pub referred_on: calendar::Date,
    /// The language centre's name.
    pub language_centre: String,
    /// `du1`, `du2` or `du3`.
    pub track: String,
    /// The current module (1–6).
    pub module: i64,
    /// The first day of teaching.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub start_on: Option<calendar::Date>,
    /// Planned hours per week.
    pub hours_per_week: i64,
    /// The day the course was completed or stopped.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub ended_on: Option<calendar::Date>,
    /// Why it ended (`completed`, `work`, `education`, `moved`, `absence`, `other`).
    pub end_reason: Option<String>,
    /// Free text about the end.
    pub end_note: String,
    /// Login of who recorded it.
    pub created_by: String,
    /// When it was recorded.
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: Option<String>,
}

/// The fields of a referral to store.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseFields {
    /// `integration` or `self_supporting`.
    pub learner: String,
    /// The day of the application (self-supporting learners).
    pub applied_on: Option<calendar::Date>,
    /// The day of the referral.
    pub referred_on: calendar::Date,
    /// The language centre's name.
    pub language_centre: String,
    /// `du1`, `du2`, `du3`.
    pub track: String,
    /// The current module (1–6).
    pub module: i64,
    /// The first day of teaching.
    pub start_on: Option<calendar::Date>,
    /// Planned hours per week.
    pub hours_per_week: i64,
    /// The day it ended.
    pub ended_on: Option<calendar::Date>,
    /// Why it ended.
    pub end_reason: Option<String>,
    /// Free text about the end.
    pub end_note: String,
}

/// A module test as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ModuleTestRow {
    /// Row id.
    pub id: i64,
    /// The referral it belongs to.
    pub course_id: i64,
    /// The person.
    pub person_id: i64,
    /// The module tested (1–6).
    pub module: i64,
    /// The day of the test.
    #[sqlx(try_from = "String")]
    pub taken_on: calendar::Date,
    /// The result as given by the language centre (e.g. a grade).
    pub result: String,
    /// 1 when passed.
    pub passed: i64,
    /// Login of who recorded it.
    pub created_by: String,
    /// When it was recorded.
    pub created_at: String,
}

/// One week of attendance as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AttendanceRow {
    /// The referral.
    pub course_id: i64,
    /// The person.
    pub person_id: i64,
    /// The Monday of the week.
    #[sqlx(try_from = "String")]
    pub week: calendar::Date,
    /// Hours present.
    pub hours_present: i64,
    /// Hours absent with notice (afbud).
    pub absent_with_notice: i64,
    /// Hours absent without notice.
    pub absent_without_notice: i64,
    /// Login of who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: String,
}

/// A referral on the language centre's list, with the person's name.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RosterRow {
    /// The referral.
    pub course_id: i64,
    /// The person.
    pub person_id: i64,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Track.
    pub track: String,
    /// Current module.
    pub module: i64,
    /// Planned hours per week.
    pub hours_per_week: i64,
    /// The first day of teaching.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub start_on: Option<calendar::Date>,
}

/// One person's attendance summed over some weeks.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AttendanceSum {
    /// The person.
    pub person_id: i64,
    /// Hours present.
    pub present: i64,
    /// Hours absent, with or without notice.
    pub absent: i64,
}

/// An open referral of a region's municipality, for the regional demand (no person).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DemandRow {
    /// The municipality.
    pub municipality_code: String,
    /// Track.
    pub track: String,
    /// Current module.
    pub module: i64,
    /// The referral day.
    #[sqlx(try_from = "String")]
    pub referred_on: calendar::Date,
    /// The first day of teaching.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub start_on: Option<calendar::Date>,
    /// The day the current module was reached (the last passed test), if any.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub module_since: Option<calendar::Date>,
    /// The highest module passed on the course, if any (6: the course's modules are done).
    pub passed_module: Option<i64>,
}

/// A referral's dates, for the indicators (`goals/records.rs`).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CourseFact {
    /// The person.
    pub person_id: i64,
    /// The referral day.
    #[sqlx(try_from = "String")]
    pub referred_on: calendar::Date,
    /// The first day of teaching.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub start_on: Option<calendar::Date>,
}

pub(crate) const COURSE: &str = "id, person_id, learner, applied_on, referred_on, language_centre, track, module, start_on, hours_per_week, \
                      ended_on, end_reason, end_note, created_by, created_at, updated_at";
pub(crate) const TEST: &str = "id, course_id, person_id, module, taken_on, result, passed, created_by, created_at";
const ATTENDANCE: &str = "course_id, person_id, week, hours_present, absent_with_notice, absent_without_notice, recorded_by, recorded_at";

impl Store {
    /// A person's referrals, newest first.
    pub async fn du_courses(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<CourseRow>, StoreError> {
        self.du_courses_of_persons(tenant, &[person_id]).await
    }

    /// The referrals of the persons among `ids`, by person, then as [`Store::du_courses`] orders them.
    pub async fn du_courses_of_persons(&self, tenant: &Tenant, ids: &[i64]) -> Result<Vec<CourseRow>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(super::IDS_PER_QUERY) {
            let sql = format!(
                "SELECT {COURSE} FROM du_course WHERE municipality_code = $1 AND person_id IN ({}) ORDER BY person_id, referred_on DESC, id DESC",
                super::id_list(chunk)
            );
            out.extend(sqlx::query_as(&sql).bind(tenant.code()).fetch_all(self.pool()).await?);
        }
        Ok(out)
    }

    /// One referral of the municipality.
    pub async fn du_course(&self, tenant: &Tenant, id: i64) -> Result<Option<CourseRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COURSE} FROM du_course WHERE municipality_code = $1 AND id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Records a referral; its id.
    pub async fn add_du_course(&self, tenant: &Tenant, person_id: i64, f: &CourseFields, by: &str) -> Result<i64, StoreError> {
        let ids = insert_du_courses(self.pool(), self.backend(), tenant.code(), &[(person_id, f)], by, &now()).await?;
        ids.first().map(|(id, _)| *id).ok_or(StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// Replaces a referral's fields; `false` when there is no such referral.
    pub async fn update_du_course(&self, tenant: &Tenant, person_id: i64, id: i64, f: &CourseFields) -> Result<bool, StoreError> {
        let sql = "UPDATE du_course SET learner = $4, applied_on = $5, referred_on = $6, language_centre = $7, track = $8, module = $9,
                    start_on = $10, hours_per_week = $11, ended_on = $12, end_reason = $13, end_note = $14, updated_at = $15
             WHERE municipality_code = $1 AND person_id = $2 AND id = $3 RETURNING id, person_id";
        let q = sqlx::query_as::<_, (i64, i64)>(sql).bind(tenant.code()).bind(person_id).bind(id);
        Ok(bind_course(q, f).bind(now()).fetch_optional(self.pool()).await?.is_some())
    }

    /// A person's module tests, by day.
    pub async fn du_module_tests(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<ModuleTestRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {TEST} FROM du_module_test WHERE municipality_code = $1 AND person_id = $2 ORDER BY taken_on, id"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Records a module test and, when it moves the learner on, the referral's new
    /// current module, in one transaction; the test's id.
    #[expect(clippy::too_many_arguments, reason = "the test's fields are stored in one transaction with the referral's move")]
    pub async fn add_du_module_test(
        &self,
        tenant: &Tenant,
        course: &CourseRow,
        module: i64,
        taken_on: calendar::Date,
        result: &str,
        passed: bool,
        next_module: Option<i64>,
        by: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let ids =
            insert_du_module_tests(&mut *tx, self.backend(), tenant.code(), &[(course.id, course.person_id, (module, taken_on, result, passed))], by, &now())
                .await?;
        let id = ids.first().copied().ok_or(StoreError::Database(sqlx::Error::RowNotFound))?;
        if let Some(next) = next_module {
            sqlx::query("UPDATE du_course SET module = $3, updated_at = $4 WHERE municipality_code = $1 AND id = $2")
                .bind(tenant.code())
                .bind(course.id)
                .bind(next)
                .bind(now())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// A person's attendance, newest week first.
    pub async fn du_attendance(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<AttendanceRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {ATTENDANCE} FROM du_attendance WHERE municipality_code = $1 AND person_id = $2 ORDER BY week DESC, course_id"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// The attendance recorded for one week of the given referrals.
    pub async fn du_attendance_week(&self, tenant: &Tenant, week: calendar::Date, course_ids: &[i64]) -> Result<Vec<AttendanceRow>, StoreError> {
        if course_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = course_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        Ok(sqlx::query_as(&format!("SELECT {ATTENDANCE} FROM du_attendance WHERE municipality_code = $1 AND week = $2 AND course_id IN ({ids})"))
            .bind(tenant.code())
            .bind(week.to_string())
            .fetch_all(self.pool())
            .await?)
    }

    /// Records (or replaces) one week of attendance for a referral.
    pub async fn set_du_attendance(&self, tenant: &Tenant, row: &AttendanceRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO du_attendance (municipality_code, course_id, person_id, week, hours_present, absent_with_notice,
                                        absent_without_notice, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (course_id, week) DO UPDATE SET hours_present = excluded.hours_present,
                absent_with_notice = excluded.absent_with_notice, absent_without_notice = excluded.absent_without_notice,
                recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        )
        .bind(tenant.code())
        .bind(row.course_id)
        .bind(row.person_id)
        .bind(row.week.to_string())
        .bind(row.hours_present)
        .bind(row.absent_with_notice)
        .bind(row.absent_without_notice)
        .bind(&row.recorded_by)
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Referrals running in `week` (referred, not ended before its Monday) of persons
    /// within `reach` (and, with `caseworker`, only that caseworker's persons), by name,
    /// one page; and how many there are.
    pub async fn du_roster(
        &self,
        tenant: &Tenant,
        reach: &Reach,
        caseworker: Option<i64>,
        monday: calendar::Date,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<RosterRow>, i64), StoreError> {
        let mine = caseworker.map(|id| format!(" AND p.caseworker_id = {id}")).unwrap_or_default();
        let filter = format!(
            "FROM du_course c JOIN person p ON p.id = c.person_id
             WHERE c.municipality_code = $1 AND c.referred_on <= $2 AND (c.ended_on IS NULL OR c.ended_on >= $3) AND {}{mine}",
            condition("c.person_id", 4)
        );
        let sunday = monday.add_days(6).map(|d| d.to_string()).unwrap_or_default();
        let monday = monday.to_string();
        let total: i64 = reach
            .bind_scalar(tenant.code(), sqlx::query_scalar(&format!("SELECT COUNT(*) {filter}")).bind(tenant.code()).bind(&sunday).bind(&monday))
            .fetch_one(self.pool())
            .await?;
        let sql = format!(
            "SELECT c.id AS course_id, c.person_id, p.given_name, p.family_name, c.track, c.module, c.hours_per_week, c.start_on
             {filter} ORDER BY p.family_name, p.given_name, c.id LIMIT {limit} OFFSET {offset}"
        );
        let rows = reach.bind_as(tenant.code(), sqlx::query_as(&sql).bind(tenant.code()).bind(&sunday).bind(&monday)).fetch_all(self.pool()).await?;
        Ok((rows, total))
    }

    /// Hours present and absent per person over the weeks from `first_week` on, for
    /// persons with some attendance recorded then.
    pub async fn du_attendance_sums(&self, tenant: &Tenant, first_week: calendar::Date) -> Result<Vec<AttendanceSum>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT person_id, CAST(SUM(hours_present) AS BIGINT) AS present, CAST(SUM(absent_with_notice + absent_without_notice) AS BIGINT) AS absent
             FROM du_attendance WHERE municipality_code = $1 AND week >= $2 GROUP BY person_id ORDER BY person_id",
        )
        .bind(tenant.code())
        .bind(first_week.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// Like [`Store::du_attendance_sums`], for the given persons only (one page of a list).
    pub async fn du_attendance_sums_of(&self, tenant: &Tenant, first_week: calendar::Date, person_ids: &[i64]) -> Result<Vec<AttendanceSum>, StoreError> {
        if person_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = person_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        Ok(sqlx::query_as(&format!(
            "SELECT person_id, CAST(SUM(hours_present) AS BIGINT) AS present, CAST(SUM(absent_with_notice + absent_without_notice) AS BIGINT) AS absent
             FROM du_attendance WHERE municipality_code = $1 AND person_id IN ({ids}) AND week >= $2 GROUP BY person_id ORDER BY person_id"
        ))
        .bind(tenant.code())
        .bind(first_week.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// The regions with open referrals, by code.
    pub async fn du_regions_with_referrals(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT m.region_code FROM municipality m
             WHERE EXISTS (SELECT 1 FROM du_course c WHERE c.municipality_code = m.code AND c.ended_on IS NULL) ORDER BY m.region_code",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// Open referrals of every municipality in a region (aggregated by the caller): one
    /// query, the referrals read by `du_course_open` and each course's passed tests by
    /// `du_module_test_course`.
    pub async fn du_region_demand(&self, region_code: &str) -> Result<Vec<DemandRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT c.municipality_code, c.track, c.module, c.referred_on, c.start_on,
                    (SELECT MAX(t.taken_on) FROM du_module_test t
                      WHERE t.municipality_code = c.municipality_code AND t.course_id = c.id AND t.passed = 1) AS module_since,
                    (SELECT CAST(MAX(t.module) AS BIGINT) FROM du_module_test t
                      WHERE t.municipality_code = c.municipality_code AND t.course_id = c.id AND t.passed = 1) AS passed_module
             FROM municipality m JOIN du_course c ON c.municipality_code = m.code AND c.ended_on IS NULL
             WHERE m.region_code = $1 ORDER BY c.municipality_code, c.id",
        )
        .bind(region_code)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every referral's dates and every passed module test (person, day) of a
    /// municipality, for the indicators.
    pub async fn du_facts(&self, tenant: &Tenant) -> Result<(Vec<CourseFact>, Vec<(i64, calendar::Date)>), StoreError> {
        let courses = sqlx::query_as("SELECT person_id, referred_on, start_on FROM du_course WHERE municipality_code = $1 ORDER BY person_id, id")
            .bind(tenant.code())
            .fetch_all(self.pool())
            .await?;
        let passed: Vec<(i64, String)> =
            sqlx::query_as("SELECT person_id, taken_on FROM du_module_test WHERE municipality_code = $1 AND passed = 1 ORDER BY person_id, taken_on")
                .bind(tenant.code())
                .fetch_all(self.pool())
                .await?;
        let passed = passed
            .into_iter()
            .map(|(person_id, day)| Ok((person_id, calendar::Date::try_from(day).map_err(|e| sqlx::Error::Decode(Box::new(e)))?)))
            .collect::<Result<_, sqlx::Error>>()?;
        Ok((courses, passed))
    }

    /// The municipality's DU settings as stored (JSON), if set.
    pub async fn du_settings(&self, tenant: &Tenant) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT settings FROM du_setting WHERE municipality_code = $1").bind(tenant.code()).fetch_optional(self.pool()).await?)
    }

    /// Stores the municipality's DU settings (JSON).
    pub async fn set_du_settings(&self, tenant: &Tenant, settings: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO du_setting (municipality_code, settings) VALUES ($1, $2)
             ON CONFLICT (municipality_code) DO UPDATE SET settings = excluded.settings",
        )
        .bind(tenant.code())
        .bind(settings)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The caseworker responsible for a person, if one is set.
    pub async fn du_caseworker(&self, tenant: &Tenant, person_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar::<_, Option<i64>>("SELECT caseworker_id FROM person WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?
            .flatten())
    }

    /// Referrals of the given persons that have started by `sunday` and not ended before
    /// `monday` (the week view's DU hours).
    pub async fn du_running(&self, tenant: &Tenant, person_ids: &[i64], monday: calendar::Date, sunday: calendar::Date) -> Result<Vec<CourseRow>, StoreError> {
        if person_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = person_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        Ok(sqlx::query_as(&format!(
            "SELECT {COURSE} FROM du_course WHERE municipality_code = $1 AND person_id IN ({ids})
               AND start_on IS NOT NULL AND start_on <= $2 AND (ended_on IS NULL OR ended_on >= $3) ORDER BY person_id, id"
        ))
        .bind(tenant.code())
        .bind(sunday.to_string())
        .bind(monday.to_string())
        .fetch_all(self.pool())
        .await?)
    }
}

/// Inserts referrals `(person, fields)` in one statement; each one's (id, person), in
/// no promised order. The one statement for a single referral and for the bulk load.
pub(super) async fn insert_du_courses<'e>(
    e: impl sqlx::Executor<'e, Database = sqlx::Any>,
    backend: super::Backend,
    municipality_code: &str,
    rows: &[(i64, &CourseFields)],
    by: &str,
    at: &str,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO du_course (municipality_code, person_id, learner, applied_on, referred_on, language_centre, track, module,
                                start_on, hours_per_week, ended_on, end_reason, end_note, created_by, created_at)
         VALUES {} RETURNING id, person_id",
        backend.placeholder_rows(&super::placeholder_row(15), rows.len())
    );
    let mut q = sqlx::query_as(&sql);
    for (person_id, f) in rows {
        q = bind_course(q.bind(municipality_code).bind(*person_id), f).bind(by).bind(at);
    }
    q.fetch_all(e).await
}

/// Binds a referral's fields: learner, applied, referred, language centre, track,
/// module, start, hours a week, ended, end reason and note (the insert's and the
/// update's order).
fn bind_course<'q, O>(q: QueryAs<'q, Any, O, AnyArguments<'q>>, f: &'q CourseFields) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
    q.bind(&f.learner)
        .bind(super::day::text(f.applied_on))
        .bind(f.referred_on.to_string())
        .bind(&f.language_centre)
        .bind(&f.track)
        .bind(f.module)
        .bind(super::day::text(f.start_on))
        .bind(f.hours_per_week)
        .bind(super::day::text(f.ended_on))
        .bind(&f.end_reason)
        .bind(&f.end_note)
}

/// One module test of a referral: (course, person, (module, taken on, result, passed)).
pub(super) type ModuleTest<'a> = (i64, i64, (i64, calendar::Date, &'a str, bool));

/// Inserts module tests in one statement; their ids (in no promised order). The one
/// statement for a single test and for the bulk load.
pub(super) async fn insert_du_module_tests<'e>(
    e: impl sqlx::Executor<'e, Database = sqlx::Any>,
    backend: super::Backend,
    municipality_code: &str,
    rows: &[ModuleTest<'_>],
    by: &str,
    at: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO du_module_test (municipality_code, course_id, person_id, module, taken_on, result, passed, created_by, created_at)
         VALUES {} RETURNING id",
        backend.placeholder_rows(&super::placeholder_row(9), rows.len())
    );
    let mut q = sqlx::query_scalar(&sql);
    for (course_id, person_id, (module, taken_on, result, passed)) in rows {
        q = q
            .bind(municipality_code)
            .bind(*course_id)
            .bind(*person_id)
            .bind(*module)
            .bind(taken_on.to_string())
            .bind(*result)
            .bind(i64::from(*passed))
            .bind(by)
            .bind(at);
    }
    q.fetch_all(e).await
}
