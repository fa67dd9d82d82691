//! Temporary → permanent housing: how long a household has been in temporary housing,
//! and the legal deadline for a permanent home where the rule set has one. The shipped
//! rule set has no such deadline today, so the time is shown and the page says so.
use crate::store::housing::NeedRow;
use chrono::NaiveDate;

/// Where a household stands on its way to a permanent home.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct HousingStatus {
    /// `waiting`, `temporary` or `permanent`.
    pub state: &'static str,
    /// Danish label.
    pub label: String,
    /// Days in temporary housing so far (or until the permanent home), when it had any.
    pub days_in_temporary: Option<i64>,
    /// The legal deadline for a permanent home; none in the rule set today.
    pub permanent_deadline: Option<String>,
}

/// The text shown where a deadline would be.
pub const NO_DEADLINE: &str = "Der er ingen lovbestemt frist for permanent bolig i regelsættet; tiden i midlertidig bolig vises til opfølgning.";

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The household's status on `today`.
pub fn status(n: &NeedRow, today: NaiveDate) -> HousingStatus {
    let temporary = n.temporary_since.as_deref().and_then(date);
    let permanent = n.permanent_since.as_deref().and_then(date);
    let days = temporary.map(|t| (permanent.unwrap_or(today) - t).num_days().max(0));
    let (state, label) = match (permanent, temporary) {
        (Some(p), _) => ("permanent", format!("Permanent bolig siden {p}")),
        (None, Some(t)) if n.temporary_unit_code.is_some() => {
            ("temporary", format!("Midlertidig bolig siden {t} ({} dage); med i næste runde for en permanent bolig", days.unwrap_or(0)))
        }
        (None, Some(t)) => ("temporary", format!("Midlertidig bolig siden {t} ({} dage)", days.unwrap_or(0))),
        (None, None) => ("waiting", format!("Venter på bolig siden {}", n.registered_on)),
    };
    HousingStatus { state, label, days_in_temporary: days, permanent_deadline: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(temporary: Option<&str>, permanent: Option<&str>) -> NeedRow {
        NeedRow {
            family_id: 1,
            family_name: "Familien Haddad".into(),
            adults: 2,
            children: 1,
            max_rent: 7000,
            needs_accessible: 0,
            anchors: String::new(),
            registered_on: "2026-08-01".into(),
            temporary_since: temporary.map(Into::into),
            permanent_since: permanent.map(Into::into),
            temporary_unit_code: None,
        }
    }

    #[test]
    fn time_in_temporary_housing_counts_days_until_today_or_the_permanent_home() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(status(&need(None, None), today).state, "waiting");
        let s = status(&need(Some("2026-11-01"), None), today);
        assert_eq!((s.state, s.days_in_temporary), ("temporary", Some(22)));
        assert!(s.label.contains("22 dage"));
        let s = status(&need(Some("2026-11-01"), Some("2026-11-11")), today);
        assert_eq!((s.state, s.days_in_temporary), ("permanent", Some(10)));
        assert!(s.permanent_deadline.is_none());
    }
}
