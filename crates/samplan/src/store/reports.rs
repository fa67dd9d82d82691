//! The rows behind the report catalogue (one query per source, each bound to the
//! municipality and the period; the grouping is in `reports`), managers' report
//! subscriptions, the periods already made, and attachments of outbox mails.
use super::{Store, StoreError, Tenant, now};

/// One person's fact for a report table: the person, their residence basis and the
/// source's values (a status kind, a rule, a date …).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FactRow {
    /// Person id.
    pub person_id: i64,
    /// Residence basis (stored as its code; an unknown code fails the read).
    #[sqlx(try_from = "String")]
    pub residence_basis: crate::domain::ResidenceBasis,
    /// First value (status kind, rule id, unit tenure, temporary-since day).
    pub a: Option<String>,
    /// Second value (rule title, permanent-since day).
    pub b: Option<String>,
    /// Third value (due day).
    pub c: Option<String>,
    /// Fourth value (met-on day).
    pub d: Option<String>,
}

/// A manager's subscription to a report.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct SubscriptionRow {
    /// Row id.
    pub id: i64,
    /// The municipality.
    pub municipality_code: String,
    /// The subscriber.
    pub user_id: i64,
    /// Report id.
    pub report_id: String,
    /// `monthly` or `quarterly`.
    pub frequency: String,
    /// When subscribed.
    pub created_at: String,
}

/// Persons counted by the first of a report's status kinds they had in the period and
/// their residence basis.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StatusCount {
    /// The place in the asked kinds of the first one the persons had; `None` for none.
    pub first: Option<i64>,
    /// Residence basis (stored as its code; an unknown code fails the read).
    #[sqlx(try_from = "String")]
    pub residence_basis: crate::domain::ResidenceBasis,
    /// How many persons.
    pub persons: i64,
}

/// Persons counted by a deadline rule (as of one version and title) and its outcome.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DeadlineCount {
    /// Rule id.
    pub rule_id: String,
    /// Rule version.
    pub rule_version: i64,
    /// The rule's title in that version.
    pub title: String,
    /// `in_time`, `late` or `not_met`.
    pub outcome: String,
    /// How many persons (a person has one deadline per rule).
    pub persons: i64,
}

/// Placeholders `$4, $5, …` for the status kinds a report asks for (none matches nothing).
fn kind_list(kinds: &[String]) -> String {
    if kinds.is_empty() {
        return "NULL".into();
    }
    (0..kinds.len()).map(|i| format!("${}", i + 4)).collect::<Vec<_>>().join(", ")
}

/// The place of `s.kind` among the kinds bound at `$4, $5, …` (NULL when none).
fn kind_place(kinds: &[String]) -> String {
    if kinds.is_empty() {
        return "NULL".into();
    }
    let cases: String = (0..kinds.len()).map(|i| format!(" WHEN ${} THEN {i}", i + 4)).collect();
    format!("CASE s.kind{cases} END")
}

impl Store {
    /// Persons with a `programme` period overlapping `from..=to`, counted by the first of
    /// `kinds` they also had in the period and their residence basis. Counted where the
    /// rows are: a large municipality has over 10 000 such persons.
    pub async fn report_programme_status(&self, tenant: &Tenant, from: &str, to: &str, kinds: &[String]) -> Result<Vec<StatusCount>, StoreError> {
        let per_person = format!(
            "SELECT CAST(MIN({place}) AS BIGINT) AS first, p.residence_basis
             FROM person_status g
             JOIN person p ON p.id = g.person_id AND p.municipality_code = g.municipality_code
             LEFT JOIN person_status s ON s.person_id = p.id AND s.municipality_code = p.municipality_code AND s.kind IN ({list})
                  AND s.from_day <= $3 AND (s.to_day IS NULL OR s.to_day >= $2)
             WHERE g.municipality_code = $1 AND g.kind = 'programme' AND g.from_day <= $3 AND (g.to_day IS NULL OR g.to_day >= $2)
             GROUP BY p.id, p.residence_basis",
            place = kind_place(kinds),
            list = kind_list(kinds)
        );
        self.status_counts(&per_person, tenant, from, to, kinds).await
    }

    /// Persons with a status period of `kinds` overlapping the period, counted by the
    /// first of `kinds` they had and their residence basis.
    pub async fn report_status_spells(&self, tenant: &Tenant, from: &str, to: &str, kinds: &[String]) -> Result<Vec<StatusCount>, StoreError> {
        let per_person = format!(
            "SELECT CAST(MIN({place}) AS BIGINT) AS first, p.residence_basis
             FROM person_status s JOIN person p ON p.id = s.person_id AND p.municipality_code = s.municipality_code
             WHERE s.municipality_code = $1 AND s.from_day <= $3 AND (s.to_day IS NULL OR s.to_day >= $2) AND s.kind IN ({list})
             GROUP BY p.id, p.residence_basis",
            place = kind_place(kinds),
            list = kind_list(kinds)
        );
        self.status_counts(&per_person, tenant, from, to, kinds).await
    }

    /// Counts the rows of `per_person` (a person's `first` and residence basis, bound to
    /// the municipality, the period and `kinds` as `$1, $2, $3, $4…`) by both.
    async fn status_counts(&self, per_person: &str, tenant: &Tenant, from: &str, to: &str, kinds: &[String]) -> Result<Vec<StatusCount>, StoreError> {
        let sql = format!("SELECT first, residence_basis, COUNT(*) AS persons FROM ({per_person}) x GROUP BY first, residence_basis");
        let q = sqlx::query_as(&sql).bind(tenant.code()).bind(from).bind(to);
        Ok(kinds.iter().fold(q, |q, k| q.bind(k)).fetch_all(self.stale_pool()).await?)
    }

    /// Deadlines due in the period, counted by rule (version and title) and outcome: met
    /// in time, met late or not met.
    pub async fn report_deadlines(&self, tenant: &Tenant, from: &str, to: &str) -> Result<Vec<DeadlineCount>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT rule_id, rule_version, title, outcome, COUNT(*) AS persons FROM (
                 SELECT d.rule_id, CAST(d.rule_version AS BIGINT) AS rule_version, d.title,
                        CASE WHEN d.met_on IS NULL THEN 'not_met' WHEN d.met_on <= d.due THEN 'in_time' ELSE 'late' END AS outcome
                 FROM person_deadline d JOIN person p ON p.id = d.person_id AND p.municipality_code = d.municipality_code
                 WHERE d.municipality_code = $1 AND d.due >= $2 AND d.due <= $3) x
             GROUP BY rule_id, rule_version, title, outcome",
        )
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_all(self.stale_pool())
        .await?)
    }

    /// Members of households that moved into permanent housing in the period
    /// (`a` temporary since, `b` permanent since).
    pub async fn report_housing_moves(&self, tenant: &Tenant, from: &str, to: &str) -> Result<Vec<FactRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.id AS person_id, p.residence_basis, h.temporary_since AS a, h.permanent_since AS b, NULL AS c, NULL AS d
             FROM housing_need h JOIN person p ON p.family_id = h.family_id AND p.municipality_code = h.municipality_code
             WHERE h.municipality_code = $1 AND h.permanent_since >= $2 AND h.permanent_since <= $3 ORDER BY p.id",
        )
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_all(self.stale_pool())
        .await?)
    }

    /// Members of households whose placement was approved or overridden in the period
    /// (`a` the unit's tenure).
    pub async fn report_housing_placements(&self, tenant: &Tenant, from: &str, to: &str) -> Result<Vec<FactRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.id AS person_id, p.residence_basis, u.tenure AS a, NULL AS b, NULL AS c, NULL AS d
             FROM housing_placement hp
             JOIN housing_unit u ON u.municipality_code = hp.municipality_code AND u.code = hp.unit_code
             JOIN person p ON p.family_id = hp.family_id AND p.municipality_code = hp.municipality_code
             WHERE hp.municipality_code = $1 AND hp.status IN ('approved', 'overridden')
               AND substr(hp.decided_at, 1, 10) >= $2 AND substr(hp.decided_at, 1, 10) <= $3 ORDER BY p.id",
        )
        .bind(tenant.code())
        .bind(from)
        .bind(to)
        .fetch_all(self.stale_pool())
        .await?)
    }

    /// A user's subscriptions.
    pub async fn report_subscriptions(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<SubscriptionRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, municipality_code, user_id, report_id, frequency, created_at FROM report_subscription WHERE municipality_code = $1 AND user_id = $2 ORDER BY id",
        )
        .bind(tenant.code())
        .bind(user_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every subscription of every municipality, for the scheduled run.
    pub async fn all_report_subscriptions(&self) -> Result<Vec<SubscriptionRow>, StoreError> {
        Ok(sqlx::query_as("SELECT id, municipality_code, user_id, report_id, frequency, created_at FROM report_subscription ORDER BY id")
            .fetch_all(self.pool())
            .await?)
    }

    /// Subscribes a user (a repeated subscription is a conflict).
    pub async fn add_report_subscription(&self, tenant: &Tenant, user_id: i64, report_id: &str, frequency: &str) -> Result<i64, StoreError> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO report_subscription (municipality_code, user_id, report_id, frequency, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(tenant.code())
        .bind(user_id)
        .bind(report_id)
        .bind(frequency)
        .bind(now())
        .fetch_one(self.pool())
        .await
        .map_err(|e| StoreError::from_insert(e, "abonnementet"))?;
        Ok(id)
    }

    /// Ends a user's subscription; false when not theirs.
    pub async fn remove_report_subscription(&self, tenant: &Tenant, user_id: i64, id: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let owned: Option<(i64,)> = sqlx::query_as("SELECT id FROM report_subscription WHERE municipality_code = $1 AND user_id = $2 AND id = $3")
            .bind(tenant.code())
            .bind(user_id)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Ok(false);
        }
        sqlx::query("DELETE FROM report_delivery WHERE subscription_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM report_subscription WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Queues one period's report for a subscription: the delivery row, the mail and its
    /// attachment in one transaction. False (and nothing queued) when that period was
    /// already made, so a second run or a second server makes it once.
    #[expect(clippy::too_many_arguments, reason = "the mail's parts are stored in one transaction with the period")]
    pub async fn queue_report_delivery(
        &self,
        subscription_id: i64,
        tenant: &Tenant,
        period: (&str, &str),
        to_address: &str,
        subject: &str,
        body: &str,
        attachment: (&str, &str, &[u8]),
    ) -> Result<bool, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let claimed = sqlx::query(
            "INSERT INTO report_delivery (subscription_id, period_from, period_to, mail_id, made_at)
             SELECT $1, $2, $3, NULL, $4 WHERE NOT EXISTS (SELECT 1 FROM report_delivery WHERE subscription_id = $1 AND period_from = $2)",
        )
        .bind(subscription_id)
        .bind(period.0)
        .bind(period.1)
        .bind(&at)
        .execute(&mut *tx)
        .await;
        let claimed = match claimed {
            Ok(done) => done.rows_affected() == 1,
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => false,
            Err(e) => return Err(e.into()),
        };
        if !claimed {
            return Ok(false);
        }
        let mail_id = super::notifications::insert_mail(&mut tx, tenant.code(), to_address, subject, body).await?;
        sqlx::query("INSERT INTO email_attachment (mail_id, file_name, content_type, data) VALUES ($1, $2, $3, $4)")
            .bind(mail_id)
            .bind(attachment.0)
            .bind(attachment.1)
            .bind(attachment.2)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE report_delivery SET mail_id = $1 WHERE subscription_id = $2 AND period_from = $3")
            .bind(mail_id)
            .bind(subscription_id)
            .bind(period.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A mail's attachments: (file name, content type, bytes).
    pub async fn mail_attachments(&self, mail_id: i64) -> Result<Vec<(String, String, Vec<u8>)>, StoreError> {
        Ok(sqlx::query_as("SELECT file_name, content_type, data FROM email_attachment WHERE mail_id = $1 ORDER BY id")
            .bind(mail_id)
            .fetch_all(self.pool())
            .await?)
    }
}
