//! The words of "hva er gevinsten?": the benefit plan and its KPIs and
//! measurements (`plan.rs`), and the roll-ups of the dashboards
//! (`dashboard.rs`). Forms are parsed here, so a server function's input
//! cannot hold what its page refuses.
mod dashboard;
mod plan;

pub use dashboard::*;
pub use plan::*;
