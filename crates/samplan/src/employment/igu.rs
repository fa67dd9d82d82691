//! IGU courses per person: employer, start, the end and the school weeks from the rule
//! set (`igu.duration`, `igu.school_weeks` in the version in force on the start), the
//! average weekly work hours against `igu.work_hours`, eligibility by `igu.eligibility`
//! and the start-by date `igu.start_by`. The rules come from the municipality's rule set
//! through the `rules` engine, so an older course is judged by the rules of its own start.
//! [`deadlines`] gives the deadline rows stored with the person's other deadlines (Frister):
//! the next school week, due when the course's pace says it should have been taken.
use super::matching::igu_eligibility;
use crate::app::AppState;
use crate::auth::audit::record;
use crate::auth::{Actor, RequestMeta};
use crate::domain::{FieldError, parse_date};
use crate::error::AppError;
use crate::store::audit::{AuditAction, AuditEntity};
use crate::store::deadlines::NewDeadline;
pub use crate::store::employment::IguFields;
use crate::store::employment::{CandidateRow, IguRow};
use calendar::{Calendar, Date};
use chrono::NaiveDate;
use rules::{Measure, RuleSet};
use serde::{Deserialize, Serialize};

/// What the rule set says about a course starting on a date.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IguRules {
    /// ISO last day (`igu.duration`).
    pub end: String,
    /// Weeks of school in total (`igu.school_weeks`).
    pub school_weeks: u32,
    /// Average weekly work hours at least (`igu.work_hours`).
    pub work_hours: u32,
    /// Latest start (`igu.start_by`), if any.
    pub start_by: Option<String>,
    /// The laws the values come from.
    pub sources: Vec<String>,
}

fn date(d: NaiveDate) -> Option<Date> {
    crate::domain::calendar_day(d)
}

/// The rules for a course starting on `start`, from `rules`.
pub fn rules_for(rules: &RuleSet, start: NaiveDate, calendar: &Calendar) -> Result<IguRules, String> {
    let day = date(start).ok_or("startdatoen kan ikke bruges")?;
    let mut person = rules::Person::new(Date::parse("1990-01-01").map_err(|e| e.to_string())?, rules::ResidenceBasis::Refugee);
    person.events.push(rules::Event { kind: rules::EventKind::IguStart, date: day });
    let derived = rules::derive(rules, &person, day, calendar);
    let period = derived.periods.iter().find(|p| p.rule_id == "igu.duration").ok_or("reglen igu.duration gælder ikke på startdatoen")?;
    let mut sources = vec![format!("{} ({})", period.title, period.source.law)];
    let mut school_weeks = None;
    let mut work_hours = None;
    let mut start_by = None;
    for id in ["igu.school_weeks", "igu.work_hours", "igu.start_by"] {
        let Some(rule) = rules.get(id, day) else { continue };
        match &rule.measure {
            Measure::TotalWeeks { weeks } => school_weeks = Some(*weeks),
            Measure::WeeklyHours { hours, .. } => work_hours = Some(*hours),
            Measure::LatestDate { date } => start_by = Some(date.to_string()),
            _ => continue,
        }
        sources.push(format!("{} ({})", rule.title, rule.source.law));
    }
    Ok(IguRules {
        end: period.ends.to_string(),
        school_weeks: school_weeks.ok_or("reglen igu.school_weeks gælder ikke på startdatoen")?,
        work_hours: work_hours.unwrap_or(0),
        start_by,
        sources,
    })
}

/// A course as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IguInput {
    /// The employer's company id.
    #[serde(default)]
    #[schema(required = true, pattern = "^[1-9][0-9]{0,17}$")]
    pub company_id: String,
    /// ISO start.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub start: String,
    /// School weeks planned in the course.
    #[serde(default)]
    pub school_weeks_planned: String,
    /// School weeks taken so far.
    #[serde(default)]
    pub school_weeks_taken: String,
    /// Average weekly work hours so far.
    #[serde(default)]
    pub work_hours_average: String,
}

/// Checks a course for `person` against the rule set; every error names its field.
pub fn check(i: &IguInput, person: &CandidateRow, rules: &RuleSet, calendar: &Calendar, new: bool) -> Result<IguFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let company_id = i.company_id.trim().parse::<i64>().ok().filter(|c| *c > 0);
    if company_id.is_none() {
        errors.push(FieldError::new("company_id", "vælg arbejdsgiveren"));
    }
    let start = if i.start.trim().is_empty() {
        errors.push(FieldError::new("start", "startdatoen mangler"));
        None
    } else {
        parse_date("start", &i.start).map_err(|e| errors.push(e)).ok()
    };
    let found = start.map(|s| (s, rules_for(rules, s, calendar)));
    let r = match found {
        Some((s, Ok(r))) => {
            if new && let Some(by) = r.start_by.as_deref().filter(|by| s.to_string().as_str() > *by) {
                errors.push(FieldError::new("start", format!("et IGU-forløb skal være startet senest {}", super::day_text(by))));
            }
            if new && let Err(why) = igu_eligibility(rules, person, s) {
                errors.push(FieldError::new("start", why));
            }
            Some(r)
        }
        Some((_, Err(why))) => {
            errors.push(FieldError::new("start", why));
            None
        }
        None => None,
    };
    let count = |field: &'static str, raw: &str, what: &str, errors: &mut Vec<FieldError>| match raw.trim().parse::<i64>() {
        Ok(n) if (0..=104).contains(&n) => Some(n),
        _ if raw.trim().is_empty() => Some(0),
        _ => {
            errors.push(FieldError::new(field, format!("«{}» er ikke et antal uger ({what})", raw.trim())));
            None
        }
    };
    let default_planned = r.as_ref().map_or(0, |r| i64::from(r.school_weeks)).to_string();
    let planned_raw = if i.school_weeks_planned.trim().is_empty() { default_planned.as_str() } else { i.school_weeks_planned.as_str() };
    let planned = count("school_weeks_planned", planned_raw, "planlagte skoleuger", &mut errors);
    let taken = count("school_weeks_taken", &i.school_weeks_taken, "gennemførte skoleuger", &mut errors);
    if let (Some(p), Some(t)) = (planned, taken)
        && t > p
    {
        errors.push(FieldError::new("school_weeks_taken", format!("{t} gennemførte uger er flere end de {p} planlagte")));
    }
    if let (Some(p), Some(r)) = (planned, &r)
        && p < i64::from(r.school_weeks)
    {
        errors.push(FieldError::new("school_weeks_planned", format!("reglen kræver {} skoleuger i alt; der er planlagt {p}", r.school_weeks)));
    }
    let hours = match i.work_hours_average.trim().replace(',', ".") {
        h if h.is_empty() => Some(0.0),
        h => match h.parse::<f64>() {
            Ok(v) if (0.0..=60.0).contains(&v) => Some(v),
            _ => {
                errors.push(FieldError::new("work_hours_average", format!("«{h}» er ikke et timetal mellem 0 og 60")));
                None
            }
        },
    };
    let end = r.as_ref().and_then(|r| Date::parse(&r.end).ok());
    match (company_id, start.and_then(date), end, planned, taken, hours) {
        (Some(company_id), Some(start), Some(end), Some(planned), Some(taken), Some(hours)) if errors.is_empty() => {
            Ok(IguFields { company_id, start, end, planned, taken, hours })
        }
        _ => Err(errors),
    }
}

/// The day by which school week `week` of `total` should be taken: spread evenly over the course.
pub fn week_due(start: NaiveDate, end: NaiveDate, week: i64, total: i64) -> NaiveDate {
    let days = (end - start).num_days().max(1);
    start + chrono::Duration::days(days * week.min(total) / total.max(1))
}

/// A course as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IguView {
    /// Id.
    pub id: i64,
    /// Employer.
    pub company_id: i64,
    /// Employer's name.
    pub company_name: String,
    /// ISO start.
    pub start: String,
    /// ISO end.
    pub end: String,
    /// Planned school weeks.
    pub school_weeks_planned: i64,
    /// Taken school weeks.
    pub school_weeks_taken: i64,
    /// Average weekly work hours.
    pub work_hours_average: f64,
    /// What the rule set requires for this course.
    pub rules: Option<IguRules>,
    /// The next school week's due date, if any remain.
    pub next_week_due: Option<String>,
    /// Warnings in Danish (behind on school weeks, too few work hours).
    pub warnings: Vec<String>,
}

/// A stored course as shown on `today`.
pub fn view(r: IguRow, rules: &RuleSet, calendar: &Calendar, today: NaiveDate) -> IguView {
    let start = Some(crate::domain::chrono_day(r.start_day));
    let end = Some(crate::domain::chrono_day(r.end_day));
    let found = start.and_then(|s| rules_for(rules, s, calendar).ok());
    let mut warnings = Vec::new();
    let mut next_week_due = None;
    if let (Some(s), Some(e)) = (start, end)
        && r.school_weeks_taken < r.school_weeks_planned
    {
        let due = week_due(s, e, r.school_weeks_taken + 1, r.school_weeks_planned);
        if due < today {
            warnings.push(format!(
                "Skoleugerne er bagud: uge {} af {} skulle være taget senest {}.",
                r.school_weeks_taken + 1,
                r.school_weeks_planned,
                super::day_text(&due.to_string())
            ));
        }
        next_week_due = Some(due.to_string());
    }
    if let Some(rr) = &found
        && r.work_hours_average > 0.0
        && r.work_hours_average + 1e-9 < f64::from(rr.work_hours)
    {
        warnings.push(format!(
            "Arbejdstiden er i gennemsnit {} timer om ugen; reglen kræver mindst {} timer.",
            super::hours(r.work_hours_average),
            rr.work_hours
        ));
    }
    IguView {
        id: r.id,
        company_id: r.company_id,
        company_name: r.company_name,
        start: r.start_day.to_string(),
        end: r.end_day.to_string(),
        school_weeks_planned: r.school_weeks_planned,
        school_weeks_taken: r.school_weeks_taken,
        work_hours_average: r.work_hours_average,
        rules: found,
        next_week_due,
        warnings,
    }
}

/// The deadline rows of a person's IGU courses, stored with their other deadlines: the
/// next school week of each course not yet completed (department virksomhedsservice).
pub fn deadlines(courses: &[IguRow], rules: &RuleSet) -> Vec<NewDeadline> {
    let mut out = Vec::new();
    for c in courses {
        let (start, end) = (c.start_day, c.end_day);
        let (s, e) = (crate::domain::chrono_day(start), crate::domain::chrono_day(end));
        let Some(rule) = rules.get("igu.school_weeks", start) else { continue };
        let done = c.school_weeks_taken >= c.school_weeks_planned;
        let week = (c.school_weeks_taken + 1).min(c.school_weeks_planned);
        out.push(NewDeadline {
            rule_id: rule.id.clone(),
            rule_version: i64::from(rule.version),
            title: format!("IGU hos {}: skoleuge {week} af {}", c.company_name, c.school_weeks_planned),
            law: rule.source.law.clone(),
            paragraph: rule.source.paragraph.clone(),
            confirmed: rule.confirmed,
            department: "virksomhedsservice".into(),
            counts_from: start,
            due: if done { end } else { date(week_due(s, e, week, c.school_weeks_planned)).unwrap_or(end) },
            met_on: if done { c.updated_at.get(..10).and_then(|d| Date::parse(d).ok()) } else { None },
            progress: Some((c.school_weeks_taken, c.school_weeks_planned)),
        });
    }
    out
}

async fn person_row(state: &AppState, access: &crate::auth::access::PersonAccess, person_id: i64) -> Result<CandidateRow, AppError> {
    access.person(&state.store, person_id).await?;
    let p = state.store.person(access.tenant(), person_id).await?.ok_or(AppError::NotFound("personen"))?;
    Ok(super::offers::candidate_of(&p))
}

/// A person's IGU courses, audited.
pub async fn list(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64) -> Result<Vec<IguView>, AppError> {
    let access = actor.person_access(&state.store).await?;
    access.person(&state.store, person_id).await?;
    let with = crate::deadlines::municipality_rules(&state.store, access.tenant()).await?;
    let today = super::service::today();
    let rows = state.store.igu_courses(access.tenant(), person_id).await?;
    record(state, vec![meta.event(actor, AuditAction::Read, AuditEntity::Person, Some(person_id), "IGU-forløb")]).await?;
    Ok(rows.into_iter().map(|r| view(r, &with.rules, &with.calendar, today)).collect())
}

/// A course in the list of every course: whose it is, and the course as shown.
#[derive(Debug, Clone, Serialize)]
pub struct IguListItem {
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub person_name: String,
    /// The course with its rules and warnings.
    pub course: IguView,
}

/// A page of the IGU courses of the persons the reader reaches (by id, a key cursor,
/// decision 006), judged by the municipality's rules: one query for the rows whatever the
/// number of persons; audited per person listed.
pub async fn all(
    state: &AppState,
    actor: &Actor,
    meta: &RequestMeta,
    p: &crate::web::paging::Paging,
) -> Result<crate::web::paging::Page<IguListItem>, AppError> {
    let access = actor.person_access(&state.store).await?;
    let with = crate::deadlines::municipality_rules(&state.store, access.tenant()).await?;
    let today = super::service::today();
    let rows = state.store.igu_courses_page(access.tenant(), access.reach(), p.after().unwrap_or(0), p.fetch()).await?;
    let page = p.page_by_key(rows, |r| r.course.id).map(|r| IguListItem {
        person_id: r.course.person_id,
        person_name: format!("{} {}", r.given_name, r.family_name),
        course: view(r.course, &with.rules, &with.calendar, today),
    });
    record(state, meta.person_reads(actor, page.items.iter().map(|i| i.person_id), "IGU-forløb (oversigt)")).await?;
    Ok(page)
}

/// The caller's reach and the person when they may record IGU courses of `person_id`: a
/// business consultant (403) who reads the person (404). Checked before the course is read.
pub async fn writer(state: &AppState, actor: &Actor, person_id: i64) -> Result<(crate::auth::access::PersonAccess, CandidateRow), AppError> {
    actor.business_consultant(&state.store).await?;
    let access = actor.person_access(&state.store).await?;
    let person = person_row(state, &access, person_id).await?;
    Ok((access, person))
}

/// Records (`course` = None) or updates a course (business consultants, for persons they
/// reach); the person's deadlines are recomputed so Frister shows the next school week.
pub async fn save(state: &AppState, actor: &Actor, meta: &RequestMeta, person_id: i64, course: Option<i64>, input: &IguInput) -> Result<IguView, AppError> {
    let (access, person) = writer(state, actor, person_id).await?;
    let tenant = access.tenant().clone();
    let with = crate::deadlines::municipality_rules(&state.store, &tenant).await?;
    let f = check(input, &person, &with.rules, &with.calendar, course.is_none()).map_err(AppError::Invalid)?;
    state.store.company(&tenant, f.company_id).await?.ok_or_else(|| AppError::Invalid(vec![FieldError::new("company_id", "virksomheden findes ikke")]))?;
    let id = match course {
        None => state.store.add_igu_course(&tenant, person_id, &f, &actor.user.login).await?,
        Some(id) => {
            if !state.store.update_igu_course(&tenant, person_id, id, &f).await? {
                return Err(AppError::NotFound("IGU-forløbet"));
            }
            id
        }
    };
    crate::deadlines::recompute(&state.store, &tenant, person_id, &with).await?;
    record(
        state,
        vec![meta.event(
            actor,
            AuditAction::Update,
            AuditEntity::Person,
            Some(person_id),
            format!("IGU-forløb {id}: {} til {}, {} af {} skoleuger", f.start, f.end, f.taken, f.planned),
        )],
    )
    .await?;
    let row = state.store.igu_courses(&tenant, person_id).await?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound("IGU-forløbet"))?;
    Ok(view(row, &with.rules, &with.calendar, super::service::today()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_course_takes_its_values_from_the_rules_of_its_start() {
        let cal = Calendar::new();
        let now = rules_for(RuleSet::shipped(), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), &cal).unwrap();
        assert_eq!((now.end.as_str(), now.school_weeks, now.work_hours), ("2028-02-29", 23, 25));
        assert_eq!(now.start_by.as_deref(), Some("2027-12-31"));
        let old = rules_for(RuleSet::shipped(), NaiveDate::from_ymd_opt(2020, 3, 1).unwrap(), &cal).unwrap();
        assert_eq!(old.school_weeks, 20, "an older course keeps the 20 weeks of its time");
    }

    #[test]
    fn school_weeks_are_due_evenly_over_the_course() {
        let s = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let e = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
        assert_eq!(week_due(s, e, 23, 23), e);
        assert!(week_due(s, e, 1, 23) < NaiveDate::from_ymd_opt(2026, 2, 5).unwrap());
    }
}
