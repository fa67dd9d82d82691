//! Bulk loading of whole families (the demo generator, imports): families, persons,
//! case events, relations and derived deadlines written in one transaction per batch,
//! persons, case events and deadlines as multi-row inserts. The rows are exactly those the
//! single-row functions (`create_family`, `create_person`, `add_event`, `add_relation`,
//! `set_caseworker`, `replace_deadlines`) write; only the round trips and commits are fewer.
//! Status periods of many persons (the demo's, imports) load the same way.
use super::children::{ChildcareFields, ProfileRow};
use super::danish_education::CourseFields;
use super::deadlines::NewDeadline;
use super::families::FamilyFields;
use super::persons::{PersonFields, PersonRow, search_name};
use super::{Store, StoreError, Tenant, now};
use sqlx::Any;

/// A person to load.
#[derive(Debug, Clone)]
pub struct BulkPerson {
    /// Fields (the family id is filled in when loaded).
    pub fields: PersonFields,
    /// Encrypted CPR number.
    pub cpr_encrypted: String,
    /// CPR lookup hash.
    pub cpr_hash: String,
    /// Responsible caseworker.
    pub caseworker_id: Option<i64>,
    /// Case events: (kind key, ISO day).
    pub events: Vec<(String, String)>,
}

/// A family to load.
#[derive(Debug, Clone)]
pub struct BulkFamily {
    /// Fields.
    pub fields: FamilyFields,
    /// Members, in order.
    pub members: Vec<BulkPerson>,
    /// Relations between members by index: (person, related person, kind).
    pub relations: Vec<(usize, usize, String)>,
}

/// Rows per multi-row insert (15 columns × 100 rows stays far under both databases'
/// limits on placeholders).
const ROWS_PER_INSERT: usize = 100;

impl Store {
    /// `rows` rows of `cols` placeholders, for a multi-row insert with no other placeholders.
    fn values(&self, cols: usize, rows: usize) -> String {
        self.backend().placeholder_rows(&super::placeholder_row(cols), rows)
    }
}

impl Store {
    /// Loads `families` of a municipality in one transaction; `derive` gives each stored
    /// person's deadlines from their row and case events (by day, as stored). Returns the
    /// persons' ids per family.
    pub async fn load_families(
        &self,
        tenant: &Tenant,
        families: &[BulkFamily],
        derive: impl Fn(&PersonRow, &[(String, String)]) -> Vec<NewDeadline>,
    ) -> Result<Vec<Vec<i64>>, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(families.len());
        let mut events: Vec<(i64, &str, &str)> = Vec::new();
        let mut deadlines: Vec<(i64, Option<i64>, NewDeadline)> = Vec::new();
        let mut relations: Vec<(i64, i64, &str)> = Vec::new();
        // The families one row at a time (their ids are needed by the members)…
        let mut family_ids = Vec::with_capacity(families.len());
        for family in families {
            let f = &family.fields;
            let family_id: i64 = sqlx::query_scalar(
                "INSERT INTO family (municipality_code, name, street, postal_code, city, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            )
            .bind(tenant.code())
            .bind(&f.name)
            .bind(&f.street)
            .bind(&f.postal_code)
            .bind(&f.city)
            .bind(&at)
            .fetch_one(&mut *tx)
            .await?;
            family_ids.push(family_id);
        }
        // …the persons as multi-row inserts, each new id found by its CPR hash (unique
        // in the municipality; RETURNING promises no order).
        let members: Vec<(i64, &BulkPerson)> = families.iter().zip(&family_ids).flat_map(|(f, id)| f.members.iter().map(move |m| (*id, m))).collect();
        let mut person_ids: std::collections::HashMap<String, i64> = std::collections::HashMap::with_capacity(members.len());
        for chunk in members.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO person (municipality_code, family_id, family_role, cpr_encrypted, cpr_hash, given_name, family_name,
                     search_name, birth_date, sex, languages, nationality, arrival_date, takeover_date, residence_basis, created_at, updated_at, caseworker_id)
                 VALUES {} RETURNING id, cpr_hash",
                self.values(18, chunk.len())
            );
            let mut q = sqlx::query_as::<Any, (i64, String)>(&sql);
            for (family_id, m) in chunk {
                let p = &m.fields;
                q = q
                    .bind(tenant.code())
                    .bind(*family_id)
                    .bind(&p.family_role)
                    .bind(&m.cpr_encrypted)
                    .bind(&m.cpr_hash)
                    .bind(&p.given_name)
                    .bind(&p.family_name)
                    .bind(search_name(&p.given_name, &p.family_name))
                    .bind(&p.birth_date)
                    .bind(&p.sex)
                    .bind(&p.languages)
                    .bind(&p.nationality)
                    .bind(&p.arrival_date)
                    .bind(&p.takeover_date)
                    .bind(p.residence_basis.code())
                    .bind(&at)
                    .bind(&at)
                    .bind(m.caseworker_id);
            }
            let returned = q.fetch_all(&mut *tx).await.map_err(|e| StoreError::from_insert(e, "en person med dette CPR-nummer i kommunen"))?;
            if returned.len() != chunk.len() {
                return Err(StoreError::Database(sqlx::Error::RowNotFound));
            }
            person_ids.extend(returned.into_iter().map(|(id, hash)| (hash, id)));
        }
        for (family, family_id) in families.iter().zip(&family_ids) {
            let family_id = *family_id;
            let mut member_ids = Vec::with_capacity(family.members.len());
            for m in &family.members {
                let p = &m.fields;
                let id = *person_ids.get(&m.cpr_hash).ok_or(StoreError::Database(sqlx::Error::RowNotFound))?;
                let row = PersonRow {
                    id,
                    municipality_code: tenant.code().to_string(),
                    family_id: Some(family_id),
                    family_role: p.family_role.clone(),
                    cpr_encrypted: m.cpr_encrypted.clone(),
                    given_name: p.given_name.clone(),
                    family_name: p.family_name.clone(),
                    birth_date: p.birth_date.clone(),
                    sex: p.sex.clone(),
                    languages: p.languages.clone(),
                    nationality: p.nationality.clone(),
                    arrival_date: p.arrival_date.clone(),
                    takeover_date: p.takeover_date.clone(),
                    residence_basis: p.residence_basis,
                    updated_at: at.clone(),
                    quota_refugee: 0,
                    derived_takeover_date: None,
                    takeover_missing: None,
                };
                // Events as `events()` reads them back: by day, then in the order added.
                let mut by_day: Vec<(String, String)> = m.events.clone();
                by_day.sort_by(|a, b| a.1.cmp(&b.1));
                deadlines.extend(derive(&row, &by_day).into_iter().map(|d| (id, m.caseworker_id, d)));
                events.extend(m.events.iter().map(|(kind, day)| (id, kind.as_str(), day.as_str())));
                member_ids.push(id);
            }
            relations.extend(family.relations.iter().map(|(a, b, kind)| (member_ids[*a], member_ids[*b], kind.as_str())));
            ids.push(member_ids);
        }
        for chunk in events.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO person_event (municipality_code, person_id, kind, day, note, created_at, created_by) VALUES {}",
                self.values(7, chunk.len())
            );
            let mut q = sqlx::query::<Any>(&sql);
            for (person, kind, day) in chunk {
                q = q.bind(tenant.code()).bind(*person).bind(*kind).bind(*day).bind("").bind(&at).bind("demo");
            }
            q.execute(&mut *tx).await?;
        }
        for chunk in relations.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO person_relation (municipality_code, person_id, related_person_id, kind) VALUES {} ON CONFLICT DO NOTHING",
                self.values(4, chunk.len())
            );
            let mut q = sqlx::query::<Any>(&sql);
            for (a, b, kind) in chunk {
                q = q.bind(tenant.code()).bind(*a).bind(*b).bind(*kind);
            }
            q.execute(&mut *tx).await?;
        }
        for chunk in deadlines.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO person_deadline (municipality_code, person_id, rule_id, rule_version, title, law, paragraph, confirmed,
                     department, counts_from, due, met_on, progress_done, progress_required, computed_at, caseworker_id) VALUES {}",
                self.values(16, chunk.len())
            );
            let mut q = sqlx::query::<Any>(&sql);
            for (person, caseworker, d) in chunk {
                q = super::deadlines::bind_deadline(q, tenant.code(), *person, d, &at).bind(*caseworker);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(ids)
    }
}

impl Store {
    /// Adds case events (person, kind key, ISO day) in one transaction, as `add_event`
    /// would one at a time.
    pub async fn add_events_bulk(&self, tenant: &Tenant, events: &[(i64, String, String)], by: &str) -> Result<(), StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        for chunk in events.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO person_event (municipality_code, person_id, kind, day, note, created_at, created_by) VALUES {}",
                self.values(7, chunk.len())
            );
            let mut q = sqlx::query::<Any>(&sql);
            for (person, kind, day) in chunk {
                q = q.bind(tenant.code()).bind(*person).bind(kind.as_str()).bind(day.as_str()).bind("").bind(&at).bind(by);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Records status spells `(person, kind, first day, last day)` of the municipality's
    /// persons in one transaction, as multi-row inserts; `false` (and nothing stored)
    /// when a person is not the municipality's.
    pub async fn add_statuses(&self, tenant: &Tenant, spells: &[(i64, &str, calendar::Date, Option<calendar::Date>)]) -> Result<bool, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        for chunk in spells.chunks(ROWS_PER_INSERT) {
            // Only rows whose person is the municipality's are inserted (the join);
            // one missing row refuses the whole load.
            let sql = format!(
                "INSERT INTO person_status (municipality_code, person_id, kind, from_day, to_day, created_at)
                 SELECT p.municipality_code, p.id, v.column3, v.column4, v.column5, v.column6
                 FROM (VALUES {}) AS v JOIN person p ON p.municipality_code = v.column1 AND p.id = v.column2",
                self.values(6, chunk.len())
            );
            let mut q = sqlx::query::<Any>(&sql);
            for (person, kind, from, to) in chunk {
                q = q.bind(tenant.code()).bind(*person).bind(*kind).bind(from.to_string()).bind(super::day::text(*to)).bind(&at);
            }
            if q.execute(&mut *tx).await?.rows_affected() != chunk.len() as u64 {
                return Ok(false);
            }
        }
        tx.commit().await?;
        Ok(true)
    }
}

/// A Danish-education referral to load with its module tests: (module, day taken,
/// result, passed).
pub type BulkCourse = (i64, super::danish_education::CourseFields, Vec<(i64, calendar::Date, String, bool)>);

/// Splits `items` into runs of at most `max` in order, a new run starting where a key
/// repeats within the run: a multi-row insert that returns ids (found again by key,
/// since RETURNING promises no order) or upserts (a row may be affected only once per
/// statement) needs its keys unique.
fn unique_runs<T, K: Eq + std::hash::Hash>(items: &[T], max: usize, key: impl Fn(&T) -> K) -> Vec<&[T]> {
    let mut runs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut start = 0;
    for (i, item) in items.iter().enumerate() {
        if i - start == max || !seen.insert(key(item)) {
            runs.push(&items[start..i]);
            start = i;
            seen.clear();
            seen.insert(key(item));
        }
    }
    if start < items.len() {
        runs.push(&items[start..]);
    }
    runs
}

impl Store {
    /// Records children's daycare and school periods `(child, fields)` and their
    /// profiles in one transaction, the same rows `add_childcare` and
    /// `save_child_profile` write one at a time, as multi-row inserts.
    pub async fn add_childcare_bulk(
        &self,
        tenant: &Tenant,
        periods: &[(i64, super::children::ChildcareFields)],
        profiles: &[super::children::ProfileRow],
        by: &str,
    ) -> Result<(), StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        for chunk in periods.chunks(ROWS_PER_INSERT) {
            let rows: Vec<(i64, &ChildcareFields)> = chunk.iter().map(|(person_id, f)| (*person_id, f)).collect();
            super::children::insert_childcare(&mut *tx, self.backend(), tenant.code(), &rows, by, &at).await?;
        }
        for chunk in unique_runs(profiles, ROWS_PER_INSERT, |p| p.person_id) {
            let rows: Vec<&ProfileRow> = chunk.iter().collect();
            super::children::upsert_child_profiles(&mut *tx, self.backend(), tenant.code(), &rows, &at).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records Danish-education referrals with their module tests in one transaction,
    /// the same rows `add_du_course` and `add_du_module_test` (without moving the
    /// module on) write one at a time, as multi-row inserts. Returns the referrals' ids
    /// in order.
    pub async fn add_du_courses_bulk(&self, tenant: &Tenant, courses: &[BulkCourse], by: &str) -> Result<Vec<i64>, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(courses.len());
        // Each referral's id found again by its person, unique within one insert.
        for chunk in unique_runs(courses, ROWS_PER_INSERT, |c| c.0) {
            let rows: Vec<(i64, &CourseFields)> = chunk.iter().map(|(person_id, f, _)| (*person_id, f)).collect();
            let returned: std::collections::HashMap<i64, i64> =
                super::danish_education::insert_du_courses(&mut *tx, self.backend(), tenant.code(), &rows, by, &at)
                    .await?
                    .into_iter()
                    .map(|(id, person)| (person, id))
                    .collect();
            for (person_id, ..) in chunk {
                ids.push(*returned.get(person_id).ok_or(StoreError::Database(sqlx::Error::RowNotFound))?);
            }
        }
        let tests: Vec<super::danish_education::ModuleTest> = courses
            .iter()
            .zip(&ids)
            .flat_map(|((person_id, _, tests), id)| {
                tests.iter().map(move |(module, taken_on, result, passed)| (*id, *person_id, (*module, *taken_on, result.as_str(), *passed)))
            })
            .collect();
        for chunk in tests.chunks(ROWS_PER_INSERT) {
            super::danish_education::insert_du_module_tests(&mut *tx, self.backend(), tenant.code(), chunk, by, &at).await?;
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// Records many weeks of attendance in one transaction (demo and imports), as
    /// multi-row inserts.
    pub async fn add_du_attendance_batch(&self, tenant: &Tenant, rows: &[super::danish_education::AttendanceRow]) -> Result<(), StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO du_attendance (municipality_code, course_id, person_id, week, hours_present, absent_with_notice,
                     absent_without_notice, recorded_by, recorded_at) VALUES {}",
                self.values(9, chunk.len())
            );
            let mut q = sqlx::query::<Any>(&sql);
            for row in chunk {
                q = q
                    .bind(tenant.code())
                    .bind(row.course_id)
                    .bind(row.person_id)
                    .bind(row.week.to_string())
                    .bind(row.hours_present)
                    .bind(row.absent_with_notice)
                    .bind(row.absent_without_notice)
                    .bind(&row.recorded_by)
                    .bind(&at);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::unique_runs;

    #[test]
    fn runs_are_in_order_bounded_and_free_of_repeated_keys() {
        let runs = unique_runs(&[1, 2, 3, 2, 4, 5, 6, 7, 7], 3, |x| *x);
        assert_eq!(runs, vec![&[1, 2, 3][..], &[2, 4, 5], &[6, 7], &[7]]);
        assert!(unique_runs(&[] as &[i64], 3, |x| *x).is_empty());
    }
}
