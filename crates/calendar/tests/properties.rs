//! Property tests of the calendar: invariants that must hold for every date
//! in the supported range, not only the examples in the unit tests.

use calendar::{Calendar, Date, HolidayKind, Offset, days_in_month, easter_sunday, holiday_on, holidays};
use proptest::prelude::*;

/// Any date in 1700-01-01..=2200-12-31.
fn any_date() -> impl Strategy<Value = Date> {
    (Date::MIN.day_number()..=Date::MAX.day_number()).prop_map(|n| Date::from_day_number(n).expect("in range"))
}

/// Dates far enough from the end of the range that a few years can be added.
fn inner_date() -> impl Strategy<Value = Date> {
    let last = Date::new(2190, 12, 31).unwrap().day_number();
    (Date::MIN.day_number()..=last).prop_map(|n| Date::from_day_number(n).expect("in range"))
}

fn any_calendar() -> impl Strategy<Value = Calendar> {
    proptest::collection::vec(any_date(), 0..20).prop_map(Calendar::with_closed_days)
}

/// Closed days clustered around a start date, so they actually matter.
fn calendar_near(start: Date) -> impl Strategy<Value = Calendar> {
    proptest::collection::vec(0i64..120, 0..15).prop_map(move |offsets| Calendar::with_closed_days(offsets.into_iter().filter_map(|o| start.add_days(o).ok())))
}

/// Counts working days one by one: the slow, obviously right definition.
fn naive_between(cal: &Calendar, from: Date, to: Date) -> u32 {
    let mut count = 0;
    let mut day = from;
    while day < to {
        day = day.next_day().unwrap();
        if cal.is_working_day(day) {
            count += 1;
        }
    }
    count
}

proptest! {
    #[test]
    fn easter_is_between_22_march_and_25_april_and_a_sunday(year in 1700i32..=2200) {
        let easter = easter_sunday(year).unwrap();
        prop_assert!(easter >= Date::new(year, 3, 22).unwrap());
        prop_assert!(easter <= Date::new(year, 4, 25).unwrap());
        prop_assert_eq!(easter.weekday(), calendar::Weekday::Sunday);
    }

    #[test]
    fn holidays_are_sorted_in_their_year_and_11_or_10(year in 1700i32..=2200) {
        let days = holidays(year).unwrap();
        prop_assert_eq!(days.len(), if year <= 2023 { 11 } else { 10 });
        prop_assert!(days.windows(2).all(|w| w[0].date < w[1].date));
        prop_assert!(days.iter().all(|h| h.date.year() == year));
        prop_assert!(days.iter().all(|h| holiday_on(h.date) == Some(h.kind)));
        let bededag = days.iter().any(|h| h.kind == HolidayKind::StoreBededag);
        prop_assert_eq!(bededag, year <= 2023);
    }

    #[test]
    fn holiday_on_agrees_with_the_list(date in any_date()) {
        let listed = holidays(date.year()).unwrap().into_iter().find(|h| h.date == date).map(|h| h.kind);
        prop_assert_eq!(holiday_on(date), listed);
    }

    #[test]
    fn text_round_trips(date in any_date()) {
        prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
        prop_assert_eq!(Date::from_day_number(date.day_number()), Ok(date));
    }

    #[test]
    fn consecutive_days_have_consecutive_weekdays(date in inner_date()) {
        let next = date.next_day().unwrap();
        prop_assert_eq!(date.days_until(next), 1);
        prop_assert_eq!((date.weekday() as u8 + 1) % 7, next.weekday() as u8);
    }

    #[test]
    fn adding_months_keeps_the_day_or_clamps_to_the_month_end(date in inner_date(), n in 0i64..120) {
        let later = date.add_months(n).unwrap();
        let months = (later.year() - date.year()) as i64 * 12 + later.month() as i64 - date.month() as i64;
        prop_assert_eq!(months, n);
        let last = days_in_month(later.year(), later.month());
        prop_assert_eq!(later.day(), date.day().min(last));
        prop_assert!(later >= date);
    }

    #[test]
    fn months_add_up_when_no_clamping_happens(date in inner_date(), a in 0i64..60, b in 0i64..60) {
        prop_assume!(date.day() <= 28);
        prop_assert_eq!(date.add_months(a).unwrap().add_months(b).unwrap(), date.add_months(a + b).unwrap());
        prop_assert_eq!(date.add_months(a).unwrap().add_months(-a).unwrap(), date);
    }

    #[test]
    fn working_days_between_undoes_add_working_days(
        (start, cal) in inner_date().prop_flat_map(|d| (Just(d), calendar_near(d))),
        n in 0u32..80,
    ) {
        let end = cal.add_working_days(start, n).unwrap();
        prop_assert_eq!(cal.working_days_between(start, end), n);
        if n > 0 {
            prop_assert!(cal.is_working_day(end));
        }
    }

    #[test]
    fn fast_count_equals_the_day_by_day_count(
        (start, cal) in inner_date().prop_flat_map(|d| (Just(d), calendar_near(d))),
        span in 0i64..800,
    ) {
        let end = start.add_days(span).unwrap();
        prop_assert_eq!(cal.working_days_between(start, end), naive_between(&cal, start, end));
    }

    #[test]
    fn a_due_date_is_a_working_day_on_or_after_the_raw_offset(
        start in inner_date(),
        cal in any_calendar(),
        offset in prop_oneof![
            (0u32..36).prop_map(Offset::Months),
            (0u32..400).prop_map(Offset::Days),
            (0u32..100).prop_map(Offset::WorkingDays),
        ],
    ) {
        let due = cal.due_date(start, offset).unwrap();
        prop_assert!(cal.is_working_day(due));
        let raw = match offset {
            Offset::Months(n) => start.add_months(n.into()).unwrap(),
            Offset::Days(n) => start.add_days(n.into()).unwrap(),
            Offset::WorkingDays(n) => cal.add_working_days(start, n).unwrap(),
            Offset::Hours(_) => unreachable!("clock hours are not moved; tested below"),
        };
        prop_assert!(due >= raw);
        // Nothing between the raw date and the due date is a working day.
        prop_assert_eq!(cal.working_days_between(raw, due), if due > raw { 1 } else { 0 });
    }

    #[test]
    fn clock_hours_end_on_the_day_they_run_out_and_are_never_moved(start in inner_date(), cal in any_calendar(), hours in 0u32..2000) {
        let due = cal.due_date(start, Offset::Hours(hours)).unwrap();
        prop_assert_eq!(start.days_until(due), i64::from(hours.div_ceil(24)));
    }

    #[test]
    fn next_working_day_is_strictly_later_and_skips_only_non_working_days(date in inner_date(), cal in any_calendar()) {
        let next = cal.next_working_day(date).unwrap();
        prop_assert!(next > date);
        prop_assert!(cal.is_working_day(next));
        prop_assert_eq!(cal.working_days_between(date, next), 1);
    }
}
