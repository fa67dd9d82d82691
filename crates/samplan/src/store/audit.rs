//! The append-only audit log: who read or changed what, when, in which request, from where.
//!
//! This module can only insert and select. The database refuses UPDATE and DELETE on the
//! table by trigger, so not even a bug here could rewrite history.
use super::{Store, StoreError, Tenant, now};

/// A closed set of texts the audit log stores: an enum whose `as_str` is the stored
/// text and whose `parse` reads it back (an unknown text is an error naming it).
macro_rules! audit_texts {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $(#[doc = concat!("`", $text, "`")] $variant,)+ }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The text stored in the audit log.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The value whose stored text is `text`.
            pub fn parse(text: &str) -> Result<$name, UnknownAuditText> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(UnknownAuditText { kind: stringify!($name), text: other.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownAuditText;

            fn from_str(text: &str) -> Result<$name, UnknownAuditText> {
                $name::parse(text)
            }
        }
    };
}

/// A text in the audit log that is no known action or entity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is no {kind}")]
pub struct UnknownAuditText {
    /// `AuditAction` or `AuditEntity`.
    pub kind: &'static str,
    /// The text.
    pub text: String,
}

audit_texts!(
    /// What was done, as the audit log stores it.
    AuditAction {
        Read => "read",
        Create => "create",
        Update => "update",
        Delete => "delete",
        Share => "share",
        Submit => "submit",
        ConfirmRead => "confirm_read",
        Export => "export",
        Decision => "decision",
        Approve => "approve",
        RequestChanges => "request_changes",
        Reject => "reject",
        Login => "login",
        LoginFailed => "login_failed",
        Logout => "logout",
        TokenCreated => "token_created",
    }
);

audit_texts!(
    /// To what kind of thing it was done, as the audit log stores it.
    AuditEntity {
        Person => "person",
        Family => "family",
        FamilyPlan => "family_plan",
        Consent => "consent",
        Referral => "referral",
        Organisation => "organisation",
        ConcernNote => "concern_note",
        HomeVisit => "home_visit",
        HomeVisitNote => "home_visit_note",
        Notification => "notification",
        PlanSetting => "plan_setting",
        LoginLink => "login_link",
        CitizenAccount => "citizen_account",
        Session => "session",
        User => "user",
        AuditLog => "audit_log",
        ClosedDay => "closed_day",
        RuleOverride => "rule_override",
        DuSetting => "du_setting",
        FritidspasSettings => "fritidspas_settings",
        HousingArea => "housing_area",
        HousingUnit => "housing_unit",
        HousingNeed => "housing_need",
        HousingPlacement => "housing_placement",
        HousingEmploymentModel => "housing_employment_model",
        MatchProposal => "match_proposal",
        Company => "company",
        CompanyContact => "company_contact",
        BusinessDialogue => "business_dialogue",
        Opening => "opening",
        Offer => "offer",
        Forecast => "forecast",
        ForecastCapacity => "forecast_capacity",
        Indicators => "indicators",
        LocalGoal => "local_goal",
        Partnership => "partnership",
        PartnershipMember => "partnership_member",
        AdvisoryNote => "advisory_note",
        ExchangeMeeting => "exchange_meeting",
        Report => "report",
        ReportSubscription => "report_subscription",
        ReportDelivery => "report_delivery",
        CouncilMember => "council_member",
        CouncilMeeting => "council_meeting",
        CouncilAgendaItem => "council_agenda_item",
        CouncilRecommendation => "council_recommendation",
        KnowledgeMethod => "knowledge_method",
        KnowledgeVersion => "knowledge_version",
        KnowledgeComment => "knowledge_comment",
        KnowledgeAttachment => "knowledge_attachment",
        Translation => "translation",
    }
);

/// One event to record.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    /// Tenant the data belongs to (none for events outside any municipality).
    pub municipality_code: Option<String>,
    /// Acting user (none for a failed login of an unknown name).
    pub user_id: Option<i64>,
    /// Login of the acting user, or the name tried.
    pub user_login: String,
    /// What was done.
    pub action: AuditAction,
    /// To what kind of thing.
    pub entity: AuditEntity,
    /// Id of the entity, when there is one.
    pub entity_id: Option<String>,
    /// What was read or changed (field names, never CPR numbers).
    pub detail: String,
    /// The request's id (`x-request-id`).
    pub request_id: String,
    /// The client's address.
    pub remote_addr: String,
}

/// A recorded event, as stored: its action and entity are the texts of
/// [`AuditAction`] and [`AuditEntity`] (`AuditAction::parse` reads them), kept as text
/// so that the log shows every row as it was written.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct AuditRow {
    /// Sequence number.
    pub id: i64,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// Tenant.
    pub municipality_code: Option<String>,
    /// Acting user id.
    pub user_id: Option<i64>,
    /// Acting user login.
    pub user_login: String,
    /// What was done.
    pub action: String,
    /// To what kind of thing.
    pub entity: String,
    /// Which one.
    pub entity_id: Option<String>,
    /// Details.
    pub detail: String,
    /// Request id.
    pub request_id: String,
    /// Client address.
    pub remote_addr: String,
}

/// Filters for reading the log; all optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this login.
    pub user_login: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// Only this entity kind.
    pub entity: Option<String>,
    /// Only this entity id.
    pub entity_id: Option<String>,
    /// From this date (inclusive, `YYYY-MM-DD`).
    pub from: Option<String>,
    /// To this date (inclusive, `YYYY-MM-DD`).
    pub to: Option<String>,
}

impl Store {
    /// Appends events in one transaction, in their order, a hundred rows per statement.
    pub async fn audit(&self, events: &[AuditEvent]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        insert(&mut tx, events).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest events of a municipality matching the filter, at most `limit`.
    pub async fn audit_log(&self, tenant: &Tenant, f: &AuditFilter, limit: i64) -> Result<Vec<AuditRow>, StoreError> {
        self.audit_log_page(tenant, f, limit, None).await
    }

    /// One page of [`Store::audit_log`]: `limit` events older than event `before`
    /// (newest first; events written meanwhile do not shift the pages).
    pub async fn audit_log_page(&self, tenant: &Tenant, f: &AuditFilter, limit: i64, before: Option<i64>) -> Result<Vec<AuditRow>, StoreError> {
        // Unset filters bind NULL and match everything, so the SQL stays one fixed text.
        let to_end = f.to.as_ref().map(|d| format!("{d}T23:59:59Z"));
        Ok(sqlx::query_as(
            "SELECT id, at, municipality_code, user_id, user_login, action, entity, entity_id, detail, request_id, remote_addr
             FROM audit_log WHERE municipality_code = $1
               AND ($2 IS NULL OR user_login = $2) AND ($3 IS NULL OR action = $3)
               AND ($4 IS NULL OR entity = $4) AND ($5 IS NULL OR entity_id = $5)
               AND ($6 IS NULL OR at >= $6) AND ($7 IS NULL OR at <= $7) AND ($9 IS NULL OR id < $9)
             ORDER BY id DESC LIMIT $8",
        )
        .bind(tenant.code())
        .bind(&f.user_login)
        .bind(&f.action)
        .bind(&f.entity)
        .bind(&f.entity_id)
        .bind(&f.from)
        .bind(to_end)
        .bind(limit)
        .bind(before)
        .fetch_all(self.pool())
        .await?)
    }
}

/// Appends events within `tx`, in their order, a hundred rows per statement: the one
/// insert into the audit log, for [`Store::audit`] and a unit of work.
pub(super) async fn insert(tx: &mut sqlx::Transaction<'static, sqlx::Any>, events: &[AuditEvent]) -> Result<(), StoreError> {
    const ROWS: usize = 100;
    let at = now();
    let backend = super::Backend::of(tx);
    for chunk in events.chunks(ROWS) {
        let sql = format!(
            "INSERT INTO audit_log (at, municipality_code, user_id, user_login, action, entity, entity_id, detail, request_id, remote_addr)
             VALUES {}",
            backend.placeholder_rows(&super::placeholder_row(10), chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for e in chunk {
            q = q
                .bind(&at)
                .bind(&e.municipality_code)
                .bind(e.user_id)
                .bind(&e.user_login)
                .bind(e.action.as_str())
                .bind(e.entity.as_str())
                .bind(&e.entity_id)
                .bind(&e.detail)
                .bind(&e.request_id)
                .bind(&e.remote_addr);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action and entity the audit log holds: what earlier versions wrote, which
    /// old rows keep, must still parse to a value that writes the same text.
    const STORED_ACTIONS: [&str; 16] = [
        "read",
        "create",
        "update",
        "delete",
        "share",
        "submit",
        "confirm_read",
        "export",
        "decision",
        "approve",
        "request_changes",
        "reject",
        "login",
        "login_failed",
        "logout",
        "token_created",
    ];
    const STORED_ENTITIES: [&str; 51] = [
        "person",
        "family",
        "family_plan",
        "consent",
        "referral",
        "organisation",
        "concern_note",
        "home_visit",
        "home_visit_note",
        "notification",
        "plan_setting",
        "login_link",
        "citizen_account",
        "session",
        "user",
        "audit_log",
        "closed_day",
        "rule_override",
        "du_setting",
        "fritidspas_settings",
        "housing_area",
        "housing_unit",
        "housing_need",
        "housing_placement",
        "housing_employment_model",
        "match_proposal",
        "company",
        "company_contact",
        "business_dialogue",
        "opening",
        "offer",
        "forecast",
        "forecast_capacity",
        "indicators",
        "local_goal",
        "partnership",
        "partnership_member",
        "advisory_note",
        "exchange_meeting",
        "report",
        "report_subscription",
        "report_delivery",
        "council_member",
        "council_meeting",
        "council_agenda_item",
        "council_recommendation",
        "knowledge_method",
        "knowledge_version",
        "knowledge_comment",
        "knowledge_attachment",
        "translation",
    ];

    #[test]
    fn every_text_is_unique_and_round_trips() {
        let actions: std::collections::HashSet<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(actions.len(), AuditAction::ALL.len(), "two actions share a text");
        let entities: std::collections::HashSet<&str> = AuditEntity::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(entities.len(), AuditEntity::ALL.len(), "two entities share a text");
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Ok(*a));
        }
        for e in AuditEntity::ALL {
            assert_eq!(e.as_str().parse::<AuditEntity>(), Ok(*e));
        }
    }

    #[test]
    fn the_texts_old_rows_hold_parse_to_the_same_text() {
        for text in STORED_ACTIONS {
            assert_eq!(AuditAction::parse(text).map(AuditAction::as_str), Ok(text));
        }
        for text in STORED_ENTITIES {
            assert_eq!(AuditEntity::parse(text).map(AuditEntity::as_str), Ok(text));
        }
    }

    #[test]
    fn an_unknown_text_is_refused_by_name() {
        let err = AuditAction::parse("Read").unwrap_err();
        assert_eq!(err.to_string(), "\"Read\" is no AuditAction");
        assert_eq!(AuditEntity::parse("persons").unwrap_err().text, "persons");
    }
}
