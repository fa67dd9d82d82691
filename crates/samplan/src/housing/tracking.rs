//! Temporary → permanent housing: how long a household has been in temporary housing,
//! and the legal deadline for a permanent home where the rule set has one. The shipped
//! rule set has no such deadline today, so the time is shown and the page says so.
use crate::domain::chrono_day;
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

/// The household's status on `today`.
pub fn status(n: &NeedRow, today: NaiveDate) -> HousingStatus {
    let (temporary, permanent) = (n.temporary_since, n.permanent_since);
    let days = temporary.map(|t| (permanent.map_or(today, chrono_day) - chrono_day(t)).num_days().max(0));
    let (state, label) = match (permanent, temporary) {
        (Some(p), _) => ("permanent", format!("Permanent bolig siden {}", p.danish())),
        (None, Some(t)) if n.temporary_unit_code.is_some() => {
            ("temporary", format!("Midlertidig bolig siden {} ({} dage); med i næste runde for en permanent bolig", t.danish(), days.unwrap_or(0)))
        }
        (None, Some(t)) => ("temporary", format!("Midlertidig bolig siden {} ({} dage)", t.danish(), days.unwrap_or(0))),
        (None, None) => ("waiting", format!("Venter på bolig siden {}", n.registered_on.danish())),
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
            registered_on: calendar::Date::parse("2026-08-01").unwrap(),
            temporary_since: temporary.map(|d| calendar::Date::parse(d).unwrap()),
            permanent_since: permanent.map(|d| calendar::Date::parse(d).unwrap()),
            temporary_unit_code: None,
        }
    }

    #[test]
    fn time_in_temporary_housing_counts_days_until_today_or_the_permanent_home() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let s = status(&need(None, None), today);
        assert_eq!((s.state, s.label.as_str()), ("waiting", "Venter på bolig siden 01.08.2026"));
        let s = status(&need(Some("2026-11-01"), None), today);
        assert_eq!((s.state, s.days_in_temporary), ("temporary", Some(22)));
        assert_eq!(s.label, "Midlertidig bolig siden 01.11.2026 (22 dage)");
        let s = status(&need(Some("2026-11-01"), Some("2026-11-11")), today);
        assert_eq!((s.state, s.days_in_temporary, s.label.as_str()), ("permanent", Some(10), "Permanent bolig siden 11.11.2026"));
        assert!(s.permanent_deadline.is_none());
    }
}
