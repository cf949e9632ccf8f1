//! The five focus areas (innsatsområder) of the municipality's innovation
//! strategy. Every idea and every challenge serves one of them.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};
use crate::i18n::Messages;

crate::stored_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum FocusArea {
        /// Innovasjonskompetanse.
        InnovationCompetence = "innovation_competence",
        /// Stjæl og del.
        StealAndShare = "steal_and_share",
        /// Samarbeid på tvers.
        Collaboration = "collaboration",
        /// Åpen innovasjon og samskaping.
        CoCreation = "co_creation",
        /// Hva er gevinsten?
        Gain = "gain",
    }
}

impl FocusArea {
    pub fn parse(field: &str, value: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|area| area.as_str() == value)
            .ok_or_else(|| {
                if value.trim().is_empty() {
                    AppError::invalid(field, Problem::Required)
                } else {
                    AppError::invalid(field, Problem::UnknownChoice)
                }
            })
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::InnovationCompetence => t.area_competence_title,
            Self::StealAndShare => t.area_share_title,
            Self::Collaboration => t.area_collaboration_title,
            Self::CoCreation => t.area_open_title,
            Self::Gain => t.area_gain_title,
        }
    }
}
