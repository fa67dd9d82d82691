//! The limits of company-based offers applied to openings, pairs and persons: how long a
//! virksomhedspraktik or løntilskud may last for the person (`rules::offer_length`, by
//! programme, job readiness and employer), the ratio rule that caps a company's persons
//! in those offers by its ordinary employees (`rules::staff_ratio`), and the extra-jobs
//! condition of løntilskud (`rules::requirement`). The values are rules in
//! `rules/virksomhedsrettede_tilbud.toml`, all marked unverified. [`deadlines`] gives the
//! rows stored with the person's other deadlines (Frister): the last day of each
//! accepted offer by its rule.
use super::{OpeningKind, OpeningView};
use crate::store::deadlines::NewDeadline;
use crate::store::employment::{CandidateRow, OfferRow};
use chrono::NaiveDate;
use rules::{Employer, OfferKind, OfferLimit, RatioLimit, RuleSet};

/// The rules' offer kind of an opening kind (only praktik and løntilskud have limits).
pub fn offer_kind(kind: &str) -> Option<OfferKind> {
    match OpeningKind::parse(kind).ok()? {
        OpeningKind::Praktik => Some(OfferKind::Praktik),
        OpeningKind::Loentilskud => Some(OfferKind::Loentilskud),
        _ => None,
    }
}

fn date(d: NaiveDate) -> Option<calendar::Date> {
    crate::domain::calendar_day(d)
}

fn cited(title: &str, source: &rules::LegalSource, confirmed: bool) -> String {
    format!("{title}; {} {}{}", source.law, source.paragraph, if confirmed { "" } else { ", skal bekræftes" })
}

/// How long the offer of `kind` may last for a person (birth date, residence basis,
/// takeover date, job-ready) at an employer, starting on `start`.
pub fn limit(rules: &RuleSet, kind: &str, c: &CandidateRow, public: bool, start: NaiveDate) -> Option<OfferLimit> {
    let offer = offer_kind(kind)?;
    let person = crate::plans::schedule::rules_person_of(&c.birth_date, c.residence_basis, c.takeover_date.as_deref(), false, start)?;
    let employer = if public { Employer::Public } else { Employer::Private };
    rules::offer_length(rules, &person, offer, employer, c.job_ready == 1, date(start)?)
}

/// The day an offer starts for a person accepted on `accepted`: the opening's start, or
/// the day of acceptance if later.
pub fn start_of(o: &OpeningView, accepted: NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(&o.start, "%Y-%m-%d").unwrap_or(accepted).max(accepted)
}

/// The last day a pair's offer may run: the opening's end or the rule's last day,
/// whichever comes first, with the limit that applied.
pub fn end_for(rules: &RuleSet, o: &OpeningView, c: &CandidateRow, start: NaiveDate) -> (Option<String>, Option<OfferLimit>) {
    let found = limit(rules, &o.kind, c, o.public_employer, start);
    let rule_end = found.as_ref().map(|l| l.last_day.to_string());
    let end = match (o.end.clone(), rule_end) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    (end, found)
}

/// The reason line for the length of a pair's offer, in Danish.
pub fn length_reason(o: &OpeningView, l: &OfferLimit) -> String {
    let past = o.end.as_deref().is_none_or(|e| e > l.last_day.to_string().as_str());
    let extend = if l.extendable { "; kan forlænges efter en konkret vurdering" } else { "" };
    if past {
        format!(
            "{} slutter senest {} for personen ({}){extend}",
            o.kind_label,
            super::day_text(&l.last_day.to_string()),
            cited(&l.title, &l.source, l.confirmed)
        )
    } else {
        format!("{} inden for højeste varighed ({})", o.kind_label, cited(&l.title, &l.source, l.confirmed))
    }
}

/// Why a løntilskud opening cannot be given, if the company has not declared extra jobs.
pub fn extra_jobs_block(rules: &RuleSet, o: &OpeningView, on: NaiveDate) -> Option<String> {
    if o.extra_jobs || offer_kind(&o.kind) != Some(OfferKind::Loentilskud) {
        return None;
    }
    let rule = rules::requirement(rules, "extra_jobs", OfferKind::Loentilskud, date(on)?)?;
    Some(format!("virksomheden har ikke erklæret merbeskæftigelse ({})", cited(&rule.title, &rule.source, rule.confirmed)))
}

/// The ratio rule for an opening's company on `on`, if the opening's kind is counted.
pub fn ratio(rules: &RuleSet, o: &OpeningView, on: NaiveDate) -> Option<RatioLimit> {
    let offer = offer_kind(&o.kind)?;
    rules::staff_ratio(rules, offer, u32::try_from(o.company_staff.max(0)).unwrap_or(u32::MAX), date(on)?)
}

/// Persons a company has in the ratio rule's offers now: accepted pairs of its openings
/// of those kinds that have not ended by `today`.
pub fn in_use(openings: &[OpeningView], company_id: i64, limit: &RatioLimit, today: NaiveDate) -> i64 {
    let today = today.to_string();
    openings
        .iter()
        .filter(|o| o.company_id == company_id && offer_kind(&o.kind).is_some_and(|k| limit.offers.contains(&k)))
        .filter(|o| o.end.as_deref().is_none_or(|e| e >= today.as_str()))
        .map(|o| o.taken)
        .sum()
}

/// The reason line for the ratio rule, in Danish.
pub fn ratio_reason(o: &OpeningView, limit: &RatioLimit, used: i64) -> String {
    format!(
        "rimelighedskravet: højst {} i praktik eller løntilskud hos virksomheden med {} ordinært ansatte, {used} i brug ({})",
        limit.seats,
        o.company_staff,
        cited(&limit.title, &limit.source, limit.confirmed)
    )
}

/// A person as matching sees them, with no profile: what the rules read (birth date,
/// residence basis, arrival and takeover).
pub fn candidate_of(p: &crate::store::persons::PersonRow) -> CandidateRow {
    CandidateRow {
        person_id: p.id,
        given_name: p.given_name.clone(),
        family_name: p.family_name.clone(),
        birth_date: p.birth_date.clone(),
        residence_basis: p.residence_basis,
        arrival_date: p.arrival_date.clone(),
        family_id: p.family_id,
        home_postal_code: None,
        languages: p.languages.clone(),
        skills: String::new(),
        isco_major: None,
        education_level: String::new(),
        danish_track: 0,
        danish_module: 0,
        driving_licence: 0,
        hours_available: 0.0,
        job_ready: 0,
        takeover_date: p.takeover_date.clone(),
    }
}

/// The deadline rows of a person's accepted praktik and løntilskud: the last day each
/// may run by its rule (department jobcenter), so Frister shows when it must end or be
/// extended after a new assessment; met once the opening has ended by then (on `today`).
pub fn deadlines(offers: &[OfferRow], c: &CandidateRow, rules: &RuleSet, today: NaiveDate) -> Vec<NewDeadline> {
    let Some(today) = date(today) else { return Vec::new() };
    let mut out = Vec::new();
    for r in offers {
        let accepted = r.decided_at.as_deref().and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
        let opens = crate::domain::chrono_day(r.start_day);
        let start = accepted.map_or(opens, |a| opens.max(a));
        let person = CandidateRow { job_ready: r.job_ready, ..c.clone() };
        let Some(l) = limit(rules, &r.kind, &person, r.public_employer == 1, start) else { continue };
        let Some(counts_from) = date(start) else { continue };
        let kind = OpeningKind::parse(&r.kind).map_or("Tilbud", |k| k.label());
        out.push(NewDeadline {
            rule_id: l.rule_id.clone(),
            rule_version: i64::from(l.rule_version),
            title: format!("{kind} hos {}: slutter senest{}", r.company_name, if l.extendable { " eller forlænges" } else { "" }),
            law: l.source.law.clone(),
            paragraph: l.source.paragraph.clone(),
            confirmed: l.confirmed,
            department: "jobcenter".into(),
            counts_from,
            due: l.last_day,
            met_on: r.end_day.filter(|e| *e <= l.last_day && *e < today),
            progress: None,
        });
    }
    out
}
