//! Persons: every query is scoped to one municipality (the tenant).
use super::access::{self, Reach};
use super::{Store, StoreError, Tenant, now};
use crate::domain::ResidenceBasis;

/// A person as stored. The CPR number is encrypted; decrypt with `crate::crypto`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    /// Row id.
    pub id: i64,
    /// Tenant.
    pub municipality_code: String,
    /// The family the person belongs to.
    pub family_id: Option<i64>,
    /// `FamilyRole` code.
    pub family_role: String,
    /// Encrypted CPR number.
    pub cpr_encrypted: String,
    /// Given names.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// ISO date.
    pub birth_date: String,
    /// `Sex` code.
    pub sex: String,
    /// Comma-separated ISO 639 codes.
    pub languages: String,
    /// Nationality (Danish country name).
    pub nationality: String,
    /// ISO date of arrival in Denmark.
    pub arrival_date: Option<String>,
    /// ISO date the municipality took over responsibility.
    pub takeover_date: Option<String>,
    /// Residence basis (stored as its code; an unknown code fails the read).
    #[sqlx(try_from = "String")]
    pub residence_basis: ResidenceBasis,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// 1 for a quota refugee (not visited: the takeover is the CPR registration).
    pub quota_refugee: i64,
    /// The takeover date the rules derive, kept by the deadline recompute (ISO date).
    pub derived_takeover_date: Option<String>,
    /// The event a takeover rule needs but the case lacks (e.g. `visitation_decision`).
    pub takeover_missing: Option<String>,
}

/// The fields of a person that can be set, already validated; the CPR is given
/// encrypted and as its lookup hash.
#[derive(Debug, Clone)]
pub struct PersonFields {
    /// Family, if any.
    pub family_id: Option<i64>,
    /// `FamilyRole` code.
    pub family_role: String,
    /// Given names.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// ISO date.
    pub birth_date: String,
    /// `Sex` code.
    pub sex: String,
    /// Comma-separated language codes.
    pub languages: String,
    /// Nationality.
    pub nationality: String,
    /// ISO date.
    pub arrival_date: Option<String>,
    /// ISO date.
    pub takeover_date: Option<String>,
    /// Residence basis.
    pub residence_basis: ResidenceBasis,
}

/// How to find persons.
#[derive(Debug, Clone)]
pub enum PersonQuery {
    /// Parts of a name, already lower-cased: every word must occur in the name, in any
    /// order ("haddad ahmad" finds Ahmad Haddad).
    Name(String),
    /// The CPR lookup hash.
    CprHash(String),
    /// ISO birth dates, any of which matches (the first six digits of a CPR number
    /// give a day in either of two centuries).
    BirthDates(Vec<String>),
}

pub(super) const PERSON_COLUMNS: &str = "id, municipality_code, family_id, family_role, cpr_encrypted, given_name, family_name, \
     birth_date, sex, languages, nationality, arrival_date, takeover_date, residence_basis, updated_at, \
     quota_refugee, derived_takeover_date, takeover_missing";

/// The lower-cased "given family" name that name search matches against.
pub fn search_name(given: &str, family: &str) -> String {
    format!("{given} {family}").to_lowercase()
}

impl Store {
    /// Creates a person; a CPR number already registered in the municipality is a `Conflict`.
    pub async fn create_person(&self, tenant: &Tenant, cpr_encrypted: &str, cpr_hash: &str, p: &PersonFields) -> Result<i64, StoreError> {
        let at = now();
        sqlx::query_scalar(
            "INSERT INTO person (municipality_code, family_id, family_role, cpr_encrypted, cpr_hash, given_name, family_name,
                 search_name, birth_date, sex, languages, nationality, arrival_date, takeover_date, residence_basis, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
        )
        .bind(tenant.code())
        .bind(p.family_id)
        .bind(&p.family_role)
        .bind(cpr_encrypted)
        .bind(cpr_hash)
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
        .bind(at)
        .fetch_one(self.pool())
        .await
        .map_err(|e| StoreError::from_insert(e, "en person med dette CPR-nummer i kommunen"))
    }

    /// One person of the municipality; `None` also when the id belongs to another one.
    pub async fn person(&self, tenant: &Tenant, id: i64) -> Result<Option<PersonRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {PERSON_COLUMNS} FROM person WHERE id = $1 AND municipality_code = $2"))
            .bind(id)
            .bind(tenant.code())
            .fetch_optional(self.pool())
            .await?)
    }

    /// The persons of the municipality among `ids`, by id (a read of many persons at once).
    pub async fn persons_by_ids(&self, tenant: &Tenant, ids: &[i64]) -> Result<Vec<PersonRow>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(super::IDS_PER_QUERY) {
            let sql = format!("SELECT {PERSON_COLUMNS} FROM person WHERE municipality_code = $1 AND id IN ({}) ORDER BY id", super::id_list(chunk));
            out.extend(sqlx::query_as(&sql).bind(tenant.code()).fetch_all(self.pool()).await?);
        }
        Ok(out)
    }

    /// Changes a person's fields (not the CPR number). Returns false when not found.
    pub async fn update_person(&self, tenant: &Tenant, id: i64, p: &PersonFields) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE person SET family_id = $1, family_role = $2, given_name = $3, family_name = $4, search_name = $5,
                 birth_date = $6, sex = $7, languages = $8, nationality = $9, arrival_date = $10, takeover_date = $11,
                 residence_basis = $12, updated_at = $13
             WHERE id = $14 AND municipality_code = $15",
        )
        .bind(p.family_id)
        .bind(&p.family_role)
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
        .bind(now())
        .bind(id)
        .bind(tenant.code())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks a refugee as a quota refugee (not visited) or not; `false` when there is no such person.
    pub async fn set_quota_refugee(&self, tenant: &Tenant, id: i64, quota_refugee: bool) -> Result<bool, StoreError> {
        let n = sqlx::query("UPDATE person SET quota_refugee = $1 WHERE id = $2 AND municipality_code = $3")
            .bind(i64::from(quota_refugee))
            .bind(id)
            .bind(tenant.code())
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Keeps the takeover date the rules derive and the event a takeover rule lacks
    /// (set by the deadline recompute; does not change `updated_at`).
    pub async fn set_derived_takeover(&self, tenant: &Tenant, id: i64, date: Option<&str>, missing: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("UPDATE person SET derived_takeover_date = $1, takeover_missing = $2 WHERE id = $3 AND municipality_code = $4")
            .bind(date)
            .bind(missing)
            .bind(id)
            .bind(tenant.code())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Finds persons of the municipality within `reach`, at most `limit`, by family
    /// then given name.
    pub async fn search_persons(&self, tenant: &Tenant, reach: &Reach, query: &PersonQuery, limit: i64) -> Result<Vec<PersonRow>, StoreError> {
        self.search_persons_page(tenant, reach, query, limit, 0).await
    }

    /// One page of [`Store::search_persons`]: `limit` rows after the first `offset`.
    pub async fn search_persons_page(
        &self,
        tenant: &Tenant,
        reach: &Reach,
        query: &PersonQuery,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<PersonRow>, StoreError> {
        // $1 is the municipality, $2.. the query's values, then the reach's placeholders.
        let values: Vec<String> = match query {
            PersonQuery::Name(part) => {
                part.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(|w| format!("%{}%", w.replace(['%', '_'], ""))).collect()
            }
            PersonQuery::CprHash(hash) => vec![hash.clone()],
            PersonQuery::BirthDates(dates) => dates.clone(),
        };
        let placeholders = (0..values.len()).map(|i| format!("${}", i + 2));
        let condition = match query {
            // The trigram indexes (migration 0205) answer `LIKE '%…%'`: on SQLite only when
            // asked of the FTS5 table, on PostgreSQL of the column itself.
            PersonQuery::Name(_) => {
                let likes = placeholders.map(|p| format!("search_name LIKE {p}")).collect::<Vec<_>>().join(" AND ");
                match self.backend() {
                    super::Backend::Sqlite => format!("id IN (SELECT rowid FROM person_name_search WHERE {likes})"),
                    super::Backend::Postgres => likes,
                }
            }
            PersonQuery::CprHash(_) => "cpr_hash = $2".to_string(),
            PersonQuery::BirthDates(_) => format!("birth_date IN ({})", placeholders.collect::<Vec<_>>().join(", ")),
        };
        let condition = if values.is_empty() { "1 = 0".to_string() } else { condition };
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE municipality_code = $1 AND {condition} AND {}
             ORDER BY family_name, given_name, id LIMIT {} OFFSET {}",
            access::condition("id", values.len() + 2),
            limit.max(0),
            offset.max(0)
        );
        let mut q = sqlx::query_as(&sql).bind(tenant.code());
        for v in values {
            q = q.bind(v);
        }
        Ok(reach.bind_as(tenant.code(), q).fetch_all(self.stale_pool()).await?)
    }

    /// The names ("given family") of those of `ids` within `reach`, in one query.
    pub async fn person_names(&self, tenant: &Tenant, reach: &Reach, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>, StoreError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(std::collections::HashMap::new());
        }
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT id, given_name, family_name FROM person WHERE municipality_code = $1 AND id IN ({list}) AND {}", access::condition("id", 2));
        let rows: Vec<(i64, String, String)> = reach.bind_as(tenant.code(), sqlx::query_as(&sql).bind(tenant.code())).fetch_all(self.pool()).await?;
        Ok(rows.into_iter().map(|(id, g, f)| (id, format!("{g} {f}"))).collect())
    }

    /// The members of a family, adults first, then by birth date.
    pub async fn family_members(&self, tenant: &Tenant, family_id: i64) -> Result<Vec<PersonRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE municipality_code = $1 AND family_id = $2
             ORDER BY family_role, birth_date, id"
        ))
        .bind(tenant.code())
        .bind(family_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// How many persons of the municipality are within `reach`.
    pub async fn count_persons(&self, tenant: &Tenant, reach: &Reach) -> Result<i64, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM person WHERE municipality_code = $1 AND {}", access::condition("id", 2));
        Ok(reach.bind_scalar(tenant.code(), sqlx::query_scalar(&sql).bind(tenant.code())).fetch_one(self.stale_pool()).await?)
    }

    /// Records a relation (e.g. `parent_of`, `spouse_of`) between two persons of the municipality.
    pub async fn add_relation(&self, tenant: &Tenant, person_id: i64, related_id: i64, kind: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO person_relation (municipality_code, person_id, related_person_id, kind) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(related_id)
        .bind(kind)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Relations from a person: (kind, related person id), both directions as stored.
    pub async fn relations(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<(String, i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT kind, person_id, related_person_id FROM person_relation
             WHERE municipality_code = $1 AND (person_id = $2 OR related_person_id = $2) ORDER BY kind, person_id, related_person_id",
        )
        .bind(tenant.code())
        .bind(person_id)
        .fetch_all(self.pool())
        .await?)
    }
}

/// How to reach a person: phone and interpreter need (decision 171).
#[derive(Debug, Clone, Default, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct PersonContact {
    /// Phone number as given (empty: none recorded).
    pub phone: String,
    /// The language an interpreter is needed in (ISO 639 code); none: no interpreter.
    pub interpreter_language: Option<String>,
}

/// The top of the person page: who works with the person and what is open.
#[derive(Debug, Clone, Default)]
pub struct PersonSummary {
    /// The person's caseworker's name.
    pub caseworker: Option<String>,
    /// The family coordinator of the current plan.
    pub coordinator: Option<String>,
}

impl Store {
    /// A person's phone and interpreter need; `None` when there is no such person.
    pub async fn person_contact(&self, tenant: &Tenant, id: i64) -> Result<Option<PersonContact>, StoreError> {
        Ok(sqlx::query_as("SELECT phone, interpreter_language FROM person WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Sets a person's phone and interpreter need; false when there is no such person.
    pub async fn set_person_contact(&self, tenant: &Tenant, id: i64, contact: &PersonContact) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE person SET phone = $1, interpreter_language = $2, updated_at = $3 WHERE municipality_code = $4 AND id = $5")
            .bind(&contact.phone)
            .bind(&contact.interpreter_language)
            .bind(now())
            .bind(tenant.code())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The names of the person's caseworker and of the coordinator of the family's current
    /// plan, in one query.
    pub async fn person_summary(&self, tenant: &Tenant, id: i64) -> Result<PersonSummary, StoreError> {
        let row: Option<(Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT cw.display_name,
                    (SELECT co.display_name FROM plan_version v JOIN app_user co ON co.id = v.coordinator_user_id
                      WHERE v.municipality_code = p.municipality_code AND v.family_id = p.family_id
                      ORDER BY v.version DESC LIMIT 1)
               FROM person p LEFT JOIN app_user cw ON cw.id = p.caseworker_id
              WHERE p.municipality_code = $1 AND p.id = $2",
        )
        .bind(tenant.code())
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(caseworker, coordinator)| PersonSummary { caseworker, coordinator }).unwrap_or_default())
    }

    /// Demo data: phone numbers for adults and an interpreter for some who speak one
    /// language other than Danish.
    pub async fn demo_contacts(&self, tenant: &Tenant) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE person SET phone = '+45 ' || CAST(20000000 + (id * 7919) % 9999999 AS TEXT)
              WHERE municipality_code = $1 AND family_role = 'adult'",
        )
        .bind(tenant.code())
        .execute(self.pool())
        .await?;
        sqlx::query(
            "UPDATE person SET interpreter_language = languages
              WHERE municipality_code = $1 AND family_role = 'adult' AND languages <> '' AND languages <> 'da'
                AND languages NOT LIKE '%,%' AND id % 3 = 0",
        )
        .bind(tenant.code())
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
