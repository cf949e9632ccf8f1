use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Messages;

/// The longest department name, in characters (as the settings list took them).
pub const NAME_MAX: usize = 80;

/// The most departments one municipality keeps, retired ones included.
pub const DEPARTMENTS_MAX: usize = 200;

/// One department as an admin manages it under `/admin/departments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRow {
    pub id: i64,
    pub name: String,
    pub retired_at: Option<DateTime<Utc>>,
}

/// A department's name as typed: one line, tidied, 1 to [`NAME_MAX`]
/// characters. Whether another department has it is the service's question.
pub fn parse_name(value: &str) -> Result<String, AppError> {
    crate::text::required_line("name", value, NAME_MAX)
}

/// A department as forms and lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
    /// Retired by an admin: shown where attached, never offered.
    #[serde(default)]
    pub retired: bool,
}

impl Department {
    /// The name, marked when the department is retired.
    pub fn label(&self, t: &'static Messages) -> String {
        if self.retired {
            format!("{} ({})", self.name, t.departments_retired_mark)
        } else {
            self.name.clone()
        }
    }
}

/// `(value, label)` pairs for a department select: the departments still
/// offered, so a retired one is never chosen anew.
pub fn select_options(departments: Vec<Department>) -> Vec<(String, String)> {
    departments
        .into_iter()
        .filter(|department| !department.retired)
        .map(|department| (department.id.to_string(), department.name))
        .collect()
}

/// Like [`select_options`], with the department the form holds already
/// (`kept`: an edit's current owner) offered too, marked when retired: what
/// is attached may stay, but a retired department is not chosen anew.
pub fn select_options_keeping(
    departments: Vec<Department>,
    kept: Option<i64>,
    t: &'static Messages,
) -> Vec<(String, String)> {
    departments
        .into_iter()
        .filter(|department| !department.retired || Some(department.id) == kept)
        .map(|department| (department.id.to_string(), department.label(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Problem;

    #[test]
    fn names_are_tidied_and_limited() {
        assert_eq!(
            parse_name("  Vei   og trafikk \n"),
            Ok("Vei og trafikk".to_owned())
        );
        assert_eq!(
            parse_name(" \n "),
            Err(AppError::invalid("name", Problem::Required))
        );
        assert_eq!(
            parse_name(&"ø".repeat(NAME_MAX + 1)),
            Err(AppError::invalid("name", Problem::TooLong))
        );
        assert!(parse_name(&"ø".repeat(NAME_MAX)).is_ok());
    }

    #[test]
    fn names_compare_without_case_in_norwegian_too() {
        use crate::text::same_name;
        assert!(same_name("Økonomi og ÆRLIGHET", "økonomi og ærlighet"));
        assert!(!same_name("Skoler", "Skole"));
    }
}
