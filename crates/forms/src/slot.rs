//! Clock times (`HH:MM`) and the weekly slots of a plan action: weekday 1 (Monday) to 7
//! (Sunday), from–to, as the action form and the API send them.
use crate::FormError;

/// `HH:MM` (00:00–24:00) as minutes after midnight, without allocating; `None` unless it is
/// exactly two digits, a colon and two digits (no sign, no spaces).
pub fn minutes(hhmm: &str) -> Option<u32> {
    let b = hhmm.as_bytes();
    if b.len() != 5 || b[2] != b':' || ![b[0], b[1], b[3], b[4]].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let d = |i: usize| u32::from(b[i] - b'0');
    let (h, m) = (d(0) * 10 + d(1), d(3) * 10 + d(4));
    (h < 24 && m < 60).then_some(h * 60 + m).or((h == 24 && m == 0).then_some(1440))
}

/// Minutes after midnight (up to 1440) as `HH:MM`.
pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The weekday a form field holds: its number, or 0 (refused by [`check`]) when it is none.
pub fn weekday_from_form(raw: &str) -> u8 {
    raw.trim().parse().unwrap_or(0)
}

/// The refusals of one slot, each naming `{at}.weekday`, `{at}.from` or `{at}.to`: the
/// weekday is 1–7, both times are `HH:MM` and the end is after the start.
pub fn check(at: &str, weekday: u8, from: &str, to: &str) -> Vec<FormError> {
    let mut errors = Vec::new();
    if !(1..=7).contains(&weekday) {
        errors.push(FormError::new(format!("{at}.weekday"), "skal være 1 (mandag) til 7 (søndag)"));
    }
    match (minutes(from), minutes(to)) {
        (Some(f), Some(t)) if f < t => {}
        (Some(_), Some(_)) => errors.push(FormError::new(format!("{at}.to"), "sluttidspunktet skal ligge efter starttidspunktet")),
        (None, _) => errors.push(FormError::new(format!("{at}.from"), format!("«{from}» er ikke et klokkeslæt på formen TT:MM"))),
        (_, None) => errors.push(FormError::new(format!("{at}.to"), format!("«{to}» er ikke et klokkeslæt på formen TT:MM"))),
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_are_two_digits_a_colon_and_two_digits() {
        assert_eq!(minutes("09:30"), Some(570));
        assert_eq!(minutes("24:00"), Some(1440));
        assert_eq!(minutes("24:01"), None);
        assert_eq!(minutes("+9:00"), None, "a sign is no digit");
        assert_eq!(minutes("9:00"), None);
        assert_eq!(hhmm(570), "09:30");
    }

    #[test]
    fn every_refusal_names_its_part_of_the_slot() {
        assert!(check("s", 1, "09:00", "12:00").is_empty());
        let fields: Vec<String> = check("s", 0, "12:00", "09:00").into_iter().map(|e| e.field.into_owned()).collect();
        assert_eq!(fields, ["s.weekday", "s.to"]);
        assert_eq!(check("s", 3, "x", "09:00")[0].field, "s.from");
    }
}
