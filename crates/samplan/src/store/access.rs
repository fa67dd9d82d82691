//! Which persons of a municipality a reader reaches (decision 005), as one SQL condition
//! that every person read and list adds to its query: the rule lives here, and lists,
//! counts and single reads cannot disagree. It has two forms, one for lists and one
//! for a single person, which a test compares person by person on the demo.
use super::{Store, StoreError, Tenant};
use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::{QueryAs, QueryScalar};

/// The persons a reader may read, within their municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Every person of the municipality.
    All,
    /// Only persons linked to `department` (an action of it in the family's current
    /// plan, a referral to it that was not declined; for børn og familie also a child
    /// with a concern note, decision 100; for the language centre a Danish-education
    /// referral that has not ended, decision 090), persons whose live consent shares
    /// with `consent`, and, when `housing`, persons in households in housing placement.
    Linked {
        /// The department whose actions and referrals link (`None`: none).
        department: Option<String>,
        /// The department that live consents must share with (`None`: none).
        consent: Option<String>,
        /// Households waiting, proposed, placed or released in housing placement.
        housing: bool,
        /// Today (ISO date): consents given later are not live yet.
        today: String,
    },
}

/// The SQL condition that `column` (a person id) is reached; it uses the six
/// placeholders `$first` … `$first+5`, which [`Reach::bind_as`] and [`Reach::bind_scalar`]
/// fill in that order.
pub fn condition(column: &str, first: usize) -> String {
    let [all, municipality, department, consent, housing, today] = std::array::from_fn(|i| format!("${}", first + i));
    format!(
        "({all} = 1 OR {column} IN (
            SELECT l.person_id FROM plan_department_link l
             WHERE l.municipality_code = {municipality} AND l.department = {department} AND l.person_id IS NOT NULL
            UNION SELECT f.id FROM person f JOIN plan_department_link l ON l.family_id = f.family_id
             WHERE l.municipality_code = {municipality} AND l.department = {department} AND l.person_id IS NULL
            UNION SELECT r.person_id FROM referral r
             WHERE r.municipality_code = {municipality} AND r.to_department = {department} AND r.status <> 'declined'
            UNION SELECT n.child_id FROM concern_note n
             WHERE n.municipality_code = {municipality} AND {department} = 'born_og_familie'
            UNION SELECT d.person_id FROM du_course d
             WHERE d.municipality_code = {municipality} AND {department} = 'sprogcenter'
               AND (d.ended_on IS NULL OR d.ended_on >= {today})
            UNION SELECT c.person_id FROM consent c
             WHERE c.municipality_code = {municipality} AND c.withdrawn_at IS NULL AND c.given_on <= {today}
               AND (',' || c.departments || ',') LIKE ('%,' || {consent} || ',%')
            UNION SELECT h.id FROM person h
             WHERE {housing} = 1 AND h.municipality_code = {municipality} AND h.family_id IN (
               SELECT n.family_id FROM housing_need n WHERE n.municipality_code = {municipality}
               UNION SELECT p.family_id FROM housing_placement p WHERE p.municipality_code = {municipality})))"
    )
}

/// The same rule as [`condition`] for one person: `column` must name the person's id in
/// an outer row, qualified (e.g. `o.id`); the probes' own tables are named `reach_*` so
/// that no outer name is shadowed. Each branch is an index probe for that
/// person, where [`condition`] first collects every reached person of the municipality,
/// which suits lists but costs a department like the language centre, that reaches tens
/// of thousands, 50 ms or more for a single check. Same placeholders as [`condition`].
pub fn condition_one(column: &str, first: usize) -> String {
    let [all, municipality, department, consent, housing, today] = std::array::from_fn(|i| format!("${}", first + i));
    format!(
        "({all} = 1
          OR EXISTS (SELECT 1 FROM plan_department_link reach_l
             WHERE reach_l.person_id = {column} AND reach_l.municipality_code = {municipality} AND reach_l.department = {department})
          OR EXISTS (SELECT 1 FROM person reach_f JOIN plan_department_link reach_l ON reach_l.family_id = reach_f.family_id
             WHERE reach_f.id = {column} AND reach_l.municipality_code = {municipality} AND reach_l.department = {department} AND reach_l.person_id IS NULL)
          OR EXISTS (SELECT 1 FROM referral reach_r
             WHERE reach_r.person_id = {column} AND reach_r.municipality_code = {municipality} AND reach_r.to_department = {department} AND reach_r.status <> 'declined')
          OR ({department} = 'born_og_familie' AND EXISTS (SELECT 1 FROM concern_note reach_n
             WHERE reach_n.child_id = {column} AND reach_n.municipality_code = {municipality}))
          OR ({department} = 'sprogcenter' AND EXISTS (SELECT 1 FROM du_course reach_d
             WHERE reach_d.person_id = {column} AND reach_d.municipality_code = {municipality} AND (reach_d.ended_on IS NULL OR reach_d.ended_on >= {today})))
          OR EXISTS (SELECT 1 FROM consent reach_c
             WHERE reach_c.person_id = {column} AND reach_c.municipality_code = {municipality} AND reach_c.withdrawn_at IS NULL AND reach_c.given_on <= {today}
               AND (',' || reach_c.departments || ',') LIKE ('%,' || {consent} || ',%'))
          OR ({housing} = 1 AND EXISTS (SELECT 1 FROM person reach_h
             WHERE reach_h.id = {column} AND reach_h.municipality_code = {municipality} AND (
               EXISTS (SELECT 1 FROM housing_need reach_n WHERE reach_n.family_id = reach_h.family_id AND reach_n.municipality_code = {municipality})
               OR EXISTS (SELECT 1 FROM housing_placement reach_p WHERE reach_p.family_id = reach_h.family_id AND reach_p.municipality_code = {municipality})))))"
    )
}

/// The SQL condition that family `column` (a family id) has a reached member, or
/// that every person is reached (so families without members stay listed); it uses
/// the same placeholders as [`condition`].
pub fn family_condition(column: &str, first: usize) -> String {
    format!("(${first} = 1 OR EXISTS (SELECT 1 FROM person m WHERE m.family_id = {column} AND {}))", condition("m.id", first))
}

/// The values of [`condition`]'s placeholders, in order.
type Values<'a> = (i64, &'a str, Option<&'a str>, Option<&'a str>, i64, &'a str);

fn values<'a>(reach: &'a Reach, municipality: &'a str) -> Values<'a> {
    match reach {
        Reach::All => (1, municipality, None, None, 0, ""),
        Reach::Linked { department, consent, housing, today } => (0, municipality, department.as_deref(), consent.as_deref(), i64::from(*housing), today),
    }
}

impl Reach {
    /// Binds [`condition`]'s placeholders to a row query.
    pub fn bind_as<'q, O>(&'q self, municipality: &'q str, q: QueryAs<'q, Any, O, AnyArguments<'q>>) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        let (a, m, d, c, h, t) = values(self, municipality);
        q.bind(a).bind(m).bind(d).bind(c).bind(h).bind(t)
    }

    /// Binds [`condition`]'s placeholders to a scalar query.
    pub fn bind_scalar<'q, O>(&'q self, municipality: &'q str, q: QueryScalar<'q, Any, O, AnyArguments<'q>>) -> QueryScalar<'q, Any, O, AnyArguments<'q>> {
        let (a, m, d, c, h, t) = values(self, municipality);
        q.bind(a).bind(m).bind(d).bind(c).bind(h).bind(t)
    }
}

impl Store {
    /// Whether person `id` of the municipality is within `reach`; false also for
    /// another municipality's id.
    pub async fn reaches(&self, tenant: &Tenant, reach: &Reach, id: i64) -> Result<bool, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM person o WHERE o.id = $1 AND o.municipality_code = $2 AND {}", condition_one("o.id", 3));
        let n: i64 = reach.bind_scalar(tenant.code(), sqlx::query_scalar(&sql).bind(id).bind(tenant.code())).fetch_one(self.pool()).await?;
        Ok(n == 1)
    }

    /// Replaces the department links of a family's current plan (inside a plan save).
    pub(super) async fn replace_department_links(
        tx: &mut sqlx::Transaction<'_, Any>,
        municipality_code: &str,
        family_id: i64,
        links: &[(Option<i64>, String)],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM plan_department_link WHERE family_id = $1 AND municipality_code = $2")
            .bind(family_id)
            .bind(municipality_code)
            .execute(&mut **tx)
            .await?;
        for (person, department) in links {
            sqlx::query("INSERT INTO plan_department_link (municipality_code, family_id, person_id, department) VALUES ($1, $2, $3, $4)")
                .bind(municipality_code)
                .bind(family_id)
                .bind(person)
                .bind(department)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}
