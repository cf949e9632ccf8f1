//! Times are stored in UTC and shown in Europe/Oslo, formatted per language.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Oslo;

use crate::error::{AppError, Problem};
use crate::i18n::Locale;

/// A date as `<input type="date">` sends it: `YYYY-MM-DD`.
pub fn parse_form_date(field: &str, value: &str) -> Result<NaiveDate, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, Problem::InvalidDate))
}

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

/// A calendar date (a challenge's opening day, say), in the reader's language.
pub fn format_date(date: NaiveDate, locale: Locale) -> String {
    let month = month_name(date.month0() as usize, locale);
    match locale {
        Locale::En => format!("{} {} {}", date.day(), month, date.year()),
        Locale::Nb | Locale::Nn => format!("{}. {} {}", date.day(), month, date.year()),
    }
}

/// When day `date` begins in Oslo, as a UTC instant: the first moment a
/// stored time falls on that day.
pub fn start_of_day_in_oslo(date: NaiveDate) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    Oslo.from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

/// Today's date in Oslo: the day a challenge opens or closes is Oslo's day.
pub fn today_in_oslo(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Oslo).date_naive()
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
    fn dates_read_naturally_and_today_is_oslos_today() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap_or_default();
        assert_eq!(format_date(date, Locale::Nn), "24. desember 2026");
        assert_eq!(format_date(date, Locale::En), "24 December 2026");
        let late_evening_utc = Utc.with_ymd_and_hms(2026, 12, 23, 23, 30, 0).single();
        assert_eq!(late_evening_utc.map(today_in_oslo), Some(date));
    }

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
