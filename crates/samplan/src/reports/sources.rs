//! The closed vocabulary of report sources: each turns one SQL query's rows (from
//! `store::reports`) into person counts by two dimensions. A person is counted once
//! per table. Sources over many persons (statuses, deadlines) are counted in the query.
//! To point a report at a new table (an employment or Danish-education module's own
//! records), add a source here and name it in `reports.toml`.
use super::{Counts, TableDefinition};
use crate::domain::ResidenceBasis;
use crate::store::Tenant;
use crate::store::reports::{DeadlineCount, StatusCount};
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

/// The sources a table may name.
pub const SOURCES: &[&str] = &["programme_status", "status_spells", "deadlines", "housing_moves", "housing_placements"];

/// Checks a table definition's source and parameters.
pub fn check(t: &TableDefinition) -> Result<(), String> {
    if !SOURCES.contains(&t.source.as_str()) {
        return Err(format!("kilden «{}» findes ikke; brug en af: {}", t.source, SOURCES.join(", ")));
    }
    for s in &t.statuses {
        if indicators::StatusKind::from_key(s).is_none() {
            return Err(format!("status «{s}» findes ikke"));
        }
    }
    if matches!(t.source.as_str(), "programme_status" | "status_spells") && t.statuses.is_empty() {
        return Err("kilden kræver mindst én status i `statuses`".into());
    }
    Ok(())
}

fn bases() -> Vec<(String, String)> {
    ResidenceBasis::ALL.iter().map(|b| (b.code().to_string(), b.label().to_string())).collect()
}

fn status_label(key: &str) -> String {
    indicators::StatusKind::from_key(key).map(|k| k.label().to_string()).unwrap_or_else(|| "Ingen af disse".to_string())
}

/// A table of `rows` × `columns` (keys and labels) with each `(row key, column key,
/// persons)` added to its cell; keys outside the table are not counted.
fn tally<'a>(
    rows: Vec<(String, String)>,
    columns: Vec<(String, String)>,
    row_heading: &'static str,
    counted: impl IntoIterator<Item = (&'a str, &'a str, u64)>,
) -> Counts {
    let mut cells = vec![vec![0u64; columns.len()]; rows.len()];
    for (r, c, n) in counted {
        if let (Some(i), Some(j)) = (rows.iter().position(|x| x.0 == r), columns.iter().position(|x| x.0 == c)) {
            cells[i][j] += n;
        }
    }
    Counts { rows, columns, cells, row_heading }
}

/// Each person's (row key, column key) counted once.
fn per_person(persons: &BTreeMap<i64, (String, String)>) -> impl Iterator<Item = (&str, &str, u64)> {
    persons.values().map(|(r, c)| (r.as_str(), c.as_str(), 1))
}

/// A table of status counts: rows are `rows` (status keys and labels), columns the
/// residence bases; a count's status is the `first` of `statuses` (else `none`).
fn status_table(statuses: &[String], rows: Vec<(String, String)>, found: &[StatusCount]) -> Counts {
    let counted = found.iter().map(|c| {
        let status = c.first.and_then(|i| usize::try_from(i).ok()).and_then(|i| statuses.get(i)).map_or("none", String::as_str);
        (status, c.residence_basis.code(), u64::try_from(c.persons).unwrap_or(0))
    });
    tally(rows, bases(), "Status", counted)
}

/// Time-in-temporary-housing bands (key, label, up to days).
const BANDS: &[(&str, &str, i64)] =
    &[("0-3", "Under 3 måneder", 91), ("3-6", "3–6 måneder", 182), ("6-12", "6–12 måneder", 365), ("12+", "Over 12 måneder", i64::MAX)];

/// The band of a stay from `temporary` to `permanent` (`none` without a temporary stay).
pub fn band(temporary: Option<&str>, permanent: Option<&str>) -> String {
    let (Some(t), Some(p)) = (temporary.and_then(|t| calendar::Date::parse(t).ok()), permanent.and_then(|p| calendar::Date::parse(p).ok())) else {
        return "none".into();
    };
    let days = t.days_until(p);
    if days <= 0 {
        return "none".into();
    }
    BANDS.iter().find(|b| days < b.2).map(|b| b.0).unwrap_or("12+").to_string()
}

/// The counts of one table for a municipality and period. `deadlines` keeps the period's
/// deadline counts once read, for the next table of the same report that counts them.
pub async fn counts(
    store: &Store,
    t: &TableDefinition,
    tenant: &Tenant,
    from: &str,
    to: &str,
    deadlines: &mut Option<Vec<DeadlineCount>>,
) -> Result<Counts, StoreError> {
    Ok(match t.source.as_str() {
        "programme_status" => {
            let found = store.report_programme_status(tenant, from, to, &t.statuses).await?;
            let rows = t.statuses.iter().map(|s| (s.clone(), status_label(s))).chain([("none".to_string(), "Ingen af disse".to_string())]).collect();
            status_table(&t.statuses, rows, &found)
        }
        "status_spells" => {
            let found = store.report_status_spells(tenant, from, to, &t.statuses).await?;
            status_table(&t.statuses, t.statuses.iter().map(|s| (s.clone(), status_label(s))).collect(), &found)
        }
        "deadlines" => {
            if deadlines.is_none() {
                *deadlines = Some(store.report_deadlines(tenant, from, to).await?);
            }
            let found: Vec<&DeadlineCount> =
                deadlines.iter().flatten().filter(|c| t.rules.is_empty() || t.rules.iter().any(|p| c.rule_id.starts_with(p.as_str()))).collect();
            // Each rule under the title of its newest version.
            let mut rules: BTreeMap<&str, (i64, &str)> = BTreeMap::new();
            for c in &found {
                let newest = rules.entry(&c.rule_id).or_insert((c.rule_version, &c.title));
                if (c.rule_version, c.title.as_str()) > *newest {
                    *newest = (c.rule_version, &c.title);
                }
            }
            let columns =
                vec![("in_time".into(), "Opfyldt til tiden".into()), ("late".into(), "Opfyldt for sent".into()), ("not_met".into(), "Ikke opfyldt".into())];
            let rows: Vec<(String, String)> =
                rules.into_iter().map(|(id, (_, title))| (id.to_string(), if title.is_empty() { id } else { title }.to_string())).collect();
            tally(rows, columns, "Frist", found.iter().map(|c| (c.rule_id.as_str(), c.outcome.as_str(), u64::try_from(c.persons).unwrap_or(0))))
        }
        "housing_moves" => {
            let facts = store.report_housing_moves(tenant, from, to).await?;
            let persons = facts.iter().map(|r| (r.person_id, (r.residence_basis.code().to_string(), band(r.a.as_deref(), r.b.as_deref())))).collect();
            let columns = std::iter::once(("none".to_string(), "Ingen midlertidig bolig".to_string()))
                .chain(BANDS.iter().map(|b| (b.0.to_string(), b.1.to_string())))
                .collect();
            tally(bases(), columns, "Opholdsgrundlag", per_person(&persons))
        }
        "housing_placements" => {
            let facts = store.report_housing_placements(tenant, from, to).await?;
            let persons = facts.iter().map(|r| (r.person_id, (r.a.clone().unwrap_or_default(), r.residence_basis.code().to_string()))).collect();
            let rows = vec![("permanent".to_string(), "Permanent bolig".to_string()), ("temporary".to_string(), "Midlertidig bolig".to_string())];
            tally(rows, bases(), "Boligtype", per_person(&persons))
        }
        _ => Counts { rows: Vec::new(), columns: Vec::new(), cells: Vec::new(), row_heading: "" },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands() {
        assert_eq!(band(Some("2026-01-01"), Some("2026-02-01")), "0-3");
        assert_eq!(band(Some("2026-01-01"), Some("2026-05-01")), "3-6");
        assert_eq!(band(Some("2025-01-01"), Some("2026-05-01")), "12+");
        assert_eq!(band(None, Some("2026-05-01")), "none");
    }
}
