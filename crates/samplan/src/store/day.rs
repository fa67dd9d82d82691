//! Reading stored days that may be missing. A day column is ISO text; a row field of
//! type `calendar::Date` reads it with `#[sqlx(try_from = "String")]`, and a field of
//! type `Option<calendar::Date>` with `#[sqlx(try_from = "OptionalDay")]`: NULL is
//! `None`, a text that is no date fails the read, naming it (decision 163).

use sqlx::{Database, Decode, Type};

/// A nullable day column as read, before it becomes an `Option<calendar::Date>`.
#[derive(Debug)]
pub struct OptionalDay(Option<String>);

impl<'r, DB: Database> Decode<'r, DB> for OptionalDay
where
    Option<String>: Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        Ok(OptionalDay(<Option<String> as Decode<'r, DB>>::decode(value)?))
    }
}

impl<DB: Database> Type<DB> for OptionalDay
where
    String: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <String as Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <String as Type<DB>>::compatible(ty)
    }
}

impl TryFrom<OptionalDay> for Option<calendar::Date> {
    type Error = calendar::DateError;

    fn try_from(stored: OptionalDay) -> Result<Self, Self::Error> {
        stored.0.map(calendar::Date::try_from).transpose()
    }
}

/// The ISO text a day is stored as, or NULL.
pub fn text(day: Option<calendar::Date>) -> Option<String> {
    day.map(|d| d.to_string())
}

impl OptionalDay {
    /// The day read by a scalar query, `None` for NULL; a text that is no date is a
    /// decode error.
    pub fn day(self) -> Result<Option<calendar::Date>, sqlx::Error> {
        Option::<calendar::Date>::try_from(self).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }
}
