use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};

pub const NAME_MAX: usize = 120;
pub const LIST_ENTRY_MAX: usize = 80;
pub const LIST_LEN_MAX: usize = 200;
/// The longest list field that can be valid, in characters: every entry at
/// its longest, each on a line of its own (a line break may be `\r\n`),
/// with room for a few spaces the tidying drops. A longer field is refused
/// whole, before it is split into lines.
pub const LIST_FIELD_MAX: usize = LIST_LEN_MAX * (LIST_ENTRY_MAX + 4);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub municipality: Municipality,
    pub districts: Vec<String>,
    pub thresholds: Thresholds,
    pub limits: RateLimits,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub name: String,
    /// `#rrggbb`, dark enough for white text on it (WCAG AA, 4.5:1).
    pub brand_color: String,
    /// A path on this site, e.g. `/logo.svg`; external images are not loaded.
    pub logo_path: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Supports an idea needs within the window to reach "threshold reached".
    pub support_threshold: u32,
    pub support_window_days: u32,
    /// Open reports that hide content until a moderator decides.
    pub auto_hide_reports: u32,
    /// New ideas wait for a moderator's approval before they are published.
    pub pre_moderation: bool,
    /// Comments from accounts younger than this many days wait for a
    /// moderator's approval; 0 lets every comment through.
    #[serde(default)]
    pub hold_comments_days: u32,
}

/// How much one person may do in a while: enough for anyone taking part,
/// too little for a script. Each limit also holds per network address, times
/// `people_per_address`, so a school or an office behind one address is not
/// shut out by its busiest member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimits {
    pub ideas_per_hour: u32,
    pub comments_per_hour: u32,
    pub supports_per_hour: u32,
    pub reports_per_day: u32,
    pub people_per_address: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            ideas_per_hour: 10,
            comments_per_hour: 60,
            supports_per_hour: 600,
            reports_per_day: 30,
            people_per_address: 50,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            municipality: Municipality {
                name: "Kommunen".to_owned(),
                brand_color: "#1e5d8c".to_owned(),
                logo_path: None,
            },
            districts: Vec::new(),
            thresholds: Thresholds::default(),
            limits: RateLimits::default(),
        }
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            support_threshold: 50,
            support_window_days: 90,
            auto_hide_reports: 3,
            pre_moderation: false,
            hold_comments_days: 0,
        }
    }
}

pub fn parse_name(value: &str) -> Result<String, AppError> {
    crate::text::required_line("name", value, NAME_MAX)
}

/// A brand colour that white text can sit on at WCAG AA contrast.
pub fn parse_brand_color(value: &str) -> Result<String, AppError> {
    let hex = value.trim().trim_start_matches('#');
    let channels: Option<Vec<u8>> = (hex.len() == 6)
        .then(|| {
            (0..3)
                .map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok())
                .collect()
        })
        .flatten();
    let Some(channels) = channels else {
        return Err(AppError::invalid("brand_color", Problem::InvalidColor));
    };
    if contrast_with_white(&channels) < 4.5 {
        return Err(AppError::invalid("brand_color", Problem::LowContrast));
    }
    Ok(format!("#{}", hex.to_ascii_lowercase()))
}

/// WCAG 2.1 contrast ratio between an sRGB colour and white.
fn contrast_with_white(channels: &[u8]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance =
        0.2126 * linear(channels[0]) + 0.7152 * linear(channels[1]) + 0.0722 * linear(channels[2]);
    1.05 / (luminance + 0.05)
}

pub fn parse_logo_path(value: &str) -> Result<Option<String>, AppError> {
    let path = value.trim();
    if path.is_empty() {
        return Ok(None);
    }
    let safe = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 200
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c));
    if safe {
        Ok(Some(path.to_owned()))
    } else {
        Err(AppError::invalid("logo_path", Problem::InvalidPath))
    }
}

/// One entry per line; blank lines and repeats are dropped, order kept.
pub fn parse_list(field: &str, value: &str) -> Result<Vec<String>, AppError> {
    crate::text::within_limit(field, value, LIST_FIELD_MAX)?;
    let mut entries: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for line in value.lines() {
        let entry = crate::text::collapse_whitespace(line);
        if entry.is_empty() || seen.contains(&entry) {
            continue;
        }
        if entry.chars().count() > LIST_ENTRY_MAX || entries.len() == LIST_LEN_MAX {
            return Err(AppError::invalid(field, Problem::TooLong));
        }
        seen.insert(entry.clone());
        entries.push(entry);
    }
    Ok(entries)
}

pub fn parse_count(
    field: &str,
    value: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, AppError> {
    match value.trim().parse::<u32>() {
        Ok(number) if range.contains(&number) => Ok(number),
        Ok(_) => Err(AppError::invalid(field, Problem::OutOfRange)),
        Err(_) => Err(AppError::invalid(field, Problem::NotANumber)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_colours_must_carry_white_text() {
        assert_eq!(parse_brand_color("#1E5D8C"), Ok("#1e5d8c".to_owned()));
        assert_eq!(parse_brand_color("1e5d8c"), Ok("#1e5d8c".to_owned()));
        assert_eq!(
            parse_brand_color("#ffd15c"),
            Err(AppError::invalid("brand_color", Problem::LowContrast))
        );
        assert_eq!(
            parse_brand_color("blue"),
            Err(AppError::invalid("brand_color", Problem::InvalidColor))
        );
        assert_eq!(
            parse_brand_color("#12345"),
            Err(AppError::invalid("brand_color", Problem::InvalidColor))
        );
    }

    #[test]
    fn lists_are_tidied() {
        assert_eq!(
            parse_list("districts", " Bekkestua \n\nSandvika\nBekkestua\n"),
            Ok(vec!["Bekkestua".to_owned(), "Sandvika".to_owned()])
        );
        assert!(parse_list("districts", &"x".repeat(81)).is_err());
    }

    #[test]
    fn a_list_longer_than_any_valid_one_is_refused_before_it_is_split() {
        let longest: Vec<String> = (0..LIST_LEN_MAX)
            .map(|number| format!("{number:0>width$}", width = LIST_ENTRY_MAX))
            .collect();
        let longest = longest.join("\r\n");
        assert_eq!(
            parse_list("districts", &longest).map(|list| list.len()),
            Ok(LIST_LEN_MAX)
        );
        assert_eq!(
            parse_list("districts", &"Sandvika\n".repeat(100_000)),
            Err(AppError::invalid("districts", Problem::TooLong))
        );
    }

    #[test]
    fn only_local_logo_paths() {
        assert_eq!(
            parse_logo_path("/logo.svg"),
            Ok(Some("/logo.svg".to_owned()))
        );
        assert_eq!(parse_logo_path(""), Ok(None));
        for bad in [
            "https://evil.example/x.png",
            "//evil.example/x.png",
            "/a b.png",
            "logo.svg",
            "/x\"onerror",
        ] {
            assert!(parse_logo_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_stay_in_range() {
        assert_eq!(parse_count("n", " 50 ", 1..=100), Ok(50));
        assert_eq!(
            parse_count("n", "0", 1..=100),
            Err(AppError::invalid("n", Problem::OutOfRange))
        );
        assert_eq!(
            parse_count("n", "femti", 1..=100),
            Err(AppError::invalid("n", Problem::NotANumber))
        );
    }
}
