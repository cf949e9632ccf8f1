//! Times are stored in UTC and shown in Europe/Oslo, formatted per language.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Oslo;

use crate::i18n::Locale;

/// Formats a stored UTC instant as the wall-clock time in Oslo, in the reader's language.
pub fn format_oslo(at: DateTime<Utc>, locale: Locale) -> String {
    let local = at.with_timezone(&Oslo);
    let month = month_name(local.month0() as usize, locale);
    match locale {
        Locale::En => format!(
            "{} {} {} at {}",
            local.format("%-d"),
            month,
            local.format("%Y"),
            local.format("%H:%M")
        ),
        Locale::Nb | Locale::Nn => format!(
            "{}. {} {} kl. {}",
            local.format("%-d"),
            month,
            local.format("%Y"),
            local.format("%H:%M")
        ),
    }
}

fn month_name(month0: usize, locale: Locale) -> &'static str {
    const NO: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let index = month0.min(11);
    match locale {
        Locale::En => EN[index],
        Locale::Nb | Locale::Nn => NO[index],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn winter_time_is_one_hour_ahead_of_utc() {
        let at = Utc.with_ymd_and_hms(2026, 1, 15, 11, 30, 0).single();
        assert_eq!(
            at.map(|at| format_oslo(at, Locale::Nb)).as_deref(),
            Some("15. januar 2026 kl. 12:30")
        );
    }

    #[test]
    fn summer_time_is_two_hours_ahead_and_english_reads_naturally() {
        let at = Utc.with_ymd_and_hms(2026, 6, 30, 22, 5, 0).single();
        assert_eq!(
            at.map(|at| format_oslo(at, Locale::En)).as_deref(),
            Some("1 July 2026 at 00:05")
        );
    }
}
