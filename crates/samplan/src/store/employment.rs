//! Employment tables: companies, their contacts, openings, persons' employment profiles,
//! matching proposals with their pairs, IGU courses and the business dialogue log.
//! Every statement is bound to the municipality; lists are paged by id (key cursors, decision 006).
use super::access::{Reach, condition};
use super::{Store, StoreError, Tenant, now};

/// A company as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CompanyRow {
    /// Row id.
    pub id: i64,
    /// CVR number, 8 digits.
    pub cvr: String,
    /// Name.
    pub name: String,
    /// DB07 section letter (A–U).
    pub industry: String,
    /// Street address.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// Ordinary employees (for the ratio rule).
    pub staff_count: i64,
    /// 1 for a public employer.
    pub public_employer: i64,
    /// Who created it.
    pub created_by: String,
    /// Last change.
    pub updated_at: String,
}

/// The fields of a company to store, already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyFields {
    /// CVR number.
    pub cvr: String,
    /// Name.
    pub name: String,
    /// DB07 section letter.
    pub industry: String,
    /// Street address.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// Ordinary employees.
    pub staff_count: i64,
    /// Public employer.
    pub public_employer: bool,
}

/// A contact person at a company.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ContactRow {
    /// Row id.
    pub id: i64,
    /// The company.
    pub company_id: i64,
    /// Name.
    pub name: String,
    /// Role at the company (e.g. «HR-ansvarlig»).
    pub role: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
}

/// An opening as stored, with its company's name and how many seats are taken.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OpeningRow {
    /// Row id.
    pub id: i64,
    /// The company.
    pub company_id: i64,
    /// The company's name.
    pub company_name: String,
    /// `OpeningKind` code.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Postal code of the workplace.
    pub postal_code: String,
    /// First day.
    #[sqlx(try_from = "String")]
    pub start_day: calendar::Date,
    /// Last day, if it ends.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub end_day: Option<calendar::Date>,
    /// Hours a week.
    pub weekly_hours: f64,
    /// Time slots as JSON (`[{"weekday":1,"from":"08:00","to":"15:00"}]`).
    pub slots: String,
    /// Number of seats.
    pub seats: i64,
    /// Required skills, comma-separated.
    pub skills: String,
    /// ISCO-08 major group of the work.
    pub isco_major: Option<i64>,
    /// Required DU track (0: none).
    pub danish_track: i64,
    /// Required DU module.
    pub danish_module: i64,
    /// 1 when a driving licence is required.
    pub driving_licence: i64,
    /// Languages spoken at the workplace, comma-separated ISO 639 codes.
    pub languages: String,
    /// 1 when the company has declared the subsidised job an extra job (merbeskæftigelse).
    pub extra_jobs: i64,
    /// `open` or `closed`.
    pub status: String,
    /// Seats taken by accepted pairs.
    pub taken: i64,
    /// The company's ordinary employees (the ratio rule).
    pub company_staff: i64,
    /// 1 when the company is a public employer.
    pub public_employer: i64,
}

/// The fields of an opening to store, already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct OpeningFields {
    /// The company.
    pub company_id: i64,
    /// `OpeningKind` code.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Postal code.
    pub postal_code: String,
    /// First day.
    pub start_day: calendar::Date,
    /// Last day.
    pub end_day: Option<calendar::Date>,
    /// Hours a week.
    pub weekly_hours: f64,
    /// Slots as JSON.
    pub slots: String,
    /// Seats.
    pub seats: i64,
    /// Skills, comma-separated.
    pub skills: String,
    /// ISCO-08 major group.
    pub isco_major: Option<i64>,
    /// DU track required (0: none).
    pub danish_track: i64,
    /// DU module required.
    pub danish_module: i64,
    /// Driving licence required.
    pub driving_licence: bool,
    /// Languages, comma-separated.
    pub languages: String,
    /// Extra jobs declared.
    pub extra_jobs: bool,
    /// `open` or `closed`.
    pub status: String,
}

/// A person's employment profile as stored.
#[derive(Debug, Clone, PartialEq, Default, sqlx::FromRow)]
pub struct ProfileRow {
    /// The person.
    pub person_id: i64,
    /// Skills, comma-separated.
    pub skills: String,
    /// Work experience, free text.
    pub experience: String,
    /// ISCO-08 major group of the experience.
    pub isco_major: Option<i64>,
    /// `EducationLevel` code.
    pub education_level: String,
    /// DU track (0: none).
    pub danish_track: i64,
    /// DU module passed or reached.
    pub danish_module: i64,
    /// 1 with a driving licence.
    pub driving_licence: i64,
    /// Hours a week the person can work.
    pub hours_available: f64,
    /// 1 when job-ready (in the matching round).
    pub job_ready: i64,
    /// Who last changed it.
    pub updated_by: String,
    /// When.
    pub updated_at: String,
}

/// A candidate for matching: a person within reach, their profile and home (read from
/// JSON too, by `samplan match-round`).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Deserialize)]
pub struct CandidateRow {
    /// The person.
    pub person_id: i64,
    /// Given names.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// ISO birth date.
    pub birth_date: String,
    /// Residence basis (stored and written in JSON as its code; an unknown code fails the read).
    #[sqlx(try_from = "String")]
    #[serde(with = "crate::domain::person::residence_code")]
    pub residence_basis: crate::domain::ResidenceBasis,
    /// ISO arrival date.
    pub arrival_date: Option<String>,
    /// Family.
    pub family_id: Option<i64>,
    /// The family's postal code.
    pub home_postal_code: Option<String>,
    /// Languages spoken, comma-separated ISO 639-1 codes.
    pub languages: String,
    /// Skills.
    pub skills: String,
    /// ISCO-08 major group.
    pub isco_major: Option<i64>,
    /// Education level code.
    pub education_level: String,
    /// DU track.
    pub danish_track: i64,
    /// DU module.
    pub danish_module: i64,
    /// Driving licence.
    pub driving_licence: i64,
    /// Hours available.
    pub hours_available: f64,
    /// Job-ready.
    pub job_ready: i64,
    /// ISO takeover date (whether the person is in the introduction programme).
    pub takeover_date: Option<String>,
}

/// An accepted company-based offer of a person (praktik or løntilskud), for the offer
/// limits' deadlines.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OfferRow {
    /// The pair.
    pub pair_id: i64,
    /// `OpeningKind` code.
    pub kind: String,
    /// The opening's title.
    pub title: String,
    /// The company's name.
    pub company_name: String,
    /// 1 for a public employer.
    pub public_employer: i64,
    /// The opening's first day.
    #[sqlx(try_from = "String")]
    pub start_day: calendar::Date,
    /// The opening's last day.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub end_day: Option<calendar::Date>,
    /// When the pair was accepted (timestamp).
    pub decided_at: Option<String>,
    /// 1 when the person's profile says job-ready.
    pub job_ready: i64,
}

/// An accepted pair of one of several persons ([`Store::offers_of_persons`]).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PersonOfferRow {
    /// The person.
    pub person_id: i64,
    /// The pair and its opening.
    #[sqlx(flatten)]
    pub offer: OfferRow,
}

/// A pair of a proposal as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PairRow {
    /// Row id.
    pub id: i64,
    /// The proposal.
    pub proposal_id: i64,
    /// The opening.
    pub opening_id: i64,
    /// The person.
    pub person_id: i64,
    /// Fit.
    pub score: i64,
    /// Danish reasons, one a line.
    pub reasons: String,
    /// `proposed`, `accepted` or `overridden`.
    pub decision: String,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// Why (overrides; optional note on acceptance).
    pub reason: Option<String>,
    /// The plan action made on acceptance.
    pub action_id: Option<i64>,
}

/// A proposal as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProposalRow {
    /// Row id.
    pub id: i64,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// Total fit.
    pub total_score: i64,
    /// Pairs.
    pub pair_count: i64,
}

/// A new pair of a proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPair {
    /// The opening.
    pub opening_id: i64,
    /// The person.
    pub person_id: i64,
    /// Fit.
    pub score: i64,
    /// Reasons, one a line.
    pub reasons: String,
}

/// An IGU course as stored, with the employer's name.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct IguRow {
    /// Row id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The employer.
    pub company_id: i64,
    /// The employer's name.
    pub company_name: String,
    /// First day.
    #[sqlx(try_from = "String")]
    pub start_day: calendar::Date,
    /// Last day.
    #[sqlx(try_from = "String")]
    pub end_day: calendar::Date,
    /// Planned school weeks.
    pub school_weeks_planned: i64,
    /// Taken school weeks.
    pub school_weeks_taken: i64,
    /// Average weekly work hours so far.
    pub work_hours_average: f64,
    /// Last change.
    pub updated_at: String,
}

/// An IGU course with its person's name, for the list of every course.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct IguListRow {
    /// The course.
    #[sqlx(flatten)]
    pub course: IguRow,
    /// The person's given names.
    pub given_name: String,
    /// The person's family name.
    pub family_name: String,
}

/// The checked fields of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct IguFields {
    /// Employer.
    pub company_id: i64,
    /// First day.
    pub start: calendar::Date,
    /// Last day, from the rule set.
    pub end: calendar::Date,
    /// Planned school weeks.
    pub planned: i64,
    /// Taken school weeks.
    pub taken: i64,
    /// Average weekly work hours.
    pub hours: f64,
}

/// An entry of the business dialogue log.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct DialogueRow {
    /// Row id.
    pub id: i64,
    /// The company, if the contact was with one.
    pub company_id: Option<i64>,
    /// Its name, or the union or other counterpart.
    pub counterpart: String,
    /// ISO date of the contact.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub day: calendar::Date,
    /// Who took part.
    pub who: String,
    /// What was talked about.
    pub what: String,
    /// ISO date to follow up.
    #[sqlx(try_from = "super::day::OptionalDay")]
    #[schema(value_type = Option<String>)]
    pub follow_up_day: Option<calendar::Date>,
    /// 1 when the follow-up is done.
    pub follow_up_done: i64,
    /// The consultant who logged it (and follows up).
    pub user_id: i64,
}

/// A new dialogue entry, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDialogue {
    /// The company.
    pub company_id: Option<i64>,
    /// The counterpart's name.
    pub counterpart: String,
    /// The day of the contact.
    pub day: calendar::Date,
    /// Who took part.
    pub who: String,
    /// What.
    pub what: String,
    /// The day to follow up.
    pub follow_up_day: Option<calendar::Date>,
}

const COMPANY: &str = "id, cvr, name, industry, street, postal_code, staff_count, public_employer, created_by, updated_at";
const OPENING: &str = "o.id, o.company_id, c.name AS company_name, o.kind, o.title, o.postal_code, o.start_day, o.end_day, o.weekly_hours, o.slots, o.seats, o.skills, o.isco_major, o.danish_track, o.danish_module, o.driving_licence, o.languages, o.extra_jobs, o.status,
    (SELECT COUNT(*) FROM match_pair t WHERE t.opening_id = o.id AND t.decision = 'accepted') AS taken, c.staff_count AS company_staff, c.public_employer";
const PROFILE: &str = "person_id, skills, experience, isco_major, education_level, danish_track, danish_module, driving_licence, hours_available, job_ready, updated_by, updated_at";
const PAIR: &str = "id, proposal_id, opening_id, person_id, score, reasons, decision, decided_by, decided_at, reason, action_id";

impl Store {
    /// Companies of the municipality by id after `after`, at most `limit`; `query`
    /// filters on name or CVR.
    pub async fn companies(&self, tenant: &Tenant, query: &str, after: i64, limit: i64) -> Result<Vec<CompanyRow>, StoreError> {
        let like = format!("%{}%", query.trim().to_lowercase());
        Ok(sqlx::query_as(&format!(
            "SELECT {COMPANY} FROM company WHERE municipality_code = $1 AND id > $2 AND (LOWER(name) LIKE $3 OR cvr LIKE $3) ORDER BY id LIMIT $4"
        ))
        .bind(tenant.code())
        .bind(after)
        .bind(like)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// One company.
    pub async fn company(&self, tenant: &Tenant, id: i64) -> Result<Option<CompanyRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {COMPANY} FROM company WHERE municipality_code = $1 AND id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Stores a new company; its id. A CVR number already registered is a `Conflict`.
    pub async fn add_company(&self, tenant: &Tenant, f: &CompanyFields, by: &str) -> Result<i64, StoreError> {
        let t = now();
        sqlx::query_scalar(
            "INSERT INTO company (municipality_code, cvr, name, industry, street, postal_code, staff_count, public_employer, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(tenant.code())
        .bind(&f.cvr)
        .bind(&f.name)
        .bind(&f.industry)
        .bind(&f.street)
        .bind(&f.postal_code)
        .bind(f.staff_count)
        .bind(i64::from(f.public_employer))
        .bind(by)
        .bind(t)
        .fetch_one(self.pool())
        .await
        .map_err(|e| StoreError::from_insert(e, "CVR-nummeret"))
    }

    /// Changes a company; `false` when there is none.
    pub async fn update_company(&self, tenant: &Tenant, id: i64, f: &CompanyFields) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE company SET cvr = $3, name = $4, industry = $5, street = $6, postal_code = $7, staff_count = $8, public_employer = $9, updated_at = $10
             WHERE municipality_code = $1 AND id = $2",
        )
        .bind(tenant.code())
        .bind(id)
        .bind(&f.cvr)
        .bind(&f.name)
        .bind(&f.industry)
        .bind(&f.street)
        .bind(&f.postal_code)
        .bind(f.staff_count)
        .bind(i64::from(f.public_employer))
        .bind(now())
        .execute(self.pool())
        .await
        .map_err(|e| StoreError::from_insert(e, "CVR-nummeret"))?
        .rows_affected();
        Ok(n == 1)
    }

    /// A company's contacts.
    pub async fn company_contacts(&self, tenant: &Tenant, company_id: i64) -> Result<Vec<ContactRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, company_id, name, role, phone, email FROM company_contact WHERE municipality_code = $1 AND company_id = $2 ORDER BY id")
            .bind(tenant.code())
            .bind(company_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Adds a contact to a company of the municipality; its id, or `None` when the
    /// company is not the municipality's.
    pub async fn add_company_contact(
        &self,
        tenant: &Tenant,
        company_id: i64,
        name: &str,
        role: &str,
        phone: &str,
        email: &str,
    ) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO company_contact (municipality_code, company_id, name, role, phone, email, created_at)
             SELECT $1, id, $3, $4, $5, $6, $7 FROM company WHERE municipality_code = $1 AND id = $2 RETURNING id",
        )
        .bind(tenant.code())
        .bind(company_id)
        .bind(name)
        .bind(role)
        .bind(phone)
        .bind(email)
        .bind(now())
        .fetch_optional(self.pool())
        .await?)
    }

    /// Openings of the municipality by id after `after`, at most `limit`; only open
    /// ones when `open_only`, only one company's when `company` is given.
    pub async fn openings(&self, tenant: &Tenant, open_only: bool, company: Option<i64>, after: i64, limit: i64) -> Result<Vec<OpeningRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OPENING} FROM opening o JOIN company c ON c.id = o.company_id
             WHERE o.municipality_code = $1 AND o.id > $2 AND ($3 = 0 OR o.status = 'open') AND ($4 = 0 OR o.company_id = $5)
             ORDER BY o.id LIMIT $6"
        ))
        .bind(tenant.code())
        .bind(after)
        .bind(i64::from(open_only))
        .bind(i64::from(company.is_some()))
        .bind(company.unwrap_or(0))
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// One opening.
    pub async fn opening(&self, tenant: &Tenant, id: i64) -> Result<Option<OpeningRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {OPENING} FROM opening o JOIN company c ON c.id = o.company_id WHERE o.municipality_code = $1 AND o.id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Stores a new opening of one of the municipality's companies; its id, or `None`
    /// when the company is not the municipality's.
    pub async fn add_opening(&self, tenant: &Tenant, f: &OpeningFields, by: &str) -> Result<Option<i64>, StoreError> {
        let t = now();
        Ok(sqlx::query_scalar(
            "INSERT INTO opening (municipality_code, company_id, kind, title, postal_code, start_day, end_day, weekly_hours, slots, seats, skills, isco_major,
                 danish_track, danish_module, driving_licence, languages, extra_jobs, status, created_by, created_at, updated_at)
             SELECT $1, id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20
             FROM company WHERE municipality_code = $1 AND id = $2 RETURNING id",
        )
        .bind(tenant.code())
        .bind(f.company_id)
        .bind(&f.kind)
        .bind(&f.title)
        .bind(&f.postal_code)
        .bind(f.start_day.to_string())
        .bind(super::day::text(f.end_day))
        .bind(f.weekly_hours)
        .bind(&f.slots)
        .bind(f.seats)
        .bind(&f.skills)
        .bind(f.isco_major)
        .bind(f.danish_track)
        .bind(f.danish_module)
        .bind(i64::from(f.driving_licence))
        .bind(&f.languages)
        .bind(i64::from(f.extra_jobs))
        .bind(&f.status)
        .bind(by)
        .bind(t)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Changes an opening; `false` when there is none (or the company is not the municipality's).
    pub async fn update_opening(&self, tenant: &Tenant, id: i64, f: &OpeningFields) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE opening SET company_id = $3, kind = $4, title = $5, postal_code = $6, start_day = $7, end_day = $8, weekly_hours = $9, slots = $10,
                 seats = $11, skills = $12, isco_major = $13, danish_track = $14, danish_module = $15, driving_licence = $16, languages = $17,
                 extra_jobs = $18, status = $19, updated_at = $20
             WHERE municipality_code = $1 AND id = $2 AND EXISTS (SELECT 1 FROM company c WHERE c.id = $3 AND c.municipality_code = $1)",
        )
        .bind(tenant.code())
        .bind(id)
        .bind(f.company_id)
        .bind(&f.kind)
        .bind(&f.title)
        .bind(&f.postal_code)
        .bind(f.start_day.to_string())
        .bind(super::day::text(f.end_day))
        .bind(f.weekly_hours)
        .bind(&f.slots)
        .bind(f.seats)
        .bind(&f.skills)
        .bind(f.isco_major)
        .bind(f.danish_track)
        .bind(f.danish_module)
        .bind(i64::from(f.driving_licence))
        .bind(&f.languages)
        .bind(i64::from(f.extra_jobs))
        .bind(&f.status)
        .bind(now())
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// A person's employment profile.
    pub async fn employment_profile(&self, tenant: &Tenant, person_id: i64) -> Result<Option<ProfileRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {PROFILE} FROM employment_profile WHERE municipality_code = $1 AND person_id = $2"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Stores a person's employment profile (insert or replace); `false` when the
    /// person is not the municipality's.
    pub async fn save_employment_profile(&self, tenant: &Tenant, p: &ProfileRow) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM person WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(p.person_id)
            .fetch_one(&mut *tx)
            .await?;
        if known != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM employment_profile WHERE municipality_code = $1 AND person_id = $2")
            .bind(tenant.code())
            .bind(p.person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO employment_profile (person_id, municipality_code, skills, experience, isco_major, education_level, danish_track, danish_module,
                 driving_licence, hours_available, job_ready, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(p.person_id)
        .bind(tenant.code())
        .bind(&p.skills)
        .bind(&p.experience)
        .bind(p.isco_major)
        .bind(&p.education_level)
        .bind(p.danish_track)
        .bind(p.danish_module)
        .bind(p.driving_licence)
        .bind(p.hours_available)
        .bind(p.job_ready)
        .bind(&p.updated_by)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The persons within `reach` that have an employment profile (only job-ready ones
    /// when `ready_only`; only `person` when given), with their home postal code. One query.
    pub async fn candidates(&self, tenant: &Tenant, reach: &Reach, ready_only: bool, person: Option<i64>) -> Result<Vec<CandidateRow>, StoreError> {
        let sql = format!(
            "SELECT p.id AS person_id, p.given_name, p.family_name, p.birth_date, p.residence_basis, p.arrival_date, p.family_id, f.postal_code AS home_postal_code, p.languages,
                    e.skills, e.isco_major, e.education_level, e.danish_track, e.danish_module, e.driving_licence, e.hours_available, e.job_ready, p.takeover_date
             FROM employment_profile e JOIN person p ON p.id = e.person_id LEFT JOIN family f ON f.id = p.family_id
             WHERE e.municipality_code = $1 AND p.municipality_code = $1 AND ($2 = 0 OR e.job_ready = 1) AND ($3 = 0 OR p.id = $4) AND {}
             ORDER BY p.id",
            condition("p.id", 5)
        );
        let q = sqlx::query_as(&sql).bind(tenant.code()).bind(i64::from(ready_only)).bind(i64::from(person.is_some())).bind(person.unwrap_or(0));
        Ok(reach.bind_as(tenant.code(), q).fetch_all(self.pool()).await?)
    }

    /// A person's accepted praktik and løntilskud pairs with their openings, oldest first.
    pub async fn person_offers(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<OfferRow>, StoreError> {
        Ok(self.offers_of_persons(tenant, &[person_id]).await?.into_iter().map(|o| o.offer).collect())
    }

    /// The accepted praktik and løntilskud pairs of the persons among `ids`, by person,
    /// then as [`Store::person_offers`] orders them.
    pub async fn offers_of_persons(&self, tenant: &Tenant, ids: &[i64]) -> Result<Vec<PersonOfferRow>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(super::IDS_PER_QUERY) {
            let sql = format!(
                "SELECT t.person_id, t.id AS pair_id, o.kind, o.title, c.name AS company_name, c.public_employer, o.start_day, o.end_day, t.decided_at,
                        COALESCE((SELECT e.job_ready FROM employment_profile e WHERE e.municipality_code = $1 AND e.person_id = t.person_id), 0) AS job_ready
                 FROM match_pair t JOIN opening o ON o.id = t.opening_id JOIN company c ON c.id = o.company_id
                 WHERE o.municipality_code = $1 AND t.person_id IN ({}) AND t.decision = 'accepted' AND o.kind IN ('virksomhedspraktik', 'loentilskud')
                 ORDER BY t.person_id, o.start_day, t.id",
                super::id_list(chunk)
            );
            out.extend(sqlx::query_as(&sql).bind(tenant.code()).fetch_all(self.pool()).await?);
        }
        Ok(out)
    }

    /// The Danish education records (referrals and passed module tests) of the persons
    /// with an employment profile (or of `person` alone), two queries whatever their
    /// number; the Danish education module turns them into a level.
    pub async fn profile_du_records(
        &self,
        tenant: &Tenant,
        person: Option<i64>,
    ) -> Result<(Vec<super::danish_education::CourseRow>, Vec<super::danish_education::ModuleTestRow>), StoreError> {
        let of_profiles = "person_id IN (SELECT person_id FROM employment_profile WHERE municipality_code = $1) AND ($2 = 0 OR person_id = $3)";
        let courses = sqlx::query_as(&format!(
            "SELECT {} FROM du_course WHERE municipality_code = $1 AND {of_profiles} ORDER BY person_id, referred_on DESC, id DESC",
            super::danish_education::COURSE
        ))
        .bind(tenant.code())
        .bind(i64::from(person.is_some()))
        .bind(person.unwrap_or(0))
        .fetch_all(self.pool())
        .await?;
        let tests = sqlx::query_as(&format!(
            "SELECT {} FROM du_module_test WHERE municipality_code = $1 AND passed = 1 AND {of_profiles} ORDER BY person_id, taken_on, id",
            super::danish_education::TEST
        ))
        .bind(tenant.code())
        .bind(i64::from(person.is_some()))
        .bind(person.unwrap_or(0))
        .fetch_all(self.pool())
        .await?;
        Ok((courses, tests))
    }

    /// Placements as the indicators' facts (`goals::records`): every accepted pair as
    /// (person, the opening's kind, first day, the opening's end), the first day being the
    /// opening's start or the day of acceptance if later; every IGU course as `igu`.
    pub async fn placement_facts(&self, tenant: &Tenant) -> Result<Vec<super::goals::DatedFact>, StoreError> {
        type Pair = (i64, String, String, Option<String>, Option<String>);
        let pairs: Vec<Pair> = sqlx::query_as(
            "SELECT t.person_id, o.kind, o.start_day, o.end_day, t.decided_at FROM match_pair t JOIN opening o ON o.id = t.opening_id
             WHERE t.municipality_code = $1 AND t.decision = 'accepted' ORDER BY t.person_id, t.id",
        )
        .bind(tenant.code())
        .fetch_all(self.stale_pool())
        .await?;
        let courses: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT person_id, start_day, end_day FROM igu_course WHERE municipality_code = $1 ORDER BY person_id, id")
                .bind(tenant.code())
                .fetch_all(self.stale_pool())
                .await?;
        let mut out: Vec<super::goals::DatedFact> = pairs
            .into_iter()
            .map(|(person_id, kind, start, until, decided)| {
                let decided_day = decided.as_deref().and_then(|d| d.get(..10)).unwrap_or("").to_string();
                super::goals::DatedFact { person_id, kind, day: start.max(decided_day), until }
            })
            .collect();
        out.extend(courses.into_iter().map(|(person_id, day, until)| super::goals::DatedFact { person_id, kind: "igu".into(), day, until: Some(until) }));
        Ok(out)
    }

    /// Persons (of `ids`) with an accepted pair in an opening that is still open, with that opening.
    pub async fn placed_persons(&self, tenant: &Tenant) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT t.person_id, t.opening_id FROM match_pair t JOIN opening o ON o.id = t.opening_id
             WHERE t.municipality_code = $1 AND t.decision = 'accepted' AND o.status = 'open'",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Stores a proposal and its pairs in one transaction; its id.
    pub async fn add_proposal(&self, tenant: &Tenant, by: &str, total: i64, pairs: &[NewPair]) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO match_proposal (municipality_code, created_by, created_at, total_score, pair_count) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(tenant.code())
        .bind(by)
        .bind(now())
        .bind(total)
        .bind(pairs.len() as i64)
        .fetch_one(&mut *tx)
        .await?;
        for p in pairs {
            sqlx::query(
                "INSERT INTO match_pair (municipality_code, proposal_id, opening_id, person_id, score, reasons, decision) VALUES ($1, $2, $3, $4, $5, $6, 'proposed')",
            )
            .bind(tenant.code())
            .bind(id)
            .bind(p.opening_id)
            .bind(p.person_id)
            .bind(p.score)
            .bind(&p.reasons)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The municipality's latest proposals, newest first.
    pub async fn proposals(&self, tenant: &Tenant, limit: i64) -> Result<Vec<ProposalRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, created_by, created_at, total_score, pair_count FROM match_proposal WHERE municipality_code = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(tenant.code())
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// One proposal.
    pub async fn proposal(&self, tenant: &Tenant, id: i64) -> Result<Option<ProposalRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, created_by, created_at, total_score, pair_count FROM match_proposal WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// A proposal's pairs whose person is within `reach`, by opening and person.
    pub async fn pairs(&self, tenant: &Tenant, reach: &Reach, proposal_id: i64) -> Result<Vec<PairRow>, StoreError> {
        let sql = format!(
            "SELECT {PAIR} FROM match_pair WHERE municipality_code = $1 AND proposal_id = $2 AND {} ORDER BY opening_id, person_id",
            condition("person_id", 3)
        );
        Ok(reach.bind_as(tenant.code(), sqlx::query_as(&sql).bind(tenant.code()).bind(proposal_id)).fetch_all(self.pool()).await?)
    }

    /// One pair.
    pub async fn pair(&self, tenant: &Tenant, id: i64) -> Result<Option<PairRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {PAIR} FROM match_pair WHERE municipality_code = $1 AND id = $2"))
            .bind(tenant.code())
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// A person's pairs, newest first.
    pub async fn person_pairs(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<PairRow>, StoreError> {
        Ok(sqlx::query_as(&format!("SELECT {PAIR} FROM match_pair WHERE municipality_code = $1 AND person_id = $2 ORDER BY id DESC"))
            .bind(tenant.code())
            .bind(person_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Records the decision on a pair that is still proposed; `false` when it was decided already.
    pub async fn decide_pair(&self, tenant: &Tenant, id: i64, decision: &str, by: &str, reason: &str, action_id: Option<i64>) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE match_pair SET decision = $3, decided_by = $4, decided_at = $5, reason = $6, action_id = $7
             WHERE municipality_code = $1 AND id = $2 AND decision = 'proposed'",
        )
        .bind(tenant.code())
        .bind(id)
        .bind(decision)
        .bind(by)
        .bind(now())
        .bind(reason)
        .bind(action_id)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(n == 1)
    }
    /// The current plan document of every family with a member who has an employment
    /// profile (family id, JSON). One query.
    pub async fn candidate_plans(&self, tenant: &Tenant) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT v.family_id, v.document FROM plan_version v
             JOIN (SELECT family_id, MAX(version) AS version FROM plan_version WHERE municipality_code = $1 GROUP BY family_id) m
               ON m.family_id = v.family_id AND m.version = v.version
             WHERE v.municipality_code = $1 AND v.family_id IN (
               SELECT p.family_id FROM employment_profile e JOIN person p ON p.id = e.person_id WHERE e.municipality_code = $1)",
        )
        .bind(tenant.code())
        .fetch_all(self.pool())
        .await?)
    }

    /// Children born after `born_after` in families with a member who has an employment
    /// profile (id, family id). One query.
    pub async fn candidate_young_children(&self, tenant: &Tenant, born_after: calendar::Date) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.family_id FROM person c
             WHERE c.municipality_code = $1 AND c.family_role = 'child' AND c.birth_date > $2 AND c.family_id IN (
               SELECT p.family_id FROM employment_profile e JOIN person p ON p.id = e.person_id WHERE e.municipality_code = $1)",
        )
        .bind(tenant.code())
        .bind(born_after.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// Records the plan action made for an accepted pair.
    pub async fn set_pair_action(&self, tenant: &Tenant, id: i64, action_id: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE match_pair SET action_id = $3 WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(id)
            .bind(action_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Puts a pair back to proposed (when making its plan action failed).
    pub async fn reopen_pair(&self, tenant: &Tenant, id: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE match_pair SET decision = 'proposed', decided_by = NULL, decided_at = NULL, reason = NULL, action_id = NULL WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// A person's IGU courses, by start.
    pub async fn igu_courses(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<IguRow>, StoreError> {
        self.igu_courses_of_persons(tenant, &[person_id]).await
    }

    /// The IGU courses of the persons among `ids`, by person, then by start.
    pub async fn igu_courses_of_persons(&self, tenant: &Tenant, ids: &[i64]) -> Result<Vec<IguRow>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(super::IDS_PER_QUERY) {
            let sql = format!(
                "SELECT g.id, g.person_id, g.company_id, c.name AS company_name, g.start_day, g.end_day, g.school_weeks_planned, g.school_weeks_taken,
                        g.work_hours_average, g.updated_at
                 FROM igu_course g JOIN company c ON c.id = g.company_id WHERE g.municipality_code = $1 AND g.person_id IN ({})
                 ORDER BY g.person_id, g.start_day, g.id",
                super::id_list(chunk)
            );
            out.extend(sqlx::query_as(&sql).bind(tenant.code()).fetch_all(self.pool()).await?);
        }
        Ok(out)
    }

    /// A page of the IGU courses of the persons within `reach`, by id after `after`: one
    /// query whatever the number of persons.
    pub async fn igu_courses_page(&self, tenant: &Tenant, reach: &Reach, after: i64, limit: i64) -> Result<Vec<IguListRow>, StoreError> {
        let sql = format!(
            "SELECT g.id, g.person_id, g.company_id, c.name AS company_name, g.start_day, g.end_day, g.school_weeks_planned, g.school_weeks_taken,
                    g.work_hours_average, g.updated_at, p.given_name, p.family_name
             FROM igu_course g JOIN company c ON c.id = g.company_id JOIN person p ON p.id = g.person_id
             WHERE g.municipality_code = $1 AND p.municipality_code = $1 AND g.id > $2 AND {}
             ORDER BY g.id LIMIT $3",
            condition("g.person_id", 4)
        );
        let q = sqlx::query_as(&sql).bind(tenant.code()).bind(after).bind(limit);
        Ok(reach.bind_as(tenant.code(), q).fetch_all(self.pool()).await?)
    }

    /// Records an IGU course; its id.
    pub async fn add_igu_course(&self, tenant: &Tenant, person_id: i64, f: &IguFields, by: &str) -> Result<i64, StoreError> {
        let t = now();
        Ok(sqlx::query_scalar(
            "INSERT INTO igu_course (municipality_code, person_id, company_id, start_day, end_day, school_weeks_planned, school_weeks_taken, work_hours_average, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(f.company_id)
        .bind(f.start.to_string())
        .bind(f.end.to_string())
        .bind(f.planned)
        .bind(f.taken)
        .bind(f.hours)
        .bind(by)
        .bind(t)
        .fetch_one(self.pool())
        .await?)
    }

    /// Updates an IGU course; `false` when there is none.
    pub async fn update_igu_course(&self, tenant: &Tenant, person_id: i64, id: i64, f: &IguFields) -> Result<bool, StoreError> {
        let n = sqlx::query(
            "UPDATE igu_course SET company_id = $4, start_day = $5, end_day = $6, school_weeks_planned = $7, school_weeks_taken = $8, work_hours_average = $9, updated_at = $10
             WHERE municipality_code = $1 AND person_id = $2 AND id = $3",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(id)
        .bind(f.company_id)
        .bind(f.start.to_string())
        .bind(f.end.to_string())
        .bind(f.planned)
        .bind(f.taken)
        .bind(f.hours)
        .bind(now())
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Logs a contact with a company or union; its id, or `None` when the company is not the municipality's.
    pub async fn add_dialogue(&self, tenant: &Tenant, d: &NewDialogue, user_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO business_dialogue (municipality_code, company_id, counterpart, day, who, what, follow_up_day, follow_up_done, user_id, created_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, 0, $8, $9 WHERE $2 IS NULL OR EXISTS (SELECT 1 FROM company c WHERE c.id = $2 AND c.municipality_code = $1)
             RETURNING id",
        )
        .bind(tenant.code())
        .bind(d.company_id)
        .bind(&d.counterpart)
        .bind(d.day.to_string())
        .bind(&d.who)
        .bind(&d.what)
        .bind(super::day::text(d.follow_up_day))
        .bind(user_id)
        .bind(now())
        .fetch_optional(self.pool())
        .await?)
    }

    /// The dialogue log, newest first, paged by id (`before`: ids below it); only one company's when given.
    pub async fn dialogues(&self, tenant: &Tenant, company: Option<i64>, before: i64, limit: i64) -> Result<Vec<DialogueRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, company_id, counterpart, day, who, what, follow_up_day, follow_up_done, user_id FROM business_dialogue
             WHERE municipality_code = $1 AND id < $2 AND ($3 = 0 OR company_id = $4) ORDER BY id DESC LIMIT $5",
        )
        .bind(tenant.code())
        .bind(before)
        .bind(i64::from(company.is_some()))
        .bind(company.unwrap_or(0))
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// A user's open follow-ups due on or before `until`, soonest first.
    pub async fn follow_ups(&self, tenant: &Tenant, user_id: i64, until: calendar::Date) -> Result<Vec<DialogueRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, company_id, counterpart, day, who, what, follow_up_day, follow_up_done, user_id FROM business_dialogue
             WHERE municipality_code = $1 AND user_id = $2 AND follow_up_done = 0 AND follow_up_day IS NOT NULL AND follow_up_day <= $3
             ORDER BY follow_up_day, id",
        )
        .bind(tenant.code())
        .bind(user_id)
        .bind(until.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// Marks a follow-up done; `false` when there is none.
    pub async fn finish_follow_up(&self, tenant: &Tenant, id: i64) -> Result<bool, StoreError> {
        let n = sqlx::query("UPDATE business_dialogue SET follow_up_done = 1 WHERE municipality_code = $1 AND id = $2")
            .bind(tenant.code())
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(n == 1)
    }
}

/// A person's work duty reduced by the jobcentre's decision, as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct WorkDutyReductionRow {
    /// Row id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The kind of reduction (`health`), matched with the rule set's `hours_reduction` key.
    pub kind: String,
    /// The weekly hours required instead.
    pub hours: i64,
    /// First day.
    #[sqlx(try_from = "String")]
    pub from_day: calendar::Date,
    /// Last day; `None` until further notice.
    #[sqlx(try_from = "super::day::OptionalDay")]
    pub to_day: Option<calendar::Date>,
    /// Why, in the caseworker's words.
    pub reason: String,
    /// Who recorded it.
    pub created_by: String,
    /// When.
    pub created_at: String,
}

/// A reduction to store, already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkDutyReductionFields {
    /// The kind (`health`).
    pub kind: String,
    /// Weekly hours required instead.
    pub hours: i64,
    /// First day.
    pub from_day: calendar::Date,
    /// Last day, if any.
    pub to_day: Option<calendar::Date>,
    /// Why.
    pub reason: String,
}

const REDUCTION_COLUMNS: &str = "r.id, r.person_id, r.kind, r.hours, r.from_day, r.to_day, r.reason, r.created_by, r.created_at";

impl Store {
    /// Records a reduction of a person's work duty; its id.
    pub async fn add_work_duty_reduction(&self, tenant: &Tenant, person_id: i64, f: &WorkDutyReductionFields, by: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO work_duty_reduction (municipality_code, person_id, kind, hours, from_day, to_day, reason, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(tenant.code())
        .bind(person_id)
        .bind(&f.kind)
        .bind(f.hours)
        .bind(f.from_day.to_string())
        .bind(super::day::text(f.to_day))
        .bind(&f.reason)
        .bind(by)
        .bind(now())
        .fetch_one(self.pool())
        .await?)
    }

    /// One person's reductions, newest first.
    pub async fn work_duty_reductions(&self, tenant: &Tenant, person_id: i64) -> Result<Vec<WorkDutyReductionRow>, StoreError> {
        let sql = format!(
            "SELECT {REDUCTION_COLUMNS} FROM work_duty_reduction r WHERE r.municipality_code = $1 AND r.person_id = $2 ORDER BY r.from_day DESC, r.id DESC"
        );
        Ok(sqlx::query_as(&sql).bind(tenant.code()).bind(person_id).fetch_all(self.pool()).await?)
    }

    /// The reductions of a family's members: one query for the family's week.
    pub async fn family_work_duty_reductions(&self, tenant: &Tenant, family_id: i64) -> Result<Vec<WorkDutyReductionRow>, StoreError> {
        let sql = format!(
            "SELECT {REDUCTION_COLUMNS} FROM work_duty_reduction r JOIN person p ON p.id = r.person_id
             WHERE r.municipality_code = $1 AND p.municipality_code = $1 AND p.family_id = $2 ORDER BY r.id"
        );
        Ok(sqlx::query_as(&sql).bind(tenant.code()).bind(family_id).fetch_all(self.pool()).await?)
    }

    /// Every reduction of the municipality in force on or after `from`: one query for
    /// the coordinator's overview, whatever the number of families (reductions are few).
    pub async fn municipality_work_duty_reductions(&self, tenant: &Tenant, from: calendar::Date) -> Result<Vec<WorkDutyReductionRow>, StoreError> {
        let sql = format!(
            "SELECT {REDUCTION_COLUMNS} FROM work_duty_reduction r WHERE r.municipality_code = $1 AND (r.to_day IS NULL OR r.to_day >= $2) ORDER BY r.id"
        );
        Ok(sqlx::query_as(&sql).bind(tenant.code()).bind(from.to_string()).fetch_all(self.pool()).await?)
    }
}
