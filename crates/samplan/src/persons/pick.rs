//! Choosing a person in a form as staff do: by name (any part, surname first or last),
//! CPR number, its first six digits or a birth date — never by an internal number. The
//! typed text is searched within the caller's reach; one match is taken, several are
//! offered to choose from (the form is re-shown with a radio list), none is an error at
//! the field. The chosen id comes back only as a radio value from that list and is
//! checked against the caller's reach again.
use super::parse_query;
use crate::app::AppState;
use crate::auth::PersonAccess;
use crate::domain::FieldError;
use crate::error::AppError;
use crate::store::persons::PersonRow;
use askama::Template;

/// At most this many candidates are offered; more means the text is too vague.
const MAX_CANDIDATES: i64 = 20;

/// One person offered to choose from.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The person's id (the radio value).
    pub id: i64,
    /// "Ahmad Haddad, født 01.01.1990".
    pub label: String,
}

/// A person field in a form: the text typed, its error, and candidates to choose from.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "persons/pick.html")]
pub struct PickField {
    /// The text input's name (the chosen id is posted as `{name}_id`).
    pub name: &'static str,
    /// The Danish label.
    pub label: &'static str,
    /// The text as typed (or the chosen person's name).
    pub value: String,
    /// Why the field was refused.
    pub error: Option<String>,
    /// Persons to choose from when the text matched several.
    pub candidates: Vec<Candidate>,
}

impl PickField {
    /// An empty field.
    pub fn new(name: &'static str, label: &'static str) -> Self {
        Self { name, label, ..Default::default() }
    }
}

/// "Ahmad Haddad, født 01.01.1990".
pub fn label(row: &PersonRow) -> String {
    let born = crate::persons::danish_date(&row.birth_date);
    format!("{} {}, født {born}", row.given_name, row.family_name)
}

/// Resolves `field` (its `value` typed, `chosen` the radio picked from an earlier
/// candidate list): the one person meant, or the field back with an error and, when
/// several match, the candidates.
pub async fn resolve(state: &AppState, access: &PersonAccess, mut field: PickField, chosen: Option<i64>) -> Result<Result<PersonRow, PickField>, AppError> {
    if let Some(id) = chosen
        && let Some(row) = state.store.person(access.tenant(), id).await?
        && access.may_read(&state.store, id).await?
    {
        return Ok(Ok(row));
    }
    if field.value.trim().is_empty() {
        field.error = Some("skriv personens navn, CPR-nummer eller fødselsdato".into());
        return Ok(Err(field));
    }
    let query = match parse_query(&field.value, &state.vault) {
        Ok(q) => q,
        Err(e) => {
            field.error = Some(e.reason);
            return Ok(Err(field));
        }
    };
    let mut rows = state.store.search_persons(access.tenant(), access.reach(), &query, MAX_CANDIDATES + 1).await?;
    match rows.len() {
        0 => field.error = Some(format!("ingen person, du har adgang til, passer på «{}»", field.value.trim())),
        1 => return Ok(Ok(rows.remove(0))),
        n => {
            let more = i64::try_from(n).unwrap_or(i64::MAX) > MAX_CANDIDATES;
            rows.truncate(usize::try_from(MAX_CANDIDATES).unwrap_or(20));
            field.error = Some(if more {
                format!("mere end {MAX_CANDIDATES} personer passer; skriv mere af navnet, CPR-nummeret eller fødselsdatoen")
            } else {
                format!("{n} personer passer; vælg hvem du mener")
            });
            field.candidates = rows.iter().map(|r| Candidate { id: r.id, label: label(r) }).collect();
        }
    }
    Ok(Err(field))
}

/// The field's error as a [`FieldError`] (for forms that list errors).
pub fn field_error(field: &PickField) -> Option<FieldError> {
    field.error.as_ref().map(|e| FieldError::new(field.name, e.clone()))
}
