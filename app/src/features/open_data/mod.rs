//! Open data: the page that tells a civic developer how to use the
//! read-only API at `/api/v1` (served by the server crate, which also
//! writes the whole public data set as one download), with the facts of
//! this installation: its address and the API's limit.
pub mod api;
pub mod types;
