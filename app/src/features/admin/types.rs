use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};
use crate::features::accounts::types::{ActorType, Role};
use crate::features::focus_area::FocusArea;
use crate::features::ideas::status::PublicStatus;

/// One account as an admin sees it under `/admin/users`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub email_verified: bool,
    pub actor_type: ActorType,
    pub roles: Vec<Role>,
    pub department_ids: Vec<i64>,
}

/// How many accounts one search shows.
pub const PAGE_SIZE: u64 = 50;

/// Which ideas staff download as CSV from `/admin/export`: every public
/// idea, narrowed by status, focus area, district, owner department,
/// goal and the days it was published between. Each field comes from the
/// address; a value the form could not have sent is refused by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdeaExport {
    pub status: Option<PublicStatus>,
    pub focus_area: Option<FocusArea>,
    pub district: Option<String>,
    pub department: Option<i64>,
    pub goal: Option<i64>,
    /// Published on or after this day (Oslo).
    pub from: Option<NaiveDate>,
    /// Published on or before this day (Oslo).
    pub to: Option<NaiveDate>,
}

/// The longest district name the settings keep.
const DISTRICT_MAX: usize = 80;

impl IdeaExport {
    /// The export the address asks for; `get` gives a parameter's value.
    /// An empty value means "any".
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        let given = |name: &str| {
            get(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let unknown = |name: &str| AppError::invalid(name, Problem::UnknownChoice);
        let status = match given("status") {
            Some(value) => Some(PublicStatus::parse(&value).ok_or_else(|| unknown("status"))?),
            None => None,
        };
        let focus_area = match given("focus_area") {
            Some(value) => Some(FocusArea::parse("focus_area", &value)?),
            None => None,
        };
        let district = match given("district") {
            Some(value) => {
                crate::text::within_limit("district", &value, DISTRICT_MAX)?;
                Some(value)
            }
            None => None,
        };
        let id = |name: &str| -> Result<Option<i64>, AppError> {
            given(name)
                .map(|value| value.parse::<i64>().map_err(|_| unknown(name)))
                .transpose()
        };
        let date = |name: &str| -> Result<Option<NaiveDate>, AppError> {
            given(name)
                .map(|value| crate::time::parse_form_date(name, &value))
                .transpose()
        };
        let (from, to) = (date("from")?, date("to")?);
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(AppError::invalid("to", Problem::DateBeforeStart));
        }
        Ok(Self {
            status,
            focus_area,
            district,
            department: id("department")?,
            goal: id("goal")?,
            from,
            to,
        })
    }

    /// The export as an address's query, the parameters given only.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(status) = self.status {
            pairs.push(("status", status.get().as_str().to_owned()));
        }
        if let Some(area) = self.focus_area {
            pairs.push(("focus_area", area.as_str().to_owned()));
        }
        if let Some(district) = &self.district {
            pairs.push(("district", district.clone()));
        }
        if let Some(department) = self.department {
            pairs.push(("department", department.to_string()));
        }
        if let Some(goal) = self.goal {
            pairs.push(("goal", goal.to_string()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", crate::text::percent_encode(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &[(&str, &str)]) -> Result<IdeaExport, AppError> {
        IdeaExport::parse(|name| {
            query
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn an_export_goes_out_and_comes_back_alike() -> Result<(), AppError> {
        let export = parse(&[
            ("status", "implemented"),
            ("focus_area", "gain"),
            ("district", " Bekkestua "),
            ("department", "3"),
            ("goal", ""),
            ("from", "2026-01-01"),
            ("to", "2026-12-31"),
        ])?;
        assert_eq!(export.district.as_deref(), Some("Bekkestua"));
        assert_eq!(export.goal, None, "empty is any");
        let query = export.query();
        assert_eq!(
            query,
            "status=implemented&focus_area=gain&district=Bekkestua&department=3&from=2026-01-01&to=2026-12-31"
        );
        let back = IdeaExport::parse(|name| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_owned())
        })?;
        assert_eq!(back, export);
        assert_eq!(parse(&[])?, IdeaExport::default());
        Ok(())
    }

    #[test]
    fn what_the_form_could_not_send_is_refused_by_name() {
        for (query, field, problem) in [
            (("status", "draft"), "status", Problem::UnknownChoice),
            (("status", "nonsense"), "status", Problem::UnknownChoice),
            (("department", "x"), "department", Problem::UnknownChoice),
            (("from", "2026-13-01"), "from", Problem::InvalidDate),
        ] {
            assert_eq!(
                parse(&[query]),
                Err(AppError::invalid(field, problem)),
                "{query:?}"
            );
        }
        assert_eq!(
            parse(&[("from", "2026-02-01"), ("to", "2026-01-31")]),
            Err(AppError::invalid("to", Problem::DateBeforeStart))
        );
        assert!(parse(&[("focus_area", "nonsense")]).is_err());
    }
}
