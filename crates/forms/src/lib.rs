//! Values as people type them into samplan's forms, parsed once at the edge: Danish and
//! ISO dates ([`date`]), CPR numbers ([`cpr`]), clock times and the weekly slots of a plan
//! action ([`slot`]). Pure functions without I/O, so they are tested and fuzzed alone
//! (`fuzz/`, targets `form_date`, `form_cpr`, `action_slots`). Every refusal is a
//! [`FormError`] naming the field and the reason in Danish; the application turns it into
//! its own field error.

pub mod cpr;
pub mod date;
pub mod slot;

/// A typed value that was refused: which field, and why (in Danish, for the user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The field's name as the form or API knows it (e.g. `cpr`, `goals[0].actions[1].slots[0].from`).
    pub field: std::borrow::Cow<'static, str>,
    /// Why the value was refused, in Danish.
    pub reason: String,
}

impl FormError {
    /// An error for `field` with a reason.
    pub fn new(field: impl Into<std::borrow::Cow<'static, str>>, reason: impl Into<String>) -> Self {
        FormError { field: field.into(), reason: reason.into() }
    }
}
