//! "Hva er gevinsten?" (the strategy's fifth focus area): the benefit plan
//! of an idea in the pipeline (estimated cost, effort and yearly value, and
//! KPIs with baseline, target and owner), the measurements that show what
//! it brought, reminders to measure, and what staff learned (lessons). Its gates (a KPI before an idea is
//! selected, a target reached or a reason before its benefits are called
//! realised) are in the one place that moves an idea, `ideas::lifecycle`.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod dashboards;
#[cfg(feature = "ssr")]
pub mod lessons;
#[cfg(feature = "ssr")]
pub mod measurements;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod rollups;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
