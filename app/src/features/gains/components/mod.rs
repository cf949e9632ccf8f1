//! The parts of the staff's benefit plan page (`/ideas/{id}/benefits`):
//! the estimates, one card per KPI with its measurements and forms, and
//! the form that adds a KPI; the staff's lesson form; and the public KPIs
//! and lesson on the idea's page. Every
//! form is a plain form that posts and comes back.
pub mod charts;
mod figures;
pub mod kpi_card;
mod kpi_form;
mod lesson;
mod measurements;
mod public;

pub use figures::FiguresForm;
pub use kpi_card::KpiCard;
pub use kpi_form::AddKpiForm;
pub use lesson::{LessonEditor, PublicLesson};
pub use public::{PublicBenefits, PublicKpiItem};
